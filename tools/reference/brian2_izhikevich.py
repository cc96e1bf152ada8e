#!/usr/bin/env python3
"""Reference spike trains of the Izhikevich (2003) simple model for the four
cortical parameter sets of the paper (Izhikevich, IEEE Trans. Neural Netw.
14:1569-1572, 2003, Fig. 2), computed with Brian2.

The output JSON is read by tests/Cortex.Modules.Tests (IzhikevichTests) as an
external reference for Cortex's "izhikevich" neuron model. Brian2 is NOT a
dependency of the project; it is only needed to regenerate the reference file.

Run from the repository root with the Debian interpreter (python3-brian):

    /usr/bin/python3 tools/reference/brian2_izhikevich.py \
        --out tests/reference/brian2_izhikevich.json

Model (identical equations to Modules/Cortex.Modules/Neurons/Izhikevich.cs, in
the paper's units: v in mV, t in ms):
  dv/dt = 0.04 v^2 + 5 v + 140 - u + I,   du/dt = a (b v - u)
  if v >= 30 mV: v <- c, u <- u + d
with I = 10 (paper units; 10 nA into c_m = 1 nF in Cortex) switched on at t = 0,
v(0) = -65 mV, u(0) = b v(0) as in the paper's code, for --duration ms (1000).
Parameter sets (a, b, c, d): RS (0.02, 0.2, -65, 8), FS (0.1, 0.2, -65, 2),
IB (0.02, 0.2, -55, 4), CH (0.02, 0.2, -50, 2).
Integration: Brian2's forward Euler at each dt in --dts (0.1 ms: the same scheme
and step Cortex uses by default; 0.01 and 0.001 ms: convergence towards the
exact solution of the ODE). The JSON holds the spike times and counts per
parameter set and dt.
"""
import argparse
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")

import brian2  # noqa: E402
from brian2 import NeuronGroup, SpikeMonitor, defaultclock, ms, mV, prefs, start_scope  # noqa: E402
from brian2 import run as brian_run  # noqa: E402

SETS = {
    "RS": (0.02, 0.2, -65.0, 8.0),
    "FS": (0.1, 0.2, -65.0, 2.0),
    "IB": (0.02, 0.2, -55.0, 4.0),
    "CH": (0.02, 0.2, -50.0, 2.0),
}

EQS = '''
dv/dt = (0.04*v**2/mV + 5*v + 140*mV - u + I)/ms : volt
du/dt = a*(b*v - u)/ms : volt
a : 1 (constant)
b : 1 (constant)
c : volt (constant)
d : volt (constant)
I : volt (constant)
'''


def simulate(dt_ms, duration_ms, current):
    start_scope()
    defaultclock.dt = dt_ms * ms
    names = list(SETS)
    group = NeuronGroup(len(names), EQS, method='euler', threshold='v >= 30*mV',
                        reset='v = c; u += d')
    group.a = [SETS[n][0] for n in names]
    group.b = [SETS[n][1] for n in names]
    group.c = [SETS[n][2] * mV for n in names]
    group.d = [SETS[n][3] * mV for n in names]
    group.I = current * mV
    group.v = -65 * mV
    group.u = 'b*v'
    monitor = SpikeMonitor(group)
    brian_run(duration_ms * ms)
    trains = monitor.spike_trains()
    # Brian2 records a spike at the start of the step whose update crossed the threshold; report the
    # end of that step, as Cortex does, so the two are directly comparable.
    return {n: [round(float(t) + dt_ms, 6) for t in np.asarray(trains[i] / ms)] for i, n in enumerate(names)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dts", type=float, nargs="+", default=[0.1, 0.01, 0.001], help="time steps (ms)")
    parser.add_argument("--duration", type=float, default=1000.0, help="ms")
    parser.add_argument("--current", type=float, default=10.0, help="I in the paper's units (mV/ms)")
    parser.add_argument("--target", default="cython", choices=["cython", "numpy"])
    parser.add_argument("--out", default="tests/reference/brian2_izhikevich.json")
    args = parser.parse_args()
    prefs.codegen.target = args.target

    runs = []
    for dt in args.dts:
        times = simulate(dt, args.duration, args.current)
        runs.append({"dt_ms": dt, "counts": {n: len(t) for n, t in times.items()}, "spike_times_ms": times})
        print(f"dt={dt} ms: " + ", ".join(f"{n} {len(t)}" for n, t in times.items()), file=sys.stderr)

    out = {
        "model": "Izhikevich 2003 simple model, Fig. 2 cortical parameter sets (Brian2 reference)",
        "brian2_version": brian2.__version__,
        "codegen_target": args.target,
        "command": "/usr/bin/python3 tools/reference/brian2_izhikevich.py " + " ".join(sys.argv[1:]),
        "parameters": {
            "sets_a_b_c_d": {n: list(v) for n, v in SETS.items()},
            "current_paper_units": args.current,
            "duration_ms": args.duration,
            "v0_mV": -65.0,
            "u0": "b*v0",
            "method": "euler",
            "spike_time": "end of the step in which v reached 30 mV",
        },
        "runs": runs,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
