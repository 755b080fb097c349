"""bench/serve-overhead's runner: a campaign alone and with serve watching, interleaved; medians."""
import json
import os
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
PORT = 18931
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
        serve = subprocess.Popen(["java", "-Djava.awt.headless=true", "-jar", JAR, "serve", "--port", str(PORT),
                                  folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    try:
        subprocess.run(["java", "-Djava.awt.headless=true", "-jar", JAR, "run", "campaign.yaml"], cwd=folder,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    finally:
        stop.set()
        if serve:
            serve.terminate()
            serve.wait()
    ms, n = per_sample(folder)
    load = os.getloadavg()[0]
    print("repeat %d %-7s: %d samples, %.2f ms per sample%s, load %.1f" % (
        r, "watched" if watched else "alone", n, ms,
        ", page answers %d (%d samples in all)" % (len(answers), sum(answers)) if watched else "", load))
    sys.stdout.flush()
    return ms


def main():
    os.makedirs(WORK, exist_ok=True)
    alone, watched = [], []
    for r in range(REPEATS):
        order = [False, True] if r % 2 == 0 else [True, False]   # ABBA: drifts in load cancel
        for w in order:
            (watched if w else alone).append(one(w, r))
    a, w = statistics.median(alone), statistics.median(watched)
    print("median per sample: alone %.2f ms, watched %.2f ms, watched / alone %.3f (%d repeats each)"
          % (a, w, w / a, REPEATS))
    print("per-repeat ratios (same repeat, adjacent runs): %s" % ", ".join("%.3f" % (x / y) for x, y in
                                                                          zip(watched, alone)))


main()
