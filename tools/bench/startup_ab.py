#!/usr/bin/python3
"""Start-up of `cortex run SPEC --no-plot` for several builds or runtime settings side by side, interleaved.

Each variant runs once per round, in turn, with CORTEX_TRACE_STARTUP=1, so a machine whose load drifts hurts every
variant alike; the table gives the median over the rounds of each figure. Wall times need a quiet machine; CPU times
(all threads of the process) and JIT-compiled method counts mean something on a loaded one too.

    /usr/bin/python3 tools/bench/startup_ab.py --rounds 7 \\
        "old=dotnet /tmp/old/cortex.dll" "new=dotnet .cortex/bin/cortex.dll" \\
        "new-tc-off=DOTNET_TieredCompilation=0 dotnet .cortex/bin/cortex.dll"
    /usr/bin/python3 tools/bench/startup_ab.py --spec /tmp/cuba-4000-none.json "a=..." "b=..."

A variant is NAME=COMMAND; leading VAR=VALUE words of the command are set in its environment. Columns (ms unless
marked): wall s (the whole process, timed here), wall/cpu/jit at step 0 (backend and recorder ready), the simulation's
wall and CPU (step 0 to the last step), closing the recordings (last step to closed), cpu and jit at exit, and the
JIT's own time. Standard library only.
"""
import argparse
import os
import pathlib
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
TRACE = re.compile(r"startup:\s+(\d+) ms wall\s+(\d+) ms cpu\s+(\d+) methods JIT-compiled in\s+(\d+) ms\s+(.*)")
COLUMNS = [("wall s", "wall"), ("wall@0", "wall0"), ("cpu@0", "cpu0"), ("jit@0", "jit0"), ("sim wall", "simwall"),
           ("sim cpu", "simcpu"), ("close wall", "closewall"), ("close cpu", "closecpu"), ("cpu", "cpu"), ("jit", "jit"),
           ("jit ms", "jitms")]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variants", nargs="+", help="NAME=COMMAND, e.g. \"new=dotnet .cortex/bin/cortex.dll\"")
    parser.add_argument("--spec", default=str(ROOT / "examples" / "cuba.json"))
    parser.add_argument("--rounds", type=int, default=7)
    return parser.parse_args(argv)


def variant(text):
    name, command = text.split("=", 1)
    words = shlex.split(command)
    env = {}
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return name, env, words


def run_once(env, words, spec, out):
    start = time.perf_counter()
    done = subprocess.run([*words, "run", spec, "--no-plot", "--out", out], capture_output=True, text=True,
                          env={**os.environ, "DOTNET_LTTng": "0", "CORTEX_TRACE_STARTUP": "1", **env})
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(words)} failed ({done.returncode}):\n{done.stderr}")
    points = {}
    for line in done.stderr.splitlines():
        if match := TRACE.match(line):
            points[match.group(5).split(" (")[0]] = tuple(int(x) for x in match.groups()[:4])
    step0, last, closed, end = (points[k] for k in ("step 0", "last step done", "simulation done, recordings closed", "exiting"))
    return {"wall": wall, "wall0": step0[0], "cpu0": step0[1], "jit0": step0[2], "simwall": last[0] - step0[0],
            "simcpu": last[1] - step0[1], "closewall": closed[0] - last[0], "closecpu": closed[1] - last[1],
            "cpu": end[1], "jit": end[2], "jitms": end[3]}


def main(argv):
    args = parse_args(argv)
    variants = [variant(v) for v in args.variants]
    results = {name: [] for name, _, _ in variants}
    with tempfile.TemporaryDirectory(prefix="cortex-startup-ab-") as work:
        for name, env, words in variants:  # untimed: a cold disk cache is not start-up
            run_once(env, words, args.spec, os.path.join(work, name))
        for r in range(args.rounds):
            for name, env, words in variants:
                results[name].append(run_once(env, words, args.spec, os.path.join(work, name)))
            print(f"round {r + 1}/{args.rounds}, load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    print(f"\n{args.spec}: medians of {args.rounds} interleaved rounds (ms unless marked); load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'variant':<16}" + "".join(f"{title:>11}" for title, _ in COLUMNS))
    for name, _, _ in variants:
        rows = results[name]
        cells = []
        for title, key in COLUMNS:
            value = statistics.median(row[key] for row in rows)
            cells.append(f"{value:>11.3f}" if key == "wall" else f"{value:>11.0f}")
        print(f"{name:<16}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
