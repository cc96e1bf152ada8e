#!/usr/bin/python3
"""PyTorch reference for `cortex bench train-mlp`: one BPTT training step of a 784-512-10 LIF MLP.

The network and the arithmetic are the same as Cortex's benchmark: direct (analog) input repeated over
T steps, Linear -> LIF -> Linear -> LIF, LIF charge h = v + k (x - v) with k = 1 - exp(-1/tau), reset to
zero, fast-sigmoid surrogate (SuperSpike, unit area, alpha = 10), cross-entropy on the mean output
spikes, Adam. Run with Debian's PyTorch (python3-torch):

    /usr/bin/python3 tools/bench/torch_mlp_step.py --threads 2 --steps 10

Prints one JSON line: median/min step time in ms, peak RSS in MiB, torch version, threads.
"""
import argparse
import json
import math
import statistics
import time

import torch


class FastSigmoidSpike(torch.autograd.Function):
    alpha = 10.0

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x >= 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        a = FastSigmoidSpike.alpha
        return grad * (a / 2) / (1 + a * x.abs()) ** 2


def lif(inputs, tau=2.0, threshold=1.0):
    k = 1 - math.exp(-1 / tau)
    v = torch.zeros_like(inputs[0])
    spikes = []
    for x in inputs:
        h = v + k * (x - v)
        s = FastSigmoidSpike.apply(h - threshold)
        v = h * (1 - s)
        spikes.append(s)
    return torch.stack(spikes)


def peak_rss_mib():
    # VmHWM belongs to this process image; ru_maxrss would carry over a parent's peak across exec.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--time-steps", type=int, default=25)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--hidden", type=int, default=512)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    fc1 = torch.nn.Linear(784, args.hidden)
    fc2 = torch.nn.Linear(args.hidden, 10)
    params = list(fc1.parameters()) + list(fc2.parameters())
    optimizer = torch.optim.Adam(params, lr=1e-3)
    images = torch.rand(args.batch, 784)
    labels = torch.randint(0, 10, (args.batch,))
    T = args.time_steps

    def step():
        x = images.unsqueeze(0).expand(T, -1, -1)
        h1 = lif(fc1(x.reshape(T * args.batch, 784)).reshape(T, args.batch, -1))
        out = lif(fc2(h1.reshape(T * args.batch, -1)).reshape(T, args.batch, -1))
        loss = torch.nn.functional.cross_entropy(out.mean(0), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({
        "framework": f"pytorch {torch.__version__}",
        "threads": torch.get_num_threads(),
        "median_ms": round(statistics.median(times), 2),
        "min_ms": round(min(times), 2),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "time_steps": T, "batch": args.batch, "hidden": args.hidden,
    }))


if __name__ == "__main__":
    main()
