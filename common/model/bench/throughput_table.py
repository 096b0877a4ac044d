#!/usr/bin/env python3
"""Summarises the RESULT/GEMM/PHASES lines of djl-vs-torch.sh into a Markdown table.

FLOPs per trained token = 6*N + 12*L*T*d:
  N      parameters outside the embeddings (token and position lookups do no multiply-adds; the output head counts),
  6*N    2*N multiply-add FLOPs forward, twice that backward (Kaplan et al. 2020),
  12*L*T*d  attention scores QK^T and A*V, 2*T*d FLOPs each per token per layer forward, over the full T x T matrix
         as our code computes it (the causal mask does not skip work), times 3 for forward + backward.
Element-wise work (LayerNorm, GELU, softmax, AdamW) is not counted.

Theoretical peak = threads x GHz x fp32 lanes (16 with AVX-512, 8 with AVX2) x 2 (an FMA is 2 FLOPs) x 2 FMA units
per core (assumed: Xeon server cores have two 512-bit FMA ports); GHz is /proc/cpuinfo's "cpu MHz" (the nominal
clock a VM reports; turbo may run higher). The GEMM lines give the practical peak, the best large float32 matmul;
the table divides by the larger of the two.
"""
import os
import re
import statistics
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_student import PRESETS, VOCAB  # noqa: E402  (shape table shared with the PyTorch twin)


def fields(line):
    return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)


def theoretical_peak(threads):
    flags = open("/proc/cpuinfo").read()
    lanes = 16 if " avx512f" in flags else 8 if " avx2" in flags else 4
    mhz = float(re.search(r"cpu MHz\s*:\s*([\d.]+)", flags).group(1))
    return threads * mhz * 1e6 * lanes * 2 * 2, lanes, mhz


def main(path):
    runs, gemm, phases, profiling = {}, {}, [], False
    for line in open(path):
        profiling = profiling or line.startswith("# phases")  # the profile pass's runs stay out of the table
        if line.startswith("RESULT") and not profiling:
            f = fields(line)
            key = (f["preset"], int(f["batch"]), int(f["seq"]))
            runs.setdefault(key, {"params": int(f["params"]), "threads": int(f["threads"])}) \
                .setdefault(f["impl"], []).append(float(f["tokens_per_s"]))
        elif line.startswith("GEMM"):
            f = fields(line)
            impl = f.get("impl", "torch")
            gemm[impl] = max(gemm.get(impl, 0.0), float(f["gflops"]))  # the best of the session
        elif line.startswith("PHASES") or line.startswith("# phases"):
            phases.append(line.rstrip())
    if not runs:
        raise SystemExit(f"no RESULT lines in {path}")
    threads = next(iter(runs.values()))["threads"]
    nominal, lanes, mhz = theoretical_peak(threads)
    peak = max([nominal] + [g * 1e9 for g in gemm.values()])  # a matmul above the nominal peak means turbo clocks
    print(f"\nPeak {peak / 1e9:.1f} GFLOP/s: the larger of the nominal {nominal / 1e9:.1f} GFLOP/s = {threads} threads x "
          f"{mhz / 1000:.2f} GHz x {lanes} fp32 lanes x 2 (FMA) x 2 FMA units, and the best large matmul measured: "
          f"DJL libtorch {gemm.get('djl', float('nan')):.1f} GFLOP/s, Debian torch {gemm.get('torch', float('nan')):.1f} GFLOP/s.")
    print("FLOPs/token = 6*N + 12*L*T*d (N = parameters outside the embeddings). Tokens/s: median (min-max) of the "
          "alternated runs.\n")
    print("| preset | batch | seq | params | FLOPs/token | DJL tokens/s | torch tokens/s | DJL/torch | DJL % peak "
          "| torch % peak |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (preset, batch, seq), r in sorted(runs.items(), key=lambda kv: (list(PRESETS).index(kv[0][0]), kv[0][1])):
        d, heads, layers, ff, max_seq = PRESETS[preset]
        non_embedding = r["params"] - (VOCAB + max_seq) * d
        flops = 6 * non_embedding + 12 * layers * seq * d
        djl, torch = r.get("djl", []), r.get("torch", [])
        cell = lambda xs: f"{statistics.median(xs):,.0f} ({min(xs):,.0f}-{max(xs):,.0f})" if xs else "-"
        pct = lambda xs: f"{100 * statistics.median(xs) * flops / peak:.1f}%" if xs else "-"
        ratio = f"{statistics.median(djl) / statistics.median(torch):.2f}" if djl and torch else "-"
        print(f"| {preset} | {batch} | {seq} | {r['params']:,} | {flops / 1e6:.2f} M | {cell(djl)} | {cell(torch)} "
              f"| {ratio} | {pct(djl)} | {pct(torch)} |")
    if phases:
        print("\nPer-step phases (ms):")
        print("\n".join(phases))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "common/model/target/djl-vs-torch.log")
