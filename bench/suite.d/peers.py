#!/usr/bin/python3
"""The external peers of bench/suite, each driving the very same problem command as Autotune.

    peers.py METHOD --problem ID --seed S --log FILE --workdir DIR

Every peer starts at the problem's start, with an initial step of a tenth of each range, inside
the bounds, and gets the problem's budget of calls; the call after the last one raises Budget, so no
peer can spend more. Each call writes the parameter file and runs problem.py as a separate process,
exactly as Autotune's simulator does (problem.py appends the call to the log). Exit code 3 with one
line naming the apt command when the peer's package is missing.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"

# peer -> (module it needs, Debian package)
PEERS = {
    "optuna-tpe": ("optuna", "python3-optuna"),
    "optuna-cma-es": ("cmaes", "python3-optuna python3-cmaes"),
    "scipy-nelder-mead": ("scipy", "python3-scipy"),
    "scipy-powell": ("scipy", "python3-scipy"),
    "nlopt-bobyqa": ("nlopt", "python3-nlopt"),
    "iminuit-migrad": ("iminuit", "python3-iminuit"),
}


class Budget(Exception):
    """The budget of calls is spent."""


class Problem:
    """Calls problem.py in a fresh process per point; counts calls and stops at the budget."""

    def __init__(self, spec, seed, log, workdir):
        self.spec, self.seed, self.log, self.workdir = spec, seed, log, workdir
        self.calls = 0
        self.lower, self.upper = spec["lower"], spec["upper"]
        self.step = [(u - l) / 10 for l, u in zip(self.lower, self.upper)]

    def __call__(self, x):
        if self.calls >= self.spec["budget"]:
            raise Budget()
        self.calls += 1
        # clip: some peers step a rounding error outside the box; the problem is defined inside it
        x = [min(max(float(v), l), u) for v, l, u in zip(x, self.lower, self.upper)]
        params = os.path.join(self.workdir, "params.txt")
        with open(params, "w") as fh:
            for name, v in zip(self.spec["names"], x):
                fh.write("%s %r\n" % (name, v))
        # a call seed per (run seed, call), so noisy problems draw fresh noise on every call
        out = subprocess.run([PYTHON, os.path.join(HERE, "problem.py"), self.spec["id"],
                              "--seed", str(self.seed), "--params", params,
                              "--call-seed", str(self.seed * 1_000_003 + self.calls),
                              "--log", self.log], capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])


def run_optuna(p, sampler_name):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    spec = p.spec
    lower, upper = spec["lower"], spec["upper"]
    # Optuna's parameters are the unit-cube coordinates: its CmaEsSampler takes one sigma0 for all
    # parameters, in their own units, so only in the unit cube is sigma0 = 0.1 a tenth of each range
    names = ["u%d" % i for i in range(len(lower))]
    start = {n: (s - l) / (u - l) for n, s, l, u in zip(names, spec["start"], lower, upper)}
    if sampler_name == "tpe":
        sampler = optuna.samplers.TPESampler(seed=p.seed)
    else:
        sampler = optuna.samplers.CmaEsSampler(x0=start, sigma0=0.1, seed=p.seed)
    study = optuna.create_study(sampler=sampler)
    if sampler_name == "tpe":
        study.enqueue_trial(start)        # TPE takes no start point; its first sample is the start

    def objective(trial):
        return p([l + trial.suggest_float(n, 0.0, 1.0) * (u - l) for n, l, u in zip(names, lower, upper)])

    try:
        study.optimize(objective, n_trials=spec["budget"])
    except Budget:
        pass


def run_scipy(p, method):
    import numpy as np
    from scipy.optimize import minimize
    x0 = np.array(p.spec["start"])
    bounds = list(zip(p.spec["lower"], p.spec["upper"]))
    step = np.array(p.step)
    try:
        if method == "Nelder-Mead":
            simplex = np.vstack([x0] + [x0 + np.eye(len(x0))[i] * step[i] * np.sign(
                (p.spec["upper"][i] + p.spec["lower"][i]) / 2 - x0[i] or 1) for i in range(len(x0))])
            minimize(p, x0, method="Nelder-Mead", bounds=bounds,
                     options={"initial_simplex": simplex, "maxfev": p.spec["budget"], "xatol": 1e-8, "fatol": 1e-12})
        else:
            # Powell's initial directions scaled to a tenth of each range
            minimize(p, x0, method="Powell", bounds=bounds,
                     options={"direc": np.diag(step), "maxfev": p.spec["budget"], "xtol": 1e-8, "ftol": 1e-12})
    except Budget:
        pass


def run_nlopt(p):
    import nlopt
    d = len(p.spec["start"])
    opt = nlopt.opt(nlopt.LN_BOBYQA, d)
    opt.set_lower_bounds(p.spec["lower"])
    opt.set_upper_bounds(p.spec["upper"])
    opt.set_initial_step(p.step)
    opt.set_maxeval(p.spec["budget"])
    opt.set_min_objective(lambda x, grad: p(x))
    try:
        opt.optimize(p.spec["start"])
    except (Budget, nlopt.ForcedStop, RuntimeError):
        pass                              # nlopt re-raises exceptions from the objective


def run_migrad(p):
    from iminuit import Minuit
    m = Minuit(lambda x: p(x), p.spec["start"])
    m.errors = p.step
    m.limits = list(zip(p.spec["lower"], p.spec["upper"]))
    m.errordef = Minuit.LEAST_SQUARES
    try:
        m.migrad(ncall=p.spec["budget"])
    except Budget:
        pass


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("method", choices=sorted(PEERS))
    ap.add_argument("--problem", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args(argv)
    module, package = PEERS[args.method]
    try:
        __import__(module)
    except ImportError:
        print("%s skipped: module %s missing; fix: apt-get install -y %s" % (args.method, module, package))
        sys.exit(3)
    spec = json.loads(subprocess.run([PYTHON, os.path.join(HERE, "problem.py"), args.problem, "--seed",
                                      str(args.seed), "--describe"], capture_output=True, text=True,
                                     check=True).stdout)
    os.makedirs(args.workdir, exist_ok=True)
    p = Problem(spec, args.seed, args.log, args.workdir)
    if args.method.startswith("optuna-"):
        run_optuna(p, "tpe" if args.method == "optuna-tpe" else "cmaes")
    elif args.method.startswith("scipy-"):
        run_scipy(p, "Nelder-Mead" if args.method == "scipy-nelder-mead" else "Powell")
    elif args.method == "nlopt-bobyqa":
        run_nlopt(p)
    else:
        run_migrad(p)
    print("%s: %d calls" % (args.method, p.calls))


if __name__ == "__main__":
    main(sys.argv[1:])
