"""Summary of a bench/suite run: per-family table, data profile, default against the best peer.

Definitions (printed with the table):
- calls-to-target: the first call whose noise-free score is at or below the problem's target; a run
  that never gets there within its budget counts as infinite (shown as ∞ when it is the median);
- cost of a run: calls-to-target / budget, or 2 when the target is not reached (so one miss
  weighs more than the slowest hit);
- a method's value on a family: the median over seeds of the mean cost over the family's problems;
  its spread: half the range of those per-seed means (0 with one seed);
- tie: the default's and the best peer's values differ by no more than the larger of the two
  spreads (with a single seed only equal values tie); win/loss otherwise. Only where the two
  values are equal (typically: neither reaches any target, both 2) the same comparison is made on
  the "profile value", computed over the five data-profile targets instead of the main one. The
  best peer on a family is the external peer with the lowest (value, profile value).
"""
import math
import os
import statistics
from collections import defaultdict

PROFILE_X = (1, 2, 5, 10, 20, 40)   # calls per dimension at which the data profile is tabulated
AUTOTUNE = ("surrogate", "coordinate-descent", "bobyqa", "cma-es", "bayesian")   # drawn solid


def write(out, results, methods, default, peers, skipped, command, seconds):
    families = sorted({r["family"] for r in results})
    lines = ["bench/suite: %s" % command, "",
             "%d runs, %d problems, seeds %s, %.0f s" % (
                 len(results), len({r["problem"] for r in results}),
                 ",".join(str(s) for s in sorted({r["seed"] for r in results})), seconds), ""]
    lines += ["Per family: median calls-to-target (targets reached / runs)", ""]
    lines += family_table(results, families, methods)
    lines += ["", "Data profile: fraction of (problem, seed, target) triples solved by calls/dimension "
                  "(5 targets per problem: the main target's distance to the truth's score x 100, 10, 1, 0.1, 0.01)", ""]
    lines += profile_table(results, methods)
    lines += ["", "Per problem: best noise-free score reached (median over seeds)", ""]
    lines += best_table(results, methods)
    last, detail = compare(results, families, methods, default, peers)
    lines += ["", "Default (%s) against the best peer per family (value = median over seeds of the mean "
                  "cost, cost = calls-to-target/budget or 2 if not reached; lower is better):" % default, ""]
    lines += detail
    lines += ["", __doc__.split("\n\n", 1)[1].strip()]
    lines += ["Skipped: " + s for s in skipped]
    png = plot_profile(out, results, methods)
    lines += ["", "Data profile plot: " + png, "", last]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "summary.md"), "w") as fh:
        fh.write(text)
    print()
    print(text, end="")


def family_table(results, families, methods):
    rows = ["| family | " + " | ".join(methods) + " |", "|---" * (len(methods) + 1) + "|"]
    for fam in families:
        cells = []
        for m in methods:
            runs = [r for r in results if r["family"] == fam and r["method"] == m]
            if not runs:
                cells.append("")
                continue
            ctt = [r["calls_to_target"] if r["calls_to_target"] else math.inf for r in runs]
            med = statistics.median(ctt)
            hit = sum(1 for c in ctt if c != math.inf)
            cells.append("%s (%d/%d)" % ("∞" if med == math.inf else "%g" % med, hit, len(runs)))
        rows.append("| %s | %s |" % (fam, " | ".join(cells)))
    return rows


def solved_fraction(results, method, per_dim):
    runs = [r for r in results if r["method"] == method]
    pairs = [(c, r["dim"]) for r in runs for c in r["calls_to_targets"]]
    if not pairs:
        return 0.0
    return sum(1 for c, d in pairs if c is not None and c / d <= per_dim) / len(pairs)


def profile_table(results, methods):
    rows = ["| method | " + " | ".join("%g·d" % x for x in PROFILE_X) + " |",
            "|---" * (len(PROFILE_X) + 1) + "|"]
    for m in methods:
        rows.append("| %s | %s |" % (m, " | ".join("%.2f" % solved_fraction(results, m, x) for x in PROFILE_X)))
    return rows


def family_value(results, fam, method):
    """((value, spread), (profile value, spread)) over seeds, or None without runs."""
    main, ladder = defaultdict(list), defaultdict(list)
    for r in results:
        if r["family"] == fam and r["method"] == method:
            main[r["seed"]].append(cost(r["calls_to_target"], r["budget"]))
            ladder[r["seed"]].append(statistics.mean(cost(c, r["budget"]) for c in r["calls_to_targets"]))
    if not main:
        return None
    return median_and_spread(main), median_and_spread(ladder)


def cost(calls, budget):
    return calls / budget if calls else 2.0


def median_and_spread(per_seed):
    means = [sum(v) / len(v) for v in per_seed.values()]
    return statistics.median(means), (max(means) - min(means)) / 2


def verdict(mine, theirs):
    """'win', 'tie' or 'loss' of (value, profile value) pairs, each value with its spread."""
    for (a, sa), (b, sb) in zip(mine, theirs):
        if abs(a - b) > max(sa, sb):
            return "win" if a < b else "loss"
        if a != b:
            return "tie"
    return "tie"


def compare(results, families, methods, default, peers):
    counts = {"win": 0, "tie": 0, "loss": 0}
    detail = ["| family | default: value ± spread; profile value ± spread | best peer | "
              "its value ± spread; profile value ± spread | verdict |", "|---|---|---|---|---|"]
    for fam in families:
        mine = family_value(results, fam, default) if default in methods else None
        theirs = [(family_value(results, fam, p), p) for p in peers if p in methods]
        theirs = [(v, p) for v, p in theirs if v is not None]
        if mine is None or not theirs:
            continue
        best_value, best = min(theirs, key=lambda t: (t[0][0][0], t[0][1][0]))
        v = verdict(mine, best_value)
        counts[v] += 1
        detail.append("| %s | %s | %s | %s | %s |" % (fam, show(mine), best, show(best_value), v))
    return ("default wins %d, ties %d, loses %d of %d families against the best peer"
            % (counts["win"], counts["tie"], counts["loss"], sum(counts.values()))), detail


def show(value):
    (a, sa), (b, sb) = value
    return "%.3f ± %.3f; %.3f ± %.3f" % (a, sa, b, sb)


def best_table(results, methods):
    """Per problem: the median over seeds of the best noise-free score each method reached."""
    problems = list(dict.fromkeys(r["problem"] for r in results))
    rows = ["| problem (target) | " + " | ".join(methods) + " |", "|---" * (len(methods) + 1) + "|"]
    for p in problems:
        runs = [r for r in results if r["problem"] == p]
        cells = []
        for m in methods:
            best = [r["best"] for r in runs if r["method"] == m]
            cells.append("%.3g" % statistics.median(best) if best else "")
        rows.append("| %s (%.3g) | %s |" % (p, runs[0]["target"], " | ".join(cells)))
    return rows


def plot_profile(out, results, methods):
    """COCO-style data profile as a PNG (matplotlib) or, without matplotlib, an SVG we write."""
    xmax = max((r["budget"] / r["dim"] for r in results), default=40)
    xs = [x / 4 for x in range(0, int(4 * xmax) + 1)]
    curves = {m: [solved_fraction(results, m, x) for x in xs] for m in methods}
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return write_svg(out, xs, curves, xmax)
    fig, ax = plt.subplots(figsize=(8, 5))
    colors = plt.get_cmap("tab20").colors
    for k, (m, ys) in enumerate(curves.items()):
        # Autotune's optimizers solid, the external peers dashed; the default thick
        ax.step(xs, ys, where="post", label=m, color=colors[(2 * k) % 20 + (k >= 10)],
                linestyle="-" if m in AUTOTUNE else "--", linewidth=2.5 if m == "surrogate" else 1.3)
    ax.set_xlabel("calls / dimension")
    ax.set_ylabel("fraction of (problem, seed, target) solved")
    ax.set_ylim(0, 1)
    ax.set_xlim(0, xmax)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    path = os.path.join(out, "data-profile.png")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return path


def write_svg(out, xs, curves, xmax):
    w, h, pad = 640, 400, 40
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
              "#7f7f7f", "#bcbd22", "#17becf", "#000000"]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d">' % (w, h),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="%d" y="%d" font-size="12">calls / dimension (0 to %g)</text>' % (w / 2 - 60, h - 8, xmax)]
    for k, (m, ys) in enumerate(curves.items()):
        pts = " ".join("%.1f,%.1f" % (pad + x / xmax * (w - 2 * pad), h - pad - y * (h - 2 * pad))
                       for x, y in zip(xs, ys))
        c = colors[k % len(colors)]
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, pts))
        parts.append('<text x="%d" y="%d" font-size="11" fill="%s">%s</text>' % (pad + 5, pad + 14 * k, c, m))
    parts.append("</svg>")
    path = os.path.join(out, "data-profile.svg")
    with open(path, "w") as fh:
        fh.write("\n".join(parts))
    return path
