#!/usr/bin/env python3
"""The arithmetic of docs/scale-out.md: memory, nodes, ranks and spike-exchange volume for a network of
N neurons and S synapses, from per-synapse and per-neuron costs measured with `cortex bench`.

Usage (defaults: the human brain, the figures measured in docs/scale-out.md, a 256 GiB / 128-core node):
  tools/bench/brain_scale_plan.py
  tools/bench/brain_scale_plan.py --neurons 86e9 --synapses 1e14 1e15 --bytes-per-synapse 5.2 15.1 \
      --bytes-per-neuron 680 --spike-bytes 4 --epoch-ms 0.1 --rates 1 10 --node-gib 256 --usable 0.8 \
      --ranks-per-node 2 --link-gbytes 25 [--json out.json]

Everything is a plain product or quotient (no model of the machine beyond the stated node); the script only
keeps the numbers in docs/scale-out.md reproducible. Standard library only.
"""
import argparse
import json
import math
import sys


def plan(a):
    rows = []
    node_bytes = a.node_gib * 2**30 * a.usable
    epochs_per_s = 1000.0 / a.epoch_ms
    for synapses in a.synapses:
        for bps in a.bytes_per_synapse:
            total = synapses * bps + a.neurons * a.bytes_per_neuron
            nodes = math.ceil(total / node_bytes)
            ranks = nodes * a.ranks_per_node
            neurons_per_rank = a.neurons / ranks
            in_degree = synapses / a.neurons
            # Allgatherv: every rank receives every spike of the network, every epoch.
            for rate in a.rates:
                spikes_per_epoch = a.neurons * rate * a.epoch_ms * 1e-3
                allgather_bytes = spikes_per_epoch * a.spike_bytes
                # Directed (NEST 5g): a rank receives only spikes of sources with a local target; with n local
                # neurons of in-degree K drawn at random from N, a source has a local target with probability
                # 1 - (1 - n/N)^K, about min(1, nK/N).
                p_local = 1.0 - math.exp(in_degree * math.log1p(-neurons_per_rank / a.neurons))
                directed_bytes = allgather_bytes * p_local
                rows.append({
                    "synapses": synapses, "bytes_per_synapse": bps, "memory_tb": total / 1e12, "nodes": nodes,
                    "ranks": ranks, "neurons_per_rank": neurons_per_rank, "in_degree": in_degree, "rate_hz": rate,
                    "spikes_per_epoch": spikes_per_epoch,
                    "allgather_mb_per_rank_per_epoch": allgather_bytes / 1e6,
                    "allgather_gb_per_rank_per_s": allgather_bytes * epochs_per_s / 1e9,
                    "allgather_rtf_floor": allgather_bytes * epochs_per_s / (a.link_gbytes * 1e9 / a.ranks_per_node),
                    "useful_fraction": p_local,
                    "directed_mb_per_rank_per_epoch": directed_bytes / 1e6,
                    "directed_gb_per_rank_per_s": directed_bytes * epochs_per_s / 1e9,
                    "directed_rtf_floor": directed_bytes * epochs_per_s / (a.link_gbytes * 1e9 / a.ranks_per_node),
                    # Synaptic events per biological second over the cores' measured delivery throughput.
                    "compute_rtf": synapses * rate / (a.events_per_core_second * a.cores_per_node * nodes),
                })
    return rows


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--neurons", type=float, default=86e9)
    p.add_argument("--synapses", type=float, nargs="+", default=[1e14, 1e15])
    p.add_argument("--bytes-per-synapse", type=float, nargs="+", default=[5.2, 15.1],
                   help="the cpu backend's table alone, and the measured peak RSS per synapse (docs/scale-out.md)")
    p.add_argument("--bytes-per-neuron", type=float, default=680.0)
    p.add_argument("--spike-bytes", type=float, default=4.0, help="bytes per spike in the exchange buffer")
    p.add_argument("--epoch-ms", type=float, default=0.1, help="min-delay epoch: one exchange per epoch")
    p.add_argument("--rates", type=float, nargs="+", default=[1.0, 10.0])
    p.add_argument("--node-gib", type=float, default=256.0)
    p.add_argument("--usable", type=float, default=0.8, help="share of the node's memory the network may use")
    p.add_argument("--ranks-per-node", type=int, default=2)
    p.add_argument("--link-gbytes", type=float, default=25.0, help="injection bandwidth per node, GB/s (HDR 200 Gb/s = 25)")
    p.add_argument("--cores-per-node", type=int, default=128)
    p.add_argument("--events-per-core-second", type=float, default=1.6e7,
                   help="synaptic events one core processes per second, measured (docs/scale-out.md)")
    p.add_argument("--json")
    a = p.parse_args(argv[1:])
    rows = plan(a)
    head = ("synapses", "B/syn", "memory TB", "nodes", "ranks", "neurons/rank", "Hz", "spikes/epoch",
            "allgather MB/rank/epoch", "allgather RTF floor", "useful share", "directed MB/rank/epoch", "directed RTF floor", "compute RTF")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---:"] * len(head)) + "|")
    for r in rows:
        print("| " + " | ".join([
            f"{r['synapses']:.0e}", f"{r['bytes_per_synapse']:g}", f"{r['memory_tb']:,.0f}", f"{r['nodes']:,}",
            f"{r['ranks']:,}", f"{r['neurons_per_rank']:,.0f}", f"{r['rate_hz']:g}", f"{r['spikes_per_epoch']:,.0f}",
            f"{r['allgather_mb_per_rank_per_epoch']:,.1f}", f"{r['allgather_rtf_floor']:,.0f}",
            f"{r['useful_fraction']:.2%}", f"{r['directed_mb_per_rank_per_epoch']:,.3f}", f"{r['directed_rtf_floor']:,.2f}", f"{r['compute_rtf']:,.1f}",
        ]) + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"inputs": vars(a), "rows": rows}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
