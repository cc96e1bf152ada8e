#!/usr/bin/env bash
# Scale-out benchmark: MPI ranks against the threaded single-process backend, in one session, side by side.
#
# Usage:
#   tools/bench/scale_out.sh [--cuba-neurons N ...] [--scales S ...] [--ranks R ...] [--threads T ...]
#                            [--cuba-duration T] [--mc-duration T] [--mc-discard T] [--out-dir DIR]
#                            [--no-mpi] [--no-cuba] [--no-microcircuit] [--dry-run]
#
#   --cuba-neurons   CUBA sizes (default: 256000)
#   --scales         microcircuit scales (default: 0.5 1)
#   --ranks          MPI rank counts, one thread per rank (default: 1 2)
#   --threads        thread counts of the single-process backend (default: 1 2)
#   --cuba-duration  biological time per CUBA run (default: "1 s")
#   --mc-duration    biological time per microcircuit run (default: "0.5 s"; the full scale builds for a minute)
#   --mc-discard     start-up transient left out of the microcircuit rates (default: "100 ms")
#   --out-dir        where the JSON files and the table go (default: out/bench/scale-YYYYmmdd-HHMMSS, git-ignored)
#   --no-mpi         only the single-process rows (for a machine without Open MPI)
#   --dry-run        print the commands, run nothing
#
# Every configuration runs in a process of its own (every rank in its own process), so each row's peak
# memory is that configuration's alone. For each row the table gives the real-time factor (wall time /
# biological time, lower is faster), the share of the wall time spent in the spike exchange (MPI rows;
# reported by the MPI layer as comm_seconds), peak resident memory per process (measured from outside
# with /usr/bin/time when it is installed, else the process's own report), and bytes per synapse.
#
# It runs, for each workload:
#   cortex bench cuba|microcircuit ... --threads T --out DIR/<workload>-t<T>.json              (T in --threads)
#   mpirun -n R [--oversubscribe --allow-run-as-root] cortex bench ... --threads 1 --out DIR/<workload>-r<R>.json
# and then tools/bench/scale_out_table.py DIR, which prints the table and writes DIR/table.md and DIR/scale.json.
#
# CORTEX (environment) is the command that runs the CLI; default: dotnet Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll
# when that is built, else ./cortex. MPIRUN (environment) overrides mpirun.
# Take numbers on a quiet machine only (see tools/bench/README.md); on a busy one, compare rows of one run only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

cuba_neurons=(256000)
scales=(0.5 1)
ranks=(1 2)
threads=(1 2)
cuba_duration="1 s"
mc_duration="0.5 s"
mc_discard="100 ms"
out_dir="out/bench/scale-$(date +%Y%m%d-%H%M%S)"
mpi=yes; cuba=yes; microcircuit=yes; dry=no

take_list() { # prints the values following an option, up to the next option
  local -n into=$1; shift
  into=()
  while [ $# -gt 0 ] && [[ "$1" != --* ]]; do into+=("$1"); shift; done
  [ ${#into[@]} -gt 0 ] || { echo "scale_out.sh: an option needs at least one value" >&2; exit 2; }
}

while [ $# -gt 0 ]; do
  case "$1" in
    --cuba-neurons) shift; take_list cuba_neurons "$@"; shift ${#cuba_neurons[@]} ;;
    --scales) shift; take_list scales "$@"; shift ${#scales[@]} ;;
    --ranks) shift; take_list ranks "$@"; shift ${#ranks[@]} ;;
    --threads) shift; take_list threads "$@"; shift ${#threads[@]} ;;
    --cuba-duration) cuba_duration="${2:?--cuba-duration needs a time}"; shift 2 ;;
    --mc-duration) mc_duration="${2:?--mc-duration needs a time}"; shift 2 ;;
    --mc-discard) mc_discard="${2:?--mc-discard needs a time}"; shift 2 ;;
    --out-dir) out_dir="${2:?--out-dir needs a directory}"; shift 2 ;;
    --no-mpi) mpi=no; shift ;;
    --no-cuba) cuba=no; shift ;;
    --no-microcircuit) microcircuit=no; shift ;;
    --dry-run) dry=yes; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$HERE/scale_out.sh" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale_out.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ -n "${CORTEX:-}" ]; then
  read -r -a cortex <<< "$CORTEX"
elif [ -f Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll ]; then
  cortex=(dotnet Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll)
else
  cortex=(./cortex)
fi

mpirun_cmd=()
if [ "$mpi" = yes ]; then
  read -r -a mpirun_cmd <<< "${MPIRUN:-mpirun}"
  if ! command -v "${mpirun_cmd[0]}" > /dev/null; then
    echo "scale_out.sh: error: '${mpirun_cmd[0]}' not found; install Open MPI (scripts/setup.sh does) or pass --no-mpi" >&2
    exit 2
  fi
  # Root needs --allow-run-as-root; more ranks than cores need --oversubscribe (harmless otherwise).
  mpirun_cmd+=(--oversubscribe)
  [ "$(id -u)" -eq 0 ] && mpirun_cmd+=(--allow-run-as-root)
fi

have_time=no
[ -x /usr/bin/time ] && have_time=yes

mkdir -p "$out_dir"
{
  echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host=$(hostname)"
  echo "cores=$(nproc)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$out_dir/machine.txt"

# run NAME PROCESSES CMD... : runs one configuration, each of its processes under /usr/bin/time (peak RSS in KiB, wall,
# user and system CPU seconds of the whole process to NAME.rss.<rank>), and keeps going when it fails, so one broken
# row does not lose the others.
run() {
  local name=$1 procs=$2; shift 2
  local wrapped=("$@")
  if [ "$have_time" = yes ]; then
    # The rank comes from Open MPI's environment inside the process, so the wrapper is a small shell.
    wrapped=(sh -c 'exec /usr/bin/time -f "rss_kib=%M wall_s=%e user_s=%U sys_s=%S" -o "$0.rss.${OMPI_COMM_WORLD_RANK:-0}" "$@"' "$out_dir/$name" "$@")
  fi
  if [ "$procs" = 0 ]; then echo "== $name: $*"; else echo "== $name: ${mpirun_cmd[*]} -n $procs $*"; fi
  [ "$dry" = yes ] && return 0
  local start end
  start=$(date +%s.%N)
  if [ "$procs" = 0 ]; then
    "${wrapped[@]}" > "$out_dir/$name.log" 2>&1 || echo "   failed (exit $?), see $out_dir/$name.log"
  else
    "${mpirun_cmd[@]}" -n "$procs" "${wrapped[@]}" > "$out_dir/$name.log" 2>&1 || echo "   failed (exit $?), see $out_dir/$name.log"
  fi
  end=$(date +%s.%N)
  echo "   $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }') s wall, load $(cut -d' ' -f1 /proc/loadavg)"
}

if [ "$cuba" = yes ]; then
  for n in "${cuba_neurons[@]}"; do
    for t in "${threads[@]}"; do
      run "cuba-$n-t$t" 0 "${cortex[@]}" bench cuba --neurons "$n" --threads "$t" --duration "$cuba_duration" --out "$out_dir/cuba-$n-t$t.json"
    done
    if [ "$mpi" = yes ]; then
      for r in "${ranks[@]}"; do
        run "cuba-$n-r$r" "$r" "${cortex[@]}" bench cuba --neurons "$n" --threads 1 --duration "$cuba_duration" --out "$out_dir/cuba-$n-r$r.json"
      done
    fi
  done
fi

if [ "$microcircuit" = yes ]; then
  for s in "${scales[@]}"; do
    for t in "${threads[@]}"; do
      run "mc-$s-t$t" 0 "${cortex[@]}" bench microcircuit --scale "$s" --threads "$t" --duration "$mc_duration" --discard "$mc_discard" --out "$out_dir/mc-$s-t$t.json"
    done
    if [ "$mpi" = yes ]; then
      for r in "${ranks[@]}"; do
        run "mc-$s-r$r" "$r" "${cortex[@]}" bench microcircuit --scale "$s" --threads 1 --duration "$mc_duration" --discard "$mc_discard" --out "$out_dir/mc-$s-r$r.json"
      done
    fi
  done
fi

echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out_dir/machine.txt"
[ "$dry" = yes ] && exit 0
echo
python3 "$HERE/scale_out_table.py" "$out_dir"
