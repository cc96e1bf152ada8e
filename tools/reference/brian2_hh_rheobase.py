#!/usr/bin/env python3
"""Reference rheobases of the Hodgkin-Huxley model with NEST hh_psc_alpha's
absolute parameters, computed with Brian2.

The output JSON is read by tests/Cortex.Modules.Tests (HodgkinHuxleyTests) as an
external reference for Cortex's "hh" neuron model. Brian2 is NOT a dependency of
the project; it is only needed to regenerate the reference file.

Run from the repository root with the Debian interpreter (python3-brian):

    /usr/bin/python3 tools/reference/brian2_hh_rheobase.py \
        --out tests/reference/brian2_hh.json

Model (identical equations to Modules/Cortex.Modules/Neurons/HodgkinHuxley.cs):
  Cm dv/dt = -gNa m^3 h (v - ENa) - gK n^4 (v - EK) - gL (v - EL) + I
  dx/dt = alpha_x (1 - x) - beta_x x,  x in {m, h, n}
  alpha_m = 0.1 (v+40) / (1 - exp(-(v+40)/10)),  beta_m = 4 exp(-(v+65)/18)
  alpha_h = 0.07 exp(-(v+65)/20),                beta_h = 1 / (1 + exp(-(v+35)/10))
  alpha_n = 0.01 (v+55) / (1 - exp(-(v+55)/10)), beta_n = 0.125 exp(-(v+65)/80)
  (v in mV, rates in 1/ms; the removable singularities are evaluated with
  Brian2's exprel), Cm = 100 pF, gNa = 12000 nS, gK = 3600 nS, gL = 30 nS,
  ENa = 50 mV, EK = -77 mV, EL = -54.402 mV.

Protocol: every neuron starts in the steady state (v where the net ionic
current with all gates at their steady-state values vanishes, found with
scipy's brentq; gates at steady state) and receives a DC step of amplitude I
from t = 0. A spike is an upward crossing of 0 mV.
  * rheobase_single: smallest I giving at least one spike within the first
    `--single-window` ms (100 ms).
  * rheobase_repetitive: smallest I giving sustained firing, i.e. at least one
    spike in the last 100 ms of a `--repetitive-window` ms (500 ms) step.
Each is found by repeated grid refinement (41 currents per pass, the grid
narrowed to the bracketing pair each pass), after a coarse scan that checks
that the spike/no-spike outcome is monotone in I. Integration: Brian2's
exponential_euler at dt = --dt (0.0025 ms); the JSON also records the values at
2 dt so the discretisation error of the reference can be judged.
"""
import argparse
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")

import brian2  # noqa: E402
from brian2 import (NeuronGroup, SpikeMonitor, defaultclock, ms, mV, nA, nS,  # noqa: E402
                    pF, prefs, start_scope)
from brian2 import run as brian_run  # noqa: E402
from scipy.optimize import brentq  # noqa: E402

EQS = '''
dv/dt = (-gNa*m**3*h*(v-ENa) - gK*n**4*(v-EK) - gL*(v-EL) + I)/Cm : volt
dm/dt = alpha_m*(1-m) - beta_m*m : 1
dh/dt = alpha_h*(1-h) - beta_h*h : 1
dn/dt = alpha_n*(1-n) - beta_n*n : 1
alpha_m = 1/ms/exprel(-(v+40*mV)/(10*mV)) : Hz
beta_m = 4/ms*exp(-(v+65*mV)/(18*mV)) : Hz
alpha_h = 0.07/ms*exp(-(v+65*mV)/(20*mV)) : Hz
beta_h = 1/ms/(1+exp(-(v+35*mV)/(10*mV))) : Hz
alpha_n = 0.1/ms/exprel(-(v+55*mV)/(10*mV)) : Hz
beta_n = 0.125/ms*exp(-(v+65*mV)/(80*mV)) : Hz
I : amp (constant)
'''
PARAMS = dict(Cm=100 * pF, gNa=12000 * nS, gK=3600 * nS, gL=30 * nS,
              ENa=50 * mV, EK=-77 * mV, EL=-54.402 * mV)


def steady_gates(v):
    """Steady-state m, h, n at v (mV)."""
    am = 1.0 / np.expm1((v + 40) / 10) * ((v + 40) / 10) * np.exp((v + 40) / 10)
    bm = 4 * np.exp(-(v + 65) / 18)
    ah = 0.07 * np.exp(-(v + 65) / 20)
    bh = 1 / (1 + np.exp(-(v + 35) / 10))
    an = 0.1 / np.expm1((v + 55) / 10) * ((v + 55) / 10) * np.exp((v + 55) / 10)
    bn = 0.125 * np.exp(-(v + 65) / 80)
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


def steady_current(v):
    """Net ionic current (pA) into the cell at v (mV), gates at steady state."""
    m, h, n = steady_gates(v)
    return -12000 * m ** 3 * h * (v - 50) - 3600 * n ** 4 * (v + 77) - 30 * (v + 54.402)


def spikes(currents_na, dt_ms, duration_ms, v_rest):
    """Spike trains (ms) for DC steps of the given amplitudes (nA) from the steady state."""
    start_scope()
    defaultclock.dt = dt_ms * ms
    group = NeuronGroup(len(currents_na), EQS, method='exponential_euler',
                        threshold='v > 0*mV', refractory='v > 0*mV', namespace=PARAMS)
    m, h, n = steady_gates(v_rest)
    group.v = v_rest * mV
    group.m = m
    group.h = h
    group.n = n
    group.I = np.asarray(currents_na) * nA
    monitor = SpikeMonitor(group)
    brian_run(duration_ms * ms, namespace=PARAMS)
    trains = monitor.spike_trains()
    return [np.asarray(trains[i] / ms) for i in range(len(currents_na))]


def threshold(criterion, lo, hi, dt_ms, duration_ms, v_rest, passes, points=41):
    """Smallest current in [lo, hi] (nA) meeting criterion, by grid refinement."""
    for _ in range(passes):
        grid = np.linspace(lo, hi, points)
        ok = [criterion(t) for t in spikes(grid, dt_ms, duration_ms, v_rest)]
        first = next((i for i, x in enumerate(ok) if x), None)
        if first is None or first == 0:
            raise RuntimeError(f"no transition in [{lo}, {hi}] nA: {ok}")
        if not all(ok[first:]):
            raise RuntimeError(f"outcome not monotone in I on {grid.tolist()}: {ok}")
        lo, hi = grid[first - 1], grid[first]
    return 0.5 * (lo + hi), hi - lo


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dt", type=float, default=0.0025, help="time step (ms)")
    parser.add_argument("--single-window", type=float, default=100.0)
    parser.add_argument("--repetitive-window", type=float, default=500.0)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--target", default="cython", choices=["cython", "numpy"])
    parser.add_argument("--out", default="tests/reference/brian2_hh.json")
    args = parser.parse_args()
    prefs.codegen.target = args.target

    v_rest = brentq(steady_current, -80, -60, xtol=1e-12)
    tail = args.repetitive_window - 100.0

    def single(t):
        return len(t) > 0

    def repetitive(t):
        return bool(np.any(t >= tail))

    results = {}
    for dt in (args.dt, 2 * args.dt):
        s, s_width = threshold(single, 0.0, 1.0, dt, args.single_window, v_rest, args.passes)
        r, r_width = threshold(repetitive, 0.3, 1.0, dt, args.repetitive_window, v_rest, args.passes)
        results[dt] = dict(single=s, single_width=s_width, repetitive=r, repetitive_width=r_width)
        print(f"dt={dt} ms: rheobase single {s:.6f} nA (bracket {s_width:.1e}), "
              f"repetitive {r:.6f} nA (bracket {r_width:.1e})", file=sys.stderr)

    ref = results[args.dt]
    coarse = results[2 * args.dt]
    out = {
        "model": "Hodgkin-Huxley, NEST hh_psc_alpha absolute parameters (Brian2 reference)",
        "brian2_version": brian2.__version__,
        "codegen_target": args.target,
        "command": "/usr/bin/python3 tools/reference/brian2_hh_rheobase.py " + " ".join(sys.argv[1:]),
        "parameters": {
            "cm_pF": 100.0, "g_na_nS": 12000.0, "g_k_nS": 3600.0, "g_l_nS": 30.0,
            "e_na_mV": 50.0, "e_k_mV": -77.0, "e_l_mV": -54.402,
            "spike_threshold_mV": 0.0,
            "method": "exponential_euler", "dt_ms": args.dt,
        },
        "definitions": {
            "v_rest_mV": "steady state: v where the net ionic current with gates at steady state vanishes",
            "rheobase_single_nA": f"smallest DC step from the steady state giving >= 1 upward 0 mV crossing within {args.single_window:g} ms",
            "rheobase_repetitive_nA": f"smallest DC step from the steady state giving a spike in the last 100 ms of a {args.repetitive_window:g} ms step",
        },
        "single_window_ms": args.single_window,
        "repetitive_window_ms": args.repetitive_window,
        "v_rest_mV": v_rest,
        "rheobase_single_nA": ref["single"],
        "rheobase_single_bracket_nA": ref["single_width"],
        "rheobase_repetitive_nA": ref["repetitive"],
        "rheobase_repetitive_bracket_nA": ref["repetitive_width"],
        "at_double_dt": {"dt_ms": 2 * args.dt, "rheobase_single_nA": coarse["single"],
                         "rheobase_repetitive_nA": coarse["repetitive"]},
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
