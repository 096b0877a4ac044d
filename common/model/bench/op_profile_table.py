#!/usr/bin/env python3
"""Compares two Chrome traces of libtorch's profiler (ThroughputBenchmark --op-profile, torch_student.py --op-profile):
total self time per aten op in each, largest first. Self time: an op's duration minus the ops nested in it.

    op_profile_table.py djl.json torch.json [rows]
"""
import collections
import json
import sys


def self_times(path):
    data = json.load(open(path))
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = sorted((e for e in events if e.get("ph") == "X" and str(e.get("name", "")).startswith("aten::")),
                 key=lambda e: (e.get("tid"), e["ts"], -e["dur"]))
    totals, stack = collections.Counter(), []
    for e in ops:  # nesting per thread: an op inside the one on top of the stack is subtracted from it
        while stack and (stack[-1].get("tid") != e.get("tid") or e["ts"] >= stack[-1]["ts"] + stack[-1]["dur"]):
            stack.pop()
        totals[e["name"]] += e["dur"]
        if stack:
            totals[stack[-1]["name"]] -= e["dur"]
        stack.append(e)
    return totals


def main(djl_path, torch_path, rows=15):
    djl, torch = self_times(djl_path), self_times(torch_path)
    names = sorted(set(djl) | set(torch), key=lambda n: -max(djl[n], torch[n]))[:rows]
    print(f"| op (self ms over 3 steps) | DJL | torch |\n|---|---|---|")
    for n in names:
        print(f"| {n} | {djl[n] / 1000:.1f} | {torch[n] / 1000:.1f} |")
    print(f"| all aten ops | {sum(djl.values()) / 1000:.1f} | {sum(torch.values()) / 1000:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *map(int, sys.argv[3:]))
