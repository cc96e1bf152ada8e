#!/usr/bin/env python3
"""Prints tools/bench/gpu.sh's table from the JSON files `cortex bench cuba|microcircuit --out` wrote (standard library only).

Usage: gpu_table.py OUT_DIR --card "NAME, MEMORY" [--ratio-neurons N] [--backend gpu]
"""
import argparse
import glob
import json
import os


def rows(out_dir):
    for path in sorted(glob.glob(os.path.join(out_dir, "*.json"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("benchmark") == "cuba":
            for r in data["rows"]:
                yield name, "CUBA", r
        elif data.get("benchmark") == "microcircuit":
            for r in data["results"]:
                yield name, f"microcircuit ×{r['scale']:g}", r
    for path in sorted(glob.glob(os.path.join(out_dir, "*.failed"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            yield name, "FAILED (exit " + f.read().strip() + ")", None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--card", default="unknown card")
    parser.add_argument("--ratio-neurons", type=int, default=1_000_000)
    parser.add_argument("--backend", default="gpu")
    args = parser.parse_args()

    print(f"Card: {args.card}")
    print()
    print("| workload | neurons | synapses | backend | device | build s | simulate s | real-time factor | rate Hz | device MB | peak host MB |")
    print("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|")
    cuba = {}
    micro = []
    for name, workload, r in rows(args.out_dir):
        if r is None:
            print(f"| {name} | | | | | | | {workload} | | | |")
            continue
        rate = r.get("mean_rate_hz")
        if rate is None and r.get("populations"):
            pops = r["populations"]
            rate = sum(p["rate_hz"] * p["neurons"] for p in pops) / max(1, sum(p["neurons"] for p in pops))
        device_mb = r.get("device_memory_mb")
        threads = r.get("threads", 1)
        backend = f"{r['backend']} ({threads} thr)" if r["backend"] == "cpu" else r["backend"]
        print(f"| {workload} | {r['neurons']:,} | {r['synapses']:,} | {backend} | {r.get('device') or 'host'} | "
              f"{r['build_seconds']:.1f} | {r['simulate_seconds']:.2f} | {r['real_time_factor']:.3f} | {rate:.2f} | "
              f"{'–' if device_mb is None else f'{device_mb:,.0f}'} | {r['peak_rss_mb']:,.0f} |")
        if workload == "CUBA":
            cuba[(r["backend"], r["neurons"])] = r
        else:
            micro.append(r)
    print()
    gpu = cuba.get((args.backend, args.ratio_neurons))
    cpu = cuba.get(("cpu", args.ratio_neurons))
    if gpu and cpu:
        ratio = cpu["simulate_seconds"] / gpu["simulate_seconds"]
        print(f"CUBA {args.ratio_neurons:,}: {args.backend} is {ratio:.1f}× the cpu backend on {cpu['threads']} threads (goal ≥ 10×).")
    for r in micro:
        if r["scale"] == 1:
            print(f"Full-scale microcircuit: real-time factor {r['real_time_factor']:.3f} on {r['backend']} (goal ≤ 0.3 on an H100).")


if __name__ == "__main__":
    main()
