#!/usr/bin/env python3
"""Runs ecs-model's benchmarks and its peers' on the same documents, in one go, and prints a
table of MB/s (10^6 bytes per second) with ecs-model's ratio to each peer.

    python3 benches/peers.py [--quick]

Steps: writes the documents (`bench-docs`); times ecs-model, `serde_json::Value` and a copy of
the bytes (`bench-rounds`), botocore (from the workspace's `.venv`, which `.ci/test` creates; or
`$ECS_BOTOCORE_PYTHON`) and Node on them, one round of each in turn, the order rotating, and keeps
each figure's fastest round: every figure of the first table is the same statistic, taken over
the same minutes. Then criterion (`cargo bench -p ecs-benches`) for the operations only
ecs-model has, and last `cargo bench -p ecs-deploy-benches` (`sdk_input`). `--quick` shortens
every measurement (for a smoke run, not for figures) and leaves out `sdk_input`, whose optimised
build is the AWS SDK's: minutes for one figure no goal depends on (CI runs it once, as a test,
in `cargo test --benches`).
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "target" / "bench-docs"
CRITERION = ROOT / "target" / "criterion"


STARTED = time.monotonic()


def run(command, **kwargs):
    # The seconds since the start, so that a CI log shows where the time goes.
    print(f"+ [{time.monotonic() - STARTED:.0f}s]", " ".join(str(c) for c in command), file=sys.stderr)
    return subprocess.run(command, check=True, cwd=ROOT, **kwargs)


def sizes():
    """Bytes per document set, as every tool reads them."""
    return {p.stem: sum(len(line.encode()) for line in p.read_text().splitlines() if line) for p in DOCS.glob("*.jsonl")}


def criterion_seconds(group, bench):
    """Criterion's mean time per iteration, in seconds."""
    path = CRITERION / group / bench / "new" / "estimates.json"
    if not path.exists():
        sys.exit(f"peers.py: criterion has no result for {group}/{bench} ({path})")
    return json.loads(path.read_text())["mean"]["point_estimate"] / 1e9


def mbps(size, seconds):
    return size / seconds / 1e6 if seconds else None


# The criterion benchmarks the tables below the first one read.
CRITERION_FILTER = "^(large|typical)/render_pretty$|/parse_validate$|/validate_render$|_container$|^adversarial/"


def fastest_rounds(commands, rounds):
    """Runs each command `rounds` times with `--rounds 1`, in turn, rotating which goes first,
    and keeps each {set: {operation: seconds}} figure's fastest round, per command."""
    best = [{} for _ in commands]
    for round in range(rounds):
        for i in [(round + k) % len(commands) for k in range(len(commands))]:
            figures = json.loads(run([*commands[i], "--rounds", "1"], capture_output=True, text=True).stdout)
            for set_name, operations in figures.items():
                for operation, seconds in operations.items():
                    kept = best[i].setdefault(set_name, {})
                    kept[operation] = min(seconds, kept.get(operation, seconds))
    return best


def main():
    quick = "--quick" in sys.argv
    extra = ["--quick"] if quick else []
    # The bench profile, as criterion: one optimised build of everything.
    run(["cargo", "build", "--profile", "bench", "--locked", "-q", "-p", "ecs-benches", "--bin", "bench-docs", "--bin", "bench-rounds"])
    bins = ROOT / "target" / "release"
    run([str(bins / "bench-docs"), str(DOCS)])
    python = os.environ.get("ECS_BOTOCORE_PYTHON") or str(ROOT / ".venv" / "bin" / "python")
    ours, node, botocore = fastest_rounds(
        [
            [str(bins / "bench-rounds"), str(DOCS), *extra],
            ["node", "benches/peers/node_bench.js", str(DOCS), *extra],
            [python, "benches/peers/botocore_bench.py", str(DOCS), *extra],
        ],
        rounds=2 if quick else 5,
    )
    bench = ["cargo", "bench", "--locked", "-p", "ecs-benches", "--bench", "task_definition", "--", CRITERION_FILTER]
    if quick:
        bench += ["--warm-up-time", "0.2", "--measurement-time", "0.5"]
    run(bench, stdout=subprocess.DEVNULL)
    if not quick:
        run(["cargo", "bench", "--locked", "-p", "ecs-deploy-benches", "--bench", "sdk_input"], stdout=subprocess.DEVNULL)

    size = sizes()
    rows = []
    for name in ["large", "typical", "fleet", "corpus"]:
        if name not in size:
            continue
        for operation in ["parse", "validate", "render", "pipeline"]:
            rows.append({
                "set": name,
                "operation": operation,
                "ecs-model": mbps(size[name], ours[name][operation]),
                "serde_json Value": mbps(size[name], ours[name].get(f"serde_value_{operation}")),
                "Node": mbps(size[name], node.get(name, {}).get(operation)),
                "botocore": mbps(size[name], botocore.get(name, {}).get(operation)),
                "memcpy": mbps(size[name], ours[name]["memcpy"]) if operation == "render" else None,
            })

    peers = ["serde_json Value", "Node", "botocore", "memcpy"]
    print("| set | operation | ecs-model MB/s | " + " | ".join(f"{p} MB/s (ratio)" for p in peers) + " |")
    print("|---|---|---:|" + "---:|" * len(peers))
    for row in rows:
        cells = []
        for peer in peers:
            value = row[peer]
            if value is None:
                cells.append("")
            else:
                cells.append(f"{value:,.0f} ({row['ecs-model'] / value:.2f}×)")
        print(f"| {row['set']} ({size[row['set']]:,} B) | {row['operation']} | {row['ecs-model']:,.0f} | " + " | ".join(cells) + " |")

    # The operations only ecs-model has, for the record.
    print()
    print("| set | ecs-model operation | time per pass | MB/s |")
    print("|---|---|---:|---:|")
    for name, benches in [
        ("large", ["render_pretty", "parse_validate", "sdk_input"]),
        ("typical", ["render_pretty", "parse_validate", "sdk_input", "derive_container", "builder_container"]),
        ("fleet", ["validate_render", "parse_validate"]),
        ("corpus", ["validate_render", "parse_validate"]),
    ]:
        for bench in benches:
            if name not in size:
                continue
            if bench == "sdk_input" and quick:
                print(f"| {name} | {bench} | not measured with --quick | |")
                continue
            seconds = criterion_seconds(name, bench)
            # Building a container is not a pass over the document's bytes.
            rate = "" if bench.endswith("_container") else f"{mbps(size[name], seconds):,.0f}"
            print(f"| {name} | {bench} | {seconds * 1e6:,.1f} µs | {rate} |")

    # Hostile shapes against the large real document's parse and validate, per byte: the goal is
    # at most 3x its time per byte.
    shapes = json.loads((DOCS / "adversarial.json").read_text())
    reference = size["large"] / criterion_seconds("large", "parse_validate")
    print()
    print("| adversarial shape | bytes | time per pass | MB/s | time per byte vs large parse_validate |")
    print("|---|---:|---:|---:|---:|")
    for shape, length in shapes.items():
        seconds = criterion_seconds("adversarial", shape)
        rate = length / seconds
        ratio = reference / rate
        flag = "" if ratio <= 3 else " (over 3x)"
        print(f"| {shape} | {length:,} | {seconds * 1e6:,.1f} µs | {rate / 1e6:,.0f} | {ratio:.2f}x{flag} |")


main()
