#!/usr/bin/env python3
"""Reference rates for the NeuroExtras sample network (Plugins/samples/NeuroExtras/qif-isp.json),
computed with Brian2.

The output JSON is consumed by the C# tests (tests/Cortex.Plugins.Tests/SampleTests.cs) as an outside
reference for the rate of the qif cells: a band of mean +- 4 standard deviations across independent
network instances, instead of a band picked by hand. Brian2 is not a dependency of the project; it is
only needed to regenerate the file.

Run from the repository root with the Debian interpreter (python3-brian):

    /usr/bin/python3 tools/reference/brian2_qif_isp.py --replicas 40 \
        --out tests/reference/brian2_qif_isp.json

The network is qif-isp.json written in Brian2's equations (every value as in the spec or, where the
spec leaves it out, the default of the Cortex model it names):
  * exc, inh: 50 LIF cells each (Cortex 'lif' defaults): tau_m 20 ms, c_m 0.25 nF (R = 80 MOhm),
    v_rest = v_reset = -65 mV, v_thresh -50 mV, refractory 2 ms, v(0) = v_rest, integration 'exact'.
    Each cell gets an independent Poisson train of 200 Hz, each spike adding 0.15 nA to an exponential
    current (tau 5 ms).
  * qif: 10 quadratic integrate-and-fire cells (the sample's Qif model):
    c_m dv/dt = g_l (v - v_rest)(v - v_crit)/(v_crit - v_rest) + I_exc + g_inh (E_inh - v) + i_offset,
    c_m 0.25 nF, g_l 12.5 nS, v_rest -65 mV, v_crit -50 mV, spike at v > 20 mV, reset -70 mV,
    no refractory period, i_offset 0.02 nA, v(0) ~ Uniform[-70, -60] mV; integrated with RK4 at the
    clock's dt.
  * exc -> qif: p = 0.5, 0.12 nA onto an exponential current (tau 5 ms), delay 1 ms.
  * inh -> qif: p = 0.5, exponential conductance (tau 10 ms, E_inh -80 mV), delay 1 ms, initial weight
    0.5 nS, plastic under the inhibitory STDP of Vogels et al. (2011) as the sample's vogels_isp:
    traces x (per synapse, at arrival) and y (per qif cell) jump by 1 and decay with tau 20 ms;
    at an arriving spike w <- clip(w + eta (y - alpha), 0, w_max), then g_inh += w;
    at a qif spike w <- clip(w + eta x, 0, w_max); eta = 0.0005 uS, alpha = 2 rho_0 tau = 0.2
    (rho_0 = 5 Hz), w_max = 0.05 uS.
  * dt 0.1 ms, 5 s.
R replicas of this network run side by side in one Brian2 network, with no connection between
replicas, so one run gives R independent instances (connectivity, Poisson trains, initial v).
"""

import argparse
import json
import os
import sys
import time

import numpy as np

import brian2 as b2
from brian2 import ms, mV, nA, nF, nS, uS, second, Hz

N_EXC = 50
N_INH = 50
N_QIF = 10
P_CONN = 0.5
DURATION_S = 5.0
LATE_FROM_S = 3.0


def simulate(replicas, seed, dt_ms, target):
    b2.start_scope()
    b2.prefs.codegen.target = target
    b2.defaultclock.dt = dt_ms * ms
    b2.seed(seed)

    lif = """
    dv/dt = (v_rest - v + R * I_exc) / tau_m : volt (unless refractory)
    dI_exc/dt = -I_exc / tau_e : amp
    replica : integer (constant)
    """
    lif_ns = {"v_rest": -65 * mV, "R": 20 * ms / (0.25 * nF), "tau_m": 20 * ms, "tau_e": 5 * ms}
    exc = b2.NeuronGroup(replicas * N_EXC, lif, threshold="v >= -50*mV", reset="v = -65*mV",
                         refractory=2 * ms, method="exact", namespace=lif_ns)
    inh = b2.NeuronGroup(replicas * N_INH, lif, threshold="v >= -50*mV", reset="v = -65*mV",
                         refractory=2 * ms, method="exact", namespace=lif_ns)
    exc.v = -65 * mV
    inh.v = -65 * mV
    exc.replica = "i // %d" % N_EXC
    inh.replica = "i // %d" % N_INH

    qif_eqs = """
    dv/dt = (g_l * (v - v_rest_q) * (v - v_crit) / (v_crit - v_rest_q) + I_exc + g_inh * (E_inh - v) + i_offset) / c_m : volt
    dI_exc/dt = -I_exc / tau_e : amp
    dg_inh/dt = -g_inh / tau_i : siemens
    replica : integer (constant)
    """
    qif_ns = {"g_l": 12.5 * nS, "v_rest_q": -65 * mV, "v_crit": -50 * mV, "E_inh": -80 * mV,
              "i_offset": 0.02 * nA, "c_m": 0.25 * nF, "tau_e": 5 * ms, "tau_i": 10 * ms}
    qif = b2.NeuronGroup(replicas * N_QIF, qif_eqs, threshold="v > 20*mV", reset="v = -70*mV",
                         method="rk4", namespace=qif_ns)
    qif.v = "-70*mV + rand() * 10*mV"
    qif.replica = "i // %d" % N_QIF

    drive_e = b2.PoissonInput(exc, "I_exc", 1, 200 * Hz, weight=0.15 * nA)
    drive_i = b2.PoissonInput(inh, "I_exc", 1, 200 * Hz, weight=0.15 * nA)

    excitation = b2.Synapses(exc, qif, on_pre="I_exc_post += 0.12*nA", delay=1 * ms)
    excitation.connect(condition="replica_pre == replica_post", p=P_CONN)

    isp = """
    w : 1
    dx/dt = -x / tau_isp : 1 (event-driven)
    dy/dt = -y / tau_isp : 1 (event-driven)
    """
    isp_ns = {"tau_isp": 20 * ms, "eta": 0.0005, "alpha": 2 * 5 * 20 / 1000.0, "w_max": 0.05}
    inhibition = b2.Synapses(inh, qif, model=isp,
                             on_pre="x += 1\nw = clip(w + eta * (y - alpha), 0, w_max)\ng_inh_post += w * uS",
                             on_post="y += 1\nw = clip(w + eta * x, 0, w_max)",
                             delay=1 * ms, namespace=isp_ns)
    inhibition.connect(condition="replica_pre == replica_post", p=P_CONN)
    inhibition.w = 0.0005

    monitor = b2.SpikeMonitor(qif)
    net = b2.Network(exc, inh, qif, drive_e, drive_i, excitation, inhibition, monitor)
    net.run(DURATION_S * second)

    idx = np.asarray(monitor.i[:], dtype=np.int64)
    times = np.asarray(monitor.t[:] / second, dtype=np.float64)
    replica_of = idx // N_QIF
    whole = np.bincount(replica_of, minlength=replicas) / (N_QIF * DURATION_S)
    late_mask = times >= LATE_FROM_S
    late = np.bincount(replica_of[late_mask], minlength=replicas) / (N_QIF * (DURATION_S - LATE_FROM_S))
    return whole, late


def summary(values):
    values = np.asarray(values, dtype=np.float64)
    return {"mean": float(values.mean()), "std": float(values.std(ddof=1)),
            "min": float(values.min()), "max": float(values.max())}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=40, help="independent network instances (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="brian2.seed (default 1)")
    parser.add_argument("--dt", type=float, nargs="+", default=[0.1, 0.05],
                        help="time steps in ms, one run each (default 0.1 0.05: the spec's and half of it)")
    parser.add_argument("--target", default="numpy", choices=["numpy", "cython"])
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    runs = []
    for dt in args.dt:
        t0 = time.perf_counter()
        whole, late = simulate(args.replicas, args.seed, dt, args.target)
        elapsed = time.perf_counter() - t0
        run = {"dt_ms": dt, "wall_s": round(elapsed, 1),
               "rate_whole_hz": summary(whole), "rate_late_hz": summary(late),
               "per_replica_whole_hz": [round(float(v), 4) for v in whole],
               "per_replica_late_hz": [round(float(v), 4) for v in late]}
        runs.append(run)
        print("dt %.3f ms: whole %.3f +- %.3f Hz, last 2 s %.3f +- %.3f Hz (%d replicas, %.0f s)"
              % (dt, run["rate_whole_hz"]["mean"], run["rate_whole_hz"]["std"],
                 run["rate_late_hz"]["mean"], run["rate_late_hz"]["std"], args.replicas, elapsed), file=sys.stderr)

    command = "/usr/bin/python3 tools/reference/brian2_qif_isp.py --replicas %d --seed %d --dt %s" % (
        args.replicas, args.seed, " ".join("%g" % d for d in args.dt))
    if args.out:
        command += " --out %s" % args.out
    result = {
        "model": "NeuroExtras qif-isp sample network (Brian2 reference)",
        "brian2_version": b2.__version__,
        "codegen_target": args.target,
        "command": command,
        "replicas": args.replicas,
        "definitions": {
            "rate_whole_hz": "spikes of a replica's 10 qif cells over the whole 5 s / (10 * 5 s); mean, std (ddof=1), min, max across replicas",
            "rate_late_hz": "the same over the last 2 s (t >= 3 s) / (10 * 2 s)",
        },
        "runs": runs,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
