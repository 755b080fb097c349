"""bench/journal-scale's runner: writes the journals, times each command, prints a Markdown table."""
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request

SIZES = [int(s) for s in sys.argv[1].split(",")]
REPEATS = int(sys.argv[2])
JAR = os.path.abspath(sys.argv[3])
WORK = os.path.abspath(sys.argv[4])
CLASSPATH = sys.argv[5]
SLOW = 60.0      # a command slower than this is run once (its median is of one run)
TIMEOUT = 600.0


def java(*args):
    return ["java", "-Djava.awt.headless=true", "-jar", JAR, *args]


def timed(cmd, stdout=subprocess.DEVNULL):
    """(wall seconds, peak RSS MB) of one run, or None when it failed."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=stdout, stderr=subprocess.PIPE, text=True,
                       timeout=TIMEOUT)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.stderr.write("failed (%d): %s\n%s\n" % (p.returncode, " ".join(cmd), p.stderr[-2000:]))
        return None
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return wall, rss


def measure(name, cmd, out=None):
    runs = []
    for _ in range(REPEATS):
        with open(out, "w") if out else open(os.devnull, "w") as f:
            r = timed(cmd, stdout=f)
        if r is None:
            return name, None
        runs.append(r)
        if r[0] > SLOW:
            break
    return name, (statistics.median(w for w, _ in runs), statistics.median(m for _, m in runs), len(runs))


def generate(n):
    folder = os.path.join(WORK, str(n), "scale.autotune")
    marker = os.path.join(WORK, str(n), "written")
    if not os.path.exists(marker):
        t0 = time.monotonic()
        subprocess.run(["java", "-cp", CLASSPATH, "org.autotune.bench.JournalScale", folder, str(n)], check=True)
        open(marker, "w").write("%.1f s\n" % (time.monotonic() - t0))
    return folder


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read()


def vm_hwm(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve(n, folder, port):
    """Start-up to first answer, peak RSS, size of the full campaign JSON and of one update."""
    workspace = os.path.dirname(folder)
    p = subprocess.Popen(java("serve", "--port", str(port), workspace), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        t0 = time.monotonic()
        while True:
            try:
                get("http://127.0.0.1:%d/api/campaigns" % port)
                break
            except OSError:
                if p.poll() is not None or time.monotonic() - t0 > TIMEOUT:
                    return None
                time.sleep(0.1)
        ready = time.monotonic() - t0
        full = get("http://127.0.0.1:%d/api/campaign/scale.autotune" % port)
        cursor = json.loads(full).get("cursor")
        db = sqlite3.connect(os.path.join(folder, "journal.sqlite"))
        row = db.execute("SELECT * FROM samples WHERE status = 'FINISHED' ORDER BY id DESC LIMIT 1").fetchone()
        cols = [d[0] for d in db.execute("SELECT * FROM samples LIMIT 0").description]
        new = dict(zip(cols, row))
        new["id"] = n + 1
        new["key"] = "extra"
        new["ordinal"] = n + 1
        db.execute("INSERT INTO samples(%s) VALUES (%s)" % (",".join(new), ",".join("?" * len(new))),
                   list(new.values()))
        db.execute("INSERT INTO transitions(sample_id, status, at, detail) VALUES (?, 'FINISHED', '', '')", (n + 1,))
        db.commit()
        t1 = time.monotonic()
        while json.loads(get("http://127.0.0.1:%d/api/campaigns" % port))[0].get("done", 0) != n + 1:
            time.sleep(0.05)
            if time.monotonic() - t1 > TIMEOUT:
                break
        noticed = time.monotonic() - t1
        url = "http://127.0.0.1:%d/api/campaign/scale.autotune" % port
        update = get(url + ("?since=%d" % cursor if cursor is not None else ""))
        db.execute("DELETE FROM transitions WHERE sample_id = ?", (n + 1,))
        db.execute("DELETE FROM samples WHERE id = ?", (n + 1,))
        db.commit()
        db.close()
        return ready, vm_hwm(p.pid), len(full), len(update), noticed
    finally:
        p.terminate()
        p.wait()


def main():
    os.makedirs(WORK, exist_ok=True)
    print("jar: %s, medians over %d runs (a run over %d s is run once)\n" % (JAR, REPEATS, SLOW))
    print("| samples | command | wall (s) | peak RSS (MB) | runs |")
    print("| --- | --- | --- | --- | --- |")
    for n in SIZES:
        folder = generate(n)
        journal = os.path.join(folder, "journal.sqlite")
        out = os.path.join(WORK, "out")
        rows = [
            measure("status", java("status", folder)),
            measure("best", java("best", folder)),
            measure("export csv", java("export", folder, "--format", "csv", "-o", out + ".csv")),
            measure("sqlite3 -csv (same table)", ["sqlite3", "-csv", "-header", journal, "SELECT * FROM samples"],
                    out + ".sqlite3.csv"),
            measure("export json", java("export", folder, "--format", "json", "-o", out + ".json")),
            measure("report", java("report", folder, "-o", out + ".html")),
            measure("analyze", java("analyze", folder, "--output", out + ".analysis.json")),
        ]
        for name, r in rows:
            if r is None:
                print("| %d | %s | failed | | |" % (n, name))
            else:
                print("| %d | %s | %.2f | %.0f | %d |" % (n, name, r[0], r[1], r[2]))
        s = serve(n, folder, 18765 + SIZES.index(n))
        if s is None:
            print("| %d | serve | failed | | |" % n)
        else:
            print("| %d | serve: ready %.2f s, sees a new sample in %.2f s; full JSON %d B, one update %d B | %.2f "
                  "| %.0f | 1 |" % (n, s[0], s[4], s[2], s[3], s[0], s[1]))
        sys.stdout.flush()


main()
