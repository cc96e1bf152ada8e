#!/usr/bin/python3
"""Side-by-side table of `cortex bench cuba`, `cortex run` (cortex_run_cuba.py) and brian2_cuba_standalone.py results.

Usage:
    /usr/bin/python3 tools/bench/compare_cuba.py --cortex cortex.json --brian2 brian2.json \
        [--cortex-run cortex-run.json] [--stream stream.json] [--floor-bytes 48] [--backend cpu] [--out combined.json]

Rows are matched on (neurons, threads). Columns:
    neurons, synapses     network size (synapses as Cortex built them; Brian2 draws its own,
                          the count is in the combined JSON)
    thr                   threads (Brian2: 1 = plain C++, >1 = OpenMP)
    Cortex s, Brian2 s    simulation time for the simulated duration, construction and
                          compilation excluded
    Cx/B2                 Cortex time / Brian2 time (below 1: Cortex is faster)
    run s                 with --cortex-run: `cortex run` of the same network with every spike recorded
                          to Parquet (the user's path): the run's simulation_seconds, last flush included
    run/B2                run s / Brian2 s (Brian2's time includes its SpikeMonitor)
    rec +%                run s over the same `cortex run` with no probe: the cost of recording
    wall s                the whole `cortex run` process with recording (start-up, build, summary)
    Cortex Hz, Brian2 Hz  mean firing rate (the networks should agree within a few per cent)
    B/syn                 bytes Cortex holds per synapse
    peak MB               Cortex's peak resident memory during the whole bench process so far
    floor s               with --stream: the memory-bandwidth lower bound for the neuron update,
                          floor-bytes x neurons x steps / STREAM triad bandwidth at that thread count

Standard library only. See tools/bench/README.md.
"""

import argparse
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Compare Cortex and Brian2 CUBA benchmark results.")
    parser.add_argument("--cortex", required=True, help="JSON from `cortex bench cuba --out`")
    parser.add_argument("--brian2", required=True, help="JSON from brian2_cuba_standalone.py --out")
    parser.add_argument("--cortex-run", help="JSON from cortex_run_cuba.py --out (the user's `cortex run` path)")
    parser.add_argument("--stream", help="JSON from the stream triad (Cortex.Benchmarks stream --out)")
    parser.add_argument("--floor-bytes", type=float, default=48.0,
                        help="bytes moved per neuron per step by the neuron update (default 48)")
    parser.add_argument("--dt-ms", type=float, default=0.1, help="time step in ms (default 0.1)")
    parser.add_argument("--backend", default="cpu", help="Cortex backend to compare (default cpu)")
    parser.add_argument("--out", help="write the combined JSON here")
    return parser.parse_args(argv)


def bandwidth_for(stream, threads):
    """Best triad bandwidth (bytes/s) measured with this many threads, else the nearest below, else the lowest."""
    if not stream:
        return None
    rows = sorted(stream.get("rows", []), key=lambda r: r["threads"])
    if not rows:
        return None
    chosen = rows[0]
    for row in rows:
        if row["threads"] <= threads:
            chosen = row
    return chosen["best_gb_per_s"] * 1e9


def fmt(value, pattern):
    return "-" if value is None else format(value, pattern)


def main(argv):
    args = parse_args(argv)
    cortex = load(args.cortex)
    brian2 = load(args.brian2)
    stream = load(args.stream) if args.stream else None
    cortex_run = load(args.cortex_run) if args.cortex_run else None

    duration_ms = cortex.get("duration_ms") or brian2.get("duration_ms") or 1000.0
    if brian2.get("duration_ms") not in (None, duration_ms):
        print(f"warning: durations differ (Cortex {duration_ms} ms, Brian2 {brian2['duration_ms']} ms)", file=sys.stderr)
    steps = round(duration_ms / args.dt_ms)

    cortex_rows = {(r["neurons"], r["threads"]): r for r in cortex["rows"] if r.get("backend", args.backend) == args.backend}
    brian2_rows = {(r["neurons"], r["threads"]): r for r in brian2["rows"]}
    run_rows = {(r["neurons"], r["threads"]): r for r in cortex_run["rows"]} if cortex_run else {}
    keys = sorted(set(cortex_rows) | set(brian2_rows) | set(run_rows))

    combined = []
    for key in keys:
        c, b, r = cortex_rows.get(key), brian2_rows.get(key), run_rows.get(key)
        ratio = None
        if c and b and b["simulate_seconds"]:
            ratio = c["simulate_seconds"] / b["simulate_seconds"]
        run_ratio = None
        if r and b and b["simulate_seconds"]:
            run_ratio = r["simulate_seconds"] / b["simulate_seconds"]
        bandwidth = bandwidth_for(stream, key[1])
        floor = args.floor_bytes * key[0] * steps / bandwidth if bandwidth else None
        combined.append({
            "neurons": key[0],
            "threads": key[1],
            "cortex": c,
            "brian2": b,
            "ratio_cortex_over_brian2": ratio,
            "cortex_run": r,
            "ratio_cortex_run_over_brian2": run_ratio,
            "memory_floor_seconds": floor,
        })

    headers = ["neurons", "synapses", "thr", "Cortex s", "Brian2 s", "Cx/B2"]
    if cortex_run:
        headers += ["run s", "run/B2", "rec +%", "wall s"]
    headers += ["Cortex Hz", "Brian2 Hz", "B/syn", "peak MB"]
    if stream:
        headers.append(f"floor s ({args.floor_bytes:g} B)")
    table = []
    for row in combined:
        c, b = row["cortex"] or {}, row["brian2"] or {}
        cells = [
            f"{row['neurons']:,}",
            fmt(c.get("synapses", b.get("synapses")), ","),
            str(row["threads"]),
            fmt(c.get("simulate_seconds"), ".3f"),
            fmt(b.get("simulate_seconds"), ".3f"),
            fmt(row["ratio_cortex_over_brian2"], ".2f"),
        ]
        if cortex_run:
            r = row["cortex_run"] or {}
            overhead = r.get("recording_overhead")
            cells += [
                fmt(r.get("simulate_seconds"), ".3f"),
                fmt(row["ratio_cortex_run_over_brian2"], ".2f"),
                fmt(None if overhead is None else overhead * 100, "+.0f"),
                fmt(r.get("wall_seconds_best"), ".2f"),
            ]
        cells += [
            fmt(c.get("mean_rate_hz"), ".2f"),
            fmt(b.get("mean_rate_hz"), ".2f"),
            fmt(c.get("bytes_per_synapse"), ".2f"),
            fmt(c.get("peak_rss_mb"), ".0f"),
        ]
        if stream:
            cells.append(fmt(row["memory_floor_seconds"], ".3f"))
        table.append(cells)

    widths = [max(len(h), *(len(r[i]) for r in table)) if table else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.rjust(w) for h, w in zip(headers, widths))
    print(f"CUBA, {duration_ms:g} ms simulated at dt {args.dt_ms:g} ms; simulate times exclude build/compile")
    if cortex_run and cortex_run.get("busy_core"):
        print("run s, rec +% and wall s measured with one core held by a spinning process (--busy-core)")
    print(line)
    print("-" * len(line))
    for cells in table:
        print("  ".join(cell.rjust(w) for cell, w in zip(cells, widths)))
    if stream:
        bands = ", ".join(f"{r['threads']} thr {r['best_gb_per_s']:.1f} GB/s" for r in stream.get("rows", []))
        print(f"floor s = {args.floor_bytes:g} B x neurons x {steps:,} steps / STREAM triad bandwidth ({bands})")

    if args.out:
        result = {
            "benchmark": "cuba_compare",
            "duration_ms": duration_ms,
            "dt_ms": args.dt_ms,
            "cortex_backend": args.backend,
            "brian2_simulator": brian2.get("simulator"),
            "cortex_run_busy_core": cortex_run.get("busy_core") if cortex_run else None,
            "floor_bytes_per_neuron_step": args.floor_bytes if stream else None,
            "stream": stream,
            "rows": combined,
        }
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
