#!/usr/bin/env python3
"""Writes examples/cuba.json scaled to N neurons as `cortex bench cuba` scales it (CubaScaling.cs).

80 % excitatory, connection probability 0.02 up to 4,000 neurons and 80/N above, 1 s at dt = 0.1 ms, and
either every spike recorded (`--record spikes`, the default: the user's `cortex run` path) or no probe at
all (`--record none`). Standard library only; the template's // comments are dropped before parsing.

    /usr/bin/python3 tools/bench/scale_cuba_spec.py --neurons 64000 --out /tmp/cuba-64000.json
"""
import argparse
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load_template(path):
    text = path.read_text(encoding="utf-8")
    # JSON with // line comments (the spec format allows them); none of the strings holds "//".
    text = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"(?<=[,\[{\s])//[^\n\"]*$", "", text, flags=re.MULTILINE)
    return json.loads(text)


def scale(spec, neurons, seed, duration, record):
    if neurons < 10:
        raise SystemExit(f"--neurons must be at least 10, got {neurons}")
    excitatory = neurons * 4 // 5
    sizes = {"exc": excitatory, "inh": neurons - excitatory}
    p = min(0.02, 80.0 / neurons)
    spec["name"] = f"cuba-{neurons}"
    spec["simulation"]["seed"] = seed
    spec["simulation"]["duration"] = duration
    for population in spec["populations"]:
        population["size"] = sizes[population["name"]]
    for projection in spec["projections"]:
        projection["connector"] = {"type": "fixed_probability", "p": p}
    spec["probes"] = [{"type": "spikes", "population": name} for name in ("exc", "inh")] if record == "spikes" else []
    return spec


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--neurons", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", default="1 s")
    parser.add_argument("--record", choices=("spikes", "none"), default="spikes")
    parser.add_argument("--template", type=pathlib.Path, default=ROOT / "examples" / "cuba.json")
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args()
    spec = scale(load_template(args.template), args.neurons, args.seed, args.duration, args.record)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
