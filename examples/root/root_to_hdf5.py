"""Convert a ROOT TTree to an HDF5 file that Autotune reads directly (no Python at run time).

    python3 root_to_hdf5.py data.root events reference/features.h5 [branch ...]

Flat numeric branches become 1-D datasets of the group /<tree> (one table: refer to it as
`reference: reference/features.h5#/events`); fixed-size array branches (e.g. `double trace[1024]`)
become 2-D datasets [entry, sample] usable as traces (`reference/features.h5#/events/trace`).
Jagged (variable-length) branches are skipped with a message: flatten or pad them first.

For CSV instead of HDF5:  f[tree].arrays(branches, library="pd").to_csv("features.csv", index=False)

Needs: pip install uproot numpy h5py
"""
import sys

import h5py
import numpy as np
import uproot


def convert(root_path, tree_name, out_path, branches=None):
    with uproot.open(root_path) as f, h5py.File(out_path, "w") as out:
        tree = f[tree_name]
        group = out.create_group(tree_name)
        for name in branches or tree.keys():
            try:
                values = tree[name].array(library="np")
            except Exception as e:  # jagged or non-numeric branches cannot be one array
                print(f"skipped branch {name}: {e}", file=sys.stderr)
                continue
            if values.dtype == object or not np.issubdtype(values.dtype, np.number):
                print(f"skipped branch {name}: not a flat or fixed-size numeric branch", file=sys.stderr)
                continue
            group.create_dataset(name, data=values, compression="gzip")
            print(f"{tree_name}/{name}: {values.shape} {values.dtype}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:] or None)
