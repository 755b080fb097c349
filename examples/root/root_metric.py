"""A Python metric that reads the simulator's ROOT output with uproot (example for Autotune).

Campaign file:

    metric:
      type: python
      function: root_metric:feature_pulls
      path: .                          # the folder holding this file
      reference: reference/features.h5 # measured features: root_to_hdf5.py data.root events reference/features.h5

The simulator writes `events.root` with a TTree `events` holding one entry per event and flat
branches `amplitude`, `rise_time_us`, `fall_time_us`. The score is the sum of squared standardised
differences of the means and standard deviations, as Autotune's built-in mean-std metric computes
them, so a campaign can switch between the two and compare.

Needs: pip install uproot numpy h5py   (uproot is pure Python; no ROOT installation is needed).
"""
import math

import numpy as np

TREE = "events"
COLUMNS = ["amplitude", "rise_time_us", "fall_time_us"]


def read_root(path, tree=TREE, columns=COLUMNS):
    """The named flat branches of a TTree as numpy arrays."""
    import uproot  # imported here so that the rest of the module works (and is tested) without it

    with uproot.open(path) as f:
        return f[tree].arrays(columns, library="np")


def read_reference(path, columns=COLUMNS, group="/"):
    """Reference columns from an HDF5 group of 1-D datasets (see root_to_hdf5.py)."""
    import h5py

    with h5py.File(path, "r") as f:
        return {c: np.asarray(f[group][c], dtype=float) for c in columns}


def pulls(sim, ref, columns=COLUMNS):
    """Standardised differences of mean and standard deviation per column.

    se(mean) = s / sqrt(n); se(std) = s / sqrt(2 (n - 1)) (normal approximation), both samples'
    errors added in quadrature.
    """
    out = {}
    for c in columns:
        x, y = np.asarray(sim[c], dtype=float), np.asarray(ref[c], dtype=float)
        if len(x) < 2:
            raise ValueError(f"column {c}: {len(x)} simulated events; at least 2 are needed")
        sx, sy = x.std(ddof=1), y.std(ddof=1)
        se_mean = math.sqrt(sx**2 / len(x) + sy**2 / len(y))
        se_std = math.sqrt(sx**2 / (2 * (len(x) - 1)) + sy**2 / (2 * (len(y) - 1)))
        out[f"{c}.mean"] = (x.mean() - y.mean()) / se_mean
        out[f"{c}.std"] = (sx - sy) / se_std
    return out


def feature_pulls(sample_dir, reference):
    """Autotune calls this once per finished sample."""
    p = pulls(read_root(f"{sample_dir}/events.root"), read_reference(reference, group=TREE))
    return {"value": float(sum(v * v for v in p.values())), "components": {k: float(v) for k, v in p.items()}}
