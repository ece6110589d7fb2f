#!/usr/bin/env python3
"""Compare capplan (with HiGHS) against highspy and PuLP+CBC on identical instances.

capplan writes each instance's first-stage model (max-goals: the best
score) with `capplan solve --write-model FILE.mps`; highspy and PuLP+CBC
solve that same file to the same relative gap (`--gap`, 1e-6 by default) under the same time
limit. capplan's own numbers come from the bench example (`bench --one`),
which reports the stage-1 solve time, the whole solve (both stages) and
the process's peak memory.

Setup (PyPI is enough; the CBC binary ships with PuLP):

    python3 -m venv .venv && .venv/bin/pip install highspy pulp
    cargo build --release --features highs --example bench
    .venv/bin/python bench/compare_solvers.py [--sizes 50x10,200x10,1000x20,5000x20]

Each solver runs in a child process of its own, so its peak memory
(ru_maxrss, including CBC's own process) is its own. Prints a Markdown
table; `--json FILE` also writes the raw numbers.
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


def child_highspy(path, time_limit, gap):
    """Read and solve an MPS file with highspy; print one JSON line."""
    import highspy

    started = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", float(gap))
    h.setOptionValue("time_limit", float(time_limit))
    h.readModel(path)
    read = time.perf_counter() - started
    h.run()
    total = time.perf_counter() - started
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    print(json.dumps({
        "read": read,
        "solve": total - read,
        "total": total,
        "objective": info.objective_function_value,
        "status": status,
        "gap": info.mip_gap,
        "nodes": info.mip_node_count,
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


def child_pulp(path, time_limit, gap, maximise):
    """Read an MPS file with PuLP and solve it with CBC; print one JSON line."""
    import pulp

    started = time.perf_counter()
    sense = pulp.LpMaximize if maximise else pulp.LpMinimize
    # PuLP's MPS reader takes the sense as an argument and knows no
    # objective constant (RHS on the objective row): strip it, add it back.
    constant = 0.0
    with open(path) as f:
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
    read = time.perf_counter() - started
    solver = pulp.PULP_CBC_CMD(msg=False, gapRel=float(gap), timeLimit=float(time_limit))
    problem.solve(solver)
    total = time.perf_counter() - started
    objective = pulp.value(problem.objective)
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({
        "read": read,
        "solve": total - read,
        "total": total,
        "objective": None if objective is None else objective + constant,
        "status": pulp.LpStatus[problem.status],
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


def capplan_numbers(plan, time_limit, gap):
    """capplan with HiGHS through the bench example's child mode."""
    started = time.perf_counter()
    out = subprocess.run(
        [BENCH, "--one", plan, "highs", str(time_limit), str(gap)],
        capture_output=True, text=True,
    )
    process = time.perf_counter() - started
    fields = out.stdout.rstrip("\n").split("\t")
    if len(fields) < 12:
        return {"status": "failed: " + out.stderr.strip()[-200:]}
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
        "stage1_solve": float(fields[11]),
        "stage1_objective": float(fields[12]),
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
        return child_pulp(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "max")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50x10,200x10,1000x20,5000x20")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--gap", type=float, default=1e-6, help="relative MIP gap, all solvers")
    parser.add_argument("--no-ksf", action="store_true")
    parser.add_argument("--solvers", default="capplan,highspy,pulp")
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
    print("| instance | vars | rows | solver | load s | stage-1 solve s | process s | "
          "peak MiB | stage-1 objective | status |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for name, plan in instances(sizes, workdir, not args.no_ksf):
        model = os.path.join(workdir, os.path.basename(plan).replace(".toml", ".mps"))
        subprocess.run(
            [CAPPLAN, "solve", plan, "--write-model", model, "--time-limit", "0.001"],
            capture_output=True,
        )
        with open(model) as f:
            maximise = "    MAX\n" in f.read(4096)
        row = {"instance": name}
        kill_after = args.time_limit * 3 + 60
        if "capplan" in solvers:
            row["capplan"] = capplan_numbers(plan, args.time_limit, args.gap)
        if "highspy" in solvers:
            row["highspy"] = run_child(
                [sys.executable, __file__, "--child-highspy", model, str(args.time_limit),
                 str(args.gap)],
                kill_after)
        if "pulp" in solvers:
            row["pulp"] = run_child(
                [sys.executable, __file__, "--child-pulp", model, str(args.time_limit),
                 str(args.gap), "max" if maximise else "min"],
                kill_after)
        results.append(row)
        c = row.get("capplan", {})
        for solver in ("capplan", "highspy", "pulp"):
            r = row.get(solver)
            if r is None:
                continue
            if solver == "capplan":
                load = (r.get("parse") or 0) + (r.get("build") or 0) if "parse" in r else None
                solve, objective = r.get("stage1_solve"), r.get("stage1_objective")
                label = "capplan --solver highs"
            else:
                load, solve, objective = r.get("read"), r.get("solve"), r.get("objective")
                label = "highspy" if solver == "highspy" else "PuLP + CBC"
            peak = r.get("peak_kib")
            print(f"| {name} | {c.get('variables', '')} | {c.get('constraints', '')} | "
                  f"{label} | {fmt(load, 3)} | {fmt(solve, 3)} | {fmt(r.get('process'), 3)} | "
                  f"{fmt(peak / 1024 if peak else None, 1)} | {fmt(objective, 6)} | "
                  f"{r.get('status')} |", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


def fmt(x, digits):
    return "" if x is None else f"{x:.{digits}f}"


if __name__ == "__main__":
    main()
