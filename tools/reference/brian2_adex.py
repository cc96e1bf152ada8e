#!/usr/bin/env python3
"""Reference spike trains of the adaptive exponential integrate-and-fire model
(Brette & Gerstner, J. Neurophysiol. 94:3637-3642, 2005) with the paper's
parameters under DC steps, computed with Brian2.

The output JSON is read by tests/Cortex.Modules.Tests (AdExTests) as an
external reference for Cortex's "adex" neuron model. Brian2 is NOT a dependency
of the project; it is only needed to regenerate the reference file.

Run from the repository root with the Debian interpreter (python3-brian):

    /usr/bin/python3 tools/reference/brian2_adex.py --out tests/reference/brian2_adex.json

Model (identical equations to Modules/Cortex.Modules/Neurons/AdEx.cs):
  C dV/dt = -gL (V - EL) + gL DeltaT exp((V - VT)/DeltaT) - w + I
  tauw dw/dt = a (V - EL) - w
  if V >= Vpeak: V <- Vr, w <- w + b  (no refractory period)
C = 281 pF, gL = 30 nS, EL = -70.6 mV, VT = -50.4 mV, DeltaT = 2 mV,
tauw = 144 ms, a = 4 nS, b = 0.0805 nA, Vr = EL, Vpeak = 20 mV.
Each neuron starts at V = EL, w = 0 and receives a DC step I (--currents, nA)
from t = 0 for --duration ms (500). Integration: Brian2's forward Euler at
dt = --dt (0.001 ms), fine enough to stand for the exact solution.
"""
import argparse
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")

import brian2  # noqa: E402
from brian2 import NeuronGroup, SpikeMonitor, defaultclock, ms, mV, nA, nS, pF, prefs  # noqa: E402
from brian2 import run as brian_run  # noqa: E402

EQS = '''
dv/dt = (-gL*(v - EL) + gL*DeltaT*exp((v - VT)/DeltaT) - w + I)/C : volt
dw/dt = (a*(v - EL) - w)/tauw : amp
I : amp (constant)
'''
PARAMS = dict(C=281 * pF, gL=30 * nS, EL=-70.6 * mV, VT=-50.4 * mV, DeltaT=2 * mV,
              tauw=144 * ms, a=4 * nS, b=0.0805 * nA, Vr=-70.6 * mV, Vpeak=20 * mV)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dt", type=float, default=0.001, help="time step (ms)")
    parser.add_argument("--duration", type=float, default=500.0, help="ms")
    parser.add_argument("--currents", type=float, nargs="+", default=[0.8, 1.0, 1.5], help="DC steps (nA)")
    parser.add_argument("--target", default="cython", choices=["cython", "numpy"])
    parser.add_argument("--out", default="tests/reference/brian2_adex.json")
    args = parser.parse_args()
    prefs.codegen.target = args.target

    defaultclock.dt = args.dt * ms
    group = NeuronGroup(len(args.currents), EQS, method='euler', threshold='v >= Vpeak',
                        reset='v = Vr; w += b', namespace=PARAMS)
    group.v = PARAMS["EL"]
    group.w = 0 * nA
    group.I = np.asarray(args.currents) * nA
    monitor = SpikeMonitor(group)
    brian_run(args.duration * ms, namespace=PARAMS)
    trains = monitor.spike_trains()

    runs = []
    for i, current in enumerate(args.currents):
        # Brian2 stamps a spike with the start of the step whose update crossed v_peak; report its end.
        times = [round(float(t) + args.dt, 6) for t in np.asarray(trains[i] / ms)]
        runs.append({"current_nA": current, "count": len(times), "spike_times_ms": times})
        print(f"I={current} nA: {len(times)} spikes", file=sys.stderr)

    out = {
        "model": "AdEx, Brette & Gerstner 2005 parameters (Brian2 reference)",
        "brian2_version": brian2.__version__,
        "codegen_target": args.target,
        "command": "/usr/bin/python3 tools/reference/brian2_adex.py " + " ".join(sys.argv[1:]),
        "parameters": {
            "cm_pF": 281.0, "g_l_nS": 30.0, "e_l_mV": -70.6, "v_t_mV": -50.4, "delta_t_mV": 2.0,
            "tau_w_ms": 144.0, "a_nS": 4.0, "b_nA": 0.0805, "v_reset_mV": -70.6, "v_peak_mV": 20.0,
            "v0_mV": -70.6, "w0_nA": 0.0, "duration_ms": args.duration,
            "method": "euler", "dt_ms": args.dt,
        },
        "runs": runs,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
