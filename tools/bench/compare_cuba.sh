#!/usr/bin/env bash
# Cortex vs Brian2 (cpp_standalone) on the scaled CUBA network, in one session, side by side.
#
# Usage:
#   tools/bench/compare_cuba.sh [--neurons N ...] [--threads T ...] [--out-dir DIR]
#                               [--no-stream | --stream-json FILE]
#
#   --neurons      sizes (default: 4000 16000 64000 256000)
#   --threads      thread counts for both simulators (default: 1 2)
#   --out-dir      where the JSON files go (default: out/bench/cuba-YYYYmmdd-HHMMSS, git-ignored)
#   --no-stream    skip the STREAM triad, so no "floor s" column
#   --stream-json  use an earlier stream result instead of measuring again
#   --floor-bytes  bytes per neuron and step for the memory floor (default 48; see README.md)
#
# It runs, one after the other:
#   1. ./cortex bench cuba --neurons ... --backend cpu --threads ... --out DIR/cortex.json
#   2. /usr/bin/python3 tools/bench/brian2_cuba_standalone.py --neurons ... --threads ... --out DIR/brian2.json
#   3. tests/Cortex.Benchmarks stream --out DIR/stream.json     (memory bandwidth, 1 and 2 threads)
#   4. tools/bench/compare_cuba.py, which prints the table and writes DIR/combined.json
#
# Take numbers on a quiet machine only (nothing else running; see tools/bench/README.md).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

neurons=(4000 16000 64000 256000)
threads=(1 2)
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
    -h|--help) sed -n '2,/^set -euo/p' "$HERE/compare_cuba.sh" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare_cuba.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out_dir"
echo "== Cortex: ./cortex bench cuba --neurons ${neurons[*]} --threads ${threads[*]}"
./cortex bench cuba --neurons "${neurons[@]}" --backend cpu --threads "${threads[@]}" --out "$out_dir/cortex.json"

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
  "${stream_args[@]}" "${floor_args[@]}" --out "$out_dir/combined.json"
