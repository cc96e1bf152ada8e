#!/usr/bin/env bash
# GPU benchmark (issue 14): CUBA at 4k, 64k, 1M and 4M neurons and the full-scale Potjans & Diesmann microcircuit on the
# GPU backend, and CUBA 1M on the CPU backend with 2 threads for the speed ratio; one table with the card's name.
# Made to run unattended on an NVIDIA machine in well under 8 minutes on an H100-class card.
#
# Usage:
#   tools/bench/gpu.sh [--cuba-neurons N ...] [--scales S ...] [--cpu-neurons N] [--cpu-threads T]
#                      [--duration T] [--mc-duration T] [--backend NAME] [--device ID] [--out-dir DIR] [--dry-run]
#
#   --cuba-neurons  CUBA sizes on the GPU backend (default: 4000 64000 1000000 4000000)
#   --scales        microcircuit scales on the GPU backend (default: 1, the full 77,169 neurons and ~0.3 billion synapses)
#   --cpu-neurons   the CUBA size also run on the CPU backend, for the ratio (default: 1000000)
#   --cpu-threads   threads of that CPU run (default: 2, the development machines' cores)
#   --duration      biological time per CUBA run (default: "1 s"; 10,000 steps of 0.1 ms)
#   --mc-duration   biological time of the microcircuit (default: "1 s", the first 100 ms left out of its rates)
#   --backend       the backend measured (default: gpu; 'cpu' to try the script on a machine without a GPU)
#   --device        device id passed as --device (default: the backend's own default, the first CUDA device);
#                   '--device cpu' runs the GPU backend on ILGPU's CPU accelerator: it checks the script, but those
#                   timings mean nothing for speed
#   --out-dir       where the JSON files and the table go (default: out/bench/gpu-YYYYmmdd-HHMMSS, git-ignored)
#   --dry-run       print the commands, run nothing
#
# Every run is a process of its own, so its peak memory is its own. Each run is cut after 240 s (timeout) so one slow
# configuration cannot hold the machine; a cut run is reported as such in the table and the script carries on.
# CORTEX (environment) is the command that runs the CLI; default: dotnet Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll
# when that is built, else ./cortex (which builds it).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

cuba_neurons=(4000 64000 1000000 4000000)
scales=(1)
cpu_neurons=1000000
cpu_threads=2
duration="1 s"
mc_duration="1 s"
backend=gpu
device=""
out_dir="out/bench/gpu-$(date +%Y%m%d-%H%M%S)"
dry=no
per_run_limit=240

take_list() { # prints the values following an option, up to the next option
  local -n into=$1; shift
  into=()
  while [ $# -gt 0 ] && [[ "$1" != --* ]]; do into+=("$1"); shift; done
  [ ${#into[@]} -gt 0 ] || { echo "gpu.sh: an option needs at least one value" >&2; exit 2; }
}

while [ $# -gt 0 ]; do
  case "$1" in
    --cuba-neurons) shift; take_list cuba_neurons "$@"; shift ${#cuba_neurons[@]} ;;
    --scales) shift; take_list scales "$@"; shift ${#scales[@]} ;;
    --cpu-neurons) cpu_neurons="$2"; shift 2 ;;
    --cpu-threads) cpu_threads="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --mc-duration) mc_duration="$2"; shift 2 ;;
    --backend) backend="$2"; shift 2 ;;
    --device) device="$2"; shift 2 ;;
    --out-dir) out_dir="$2"; shift 2 ;;
    --dry-run) dry=yes; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "${CORTEX:-}" ]; then
  if [ -f Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll ]; then CORTEX="dotnet Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll"; else CORTEX="./cortex"; fi
fi
read -r -a cortex <<<"$CORTEX"

# The card: name and memory from the driver. Without one the GPU backend has nothing to run on, unless a device was named.
card="no NVIDIA GPU"
if command -v nvidia-smi >/dev/null 2>&1 && smi=$(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null) && [ -n "$smi" ]; then
  card="$(head -n 1 <<<"$smi")"
elif [ "$backend" = gpu ] && [ -z "$device" ] && [ "$dry" = no ]; then
  echo "gpu.sh: no NVIDIA GPU found (nvidia-smi is missing or lists none); run with --device cpu to check the script on ILGPU's CPU accelerator" >&2
  exit 2
fi
device_args=()
[ -n "$device" ] && device_args=(--device "$device")
# Threads build the network (compilation draws connectivity in parallel; the result does not depend on it). The GPU
# backend itself does not use them; the CPU row keeps --cpu-threads.
build_threads=$(nproc 2>/dev/null || echo 1)
[ "$build_threads" -gt 16 ] && build_threads=16

mkdir -p "$out_dir"
echo "card: $card" | tee "$out_dir/card.txt"
echo "results in $out_dir"

run() { # name, then the cortex arguments; the run's output goes to NAME.log and its table to NAME.json
  local name=$1; shift
  echo "+ ${cortex[*]} $*"
  [ "$dry" = yes ] && return 0
  local started=$SECONDS
  if timeout --signal=INT --kill-after=20 "$per_run_limit" "${cortex[@]}" "$@" --out "$out_dir/$name.json" >"$out_dir/$name.log" 2>&1; then
    echo "  done in $((SECONDS - started)) s"
  else
    local code=$?
    echo "  FAILED or cut (exit $code) after $((SECONDS - started)) s; last lines of $out_dir/$name.log:"
    tail -n 5 "$out_dir/$name.log" | sed 's/^/    /'
    echo "$code" >"$out_dir/$name.failed"
  fi
}

for n in "${cuba_neurons[@]}"; do
  run "cuba-$backend-$n" bench cuba --neurons "$n" --backend "$backend" "${device_args[@]}" --threads "$build_threads" --duration "$duration"
done
for s in "${scales[@]}"; do
  run "microcircuit-$backend-$s" bench microcircuit --scale "$s" --backend "$backend" "${device_args[@]}" --threads "$build_threads" --duration "$mc_duration" --discard "100 ms"
done
run "cuba-cpu-$cpu_neurons" bench cuba --neurons "$cpu_neurons" --backend cpu --threads "$cpu_threads" --duration "$duration"

[ "$dry" = yes ] && exit 0
/usr/bin/env python3 "$HERE/gpu_table.py" "$out_dir" --card "$card" --ratio-neurons "$cpu_neurons" --backend "$backend" | tee "$out_dir/table.md"
