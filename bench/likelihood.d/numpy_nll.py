#!/usr/bin/env python3
"""The peak-on-background -ln L in numpy with hand-written analytic derivatives: the reference that
bench/likelihood times beside Autotune's likelihood, in the same run and on the same events.

Protocol (one command per line on stdin, one answer line on stdout):
  version             numpy's version
  load PATH N SCALE   read N little-endian doubles (the energies, keV); rate multipliers = SCALE
  time ORDER [K]      K passes (default 1) at order 0 (value), 1 (+ gradient) or 2 (+ Hessian):
                      answers "SECONDS VALUE CPU_SECONDS" (for all K; CPU = time.process_time)
  memory ORDER        one untimed pass under tracemalloc: answers the peak bytes numpy allocated
  quit
Free parameters, in this order: signal multiplier, background multiplier, peak mean.
"""
import sys
import time
import tracemalloc

import numpy as np

SIGNAL, BACKGROUND, MEAN, WIDTH, LOWER, UPPER = 100.0, 1000.0, 5.0, 0.5, 0.0, 10.0
NORM = SIGNAL / (np.sqrt(2 * np.pi) * WIDTH)
FLAT = BACKGROUND / (UPPER - LOWER)


def nll(x, ms, mb, mean, order):
    z = (x - mean) / WIDTH
    rs = NORM * np.exp(-0.5 * z * z)              # signal rate at multiplier 1
    lam = ms * rs + mb * FLAT
    mu = ms * SIGNAL + mb * BACKGROUND
    value = mu - np.sum(np.log(lam))
    if order == 0:
        return value, None, None
    inv = 1.0 / lam
    drs = rs * (z / WIDTH)                        # d rs / d mean
    q = np.empty((3, x.size))                     # d lambda / d theta / lambda
    np.multiply(rs, inv, out=q[0])
    np.multiply(inv, FLAT, out=q[1])
    np.multiply(drs, inv, out=q[2])
    q[2] *= ms
    grad = np.array([SIGNAL, BACKGROUND, 0.0]) - q.sum(axis=1)
    if order == 1:
        return value, grad, None
    hess = q @ q.T                                # sum of d lambda d lambda / lambda^2
    d2 = rs * ((z * z - 1) / WIDTH ** 2)          # d2 rs / d mean2
    h02 = np.dot(drs, inv)                        # d2 lambda / d ms d mean = drs
    h22 = ms * np.dot(d2, inv)
    hess[0, 2] -= h02
    hess[2, 0] -= h02
    hess[2, 2] -= h22
    return value, grad, hess


def main():
    x, scale = None, 1.0
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "version":
            print(np.__version__, flush=True)
        elif words[0] == "load":
            x = np.fromfile(words[1], dtype="<f8", count=int(words[2]))
            scale = float(words[3])
            print("ok", flush=True)
        elif words[0] == "time":
            passes = int(words[2]) if len(words) > 2 else 1
            t0 = time.perf_counter()
            c0 = time.process_time()
            for _ in range(passes):
                value, _, _ = nll(x, scale, scale, MEAN, int(words[1]))
            seconds = time.perf_counter() - t0
            cpu = time.process_time() - c0
            print(f"{seconds:.9f} {value:.17g} {cpu:.9f}", flush=True)
        elif words[0] == "memory":
            tracemalloc.start()
            nll(x, scale, scale, MEAN, int(words[1]))
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(peak, flush=True)
        elif words[0] == "quit":
            return


if __name__ == "__main__":
    main()
