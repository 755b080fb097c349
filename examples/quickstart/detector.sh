#!/bin/sh
# A tiny stand-in for a detector Monte Carlo, driven by a Geant4-style macro file.
#
# Physics: two calibration runs, one with a 2.0 keV line and one with a 6.0 keV line, recorded
# side by side (one row = one event of each run). The detector turns an energy E into an
# amplitude  A = gain*E + offset + noise*sqrt(E)*g,  with g a standard normal draw: a linear
# response with a resolution that grows as sqrt(E), as for Poisson-limited signal carriers.
#
# usage: detector.sh MACRO [OUTPUT]     writes OUTPUT (default events.csv): columns amp_2keV,amp_6keV
# Macro commands read:  /detector/gain G   /detector/offset O   /detector/noise N
#                       /run/events N      /random/setSeeds S
# Only POSIX sh and awk are needed.
set -eu
macro=${1:?usage: detector.sh MACRO [OUTPUT]}
out=${2:-events.csv}
[ -r "$macro" ] || { echo "detector.sh: cannot read macro $macro" >&2; exit 2; }
awk -v out="$out" '
function gauss(   u, v) {            # Box-Muller
    u = rand(); if (u < 1e-300) u = 1e-300
    v = rand()
    return sqrt(-2 * log(u)) * cos(6.283185307179586 * v)
}
function amplitude(e) { return gain * e + offset + noise * sqrt(e) * gauss() }
$1 == "/detector/gain"   { gain = $2 + 0; have["gain"] = 1 }
$1 == "/detector/offset" { offset = $2 + 0; have["offset"] = 1 }
$1 == "/detector/noise"  { noise = $2 + 0; have["noise"] = 1 }
$1 == "/run/events"      { events = int($2); have["events"] = 1 }
$1 == "/random/setSeeds" { seed = $2 + 0; have["seed"] = 1 }
END {
    split("gain offset noise events seed", need, " ")
    for (i = 1; i <= 5; i++) if (!(need[i] in have)) {
        print "detector.sh: macro sets no " need[i] > "/dev/stderr"; exit 2
    }
    srand(seed)
    print "amp_2keV,amp_6keV" > out
    for (i = 0; i < events; i++) {
        a = amplitude(2.0)
        printf "%.6f,%.6f\n", a, amplitude(6.0) > out
    }
}' "$macro"
