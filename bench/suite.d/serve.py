#!/usr/bin/python3
"""bench/suite's problems as one long-lived process, for the in-process development loop (bench/suite-fast).

Reads one request per line on stdin and answers one line on stdout:
    describe ID SEED                    -> the problem as JSON (as problem.py --describe)
    eval ID SEED CALL_SEED x1 x2 ...    -> "score noise_free_score"
The problems and their noise are exactly those of problem.py (the same functions are called), only
without a process per call, so an optimizer can be tried on many problems in seconds.
"""
import json
import sys

import numpy as np

import problem


def main():
    cache = {}
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        key = (parts[1], int(parts[2]))
        if key not in cache:
            cache[key] = problem.make(*key)
        p = cache[key]
        if parts[0] == "describe":
            out = json.dumps(problem.describe(parts[1], p))
        else:
            x = np.array([float(v) for v in parts[4:]])
            out = "%r %r" % (float(problem.observed_value(p, x, int(parts[3]))), float(problem.true_value(p, x)))
        sys.stdout.write(out + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
