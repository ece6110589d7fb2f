#!/usr/bin/env python3
"""Compare capplan (with HiGHS) against highspy and PuLP+CBC on identical instances.

capplan solves each instance through the bench example (`bench --one`),
which times the stages and reads the process's peak memory, then writes
the models it solved as MPS files: the first stage (max-goals: the best
score) and, under max-goals, the second (the least cost at that score,
with capplan's own best score as the floor), as `capplan solve
--write-model` does. highspy and PuLP+CBC then solve the same files in
turn, to the same relative gap (`--gap`) under the same time limit for
both stages together. HiGHS runs on one thread everywhere.

Setup (PyPI is enough; the CBC binary ships with PuLP):

    python3 -m venv .venv && .venv/bin/pip install highspy pulp
    cargo build --release --features highs --example bench --bin capplan
    .venv/bin/python bench/compare_solvers.py [--sizes 50x10,200x10,1000x20,5000x20]

Each solver runs in a child process of its own, so its peak memory
(ru_maxrss, including CBC's own process) is its own. "in-process" is the
time from reading the plan (capplan) or the first model file (the others)
to the last answer; "process" adds the start of the process (and, for
the Python solvers, of the interpreter). Prints a Markdown table;
`--json FILE` also writes the raw numbers.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPPLAN = os.path.join(ROOT, "target", "release", "capplan")
BENCH = os.path.join(ROOT, "target", "release", "examples", "bench")


def sense_of(path):
    with open(path) as f:
        return "max" if "    MAX\n" in f.read(4096) else "min"


def stage_paths(path):
    """The stage files capplan wrote: the first, and the second if any."""
    second = path[: -len(".mps")] + ".stage2.mps"
    return [path, second] if os.path.exists(second) else [path]


def child_highspy(path, time_limit, gap):
    """Solve each stage's MPS file with highspy in turn; print one JSON line."""
    import highspy

    started = time.perf_counter()
    stages = []
    for model in stage_paths(path):
        stage_started = time.perf_counter()
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("mip_rel_gap", float(gap))
        left = float(time_limit) - (stage_started - started)
        h.setOptionValue("time_limit", max(left, 0.001))
        h.readModel(model)
        h.run()
        info = h.getInfo()
        stages.append({
            "seconds": time.perf_counter() - stage_started,
            "objective": info.objective_function_value,
            "status": h.modelStatusToString(h.getModelStatus()),
        })
    print(json.dumps({
        "total": time.perf_counter() - started,
        "stages": stages,
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


def child_pulp(path, time_limit, gap):
    """Solve each stage's MPS file with PuLP and CBC in turn; print one JSON line."""
    import pulp

    started = time.perf_counter()
    stages = []
    for model in stage_paths(path):
        stage_started = time.perf_counter()
        sense = pulp.LpMaximize if sense_of(model) == "max" else pulp.LpMinimize
        # PuLP's MPS reader takes the sense as an argument and knows no
        # objective constant (RHS on the objective row): strip it, add it back.
        constant = 0.0
        with open(model) as f:
            lines = f.readlines()
        kept = []
        for line in lines:
            fields = line.split()
            if len(fields) == 3 and fields[0] == "RHS" and fields[1] == "obj":
                constant = -float(fields[2])
                continue
            kept.append(line)
        with tempfile.NamedTemporaryFile("w", suffix=".mps", delete=False) as f:
            f.writelines(kept)
            stripped = f.name
        _, problem = pulp.LpProblem.fromMPS(stripped, sense=sense)
        os.unlink(stripped)
        left = float(time_limit) - (stage_started - started)
        solver = pulp.PULP_CBC_CMD(msg=False, gapRel=float(gap), timeLimit=max(left, 1.0))
        problem.solve(solver)
        objective = pulp.value(problem.objective)
        stages.append({
            "seconds": time.perf_counter() - stage_started,
            "objective": None if objective is None else objective + constant,
            "status": pulp.LpStatus[problem.status],
        })
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({
        "total": time.perf_counter() - started,
        "stages": stages,
        "peak_kib": peak,
    }))


def run_child(args, timeout):
    started = time.perf_counter()
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "killed", "total": time.perf_counter() - started}
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if not lines:
        return {"status": "failed: " + out.stderr.strip()[-200:], "total": None}
    result = json.loads(lines[-1])
    result["process"] = time.perf_counter() - started
    return result


def capplan_numbers(plan, model, time_limit, gap):
    """capplan with HiGHS through the bench example's child mode, which
    also writes the stage models for the other solvers."""
    started = time.perf_counter()
    out = subprocess.run(
        [BENCH, "--one", plan, "highs", str(time_limit), str(gap), model],
        capture_output=True, text=True,
    )
    process = time.perf_counter() - started
    fields = out.stdout.rstrip("\n").split("\t")
    if len(fields) < 15:
        return {"status": "failed: " + out.stderr.strip()[-200:]}
    stages = [{"seconds": float(fields[11]), "objective": float(fields[12])}]
    if fields[13] != "NaN":
        stages.append({"seconds": float(fields[13]), "objective": float(fields[14])})
    return {
        "variables": int(fields[0]),
        "constraints": int(fields[1]),
        "parse": float(fields[2]),
        "build": float(fields[3]),
        "solve": float(fields[4]),
        "report": float(fields[5]),
        "total": float(fields[6]),
        "peak_kib": int(fields[7]),
        "status": (fields[9] + " " + fields[10]).strip(),
        "stages": stages,
        "process": process,
    }


def instances(sizes, workdir, ksf):
    out = [("KSF plan", os.path.join(ROOT, "plans", "ksf-2019-2028.toml"))] if ksf else []
    for size in sizes:
        items, years = size.split("x")
        path = os.path.join(workdir, f"gen-{size}.toml")
        subprocess.run(
            [CAPPLAN, "generate", "--items", items, "--years", years, "--seed", "1",
             "-o", path],
            check=True, capture_output=True,
        )
        out.append((size, path))
    return out


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child-highspy":
        return child_highspy(sys.argv[2], sys.argv[3], sys.argv[4])
    if len(sys.argv) > 1 and sys.argv[1] == "--child-pulp":
        return child_pulp(sys.argv[2], sys.argv[3], sys.argv[4])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50x10,200x10,1000x20,5000x20")
    parser.add_argument("--time-limit", type=float, default=60.0,
                        help="seconds per instance, both stages together, every solver")
    parser.add_argument("--gap", type=float, default=1e-6, help="relative MIP gap, all solvers")
    parser.add_argument("--no-ksf", action="store_true")
    parser.add_argument("--solvers", default="highspy,pulp",
                        help="besides capplan, which always runs (it writes the models)")
    parser.add_argument("--json", help="also write the raw numbers here")
    args = parser.parse_args()
    for binary in (CAPPLAN, BENCH):
        if not os.path.exists(binary):
            sys.exit(f"{binary} is missing: cargo build --release --features highs "
                     "--example bench && cargo build --release --features highs")
    solvers = args.solvers.split(",")
    workdir = os.path.join(ROOT, "target", "bench")
    os.makedirs(workdir, exist_ok=True)
    sizes = [s for s in args.sizes.split(",") if s]
    results = []
    print("| instance | vars | rows | solver | stage 1 s | stage 2 s | in-process s | "
          "process s | peak MiB | best score | least cost | status |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, plan in instances(sizes, workdir, not args.no_ksf):
        model = os.path.join(workdir, os.path.basename(plan).replace(".toml", ".mps"))
        for stale in (model, model[: -len(".mps")] + ".stage2.mps"):
            if os.path.exists(stale):
                os.unlink(stale)
        row = {"instance": name}
        kill_after = args.time_limit * 3 + 60
        row["capplan"] = capplan_numbers(plan, model, args.time_limit, args.gap)
        if not os.path.exists(model):
            print(f"| {name} | | | capplan wrote no model: {row['capplan']['status']} |")
            continue
        if "highspy" in solvers:
            row["highspy"] = run_child(
                [sys.executable, __file__, "--child-highspy", model, str(args.time_limit),
                 str(args.gap)],
                kill_after)
        if "pulp" in solvers:
            row["pulp"] = run_child(
                [sys.executable, __file__, "--child-pulp", model, str(args.time_limit),
                 str(args.gap)],
                kill_after)
        results.append(row)
        c = row["capplan"]
        for solver in ("capplan", "highspy", "pulp"):
            r = row.get(solver)
            if r is None:
                continue
            label = {"capplan": "capplan --solver highs", "highspy": "highspy",
                     "pulp": "PuLP + CBC"}[solver]
            stages = r.get("stages", [])
            seconds = [st.get("seconds") for st in stages] + [None, None]
            objectives = [st.get("objective") for st in stages] + [None, None]
            status = r.get("status") or " / ".join(st.get("status", "") for st in stages)
            peak = r.get("peak_kib")
            print(f"| {name} | {c.get('variables', '')} | {c.get('constraints', '')} | "
                  f"{label} | {fmt(seconds[0], 3)} | {fmt(seconds[1], 3)} | "
                  f"{fmt(r.get('total'), 3)} | {fmt(r.get('process'), 3)} | "
                  f"{fmt(peak / 1024 if peak else None, 1)} | {fmt(objectives[0], 6)} | "
                  f"{fmt(objectives[1], 3)} | {status} |", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


def fmt(x, digits):
    return "" if x is None else f"{x:.{digits}f}"


if __name__ == "__main__":
    main()
