#!/usr/bin/env python3
"""Branch-and-bound nodes per stage of one or more capplan binaries (microlp).

The instances: the shipped KSF plan at budget scales 0.7 to 1.4, and 16
generated plans (10x5, 12x6, 14x6 and 16x7 items x years, seeds 1 to 4),
each solved with `capplan solve --format json` (nodes come from
`solver.stages`). microlp is deterministic, so node counts repeat exactly
unless the time limit cuts a solve short; times are wall-clock and vary
with the machine's load.

    cargo build --release && cp target/release/capplan /tmp/capplan-after
    python3 bench/nodes.py /tmp/capplan-before /tmp/capplan-after

Prints one Markdown table with a column per binary, then per binary the
total nodes (stage 1 + stage 2), their geometric mean over the instances
and the total time.
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KSF = os.path.join(ROOT, "plans", "ksf-2019-2028.toml")
SCALES = ["0.7", "0.8", "0.9", "1.0", "1.1", "1.2", "1.3", "1.4"]
SIZES = [(10, 5), (12, 6), (14, 6), (16, 7)]
TIME_LIMIT = "30"


def instances(binary, workdir):
    out = [(f"KSF x{s}", [KSF, "--set", f"budget.scale={s}"]) for s in SCALES]
    for items, years in SIZES:
        for seed in range(1, 5):
            path = os.path.join(workdir, f"g{items}x{years}-s{seed}.toml")
            subprocess.run(
                [binary, "generate", "--items", str(items), "--years", str(years),
                 "--seed", str(seed), "-o", path],
                check=True, capture_output=True)
            out.append((f"{items}x{years} seed {seed}", [path]))
    return out


def solve(binary, args):
    started = time.perf_counter()
    out = subprocess.run(
        [binary, "solve", *args, "--format", "json", "--time-limit", TIME_LIMIT],
        capture_output=True, text=True)
    seconds = time.perf_counter() - started
    result = json.loads(out.stdout)
    nodes = [s["nodes"] or 0 for s in result["solver"]["stages"]] + [0, 0]
    return {"status": result["status"], "n1": nodes[0], "n2": nodes[1], "seconds": seconds}


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as workdir:
        cases = instances(binaries[-1], workdir)
        rows = [[solve(b, args) for b in binaries] for _, args in cases]
    print("| instance | " + " | ".join(os.path.basename(b) for b in binaries) + " |")
    print("|---|" + "---:|" * len(binaries))
    for (name, _), results in zip(cases, rows):
        cells = []
        for r in results:
            flag = "" if r["status"] == "optimal" else f" ({r['status']})"
            cells.append(f"{r['n1']} + {r['n2']}, {r['seconds']:.2f} s{flag}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    for k, b in enumerate(binaries):
        results = [row[k] for row in rows]
        n1 = sum(r["n1"] for r in results)
        n2 = sum(r["n2"] for r in results)
        geo = math.exp(sum(math.log(1 + r["n1"] + r["n2"]) for r in results) / len(results)) - 1
        seconds = sum(r["seconds"] for r in results)
        unproven = sum(r["status"] != "optimal" for r in results)
        print(f"{os.path.basename(b)}: nodes {n1} + {n2}, geometric mean {geo:.0f}, "
              f"{seconds:.1f} s in all, {unproven} not proven")


if __name__ == "__main__":
    main()
