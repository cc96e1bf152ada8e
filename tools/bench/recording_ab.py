#!/usr/bin/python3
"""What recording every spike costs `cortex run`, for several published builds side by side.

Each round runs, for every size and every build in turn, CUBA (1 s) with every spike recorded and the same spec
without probes, so a slow spell of a shared machine falls on every variant alike. Prints, per size and build, the best
and median `simulation_seconds` of each, the recording cost from both, the median CPU time of the whole process
(recorded minus not), and the size of spikes.parquet.

    /usr/bin/python3 tools/bench/recording_ab.py --builds /tmp/ab/base /tmp/ab/new --neurons 4000 64000 --rounds 7
    /usr/bin/python3 tools/bench/recording_ab.py --builds /tmp/ab/new --busy-core

A build is a folder holding cortex.dll (a copy of .cortex/bin). Standard library only.
"""
import argparse
import json
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import cortex_run_cuba  # noqa: E402
import scale_cuba_spec  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--builds", nargs="+", required=True, help="folders holding cortex.dll")
    parser.add_argument("--neurons", type=int, nargs="+", default=[4000, 64000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--busy-core", action="store_true", help="keep one core busy with a spinning process meanwhile")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    work = pathlib.Path(tempfile.mkdtemp(prefix="cortex-recording-ab-"))
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy_core else None
    seconds, cpu, size = {}, {}, {}
    try:
        for neurons in args.neurons:
            for record in ("spikes", "none"):
                spec = scale_cuba_spec.scale(scale_cuba_spec.load_template(ROOT / "examples" / "cuba.json"), neurons, 1, "1 s", record)
                (work / f"{neurons}-{record}.json").write_text(json.dumps(spec), encoding="utf-8")
        for _ in range(args.rounds):
            for neurons in args.neurons:
                for build in args.builds:
                    for record in ("spikes", "none"):
                        before = resource.getrusage(resource.RUSAGE_CHILDREN)
                        run = cortex_run_cuba.run_once(f"dotnet {build}/cortex.dll", work / f"{neurons}-{record}.json", args.threads, work / "out")
                        after = resource.getrusage(resource.RUSAGE_CHILDREN)
                        key = (build, neurons, record)
                        seconds.setdefault(key, []).append(run["simulate_seconds"])
                        cpu.setdefault(key, []).append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                        size[key] = run["spikes_file_bytes"]
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
        shutil.rmtree(work, ignore_errors=True)

    print(f"CUBA 1 s, {args.threads} thread(s){', one core busy' if args.busy_core else ''}; {args.rounds} rounds")
    for neurons in args.neurons:
        for build in args.builds:
            recorded, plain = seconds[(build, neurons, "spikes")], seconds[(build, neurons, "none")]
            best, median = min(recorded) / min(plain) - 1, statistics.median(recorded) / statistics.median(plain) - 1
            extra_cpu = statistics.median(cpu[(build, neurons, "spikes")]) - statistics.median(cpu[(build, neurons, "none")])
            print(f"{build:>20} {neurons:>7,}  recorded {min(recorded):.3f}/{statistics.median(recorded):.3f} s  "
                  f"no probes {min(plain):.3f}/{statistics.median(plain):.3f} s (best/median)  cost {best:+.1%} / {median:+.1%}  "
                  f"process CPU {extra_cpu:+.3f} s  spikes.parquet {size[(build, neurons, 'spikes')]:,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
