#!/usr/bin/python3
"""The peers of bench/suite in one process (the development loop, beside bench/suite-fast).

    peers_fast.py [--problems a,b] [--methods a,b] [--seeds 1,2,3]

The same peers, starts, steps, budgets and call seeds as peers.py, but each call evaluates the
problem in this process instead of running problem.py, so all peers on a dozen problems take
minutes. Prints one line per run and the same per-problem table as bench/suite-fast. The numbers
that count are bench/suite's (a process per call for every method alike).
"""
import argparse
import json
import os
import statistics
import sys

import numpy as np

import peers
import problem


class InProcess(peers.Problem):
    def __init__(self, spec, seed, instance):
        super().__init__(spec, seed, None, None)
        self.instance = instance
        self.best = float("inf")
        self.to_target = None
        self.trues = []

    def __call__(self, x):
        if self.calls >= self.spec["budget"]:
            raise peers.Budget()
        self.calls += 1
        x = np.array([min(max(float(v), l), u) for v, l, u in zip(x, self.lower, self.upper)])
        value = problem.observed_value(self.instance, x, self.seed * 1_000_003 + self.calls)
        truth = problem.true_value(self.instance, x)
        self.trues.append(truth)
        self.best = min(self.best, truth)
        if self.to_target is None and truth <= self.spec["target"]:
            self.to_target = self.calls
        return float(value)


def record(out, spec, seed, method, p):
    """One run as bench/suite's evaluate() records it (calls-to-target from the noise-free scores)."""
    def first_hit(target):
        return next((i + 1 for i, v in enumerate(p.trues) if v <= target), None)
    r = {"problem": spec["id"], "family": spec["family"], "dim": spec["dim"], "seed": seed,
         "method": method, "budget": spec["budget"], "calls": len(p.trues), "seconds": 0.0,
         "status": "ok", "target": spec["target"], "calls_to_target": first_hit(spec["target"]),
         "targets": spec["targets"], "calls_to_targets": [first_hit(t) for t in spec["targets"]],
         "best": min(p.trues) if p.trues else float("inf"), "score_at_truth": spec["score_at_truth"]}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.jsonl"), "a") as fh:
        fh.write(json.dumps(r) + "\n")


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--problems", default="sphere-5,ellipsoid-5,sharp-ridge-5,rosenbrock-5,rastrigin-5,"
                    "gallagher-5,rosenbrock-2-gauss,sphere-5-gauss,sphere-5-uniform,sphere-5-cauchy,"
                    "pulse-mc-7,rlc-5,valley-3")
    ap.add_argument("--methods", default=",".join(sorted(peers.PEERS)))
    ap.add_argument("--seeds", default="1,2")
    ap.add_argument("--out", help="append each run to OUT/results.jsonl in bench/suite's format, so that "
                    "'bench/suite --report OUT' summarises them with Autotune's runs")
    args = ap.parse_args(argv)
    methods = args.methods.split(",")
    table = {}
    for pid in args.problems.split(","):
        for seed in map(int, args.seeds.split(",")):
            instance = problem.make(pid, seed)
            spec = problem.describe(pid, instance)
            for m in methods:
                p = InProcess(spec, seed, instance)
                if m.startswith("optuna-"):
                    peers.run_optuna(p, "tpe" if m == "optuna-tpe" else "cmaes")
                elif m.startswith("scipy-"):
                    peers.run_scipy(p, "Nelder-Mead" if m == "scipy-nelder-mead" else "Powell")
                elif m == "nlopt-bobyqa":
                    peers.run_nlopt(p)
                else:
                    peers.run_migrad(p)
                if args.out:
                    record(args.out, spec, seed, m, p)
                print("%-20s seed %d %-20s to-target %5s best %-10.4g calls %4d" % (
                    pid, seed, m, p.to_target or "-", p.best, p.calls), flush=True)
                table.setdefault((spec["family"] + " " + pid, m), []).append(p)
    print("\nper problem: runs reaching the target, median calls-to-target, median best")
    for key in sorted({k[0] for k in table}):
        line = "%-38s" % key
        for m in methods:
            runs = table[(key, m)]
            hits = [r.to_target or float("inf") for r in runs]
            med = statistics.median(hits)
            line += " | %d/%d %5s %-9.3g" % (sum(r.to_target is not None for r in runs), len(runs),
                                             "inf" if med == float("inf") else round(med),
                                             statistics.median(r.best for r in runs))
        print(line)
    print("methods: " + " | ".join(methods))


if __name__ == "__main__":
    main(sys.argv[1:])
