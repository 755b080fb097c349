"""bench/serve-overhead's runner: a campaign alone and with serve watching, interleaved; medians."""
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime

SAMPLES, REPEATS, JAR, WORK = int(sys.argv[1]), int(sys.argv[2]), os.path.abspath(sys.argv[3]), sys.argv[4]
PORT = int(os.environ.get("PORT", "18931"))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# how serve is started: as a user starts it (the launcher, with its JVM options and priority), or
# SERVE=java: a plain 'java -jar' as before the launcher chose them (for a side-by-side)
SERVE = os.environ.get("SERVE", "launcher")
TICK = os.sysconf("SC_CLK_TCK")
CAMPAIGN = """name: watched
parameters:
  a: {min: 0, max: 1, step: 0.001}
  b: {min: 0, max: 1, step: 0.001}
simulator:
  templates: [in.template]
  command: [sh, -c, 'printf ''x\\n%%s\\n%%s\\n'' "$(($1 %% 7))" "$2" > events.csv', sh, "{{seed}}", "{{a}}"]
  outputs: [events.csv]
metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [x]}
optimizer: {type: cma-es, population: 10, tolerance: 1.0e-12, generations: 100000}
executor: {slots: 2}
seeds: fresh
budget: %d
"""


def get(path):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (PORT, path), timeout=30) as r:
        return r.read()


def page(stop, answers):
    """What an open page does: ask for the samples changed since its cursor, every second."""
    cursor = generation = None
    while not stop.is_set():
        try:
            q = "" if cursor is None else "?since=%d&generation=%d" % (cursor, generation)
            body = json.loads(get("/api/campaign/campaign.autotune" + q))
            cursor, generation = body.get("cursor"), body.get("generation")
            answers.append(len(body.get("samples", [])))
        except OSError:
            pass   # the campaign folder does not exist yet
        except ValueError:
            pass
        stop.wait(1.0)


def per_sample(folder):
    db = sqlite3.connect(os.path.join(folder, "campaign.autotune", "journal.sqlite"))
    first, last, n = db.execute("SELECT MIN(created), MAX(finished), COUNT(*) FROM samples "
                                "WHERE origin = 'optimizer' AND status = 'FINISHED'").fetchone()
    db.close()
    t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
    return (t(last) - t(first)) / n * 1000, n


def cpu_seconds(pid):
    """user + system CPU seconds of a running process (all its threads), from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def serve_command(folder):
    if SERVE == "java":
        return ["java", "-Djava.awt.headless=true", "-jar", JAR, "serve", "--port", str(PORT), folder]
    return [os.path.join(ROOT, "autotune"), "serve", "--port", str(PORT), folder]


def one(watched, r):
    folder = os.path.join(WORK, "%s-%d" % ("watched" if watched else "alone", r))
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    open(os.path.join(folder, "reference.csv"), "w").write("x\n" + "".join("%d\n" % i for i in range(1, 11)))
    open(os.path.join(folder, "in.template"), "w").write("a={{a}} b={{b}} seed={{seed}}\n")
    open(os.path.join(folder, "campaign.yaml"), "w").write(CAMPAIGN % SAMPLES)
    serve = None
    stop = threading.Event()
    answers = []
    if watched:
        serve = subprocess.Popen(serve_command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.monotonic()
        while True:
            try:
                get("/api/campaigns")
                break
            except OSError:
                if time.monotonic() - t0 > 120:
                    raise
                time.sleep(0.2)
        threading.Thread(target=page, args=(stop, answers), daemon=True).start()
    serve_before = cpu_seconds(serve.pid) if serve else 0   # its start-up and first reading
    campaign_before = children_cpu()
    try:
        subprocess.run(["java", "-Djava.awt.headless=true", "-jar", JAR, "run", "campaign.yaml"], cwd=folder,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    finally:
        # the campaign's JVM and its simulator processes (reaped by it, so counted in its children)
        campaign = children_cpu() - campaign_before
        serve_cpu = serve_total = 0
        if serve:
            serve_total = cpu_seconds(serve.pid)
            serve_cpu = serve_total - serve_before
        stop.set()
        if serve:
            serve.terminate()
            serve.wait()
    ms, n = per_sample(folder)
    load = os.getloadavg()[0]
    print("repeat %d %-7s: %d samples, %.2f ms per sample, campaign CPU %.1f s%s, load %.1f" % (
        r, "watched" if watched else "alone", n, ms, campaign,
        ", serve CPU %.2f s in the campaign's window (%.1f %% of the campaign's; %.2f s with its start), "
        "page answers %d (%d samples in all)" % (serve_cpu, 100 * serve_cpu / campaign, serve_total, len(answers),
                                                 sum(answers)) if watched else "", load))
    sys.stdout.flush()
    return ms, campaign, serve_cpu


def main():
    os.makedirs(WORK, exist_ok=True)
    alone, watched, shares = [], [], []
    print("serve started by: %s" % ("java -jar (plain)" if SERVE == "java" else "the launcher (./autotune serve)"))
    for r in range(REPEATS):
        order = [False, True] if r % 2 == 0 else [True, False]   # ABBA: drifts in load cancel
        for w in order:
            ms, campaign, serve_cpu = one(w, r)
            (watched if w else alone).append(ms)
            if w:
                shares.append(serve_cpu / campaign)
    a, w = statistics.median(alone), statistics.median(watched)
    print("median serve CPU / campaign CPU over the campaign's window: %.1f %% (per repeat: %s)" % (
        100 * statistics.median(shares), ", ".join("%.1f" % (100 * x) for x in shares)))
    print("median per sample: alone %.2f ms, watched %.2f ms, watched / alone %.3f (%d repeats each)"
          % (a, w, w / a, REPEATS))
    print("per-repeat ratios (same repeat, adjacent runs): %s" % ", ".join("%.3f" % (x / y) for x, y in
                                                                          zip(watched, alone)))


main()
