#!/usr/bin/python3
"""Brian2 reference timings for the scaled CUBA network, in cpp_standalone mode.

Usage:
    /usr/bin/python3 tools/bench/brian2_cuba_standalone.py \
        --neurons 4000 16000 64000 256000 --threads 1 2 --out /tmp/brian2.json

Options:
    --neurons N [N ...]   network sizes (default: 4000 16000 64000)
    --threads T [T ...]   1 = plain single-threaded C++; T > 1 = OpenMP with T threads
                          (prefs.devices.cpp_standalone.openmp_threads = T). Default: 1
    --duration-ms MS      simulated time (default 1000)
    --seed S              Brian2 random seed (default 1)
    --build-root DIR      parent of the per-configuration build directories
                          (default: a fresh directory under /tmp, removed afterwards
                          unless --keep-builds is given)
    --out FILE            write the rows as JSON

The network is the Vogels & Abbott (2005) CUBA benchmark exactly as in Brian2's own
example (examples/CUBA.py), scaled the way `cortex bench cuba` scales examples/cuba.json:
80 % excitatory, connection probability 0.02 up to 4,000 neurons and 80/N above
(in-degree ~80), 1 s at dt = 0.1 ms, 'exact' integration, a SpikeMonitor on all neurons.
Synapses have Brian2's default (zero) delay, as in Brian2's example: a spike changes
ge/gi in the step it is emitted and v from the next step on, which is what Cortex's
one-step (0.1 ms) delay does.

Every configuration gets a fresh standalone project (device.reinit() + set_device with
build_on_run and its own directory), so each run() generates, compiles and runs its own
binary. Per configuration the script reports:

    simulate_seconds     device._last_run_time: the time the compiled binary spent in the
                         simulation loop only (what Brian2 itself reports as the run time)
    end_to_end_seconds   wall time of the whole run() call: code generation, compilation,
                         network construction inside the binary, simulation and writing results
    compile_seconds      the 'make' part of that (device.timers)
    run_binary_seconds   the whole binary run, construction included (device.timers)

Timings are only meaningful on a quiet machine (see tools/bench/README.md).
Uses only Debian's python3-brian (2.5.x) and the system g++.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Scaled CUBA network in Brian2 cpp_standalone mode (simulation timings).")
    parser.add_argument("--neurons", type=int, nargs="+", default=[4000, 16000, 64000])
    parser.add_argument("--threads", type=int, nargs="+", default=[1])
    parser.add_argument("--duration-ms", type=float, default=1000.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--build-root", default=None)
    parser.add_argument("--keep-builds", action="store_true")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    if any(n < 10 for n in args.neurons):
        parser.error("--neurons values must be at least 10")
    if any(t < 1 for t in args.threads):
        parser.error("--threads values must be >= 1")
    if args.duration_ms <= 0:
        parser.error("--duration-ms must be positive")
    return args


def connection_probability(neurons):
    """The same scaling as Cortex's CubaScaling: 0.02 up to 4,000 neurons, 80/N above."""
    return min(0.02, 80.0 / neurons)


def run_one(b2, neurons, threads, duration_ms, seed, directory):
    """Builds and runs one configuration in a fresh standalone project; returns its row."""
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, second,
                        defaultclock, device, prefs, set_device)

    device.reinit()
    set_device("cpp_standalone", directory=directory, build_on_run=True, with_output=False)
    # threads = 1: plain C++ without OpenMP (openmp_threads = 0 is Brian2's default).
    prefs.devices.cpp_standalone.openmp_threads = 0 if threads == 1 else threads
    defaultclock.dt = 0.1 * ms
    b2.seed(seed)

    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    vt, vr, el = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    namespace = {"taum": taum, "taue": taue, "taui": taui, "Vt": vt, "Vr": vr, "El": el,
                 "we": 1.62 * mV, "wi": -9.0 * mV}
    group = NeuronGroup(neurons, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                        method="exact", namespace=namespace, name="cuba")
    group.v = "Vr + rand() * (Vt - Vr)"
    group.ge = 0 * mV
    group.gi = 0 * mV

    excitatory = neurons * 4 // 5  # as Cortex: 80 % excitatory, rounded down
    p = connection_probability(neurons)
    exc = Synapses(group, group, on_pre="ge += we", namespace=namespace, name="exc")
    inh = Synapses(group, group, on_pre="gi += wi", namespace=namespace, name="inh")
    exc.connect(condition=f"i<{excitatory}", p=p)
    inh.connect(condition=f"i>={excitatory}", p=p)
    spikes = SpikeMonitor(group, name="spikes")

    network = Network(group, exc, inh, spikes)
    started = time.perf_counter()
    network.run(duration_ms * ms)
    end_to_end = time.perf_counter() - started

    synapses = int(len(exc)) + int(len(inh))
    spike_count = int(spikes.num_spikes)
    seconds = float(duration_ms * ms / second)
    timers = device.timers
    compile_timers = timers.get("compile") or {}
    make = compile_timers.get("make")
    clean = compile_timers.get("clean")
    return {
        "neurons": neurons,
        "synapses": synapses,
        "threads": threads,
        "simulate_seconds": float(device._last_run_time),
        "end_to_end_seconds": end_to_end,
        "compile_seconds": None if make is None else float(make) + float(clean or 0.0),
        "run_binary_seconds": None if timers.get("run_binary") is None else float(timers["run_binary"]),
        # Wall time per biological time (lower is faster), as NEST and GeNN define it.
        "real_time_factor": float(device._last_run_time) / seconds if device._last_run_time else None,
        "spikes": spike_count,
        "mean_rate_hz": spike_count / neurons / seconds,
    }


def main(argv):
    args = parse_args(argv)
    warnings.simplefilter("ignore", FutureWarning)  # numpy/pythran noise from Debian's stack
    import brian2 as b2
    b2.prefs.logging.console_log_level = "WARNING"

    owns_root = args.build_root is None
    root = tempfile.mkdtemp(prefix="brian2-cuba-") if owns_root else args.build_root
    os.makedirs(root, exist_ok=True)
    rows = []
    try:
        for neurons in sorted(args.neurons):
            for threads in args.threads:
                directory = os.path.join(root, f"cuba-{neurons}-t{threads}")
                if os.path.exists(directory):
                    shutil.rmtree(directory)
                row = run_one(b2, neurons, threads, args.duration_ms, args.seed, directory)
                rows.append(row)
                print(f"  {row['neurons']:>9,} neurons  {row['synapses']:>12,} synapses  {threads} thr  "
                      f"simulate {row['simulate_seconds']:8.3f} s  end-to-end {row['end_to_end_seconds']:8.3f} s  "
                      f"rate {row['mean_rate_hz']:6.2f} Hz", flush=True)
    finally:
        if owns_root and not args.keep_builds:
            shutil.rmtree(root, ignore_errors=True)

    result = {
        "benchmark": "cuba",
        "simulator": f"brian2 {b2.__version__} cpp_standalone",
        "duration_ms": args.duration_ms,
        "rows": rows,
    }
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
