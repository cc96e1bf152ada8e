#!/usr/bin/env bash
# Interleaved A/B of `cortex bench cuba` between builds: each round runs every build once, so both see the same load.
#   tools/bench/ab_cuba.sh NEURONS ROUNDS DURATION THREADS DIR...
# DIR is a published build (a folder holding cortex.dll, e.g. a copy of .cortex/bin). Prints one line per run:
# the build's folder, neurons, simulate seconds, CPU seconds of the simulation, spikes.
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: $0 NEURONS ROUNDS DURATION THREADS DIR..." >&2; exit 2; }
neurons=$1 rounds=$2 duration=$3 threads=$4
shift 4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$rounds"); do
  for dir in "$@"; do
    dotnet "$dir/cortex.dll" bench cuba --neurons "$neurons" --threads "$threads" --duration "$duration" --out "$out/r.json" > /dev/null
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['rows'][0]; print(sys.argv[2], r['neurons'], round(r['simulate_seconds'], 3), round(r['simulate_cpu_seconds'], 3), r['spikes'])" "$out/r.json" "$dir"
  done
done
