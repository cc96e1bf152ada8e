#!/usr/bin/env python3
"""Reference statistics for the Vogels-Abbott (2005) current-based (CUBA)
benchmark network, computed with Brian2.

The output JSON is consumed by the C# simulator's tests as an external
reference. Brian2 is NOT a dependency of the project; it is only needed to
regenerate the reference file.

Run from the repository root with the Debian interpreter (python3-brian):

    /usr/bin/python3 tools/reference/brian2_cuba.py --seeds 10 \
        --out tests/reference/brian2_cuba.json

Network definition (all values are fixed here on purpose):
  * N = 4000 LIF neurons in a single group; first 3200 excitatory, last 800
    inhibitory.
  * dv/dt  = (ge + gi - (v - El)) / taum   (clamped while refractory)
    dge/dt = -ge / taue
    dgi/dt = -gi / taui
    taum = 20 ms, taue = 5 ms, taui = 10 ms,
    Vt = -50 mV, Vr = -60 mV, El = -49 mV,
    threshold v > Vt, reset v = Vr, refractory 5 ms, integration 'exact'.
  * v(0) ~ Uniform[Vr, Vt], ge(0) = gi(0) = 0.
  * Synapses: excitatory sources -> all neurons, p = 0.02, on_pre ge += 1.62 mV;
    inhibitory sources -> all neurons, p = 0.02, on_pre gi += -9 mV.
    Default (zero) delay: Brian applies the increment at the end of the time
    step in which the presynaptic spike occurred, so it acts on the membrane
    from the next step on (equivalent to a one-step delay).
  * dt = 0.1 ms, duration 1 s.
"""

import argparse
import json
import os
import sys
import time

import numpy as np

import brian2 as b2
from brian2 import ms, mV, second

N_TOTAL = 4000
N_EXC = 3200
N_INH = N_TOTAL - N_EXC
P_CONN = 0.02
DURATION_S = 1.0
DT_MS = 0.1
MIN_SPIKES_FOR_CV = 3


def simulate(seed, target):
    """Build and run one network instance; return spike indices and times (s)."""
    b2.start_scope()
    b2.prefs.codegen.target = target
    b2.defaultclock.dt = DT_MS * ms
    b2.seed(seed)

    params = {
        "taum": 20 * ms,
        "taue": 5 * ms,
        "taui": 10 * ms,
        "Vt": -50 * mV,
        "Vr": -60 * mV,
        "El": -49 * mV,
    }
    model = """
    dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    group = b2.NeuronGroup(
        N_TOTAL,
        model,
        threshold="v > Vt",
        reset="v = Vr",
        refractory=5 * ms,
        method="exact",
        namespace=params,
    )
    group.v = "Vr + rand() * (Vt - Vr)"
    group.ge = 0 * mV
    group.gi = 0 * mV

    exc = group[:N_EXC]
    inh = group[N_EXC:]
    syn_e = b2.Synapses(exc, group, on_pre="ge += 1.62*mV")
    syn_e.connect(p=P_CONN)
    syn_i = b2.Synapses(inh, group, on_pre="gi += -9*mV")
    syn_i.connect(p=P_CONN)

    mon = b2.SpikeMonitor(group)
    net = b2.Network(group, syn_e, syn_i, mon)
    net.run(DURATION_S * second, namespace=params)

    idx = np.asarray(mon.i[:], dtype=np.int64)
    times = np.asarray(mon.t[:] / second, dtype=np.float64)
    return idx, times, int(len(syn_e)), int(len(syn_i))


def statistics(idx, times):
    counts = np.bincount(idx, minlength=N_TOTAL)
    rate_all = counts.sum() / (N_TOTAL * DURATION_S)
    rate_exc = counts[:N_EXC].sum() / (N_EXC * DURATION_S)
    rate_inh = counts[N_EXC:].sum() / (N_INH * DURATION_S)

    order = np.lexsort((times, idx))
    idx_s, t_s = idx[order], times[order]
    bounds = np.searchsorted(idx_s, np.arange(N_TOTAL + 1))
    cvs = []
    for n in range(N_TOTAL):
        lo, hi = bounds[n], bounds[n + 1]
        if hi - lo >= MIN_SPIKES_FOR_CV:
            isi = np.diff(t_s[lo:hi])
            mean = isi.mean()
            if mean > 0:
                cvs.append(isi.std(ddof=0) / mean)
    cv = float(np.mean(cvs)) if cvs else float("nan")
    return {
        "rate_all_hz": float(rate_all),
        "rate_exc_hz": float(rate_exc),
        "rate_inh_hz": float(rate_inh),
        "isi_cv": cv,
        "n_neurons_cv": len(cvs),
        "n_spikes": int(counts.sum()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10,
                        help="run brian2 seeds 1..SEEDS (default 10)")
    parser.add_argument("--out", default=None,
                        help="path of the JSON file to write (optional)")
    parser.add_argument("--target", default="numpy", choices=["numpy", "cython"],
                        help="Brian2 code generation target (default numpy)")
    args = parser.parse_args()

    per_seed = []
    run_times = []
    for s in range(1, args.seeds + 1):
        t0 = time.perf_counter()
        idx, times, n_se, n_si = simulate(s, args.target)
        elapsed = time.perf_counter() - t0
        run_times.append(elapsed)
        st = statistics(idx, times)
        st["seed"] = s
        st["n_syn_exc"] = n_se
        st["n_syn_inh"] = n_si
        st["wall_s"] = round(elapsed, 3)
        per_seed.append(st)
        print(f"seed {s}: rate {st['rate_all_hz']:.3f} Hz "
              f"(E {st['rate_exc_hz']:.3f}, I {st['rate_inh_hz']:.3f}), "
              f"CV {st['isi_cv']:.4f}, {elapsed:.1f} s", file=sys.stderr)

    summary = {}
    for key in ("rate_all_hz", "rate_exc_hz", "rate_inh_hz", "isi_cv"):
        vals = np.array([p[key] for p in per_seed], dtype=np.float64)
        summary[key] = {
            "mean": float(vals.mean()),
            "std": float(vals.std(ddof=1)) if len(vals) > 1 else 0.0,
            "min": float(vals.min()),
            "max": float(vals.max()),
        }

    command = "/usr/bin/python3 tools/reference/brian2_cuba.py --seeds %d" % args.seeds
    if args.target != "numpy":
        command += " --target %s" % args.target
    if args.out:
        command += " --out %s" % args.out

    result = {
        "model": "Vogels-Abbott 2005 CUBA benchmark (Brian2 reference)",
        "brian2_version": b2.__version__,
        "codegen_target": args.target,
        "command": command,
        "parameters": {
            "n_total": N_TOTAL, "n_exc": N_EXC, "n_inh": N_INH,
            "p_connect": P_CONN, "dt_ms": DT_MS, "duration_s": DURATION_S,
            "taum_ms": 20.0, "taue_ms": 5.0, "taui_ms": 10.0,
            "Vt_mV": -50.0, "Vr_mV": -60.0, "El_mV": -49.0,
            "refractory_ms": 5.0, "w_exc_mV": 1.62, "w_inh_mV": -9.0,
            "synaptic_delay": "Brian2 default (0): increment applied at end "
                              "of the spike's step, effective from the next step",
            "v_init": "uniform in [Vr, Vt]", "ge_init_mV": 0.0, "gi_init_mV": 0.0,
            "method": "exact",
        },
        "definitions": {
            "rate_all_hz": "total spike count of all 4000 neurons / (4000 * 1 s)",
            "rate_exc_hz": "total spike count of neurons 0..3199 / (3200 * 1 s)",
            "rate_inh_hz": "total spike count of neurons 3200..3999 / (800 * 1 s)",
            "isi_cv": "mean over neurons with >= 3 spikes in the 1 s run of "
                      "std(ISI)/mean(ISI), std with ddof=0 (population std)",
            "n_neurons_cv": "number of neurons entering the isi_cv mean",
            "summary": "mean and std (ddof=1, sample std) across seeds; "
                       "min/max across seeds",
            "seed": "argument to brian2.seed(s) called before building the network "
                    "(controls initial v and connectivity)",
        },
        "seeds": list(range(1, args.seeds + 1)),
        "per_seed": per_seed,
        "summary": summary,
        "mean_wall_s_per_run": round(float(np.mean(run_times)), 3),
    }

    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
