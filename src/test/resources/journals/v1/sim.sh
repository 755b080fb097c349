#!/bin/sh
# Tiny deterministic simulator for the version-1 journal fixture.
# usage: sim.sh GAIN NOISE SEED MARKER_FILE
# Appends its sample folder to MARKER_FILE (so tests count invocations) and writes score.txt: a
# quadratic bowl with its minimum at gain 1.3, noise 0.2, plus a small term fixed by the seed.
set -eu
echo "$PWD" >> "$4"
awk -v g="$1" -v n="$2" -v s="$3" 'BEGIN {
    srand(s)
    printf "%.6f\n", ((g - 1.3) / 0.1) ^ 2 + (log(n / 0.2) / 0.3) ^ 2 + 0.1 * rand() > "score.txt"
}'
