#!/usr/bin/python3
"""Writes the HDF5 test files with the reference HDF5 library (h5py), so the Java reader is tested
on files it did not write itself. Values follow simple formulas the tests check exactly.

Run from this folder:  /usr/bin/python3 make-files.py   (Debian: apt-get install python3-h5py)
"""
import h5py
import numpy as np

n = 50
i = np.arange(n)
energy = 0.5 * i                     # keV
amplitude = (0.25 * i).astype("f4")   # float32 column
rise = 1e-6 * (i + 1)
hits = (3 * i).astype("i4")          # integer column

# A compound dataset ("table"), as PyTables, pandas and most DAQ code write them; chunked + gzip.
rows = np.zeros(n, dtype=[("energy", "f8"), ("amplitude", "f4"), ("rise", "f8"), ("hits", "i4")])
rows["energy"], rows["amplitude"], rows["rise"], rows["hits"] = energy, amplitude, rise, hits
with h5py.File("features-table.h5", "w") as f:
    f.create_dataset("events", data=rows, chunks=(16,), compression="gzip")
    f.attrs["description"] = "compound dataset /events"

# Columns as 1-D datasets of one group, plus traces as a 2-D dataset [trace, sample].
t = np.arange(64)
traces = np.array([(k + 1) * np.exp(-t / 8.0) * (t >= 16) for k in range(5)], dtype="f4")
noise = np.array([np.sin(0.1 * (k + 1) * t) for k in range(3)])
with h5py.File("features-columns.h5", "w") as f:
    g = f.create_group("run1/features")
    g.create_dataset("energy", data=energy)
    g.create_dataset("amplitude", data=amplitude, compression="gzip")
    g.create_dataset("rise", data=rise)
    g.create_dataset("hits", data=hits)
    f.create_dataset("run1/traces", data=traces, compression="gzip", shuffle=True)
    f.create_dataset("run1/noise", data=noise)
    f.create_dataset("run1/labels", data=np.array([b"a", b"b"]))

# Columns at the root of the file (the simplest layout), and a file with no numeric table.
with h5py.File("root-columns.h5", "w") as f:
    f.create_dataset("energy", data=energy)
    f.create_dataset("hits", data=hits)
    f.create_dataset("short", data=energy[:10])

with h5py.File("traces-only.h5", "w") as f:
    f.create_dataset("pulses", data=traces.astype("f8"))
