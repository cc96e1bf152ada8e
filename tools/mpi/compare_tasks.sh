#!/usr/bin/env bash
# Runs each cognitive task that declares it runs on MPI ranks once in one process and once under
# 'mpirun -n 2', with small settings, and checks that metrics.json agrees (summary and every episode's score, return,
# steps and curve; per-episode metrics too, except wall-clock seconds). Prints one line per task with both wall times.
#
# Usage: tools/mpi/compare_tasks.sh [OUT_DIR]       (default out/mpi-tasks; needs Open MPI and a built Host)
# CORTEX (environment): the command that runs the CLI; default dotnet Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-out/mpi-tasks}"
mkdir -p "$out"
read -r -a cortex <<< "${CORTEX:-dotnet Plugins/Cortex.Host/bin/Release/net10.0/cortex.dll}"
mpirun_cmd=(mpirun --oversubscribe)
[ "$(id -u)" -eq 0 ] && mpirun_cmd+=(--allow-run-as-root)
failed=0

compare() { # NAME TASK-ARGS...
  local name=$1; shift
  local s c1 c2 t1 t2 same
  s=$(date +%s); "${cortex[@]}" task run "$@" --out "$out/$name-1" > "$out/$name-1.log" 2>&1; c1=$?; t1=$(( $(date +%s) - s ))
  s=$(date +%s); "${mpirun_cmd[@]}" -n 2 "${cortex[@]}" task run "$@" --out "$out/$name-2" > "$out/$name-2.log" 2>&1; c2=$?; t2=$(( $(date +%s) - s ))
  same=$(python3 - "$out/$name-1/metrics.json" "$out/$name-2/metrics.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def episodes(x):
    return [(e["score"], e["return"], e["steps"], e.get("curve"),
             {k: v for k, v in e["metrics"].items() if not k.endswith("_seconds")}) for e in x["episodes"]]
def summary(x):
    return {k: v for k, v in x["summary"].items() if not k.endswith("_seconds")}
print("same" if summary(a) == summary(b) and episodes(a) == episodes(b) else "DIFFERENT", "score", a["summary"].get("score"))
PY
)
  [[ "$c1/$c2" == "0/0" && "$same" == same* ]] || failed=1
  echo "$name: exit $c1 / $c2, wall ${t1} s / ${t2} s (1 process / 2 ranks), $same"
}

compare decision decision --seed 3 --episodes 1 --set neurons=100 --set trials=1 --set levels=2 --set stimulus=250ms --set settle=50ms --set pre=30ms
compare bandit bandit --seed 5 --episodes 1 --set trials=8
compare action_selection action_selection --seed 2 --episodes 1 --set phases=4 --set phase=150ms --set baseline=100ms --set settle=50ms
compare reach reach --seed 2 --episodes 1 --set targets=2 --set reach=150ms --set neurons=60
compare working_memory working_memory --seed 2 --episodes 1 --set trials=1 --set n_exc=64 --set n_inh=16 --set delay=200ms --set checkpoints=2 --set settle=100ms --set cue=100ms --set window=100ms --set iti=50ms
compare stdp_digits stdp_digits --seed 2 --episodes 1 --set neurons=10 --set epochs=1 --set train_limit=6 --set test_limit=4 --set presentation=60ms --set rest=20ms
exit $failed
