"""Median simulate seconds per size of two builds' `cortex bench cuba` JSON files (see compare_with_ref.sh)."""
import glob
import json
import statistics
import sys

out, this_name, ref_name = sys.argv[1:4]


def medians(side):
    runs = {}
    for path in sorted(glob.glob(f"{out}/{side}-*.json")):
        for row in json.load(open(path))["rows"]:
            runs.setdefault(row["neurons"], []).append(row["simulate_seconds"])
    return {n: statistics.median(v) for n, v in runs.items()}, {n: len(v) for n, v in runs.items()}


this, count = medians("this")
ref, _ = medians("ref")
print(f"{'neurons':>9}  {'this ' + this_name:>14}  {'ref ' + ref_name:>14}  {'ratio':>6}  runs")
for n in sorted(this):
    print(f"{n:>9,}  {this[n]:>12.3f} s  {ref[n]:>12.3f} s  {this[n] / ref[n]:>6.3f}  {count[n]}")
json.dump({"this": this_name, "ref": ref_name, "median_simulate_seconds": {"this": this, "ref": ref},
           "ratio": {n: this[n] / ref[n] for n in this}}, open(f"{out}/comparison.json", "w"), indent=2)
print(f"wrote {out}/comparison.json")
