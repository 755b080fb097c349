#!/usr/bin/python3
"""One problem of bench/suite, called once per simulator run, by Autotune and by every peer alike.

    problem.py ID --seed S --params FILE [--call-seed N] [--log FILE] [--out FILE]
    problem.py ID --seed S --describe

ID is a problem name with its dimension and optional noise model, e.g. sphere-2, rosenbrock-8-gauss,
rlc-5. --seed chooses the problem instance (optimum, rotation, start), as COCO's instances do;
--call-seed draws the noise of this one call. The parameter file has one "name value" line per
parameter. The score (what the optimizer sees) is printed and written to --out; every call is
appended to --log as a JSON line (score, noise-free score, time), so calls-to-target is counted the
same way for every method, from the calls that really ran.

--describe prints the problem as JSON: parameter names, bounds, start, budget, family, whether it is
noisy, the target and the data-profile targets. Target = the noise-free score at the truth plus one
noise standard deviation there; where that noise vanishes (deterministic problems, bbob-noisy's
multiplicative noise) a stated precision takes its place: Delta f = 0.1 for the COCO functions,
Delta chi2 = 1 (one standard deviation of a fitted parameter) for chi2 problems.

Python 3 standard library + numpy only.
"""
import argparse
import fcntl
import json
import math
import os
import sys
import time
import zlib

import numpy as np

import physics

DIMS = (2, 5, 8, 12, 20)
NOISE_MODELS = ("gauss", "uniform", "cauchy")


# ---------------------------------------------------------------- COCO/BBOB building blocks
# Definitions: Finck, Hansen, Ros, Auger, "Real-parameter black-box optimization benchmarking
# 2009: noiseless functions definitions" (INRIA RR-6829) and Hansen et al., "... noisy functions
# definitions" (RR-6869). Written from those formulas; instances are our own seeded draws, so the
# numbers differ from COCO's instances but the landscapes are the same.

def t_osz(x):
    """Oscillation transformation: smooth local irregularities, identity in sign and scale."""
    x = np.asarray(x, dtype=float)
    xhat = np.where(x != 0, np.log(np.abs(x) + (x == 0)), 0.0)
    c1 = np.where(x > 0, 10.0, 5.5)
    c2 = np.where(x > 0, 7.9, 3.1)
    return np.sign(x) * np.exp(xhat + 0.049 * (np.sin(c1 * xhat) + np.sin(c2 * xhat)))


def t_asy(x, beta):
    """Asymmetry transformation: positive coordinates are raised to a growing power."""
    d = len(x)
    i = np.arange(d)
    expo = 1 + beta * i / max(d - 1, 1) * np.sqrt(np.maximum(x, 0))
    return np.where(x > 0, np.abs(x) ** expo, x)


def lam(alpha, d):
    """Diagonal conditioning matrix Lambda^alpha."""
    return np.diag(alpha ** (0.5 * np.arange(d) / max(d - 1, 1)))


def rotation(rng, d):
    """A random orthogonal matrix (Gram-Schmidt of a Gaussian matrix, as COCO does)."""
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.sign(np.diag(r))


def f_pen(x):
    """Boundary penalty outside [-5, 5]^D (never active inside our bounds, kept for fidelity)."""
    return float(np.sum(np.maximum(0.0, np.abs(x) - 5.0) ** 2))


class Bbob:
    """A COCO/BBOB function on [-5, 5]^D with f_opt = 0 and a seeded instance."""

    family = None
    budget_per_dim = 20

    def __init__(self, d, seed):
        self.d = d
        # crc32, not hash(): Python salts string hashes per process
        rng = np.random.default_rng([20, d, seed, zlib.crc32(self.name.encode())])
        self.xopt = rng.uniform(-4, 4, d)
        self.r = rotation(rng, d)
        self.q = rotation(rng, d)
        self.setup(rng)
        # The start: a seeded point of the domain at least half the domain's half-width from the
        # optimum in every instance, so no method starts next to it by luck.
        while True:
            start = rng.uniform(-4, 4, d)
            if np.linalg.norm(start - self.truth()) > 2.5 * math.sqrt(d):
                break
        self.start = start

    def setup(self, rng):
        pass

    def truth(self):
        return self.xopt

    def names(self):
        return ["x%d" % (i + 1) for i in range(self.d)]

    def bounds(self):
        return [-5.0] * self.d, [5.0] * self.d

    def precision(self):
        return 0.1


class Sphere(Bbob):
    name, family, budget_per_dim = "sphere", "separable", 10

    def f(self, x):
        return float(np.sum((x - self.xopt) ** 2))


class Ellipsoid(Bbob):
    """f10: rotated ellipsoid, condition 10^6."""
    name, family = "ellipsoid", "ill-conditioned"

    def f(self, x):
        z = t_osz(self.r @ (x - self.xopt))
        w = 10 ** (6 * np.arange(self.d) / max(self.d - 1, 1))
        return float(np.sum(w * z * z))


class Rosenbrock(Bbob):
    """f9: rotated Rosenbrock; the optimum sits where z = 1."""
    name, family, budget_per_dim = "rosenbrock", "valley", 40

    def setup(self, rng):
        self.c = max(1.0, math.sqrt(self.d) / 8)

    def truth(self):
        return self.r.T @ (np.full(self.d, 0.5) / self.c)

    def f(self, x):
        z = self.c * (self.r @ x) + 0.5
        return float(np.sum(100 * (z[:-1] ** 2 - z[1:]) ** 2 + (z[:-1] - 1) ** 2))


class SharpRidge(Bbob):
    """f13: a ridge whose cross-section is a cone (non-differentiable along it)."""
    name, family = "sharp-ridge", "ill-conditioned"

    def f(self, x):
        z = self.q @ lam(10, self.d) @ self.r @ (x - self.xopt)
        return float(z[0] ** 2 + 100 * math.sqrt(np.sum(z[1:] ** 2)))


class DifferentPowers(Bbob):
    """f14: sensitivities of the coordinates grow apart near the optimum."""
    name, family = "different-powers", "ill-conditioned"

    def f(self, x):
        z = self.r @ (x - self.xopt)
        return float(math.sqrt(np.sum(np.abs(z) ** (2 + 4 * np.arange(self.d) / max(self.d - 1, 1)))))


class Rastrigin(Bbob):
    """f15: rotated Rastrigin, about 10^D local minima on a global quadratic."""
    name, family, budget_per_dim = "rastrigin", "multimodal", 40

    def f(self, x):
        z = self.r @ lam(10, self.d) @ self.q @ t_asy(t_osz(self.r @ (x - self.xopt)), 0.2)
        return float(10 * (self.d - np.sum(np.cos(2 * math.pi * z))) + np.sum(z * z))


class Schaffers(Bbob):
    """f17: Schaffers F7, a multimodal function whose modulation varies in frequency and size."""
    name, family, budget_per_dim = "schaffers", "multimodal", 40

    def f(self, x):
        z = lam(10, self.d) @ self.q @ t_asy(self.r @ (x - self.xopt), 0.5)
        s = np.sqrt(z[:-1] ** 2 + z[1:] ** 2)
        inner = np.mean(np.sqrt(s) + np.sqrt(s) * np.sin(50 * s ** 0.2) ** 2)
        return float(inner ** 2 + 10 * f_pen(x))


class Gallagher(Bbob):
    """f21: 101 Gaussian peaks of random heights and shapes; the global one has weight 10."""
    name, family, budget_per_dim = "gallagher", "multimodal", 40

    def setup(self, rng):
        n = 101
        self.w = np.concatenate([[10.0], 1.1 + 8 * np.arange(n - 1) / (n - 2)])
        self.y = rng.uniform(-4.9, 4.9, (n, self.d))
        self.y[0] = rng.uniform(-4, 4, self.d)
        alphas = np.concatenate([[1000.0], rng.permutation(1000 ** (2 * np.arange(n - 1) / (n - 2)))])
        # C_i = Lambda^alpha_i / alpha_i^(1/4) with randomly permuted diagonal elements
        self.c = np.array([rng.permutation(np.diag(lam(a, self.d))) / a ** 0.25 for a in alphas])
        self.xopt = self.y[0]

    def f(self, x):
        u = (self.r @ (x - self.y).T).T
        g = self.w * np.exp(-np.sum(self.c * u * u, axis=1) / (2 * self.d))
        return float(t_osz(np.array([10 - np.max(g)]))[0] ** 2 + f_pen(x))


BBOB = {c.name: c for c in (Sphere, Ellipsoid, Rosenbrock, SharpRidge, DifferentPowers, Rastrigin,
                            Schaffers, Gallagher)}


# ---------------------------------------------------------------- bbob-noisy noise models
# f_GN(f, beta) = f exp(beta N(0,1));  f_UN(f, alpha, beta) = f U^beta max(1, (1e9/(f+eps))^(alpha U'));
# f_CN(f, alpha, p) = f + alpha max(0, 1000 + [U < p] N/(|N'| + eps)).  Applied to f - f_opt only
# where it is at least 1e-8, as in RR-6869. Strengths: Gaussian and uniform at 10 % (between the
# published "moderate" 1 % and "severe" 100 %: the 10 % multiplicative noise physicists meet in
# Monte Carlo weights), Cauchy at the published moderate alpha = 0.01, p = 0.05.

def add_noise(model, f, d, rng):
    if f < 1e-8:
        return f
    if model == "gauss":
        g = f * math.exp(0.1 * rng.standard_normal())
    elif model == "uniform":
        alpha = 0.1 * (0.49 + 1 / d)
        g = f * rng.uniform() ** 0.1 * max(1.0, (1e9 / (f + 1e-99)) ** (alpha * rng.uniform()))
    else:
        outlier = rng.standard_normal() / (abs(rng.standard_normal()) + 1e-199) if rng.uniform() < 0.05 else 0.0
        g = f + 0.01 * max(0.0, 1000 + outlier)
    return g + 1.01e-8


class Noisy:
    """A BBOB function with a bbob-noisy noise model; targets use the noise-free value."""

    def __init__(self, base, model):
        self.base, self.model = base, model
        self.name = "%s-%s" % (base.name, model)
        self.family = "noisy-" + model
        self.budget_per_dim = 40
        self.d, self.start = base.d, base.start

    def __getattr__(self, attr):
        return getattr(self.base, attr)

    def value(self, x, rng):
        return add_noise(self.model, self.base.f(x), self.d, rng)


# ---------------------------------------------------------------- the problem list

def make(problem_id, seed):
    """Builds a problem from its ID, e.g. sphere-5, rosenbrock-8-gauss, pulse-mc-7."""
    for name, cls in physics.PROBLEMS.items():
        if problem_id == name:
            return cls(seed)
    parts = problem_id.split("-")
    model = parts.pop() if parts[-1] in NOISE_MODELS else None
    try:
        d = int(parts.pop())
    except ValueError:
        d = None
    name = "-".join(parts)
    if name not in BBOB or d is None or d < 2:
        raise SystemExit("problem.py: unknown problem '%s'; fix: use one of %s"
                         % (problem_id, ", ".join(all_ids())))
    base = BBOB[name](d, seed)
    return Noisy(base, model) if model else base


def all_ids():
    """Every problem of the full suite, in families."""
    ids = ["sphere-2", "sphere-5", "sphere-20",
           "ellipsoid-2", "ellipsoid-5", "ellipsoid-12",
           "sharp-ridge-5", "sharp-ridge-8", "different-powers-5", "different-powers-12",
           "rosenbrock-2", "rosenbrock-5", "rosenbrock-8", "rosenbrock-12",
           "rastrigin-2", "rastrigin-5", "rastrigin-8",
           "schaffers-5", "schaffers-8", "gallagher-2", "gallagher-5", "gallagher-20",
           "rosenbrock-2-gauss", "sphere-5-gauss", "rosenbrock-8-gauss", "ellipsoid-12-gauss",
           "sphere-5-uniform", "rosenbrock-5-uniform", "ellipsoid-8-uniform",
           "sphere-5-cauchy", "rosenbrock-8-cauchy", "ellipsoid-5-cauchy"]
    return ids + list(physics.PROBLEMS)


def true_value(p, x):
    """The noise-free score (or a high-statistics estimate of it) that targets are judged on."""
    return p.f(x) if hasattr(p, "f") else p.expected(x)


def observed_value(p, x, call_seed):
    if hasattr(p, "value"):
        return p.value(x, np.random.default_rng([31, call_seed]))
    return p.f(x)


def describe(problem_id, p):
    lower, upper = p.bounds()
    truth = np.asarray(p.truth())
    f_truth = true_value(p, truth)
    noisy = hasattr(p, "value")
    sd = p.noise_sd() if hasattr(p, "noise_sd") else 0.0
    delta = max(sd, p.precision())
    # data-profile targets: the main target's distance to the truth's score times 100 ... 0.01
    ladder = [f_truth + delta * 10.0 ** k for k in (2, 1, 0, -1, -2)]
    return {
        "id": problem_id, "family": p.family, "dim": p.d, "names": p.names(),
        "lower": list(map(float, lower)), "upper": list(map(float, upper)),
        "start": list(map(float, p.start)), "truth": list(map(float, truth)),
        "noisy": noisy, "budget": int(p.budget_per_dim * p.d),
        "score_at_truth": f_truth, "noise_sd_at_truth": sd, "target": f_truth + delta,
        "targets": ladder,
    }


def read_params(path, names):
    values = {}
    with open(path) as fh:
        for line in fh:
            if line.strip():
                key, val = line.split()
                values[key] = float(val)
    missing = [n for n in names if n not in values]
    if missing:
        raise SystemExit("problem.py: %s: no value for %s; fix: one 'name value' line per parameter"
                         % (path, ", ".join(missing)))
    return np.array([values[n] for n in names])


def append_log(path, record):
    """One JSON line per call; locked, because Autotune with several slots calls in parallel."""
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.write(json.dumps(record) + "\n")
        fh.flush()
        fcntl.flock(fh, fcntl.LOCK_UN)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("id")
    ap.add_argument("--seed", type=int, default=1, help="problem instance")
    ap.add_argument("--params", help="parameter file: one 'name value' line per parameter")
    ap.add_argument("--call-seed", type=int, default=0, help="seed of this call's noise")
    ap.add_argument("--log", help="call log to append to (JSON lines)")
    ap.add_argument("--out", help="file to write the score to")
    ap.add_argument("--describe", action="store_true")
    args = ap.parse_args(argv)
    p = make(args.id, args.seed)
    if args.describe:
        print(json.dumps(describe(args.id, p)))
        return
    if not args.params:
        raise SystemExit("problem.py: --params FILE is required; fix: pass the parameter file")
    x = read_params(args.params, p.names())
    value = observed_value(p, x, args.call_seed)
    record = {"time": time.time(), "value": value, "true": true_value(p, x),
              "pid": os.getpid(), "x": list(map(float, x))}
    if args.log:
        append_log(args.log, record)
    text = repr(float(value))
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
