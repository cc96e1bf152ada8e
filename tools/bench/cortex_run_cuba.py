#!/usr/bin/python3
"""Times the user's path: `cortex run` of the scaled CUBA spec with every spike recorded to Parquet.

For every size and thread count it writes the spec (scale_cuba_spec.py, the same network as `cortex bench cuba`),
runs `cortex run SPEC --no-plot --threads T` with spikes recorded, and the same spec with no probe at all, and
keeps the best of --repeats runs of each (the run's own `simulation_seconds` from summary.json: the simulation
loop including the recorder's hand-over and the last flush, network construction excluded; and the process's
wall time, which includes .NET start-up and writing the summary). With --busy-core a spinning process holds one
core during every run, as another job on a 2-core machine would.

    /usr/bin/python3 tools/bench/cortex_run_cuba.py --neurons 4000 64000 --threads 1 2 --out /tmp/cortex-run.json
    /usr/bin/python3 tools/bench/cortex_run_cuba.py --cortex "dotnet .cortex/bin/cortex.dll" --busy-core ...

Standard library only. See tools/bench/README.md.
"""
import argparse
import json
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import scale_cuba_spec  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--neurons", type=int, nargs="+", default=[4000, 64000, 256000])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=2, help="runs per row and variant; the fastest is kept (default 2)")
    parser.add_argument("--duration", default="1 s")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cortex", default=str(ROOT / "cortex"), help="the command that runs Cortex (default: ./cortex)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the runs without probes (no recording-cost column)")
    parser.add_argument("--busy-core", action="store_true", help="keep one core busy with a spinning process during the runs")
    parser.add_argument("--work-dir", help="where specs and run outputs go (default: a temporary folder, removed afterwards)")
    parser.add_argument("--out", required=True, help="write the JSON here")
    return parser.parse_args(argv)


def run_once(cortex, spec, threads, out_dir):
    if out_dir.exists():
        shutil.rmtree(out_dir)
    command = [*shlex.split(cortex), "run", str(spec), "--no-plot", "--threads", str(threads), "--out", str(out_dir)]
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"cortex run failed with exit code {completed.returncode}: {' '.join(command)}")
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    spikes_file = out_dir / "spikes.parquet"
    return {
        "simulate_seconds": summary["simulation_seconds"],
        "build_seconds": summary["build_seconds"],
        "wall_seconds": wall,
        "mean_rate_hz": summary.get("mean_rate_hz"),
        "synapses": summary.get("synapses"),
        "spikes": sum(p["spikes"] for p in summary.get("populations", [])),
        "spikes_file_bytes": spikes_file.stat().st_size if spikes_file.exists() else 0,
    }


def best_of(cortex, spec, threads, out_dir, repeats):
    return interleaved_best_of(cortex, [spec], threads, out_dir, repeats)[0]


def interleaved_best_of(cortex, specs, threads, out_dir, repeats):
    """The best of `repeats` runs of each spec, taken in rounds (one run of every spec per round), so that a slow
    spell of a shared machine falls on all of them alike instead of on whichever ran then."""
    runs = [[] for _ in specs]
    for _ in range(repeats):
        for i, spec in enumerate(specs):
            runs[i].append(run_once(cortex, spec, threads, out_dir))
    bests = []
    for spec_runs in runs:
        best = min(spec_runs, key=lambda r: r["simulate_seconds"])
        best["simulate_seconds_all"] = [r["simulate_seconds"] for r in spec_runs]
        best["wall_seconds_best"] = min(r["wall_seconds"] for r in spec_runs)
        bests.append(best)
    return bests


def main(argv):
    args = parse_args(argv)
    work = pathlib.Path(args.work_dir) if args.work_dir else pathlib.Path(tempfile.mkdtemp(prefix="cortex-run-cuba-"))
    work.mkdir(parents=True, exist_ok=True)
    spinner = None
    if args.busy_core:
        spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    rows = []
    try:
        for neurons in args.neurons:
            specs = {}
            for record in ("spikes", "none"):
                spec = scale_cuba_spec.scale(scale_cuba_spec.load_template(ROOT / "examples" / "cuba.json"),
                                             neurons, args.seed, args.duration, record)
                specs[record] = work / f"cuba-{neurons}-{record}.json"
                specs[record].write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
            for threads in args.threads:
                if args.no_baseline:
                    recorded = best_of(args.cortex, specs["spikes"], threads, work / f"run-{neurons}-{threads}", args.repeats)
                else:
                    recorded, plain = interleaved_best_of(args.cortex, [specs["spikes"], specs["none"]], threads,
                                                          work / f"run-{neurons}-{threads}", args.repeats)
                row = {"neurons": neurons, "threads": threads, **recorded}
                if not args.no_baseline:
                    row["no_probe_simulate_seconds"] = plain["simulate_seconds"]
                    row["no_probe_wall_seconds"] = plain["wall_seconds_best"]
                    row["recording_overhead"] = recorded["simulate_seconds"] / plain["simulate_seconds"] - 1.0
                rows.append(row)
                overhead = f", recording {row['recording_overhead'] * 100:+.0f} %" if "recording_overhead" in row else ""
                print(f"  {neurons:>7,} neurons, {threads} thread(s): run {recorded['simulate_seconds']:.3f} s "
                      f"(wall {recorded['wall_seconds_best']:.2f} s){overhead}", flush=True)
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    result = {
        "benchmark": "cortex_run_cuba",
        "duration": args.duration,
        "busy_core": args.busy_core,
        "repeats": args.repeats,
        "command": args.cortex,
        "rows": rows,
    }
    pathlib.Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
