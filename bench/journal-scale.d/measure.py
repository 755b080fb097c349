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
JARS = [os.path.abspath(j) for j in sys.argv[3].split(",")]   # side by side: each run of each jar in turn
WORK = os.path.abspath(sys.argv[4])
CLASSPATH = sys.argv[5]
SLOW = 60.0      # a command slower than this is run once (its median is of one run)
TIMEOUT = float(os.environ.get("TIMEOUT", "600"))   # a run longer than this counts as failed
# the commands to time (default all): COMMANDS="status export sqlite3 serve"; "export-csv" for the CSV export alone
COMMANDS = os.environ.get("COMMANDS", "status best export sqlite3 report analyze serve").split()


# The JVM flags ./autotune gives these short journal-reading commands (keep in step with the launcher).
LAUNCHER = {"status": ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"], "report": ["-XX:+UseSerialGC"]}
for c in ("best", "export", "validate"):
    LAUNCHER[c] = LAUNCHER["status"]
LAUNCHER["analyze"] = LAUNCHER["report"]


def java(jar, *args):
    """A jar named "x.jar+launcher" runs with the launcher's flags, "x.jar" with the JVM's defaults."""
    flags = []
    if jar.endswith("+launcher"):
        jar = jar[:-len("+launcher")]
        flags = LAUNCHER.get(args[0], [])
    return ["java", "-Djava.awt.headless=true", *flags, "-jar", jar, *args]


def timed(cmd, stdout=subprocess.DEVNULL):
    """(wall seconds, peak RSS MB) of one run, or None when it failed."""
    t0 = time.monotonic()
    try:
        p = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=stdout, stderr=subprocess.PIPE, text=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        sys.stderr.write("timed out after %d s: %s\n" % (TIMEOUT, " ".join(cmd)))
        return None
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.stderr.write("failed (%d): %s\n%s\n" % (p.returncode, " ".join(cmd), p.stderr[-2000:]))
        return None
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % k, p.stderr).group(1)) for k in ("User", "System"))
    return wall, rss, cpu


def measure(name, command, out=None):
    """command(jar) is the command line; each repeat runs it with every jar in turn (interleaved)."""
    runs = {jar: [] for jar in JARS}
    failed = set()
    for _ in range(REPEATS):
        for jar in JARS:
            if jar in failed or (runs[jar] and runs[jar][-1][0] > SLOW):
                continue
            with open(out, "w") if out else open(os.devnull, "w") as f:
                r = timed(command(jar), stdout=f)
            if r is None:
                failed.add(jar)
            else:
                runs[jar].append(r)
    return name, [None if jar in failed or not runs[jar] else
                  (statistics.median(r[0] for r in runs[jar]), statistics.median(r[1] for r in runs[jar]),
                   len(runs[jar]), statistics.median(r[2] for r in runs[jar])) for jar in JARS]


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


def serve(jar, n, folder, port):
    """Start-up to first answer, peak RSS, size of the full campaign JSON and of one update."""
    workspace = os.path.dirname(folder)
    p = subprocess.Popen(java(jar, "serve", "--port", str(port), workspace), stdout=subprocess.DEVNULL,
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
        first = json.loads(full)
        cursor, generation = first.get("cursor"), first.get("generation")
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
        update = get(url + ("?since=%d&generation=%d" % (cursor, generation) if cursor is not None else ""))
        db.execute("DELETE FROM transitions WHERE sample_id = ?", (n + 1,))
        db.execute("DELETE FROM samples WHERE id = ?", (n + 1,))
        db.commit()
        db.close()
        return ready, vm_hwm(p.pid), len(full), len(update), noticed
    finally:
        p.terminate()
        p.wait()


def cell(r):
    return "failed | | " if r is None else "%.2f | %.2f | %.0f" % (r[0], r[3], r[1]) + (
        " (1 run)" if r[2] == 1 and REPEATS > 1 else "")


def main():
    os.makedirs(WORK, exist_ok=True)
    print("jars: %s; medians over %d interleaved runs (a run over %d s is not repeated)\n"
          % (", ".join(JARS), REPEATS, SLOW))
    print("| samples | command | " + " | ".join("wall s | CPU s | peak RSS MB (%s)" % os.path.basename(j)
                                               for j in JARS) + " |")
    print("| --- | --- | " + " | ".join("--- | --- | ---" for _ in JARS) + " |")
    for n in SIZES:
        folder = generate(n)
        journal = os.path.join(folder, "journal.sqlite")
        out = os.path.join(WORK, "out")
        commands = [
            ("status", lambda j: java(j, "status", folder), None),
            ("best", lambda j: java(j, "best", folder), None),
            ("export csv", lambda j: java(j, "export", folder, "--format", "csv", "-o", out + ".csv"), None),
            ("sqlite3 -csv (same table)", lambda j: ["sqlite3", "-csv", "-header", journal, "SELECT * FROM samples"],
             out + ".sqlite3.csv"),
            ("export json", lambda j: java(j, "export", folder, "--format", "json", "-o", out + ".json"), None),
            ("report", lambda j: java(j, "report", folder, "-o", out + ".html"), None),
            ("analyze", lambda j: java(j, "analyze", folder, "--output", out + ".analysis.json"), None),
        ]
        for name, command, output in commands:
            if name.split()[0] not in COMMANDS and "-".join(name.split()[:2]) not in COMMANDS:
                continue
            name, results = measure(name, command, output)
            print("| %d | %s | %s |" % (n, name, " | ".join(cell(r) for r in results)))
            sys.stdout.flush()
        for jar in JARS if "serve" in COMMANDS else []:
            s = serve(jar, n, folder, 18765 + SIZES.index(n))
            if s is None:
                print("| %d | serve (%s) | failed |" % (n, os.path.basename(jar)))
            else:
                print("| %d | serve (%s): ready in %.2f s, shows a new sample after %.2f s; campaign JSON %d B, "
                      "one update %d B | | peak RSS %.0f MB |" % (n, os.path.basename(jar), s[0], s[4], s[2], s[3],
                                                               s[1]))
            sys.stdout.flush()


main()
