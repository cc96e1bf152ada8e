#!/usr/bin/python3
"""The figures of issue 18's user path in one table: start-up, the first simulated second, and the cost of
recording every spike, each taken side by side in one run so the lead can repeat them on a quiet machine.

  start-up        wall time of the whole `cortex run examples/cuba.json --no-plot` process (median and best of
                  --startup-runs), and one run with CORTEX_TRACE_STARTUP=1 for where the time goes;
  first second    CUBA 4k, every spike recorded: simulation_seconds of a 1 s run minus the steady state per
                  simulated second, (T(10 s) - T(1 s)) / 9, best of --repeats each (goal: <= 0.05 s);
  recording cost  simulation_seconds with every spike recorded over the same spec without probes, 1 s, at each
                  --neurons size, best of --repeats (goal: <= 10 %).
The two runs of each comparison alternate, round by round, so a slow spell of the machine falls on both.

    /usr/bin/python3 tools/bench/run_path_figures.py                      # ./cortex, 4k and 64k, 1 thread
    /usr/bin/python3 tools/bench/run_path_figures.py --cortex "dotnet .cortex/bin/cortex.dll" --busy-core

With --busy-core a spinning process holds one core during every timed run (a 2-core machine shared with another
job). Standard library only; it writes the scaled specs and outputs to a temporary folder and removes it.
"""
import argparse
import json
import os
import pathlib
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import cortex_run_cuba  # noqa: E402
import scale_cuba_spec  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cortex", default=str(ROOT / "cortex"), help="the command that runs Cortex (default: ./cortex)")
    parser.add_argument("--neurons", type=int, nargs="+", default=[4000, 64000], help="sizes for the recording cost")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--startup-runs", type=int, default=7, help="start-up runs (median and best; default 7)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per timed variant, the fastest kept (default 3)")
    parser.add_argument("--busy-core", action="store_true", help="keep one core busy with a spinning process meanwhile")
    parser.add_argument("--out", help="also write the figures as JSON here")
    return parser.parse_args(argv)


def startup(cortex, runs, work):
    command = [*shlex.split(cortex), "run", str(ROOT / "examples" / "cuba.json"), "--no-plot", "--out", str(work / "startup")]
    subprocess.run(command, capture_output=True, check=True)  # a first build or a cold disk cache is not start-up
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
    traced = subprocess.run(command, capture_output=True, text=True, check=True,
                            env={**os.environ, "CORTEX_TRACE_STARTUP": "1"})
    trace = [line for line in traced.stderr.splitlines() if line.startswith("startup:")]
    return {"median_s": statistics.median(walls), "best_s": min(walls), "all_s": walls, "trace": trace}


def spec_file(work, neurons, record, duration):
    spec = scale_cuba_spec.scale(scale_cuba_spec.load_template(ROOT / "examples" / "cuba.json"), neurons, 1, duration, record)
    path = work / f"cuba-{neurons}-{record}-{duration.replace(' ', '')}.json"
    path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    return path


def first_second(cortex, threads, repeats, work):
    one, ten = cortex_run_cuba.interleaved_best_of(
        cortex, [spec_file(work, 4000, "spikes", "1 s"), spec_file(work, 4000, "spikes", "10 s")], threads, work / "first", repeats)
    steady = (ten["simulate_seconds"] - one["simulate_seconds"]) / 9
    return {"one_second_s": one["simulate_seconds"], "ten_seconds_s": ten["simulate_seconds"],
            "steady_per_second_s": steady, "first_second_excess_s": one["simulate_seconds"] - steady}


def recording_cost(cortex, neurons, threads, repeats, work):
    recorded, plain = cortex_run_cuba.interleaved_best_of(
        cortex, [spec_file(work, neurons, "spikes", "1 s"), spec_file(work, neurons, "none", "1 s")], threads, work / f"cost-{neurons}", repeats)
    return {"neurons": neurons, "recorded_s": recorded["simulate_seconds"], "no_probe_s": plain["simulate_seconds"],
            "spikes": recorded["spikes"], "overhead": recorded["simulate_seconds"] / plain["simulate_seconds"] - 1}


def main(argv):
    args = parse_args(argv)
    clock = time.perf_counter()
    work = pathlib.Path(tempfile.mkdtemp(prefix="cortex-run-path-"))
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy_core else None
    try:
        up = startup(args.cortex, args.startup_runs, work)
        first = first_second(args.cortex, args.threads, args.repeats, work)
        costs = [recording_cost(args.cortex, n, args.threads, args.repeats, work) for n in args.neurons]
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - clock

    print(f"\nCortex user path ({args.cortex}; {args.threads} thread(s){'; one core busy' if args.busy_core else ''}; load average "
          f"{os.getloadavg()[0]:.1f} at the end)")
    print(f"{'figure':<44}{'measured':>12}{'goal':>10}")
    print(f"{'start-up: cortex run cuba.json --no-plot':<44}{up['median_s']:>10.3f} s{'<= 0.6 s':>10}   (median of {len(up['all_s'])}, best {up['best_s']:.3f} s)")
    print(f"{'first simulated second above steady state':<44}{first['first_second_excess_s']:>10.3f} s{'<= 0.05 s':>10}   "
          f"(1 s: {first['one_second_s']:.3f} s, 10 s: {first['ten_seconds_s']:.3f} s, 4k, spikes recorded)")
    for cost in costs:
        print(f"{'recording every spike, ' + format(cost['neurons'], ',') + ' neurons':<44}{cost['overhead'] * 100:>10.1f} %{'<= 10 %':>10}   "
              f"({cost['recorded_s']:.3f} s vs {cost['no_probe_s']:.3f} s without probes, {cost['spikes']:,} spikes)")
    print("where the start-up goes (CORTEX_TRACE_STARTUP=1):")
    for line in up["trace"]:
        print(f"  {line}")
    print(f"run time of this script: {elapsed:.0f} s")
    if args.out:
        pathlib.Path(args.out).write_text(json.dumps({"cortex": args.cortex, "threads": args.threads, "busy_core": args.busy_core,
                                                      "startup": up, "first_second": first, "recording_cost": costs,
                                                      "script_seconds": elapsed}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
