#!/usr/bin/python3
"""bench/suite: Autotune's optimizers and the real external peers side by side on problem families.

Autotune is measured only through its user interface: a generated campaign file with a `command`
simulator (problem.py) and a `command` metric that prints the score, run with
`autotune run FILE --dir DIR`. The peers (peers.py) call the very same problem command. Every call
of every method is appended by problem.py to that run's call log, and calls-to-target is counted
from those logs in the same way for all methods (the noise-free score of each call against the
target; only the first `budget` calls count).
"""
import argparse
import datetime
import json
import math
import os
import statistics
import subprocess
import sys
import time

import problem
import report

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"

AUTOTUNE = ["auto", "surrogate", "coordinate-descent", "bobyqa", "cma-es", "bayesian"]
PEERS = ["optuna-tpe", "optuna-cma-es", "scipy-nelder-mead", "scipy-powell", "nlopt-bobyqa",
         "iminuit-migrad"]
DEFAULT = "auto"
# one small problem from four families: 220 calls per method, about 11 minutes on 2 idle cores
QUICK_PROBLEMS = ["sphere-2", "ellipsoid-2", "rosenbrock-2-gauss", "valley-2"]
# --quick: the default, the optimizer it replaced, the naive baseline, and every peer
QUICK_METHODS = ["auto", "surrogate", "coordinate-descent"] + PEERS


def main(argv):
    ap = argparse.ArgumentParser(prog="bench/suite", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="a subset (%s; methods %s), seed 1: under 20 minutes on 2 cores"
                    % (",".join(QUICK_PROBLEMS), ",".join(QUICK_METHODS)))
    ap.add_argument("--problems", help="comma-separated problem IDs (default: all %d)" % len(problem.all_ids()))
    ap.add_argument("--methods", help="comma-separated methods (default: all): " + ",".join(AUTOTUNE + PEERS))
    ap.add_argument("--seeds", help="comma-separated seeds = problem instances (default 1,2,3; --quick: 1)")
    ap.add_argument("--slots", type=int, default=1,
                    help="Autotune's executor slots (default 1: the peers are sequential too)")
    ap.add_argument("--out", help="output folder (default target/suite/<date-time>)")
    ap.add_argument("--report", metavar="DIR", help="only summarise the runs recorded in DIR/results.jsonl")
    ap.add_argument("--list", action="store_true", help="list the problems (family, dimension, budget, target)")
    args = ap.parse_args(argv)
    if args.list:
        for pid in problem.all_ids():
            spec = describe(pid, 1)
            print("%-22s %-16s d=%-3d budget %-4d target %.4g (score at the truth %.4g)%s" % (
                pid, spec["family"], spec["dim"], spec["budget"], spec["target"], spec["score_at_truth"],
                ", noisy" if spec["noisy"] else ""))
        return
    if args.report:
        return summarise_only(args.report, argv)
    problems = split(args.problems) or (QUICK_PROBLEMS if args.quick else problem.all_ids())
    methods = split(args.methods) or (QUICK_METHODS if args.quick else AUTOTUNE + PEERS)
    seeds = [int(s) for s in split(args.seeds) or (["1"] if args.quick else ["1", "2", "3"])]
    check_names(problems, methods)
    out = os.path.abspath(args.out or os.path.join(
        REPO, "target", "suite", datetime.datetime.now().strftime("%Y%m%d-%H%M%S")))
    os.makedirs(out, exist_ok=True)
    began = time.time()
    results = []
    skipped = {}
    # interleaved: every method on one (seed, problem) before the next, so a slow machine
    # disturbs all methods alike
    for seed in seeds:
        for pid in problems:
            spec = describe(pid, seed)
            for method in methods:
                if method in skipped:
                    continue
                run_dir = os.path.join(out, pid, "seed-%d" % seed, method)
                os.makedirs(run_dir, exist_ok=True)
                log = os.path.join(run_dir, "calls.jsonl")
                if os.path.exists(log):
                    os.remove(log)
                t0 = time.time()
                status = run_method(method, spec, seed, run_dir, log, args.slots)
                if status.startswith("skipped"):
                    skipped[method] = status
                    print(status, flush=True)
                    continue
                r = evaluate(spec, seed, method, log, time.time() - t0, status)
                results.append(r)
                with open(os.path.join(out, "results.jsonl"), "a") as fh:
                    fh.write(json.dumps(r) + "\n")
                print("%-20s seed %d %-20s calls-to-target %-6s best %-10.4g calls %d (%.0f s)%s" % (
                    pid, seed, method, r["calls_to_target"] or ">%d" % r["budget"], r["best"],
                    r["calls"], r["seconds"], "" if status == "ok" else "  [" + status + "]"), flush=True)
    report.write(out, results, [m for m in methods if m not in skipped], DEFAULT, PEERS,
                 list(skipped.values()), " ".join(["bench/suite"] + argv), time.time() - began)


def summarise_only(out, argv):
    """Summary of a finished or interrupted run, from the results it recorded so far."""
    with open(os.path.join(out, "results.jsonl")) as fh:
        results = [json.loads(line) for line in fh if line.strip()]
    seen = []
    for r in results:
        if r["method"] not in seen:
            seen.append(r["method"])
    report.write(out, results, seen, DEFAULT, PEERS, [], " ".join(["bench/suite"] + argv),
                 sum(r["seconds"] for r in results))


def split(text):
    return [s for s in (text or "").split(",") if s]


def check_names(problems, methods):
    known = set(problem.all_ids())
    for p in problems:
        if p not in known:
            sys.exit("bench/suite: --problems: unknown problem '%s'; fix: use one of %s"
                     % (p, ",".join(sorted(known))))
    for m in methods:
        if m not in AUTOTUNE + PEERS:
            sys.exit("bench/suite: --methods: unknown method '%s'; fix: use one of %s"
                     % (m, ",".join(AUTOTUNE + PEERS)))


def describe(pid, seed):
    return json.loads(subprocess.run([PYTHON, os.path.join(HERE, "problem.py"), pid, "--seed", str(seed),
                                      "--describe"], capture_output=True, text=True, check=True).stdout)


def run_method(method, spec, seed, run_dir, log, slots):
    """Runs one method; returns 'ok', 'skipped: …' or a short failure note (the run still counts)."""
    if method in AUTOTUNE:
        cmd = [os.path.join(REPO, "autotune"), "run", write_campaign(method, spec, seed, run_dir, log, slots),
               "--dir", os.path.join(run_dir, "campaign")]
    else:
        cmd = [PYTHON, os.path.join(HERE, "peers.py"), method, "--problem", spec["id"], "--seed", str(seed),
               "--log", log, "--workdir", os.path.join(run_dir, "work")]
    with open(os.path.join(run_dir, "output.txt"), "w") as fh:
        try:
            rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, timeout=3600).returncode
        except subprocess.TimeoutExpired:
            return "timed out after 1 h"
    if rc == 3 and method in PEERS:
        with open(os.path.join(run_dir, "output.txt")) as fh:
            return fh.read().strip().splitlines()[-1]
    return "ok" if rc == 0 else "exit %d, see %s" % (rc, os.path.join(run_dir, "output.txt"))


def write_campaign(method, spec, seed, run_dir, log, slots):
    """The campaign file a user would write for this problem: command simulator, command metric."""
    with open(os.path.join(run_dir, "params.txt.template"), "w") as fh:
        fh.writelines("%s {{%s}}\n" % (n, n) for n in spec["names"])
    lines = ["name: %s" % spec["id"], "parameters:"]
    for n, lo, hi, s in zip(spec["names"], spec["lower"], spec["upper"], spec["start"]):
        lines.append("  %s: {min: %r, max: %r, start: %r, step: %r}" % (n, lo, hi, s, (hi - lo) / 10))
    lines += [
        "simulator:",
        "  templates: [params.txt.template]",
        "  command: [%s, %s, %s, --seed, '%d', --params, params.txt, --call-seed, '{{seed}}',"
        " --log, %s, --out, score.txt]"
        % (PYTHON, os.path.join(HERE, "problem.py"), spec["id"], seed, log),
        "  outputs: [score.txt]",
        "  timeout: 5m",
        "metric:",
        "  type: command",
        "  command: [cat, score.txt]",
        # nelder-mead and bobyqa refuse noisy campaigns unless told to run anyway, as a user would
        "optimizer: {type: %s%s}" % (method, ", noisy: no" if spec["noisy"] and method == "bobyqa" else ""),
        "executor: {type: local, slots: %d}" % slots,
        "budget: %d" % spec["budget"],
        "seed: %d" % seed,
        # noisy problems: each sample its own seed, so the noise is fresh as for the peers
        "seeds: %s" % ("fresh" if spec["noisy"] else "fixed"),
    ]
    path = os.path.join(run_dir, "campaign.yaml")
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def evaluate(spec, seed, method, log, seconds, status):
    """Calls-to-target for the main target and every data-profile target, from the call log."""
    calls = []
    if os.path.exists(log):
        with open(log) as fh:
            calls = [json.loads(line) for line in fh if line.strip()]
    calls.sort(key=lambda c: c["time"])
    calls = calls[:spec["budget"]]
    true = [c["true"] for c in calls]

    def first_hit(target):
        return next((i + 1 for i, v in enumerate(true) if v <= target), None)

    return {
        "problem": spec["id"], "family": spec["family"], "dim": spec["dim"], "seed": seed,
        "method": method, "budget": spec["budget"], "calls": len(calls), "seconds": round(seconds, 1),
        "status": status, "target": spec["target"], "calls_to_target": first_hit(spec["target"]),
        "targets": spec["targets"], "calls_to_targets": [first_hit(t) for t in spec["targets"]],
        "best": min(true) if true else math.inf, "score_at_truth": spec["score_at_truth"],
    }


if __name__ == "__main__":
    main(sys.argv[1:])
