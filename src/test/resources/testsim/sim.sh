#!/bin/sh
# Test simulator for campaign tests. usage: sim.sh MACRO MARKER_FILE
# Appends its sample folder to MARKER_FILE (so tests count invocations), then writes events.csv with
# an "amplitude" column ~ Normal(gain, noise), seeded by the macro's seed.
# Failure modes by region, for the failure tests:
#   gain >= 1.75: crashes (exit 3, "boom" on stderr)   gain <= 0.6: hangs (sleeps 60 s)
#   noise >= 0.8: exits 0 but writes no events.csv
set -eu
echo "$PWD" >> "$2"
# SIM_SLEEP_ONCE=FILE: the first sample to find FILE missing creates it and sleeps 30 s
if [ -n "${SIM_SLEEP_ONCE:-}" ] && mkdir "$SIM_SLEEP_ONCE" 2>/dev/null; then sleep 30; fi
awk -v sleep_s="${SIM_SLEEP:-0}" -v failures="${SIM_FAILURES:-0}" '
function gauss(   u, v) { u = rand(); if (u < 1e-300) u = 1e-300; v = rand(); return sqrt(-2*log(u))*cos(6.283185307179586*v) }
$1 == "/det/gain" { gain = $2 + 0 }
$1 == "/det/noise" { noise = $2 + 0 }
$1 == "/run/events" { events = int($2) }
$1 == "/random/setSeeds" { seed = $2 + 0 }
END {
    if (failures && gain >= 1.75) { print "line 1 of noise" > "/dev/stderr"; print "boom: gain too high" > "/dev/stderr"; exit 3 }
    if (failures && gain <= 0.6) { system("sleep 60"); exit 0 }
    if (failures && noise >= 0.8) { exit 0 }
    if (sleep_s > 0) system("sleep " sleep_s)
    srand(seed)
    print "amplitude" > "events.csv"
    for (i = 0; i < events; i++) printf "%.6f\n", gain + noise * gauss() > "events.csv"
}' "$1"
