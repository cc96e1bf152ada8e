#!/usr/bin/env python3
"""Prints the table of tools/bench/scale_out.sh from the JSON files in its output folder.

Usage: scale_out_table.py DIR

Reads DIR/<workload>-t<T>.json (threaded single process) and DIR/<workload>-r<R>.json (R MPI ranks), as written
by `cortex bench cuba|microcircuit --out`, plus DIR/<name>.rss.<rank> (peak RSS in KiB from /usr/bin/time, one per
process) when present. Writes DIR/table.md (Markdown, ready for the README) and DIR/scale.json. Standard library only.
"""
import glob
import json
import os
import re
import sys

NAME = re.compile(r"^(?P<workload>cuba-\d+|mc-[0-9.]+)-(?P<kind>[tr])(?P<count>\d+)\.json$")


def first_row(doc):
    """The one measured row of a bench JSON (cuba: rows[0]; microcircuit: results[0])."""
    rows = doc.get("rows") or doc.get("results") or []
    return rows[0] if rows else None


def mean_rate(row, doc):
    if "mean_rate_hz" in row:
        return row["mean_rate_hz"]
    pops = row.get("populations") or []
    n = sum(p["neurons"] for p in pops)
    return sum(p["rate_hz"] * p["neurons"] for p in pops) / n if n else None


def outside_measure(folder, stem):
    """Per process, as measured by /usr/bin/time (one NAME.rss.<rank> file each, ordered by rank): peak RSS in MB
    (2^20 bytes) and the whole process's CPU seconds (user + system, network construction included)."""
    out = []
    paths = sorted(glob.glob(os.path.join(folder, stem + ".rss.*")), key=lambda p: int(p.rsplit(".", 1)[1]))
    for path in paths:
        with open(path) as f:
            text = f.read()
        # /usr/bin/time writes "Command exited with non-zero status N" before its line when the process failed.
        fields = dict(kv.split("=", 1) for kv in text.split() if "=" in kv)
        if "rss_kib" in fields:
            cpu = float(fields.get("user_s", 0)) + float(fields.get("sys_s", 0))
            out.append({"rss_mb": int(fields["rss_kib"]) / 1024.0, "cpu_s": cpu, "wall_s": float(fields.get("wall_s", 0))})
        else:
            digits = [t for t in text.split() if t.isdigit()]
            if digits:
                out.append({"rss_mb": int(digits[-1]) / 1024.0, "cpu_s": None, "wall_s": None})
    return out


def collect(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        m = NAME.match(os.path.basename(path))
        if not m:
            continue
        with open(path) as f:
            doc = json.load(f)
        row = first_row(doc)
        if row is None:
            continue
        stem = os.path.basename(path)[:-5]
        count = int(m["count"])
        mpi = m["kind"] == "r"
        measured = outside_measure(folder, stem)
        rss = [m["rss_mb"] for m in measured]
        per_rank = rss or row.get("peak_rss_mb_per_rank") or [row.get("peak_rss_mb")]
        process_cpu = [m["cpu_s"] for m in measured if m["cpu_s"] is not None]
        simulate = row.get("simulate_seconds")
        comm = row.get("comm_seconds")
        share = row.get("comm_share")
        if share is None and comm is not None and simulate:
            share = comm / simulate
        rows.append({
            "workload": "CUBA" if m["workload"].startswith("cuba") else f"microcircuit {row.get('scale')}",
            "file": os.path.basename(path),
            # With one rank the host runs the plain single-process path (no partition, no exchange): say so.
            "mode": (f"MPI, {count} ranks" if row.get("comm_seconds") is not None else "mpirun -n 1 (plain path)") if mpi else f"threads, {count}",
            "mpi": mpi,
            "count": count,
            "neurons": row.get("neurons"),
            "synapses": row.get("synapses"),
            "build_seconds": row.get("build_seconds"),
            "simulate_seconds": simulate,
            "real_time_factor": row.get("real_time_factor"),
            "cpu_time_factor": row.get("cpu_time_factor"),
            "comm_seconds": comm,
            "comm_share": share,
            "peak_rss_mb_per_process": per_rank,
            "peak_rss_mb_max": max(v for v in per_rank if v is not None) if any(v is not None for v in per_rank) else None,
            "peak_rss_mb_total": sum(v for v in per_rank if v is not None),
            "rss_source": "/usr/bin/time" if rss else "process",
            "process_cpu_seconds": process_cpu,
            "bytes_per_synapse": row.get("bytes_per_synapse"),
            "mean_rate_hz": mean_rate(row, doc),
            "exchanges": row.get("exchanges"),
            # Allgatherv hands every rank what all ranks sent, so that sum per exchange is one rank's intake.
            "received_bytes_per_rank_per_exchange": (row["exchange_bytes_sent"] / row["exchanges"]
                                                     if row.get("exchange_bytes_sent") is not None and row.get("exchanges") else None),
        })
    order = {"CUBA": 0}
    rows.sort(key=lambda r: (order.get(r["workload"], 1), r["neurons"] or 0, r["mpi"], r["count"]))
    return rows


def fmt(value, spec, missing="–"):
    return missing if value is None else format(value, spec)


def table(rows):
    head = ["network", "neurons", "synapses", "run as", "real-time factor", "CPU-s per bio-s", "exchange share",
            "received B per rank per exchange", "peak MB per process", "B/synapse", "rate Hz"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * 4 + ["---:"] * 7) + "|"]
    for r in rows:
        per = r["peak_rss_mb_per_process"]
        mem = " / ".join(fmt(v, ".0f") for v in per) if per else "–"
        lines.append("| " + " | ".join([
            r["workload"], fmt(r["neurons"], ",d"), fmt(r["synapses"], ",d"), r["mode"],
            fmt(r["real_time_factor"], ".2f"), fmt(r["cpu_time_factor"], ".1f"),
            fmt(r["comm_share"], ".1%") if r["mpi"] else "–",
            fmt(r["received_bytes_per_rank_per_exchange"], ",.0f"),
            mem, fmt(r["bytes_per_synapse"], ".2f"), fmt(r["mean_rate_hz"], ".2f"),
        ]) + " |")
    return "\n".join(lines)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = argv[1]
    rows = collect(folder)
    if not rows:
        print(f"scale_out_table.py: error: no bench JSON files (cuba-N-tT.json, mc-S-rR.json, ...) in {folder}", file=sys.stderr)
        return 2
    text = table(rows)
    machine = os.path.join(folder, "machine.txt")
    note = open(machine).read().strip() if os.path.exists(machine) else ""
    print(text)
    with open(os.path.join(folder, "table.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(folder, "scale.json"), "w") as f:
        json.dump({"machine": note, "rows": rows}, f, indent=2)
    print(f"\nwrote {os.path.join(folder, 'table.md')} and {os.path.join(folder, 'scale.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
