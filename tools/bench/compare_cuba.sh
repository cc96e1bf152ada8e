#!/usr/bin/env bash
# Cortex vs Brian2 (cpp_standalone) on the scaled CUBA network, in one session, side by side.
#
# Usage:
#   tools/bench/compare_cuba.sh [--neurons N ...] [--threads T ...] [--out-dir DIR]
#                               [--no-stream | --stream-json FILE] [--no-run] [--busy-core] [--run-repeats K]
#                               [--cortex CMD]
#
#   --neurons      sizes (default: 4000 64000 256000)
#   --threads      thread counts for both simulators (default: 1 2)
#   --no-run       skip the `cortex run` columns (the user's path with every spike recorded to Parquet)
#   --busy-core    hold one core with a spinning process during the `cortex run` measurements
#   --run-repeats  `cortex run` repetitions per row and variant, fastest kept (default 2)
#   --cortex CMD   how to call Cortex (default ./cortex; e.g. "dotnet .cortex/bin/cortex.dll")
#   --out-dir      where the JSON files go (default: out/bench/cuba-YYYYmmdd-HHMMSS, git-ignored)
#   --no-stream    skip the STREAM triad, so no "floor s" column
#   --stream-json  use an earlier stream result instead of measuring again
#   --floor-bytes  bytes per neuron and step for the memory floor (default 48; see README.md)
#
# It runs, one after the other:
#   1. ./cortex bench cuba --neurons ... --backend cpu --threads ... --out DIR/cortex.json
#   2. tools/bench/cortex_run_cuba.py: `cortex run` of the scaled spec with spikes recorded, and without probes,
#      for every size and thread count --out DIR/cortex-run.json
#   3. /usr/bin/python3 tools/bench/brian2_cuba_standalone.py --neurons ... --threads ... --out DIR/brian2.json
#   4. tests/Cortex.Benchmarks stream --out DIR/stream.json     (memory bandwidth, 1 and 2 threads)
#   5. tools/bench/compare_cuba.py, which prints the table and writes DIR/combined.json
#
# Take numbers on a quiet machine only (nothing else running; see tools/bench/README.md).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

neurons=(4000 64000 256000)
threads=(1 2)
cortex_cmd="./cortex"
run=measure
run_args=()
out_dir="out/bench/cuba-$(date +%Y%m%d-%H%M%S)"
stream=measure
stream_json=""
floor_args=()

take_list() { # prints the values following an option, up to the next option
  local -n into=$1; shift
  into=()
  while [ $# -gt 0 ] && [[ "$1" != --* ]]; do into+=("$1"); shift; done
  [ ${#into[@]} -gt 0 ] || { echo "compare_cuba.sh: an option needs at least one value" >&2; exit 2; }
}

while [ $# -gt 0 ]; do
  case "$1" in
    --neurons) shift; take_list neurons "$@"; shift ${#neurons[@]} ;;
    --threads) shift; take_list threads "$@"; shift ${#threads[@]} ;;
    --out-dir) out_dir="${2:?--out-dir needs a directory}"; shift 2 ;;
    --no-stream) stream=none; shift ;;
    --stream-json) stream=file; stream_json="${2:?--stream-json needs a file}"; shift 2 ;;
    --floor-bytes) floor_args=(--floor-bytes "${2:?--floor-bytes needs a number}"); shift 2 ;;
    --no-run) run=none; shift ;;
    --busy-core) run_args+=(--busy-core); shift ;;
    --run-repeats) run_args+=(--repeats "${2:?--run-repeats needs a number}"); shift 2 ;;
    --cortex) cortex_cmd="${2:?--cortex needs a command}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$HERE/compare_cuba.sh" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare_cuba.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# Brian2 (Debian's python3-brian) and the C++ compiler its standalone mode needs, installed only when missing
# (waiting for a held dpkg lock like the rest of the setup).
# shellcheck source=../../scripts/setup.sh
source "$ROOT/scripts/setup.sh"
/usr/bin/python3 -c "import brian2" 2>/dev/null && command -v g++ >/dev/null 2>&1 || cortex_apt_install python3-brian g++

mkdir -p "$out_dir"
started=$SECONDS
echo "== Cortex: $cortex_cmd bench cuba --neurons ${neurons[*]} --threads ${threads[*]}"
# shellcheck disable=SC2086 # the command may carry arguments ("dotnet .cortex/bin/cortex.dll")
$cortex_cmd bench cuba --neurons "${neurons[@]}" --backend cpu --threads "${threads[@]}" --out "$out_dir/cortex.json"

run_json=()
if [ "$run" = measure ]; then
  echo "== Cortex: $cortex_cmd run of the scaled spec, every spike recorded to Parquet (and without probes)"
  /usr/bin/python3 tools/bench/cortex_run_cuba.py --cortex "$cortex_cmd" --neurons "${neurons[@]}" --threads "${threads[@]}" \
    "${run_args[@]}" --out "$out_dir/cortex-run.json"
  run_json=(--cortex-run "$out_dir/cortex-run.json")
fi

echo "== Brian2 cpp_standalone: --neurons ${neurons[*]} --threads ${threads[*]}"
/usr/bin/python3 tools/bench/brian2_cuba_standalone.py --neurons "${neurons[@]}" --threads "${threads[@]}" --out "$out_dir/brian2.json"

stream_args=()
case "$stream" in
  measure)
    echo "== STREAM triad (memory bandwidth)"
    tools/bench/stream_triad --out "$out_dir/stream.json"
    stream_args=(--stream "$out_dir/stream.json") ;;
  file) stream_args=(--stream "$stream_json") ;;
esac

echo
/usr/bin/python3 tools/bench/compare_cuba.py --cortex "$out_dir/cortex.json" --brian2 "$out_dir/brian2.json" \
  "${run_json[@]}" "${stream_args[@]}" "${floor_args[@]}" --out "$out_dir/combined.json"
echo "compare_cuba.sh took $((SECONDS - started)) s"
