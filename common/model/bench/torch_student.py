#!/usr/bin/env python3
"""The student transformer of common/model written in PyTorch eager, timed on training steps.

Same architecture as dev.distill.model.StudentNetwork with learned positions: byte vocabulary (263),
token + learned position embedding, pre-LayerNorm blocks (packed qkv linear, causal multi-head
attention through an additive mask, output linear; GELU feed-forward), final LayerNorm, untied output
projection. One training step as StudentTrainer takes it: forward, cross-entropy via log_softmax +
gather masked over all positions, backward, global-norm gradient clipping, AdamW (torch.optim.AdamW,
weight decay on linear weight matrices only). The batch is a fixed synthetic B x (T+1) token array,
as in ThroughputBenchmark.

Prints one line:  RESULT impl=torch preset=.. batch=.. seq=.. params=.. steps=.. seconds=.. tokens_per_s=..
With --phases also  PHASES impl=torch ... forward_ms=.. backward_ms=.. clip_ms=.. optimizer_ms=..
With --gemm it instead measures the machine's best float32 matmul rate (a practical peak) and prints
GEMM gflops=..
"""
import argparse
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 263
PRESETS = {  # d_model, heads, layers, ff_dim, max_seq_len (StudentConfig presets)
    "tiny": (64, 4, 2, 128, 128),
    "small": (128, 4, 4, 512, 256),
    "base": (256, 8, 12, 1024, 512),
}
MASKED = -1e9


class Layer(nn.Module):
    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.attention_norm = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.output = nn.Linear(d, d)
        self.feed_forward_norm = nn.LayerNorm(d)
        self.feed_forward_in = nn.Linear(d, ff)
        self.feed_forward_out = nn.Linear(ff, d)

    def forward(self, x, mask):
        b, t, d = x.shape
        hd = d // self.heads
        h = self.attention_norm(x)
        q, k, v = self.qkv(h).reshape(b, t, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        scores = (q * (1.0 / math.sqrt(hd))) @ k.transpose(-1, -2) + mask
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.output(y)
        h = self.feed_forward_out(F.gelu(self.feed_forward_in(self.feed_forward_norm(x))))
        return x + h


class Student(nn.Module):
    def __init__(self, d, heads, layers, ff, max_seq):
        super().__init__()
        self.token_embedding = nn.Parameter(torch.randn(VOCAB, d) * 0.02)
        self.position_embedding = nn.Parameter(torch.randn(max_seq, d) * 0.02)
        self.layers = nn.ModuleList(Layer(d, heads, ff) for _ in range(layers))
        self.final_norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, VOCAB)

    def forward(self, tokens, positions, mask):
        x = F.embedding(tokens, self.token_embedding) + F.embedding(positions, self.position_embedding)
        for layer in self.layers:
            x = layer(x, mask)
        return self.head(self.final_norm(x))


def measure_gemm(seconds):
    """Best float32 rate of a square matmul large enough to be compute-bound."""
    best = 0.0
    for n in (1024, 2048):
        a, b = torch.randn(n, n), torch.randn(n, n)
        a @ b
        reps, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 2:
            a @ b
            reps += 1
        best = max(best, 2.0 * n ** 3 * reps / (time.perf_counter() - start))
    print(f"GEMM gflops={best / 1e9:.1f} threads={torch.get_num_threads()} torch={torch.__version__}", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--preset", default="tiny", choices=sorted(PRESETS))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--min-steps", type=int, default=3)
    p.add_argument("--seconds", type=float, default=8.0, help="timed budget after warm-up")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--gemm", action="store_true")
    p.add_argument("--phases", action="store_true", help="also print the mean ms of each phase of a step")
    p.add_argument("--op-profile", metavar="FILE", help="afterwards write torch.profiler's trace of 3 steps to FILE")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    if a.gemm:
        measure_gemm(a.seconds)
        return
    d, heads, layers, ff, max_seq = PRESETS[a.preset]
    if a.seq > max_seq:
        raise SystemExit(f"--seq {a.seq} exceeds the {a.preset} preset's max_seq_len {max_seq}")
    torch.manual_seed(7)
    model = Student(d, heads, layers, ff, max_seq)
    decay = [w for n, w in model.named_parameters() if n.endswith(".weight") and w.dim() == 2]
    rest = [w for n, w in model.named_parameters() if not (n.endswith(".weight") and w.dim() == 2)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                                   {"params": rest, "weight_decay": 0.0}], lr=1e-3, betas=(0.9, 0.98), eps=1e-8)
    # the same deterministic synthetic batch as ThroughputBenchmark: token (r * 31 + i * 7) % 256 + 4
    rows = torch.arange(a.batch).unsqueeze(1)
    cols = torch.arange(a.seq + 1).unsqueeze(0)
    data = (rows * 31 + cols * 7) % 256 + 4
    tokens, targets = data[:, :-1].contiguous(), data[:, 1:].contiguous()
    positions = torch.arange(a.seq).unsqueeze(0)
    loss_mask = torch.ones(a.batch, a.seq)
    causal = torch.triu(torch.full((a.seq, a.seq), MASKED), diagonal=1).reshape(1, 1, a.seq, a.seq)

    phases = [0.0] * 4  # forward (with loss), backward, clip, optimizer; CPU ops run synchronously

    def step():
        t0 = time.perf_counter()
        logits = model(tokens, positions, causal)
        picked = logits.log_softmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
        loss = -(picked * loss_mask).sum() / loss_mask.sum()
        optimizer.zero_grad(set_to_none=False)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        t3 = time.perf_counter()
        optimizer.step()
        t4 = time.perf_counter()
        for i, d in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            phases[i] += d
        return loss.item()

    for _ in range(a.warmup):
        step()
    phases[:] = [0.0] * 4
    steps, start = 0, time.perf_counter()
    while steps < a.min_steps or time.perf_counter() - start < a.seconds:
        loss = step()
        steps += 1
    elapsed = time.perf_counter() - start
    params = sum(w.numel() for w in model.parameters())
    print(f"RESULT impl=torch preset={a.preset} batch={a.batch} seq={a.seq} params={params} steps={steps} "
          f"seconds={elapsed:.2f} tokens_per_s={steps * a.batch * a.seq / elapsed:.0f} loss={loss:.3f} "
          f"threads={torch.get_num_threads()} torch={torch.__version__}", flush=True)
    if a.op_profile:
        with torch.profiler.profile() as prof:
            for _ in range(3):
                step()
        prof.export_chrome_trace(a.op_profile)
    if a.phases:
        ms = " ".join(f"{n}_ms={1000 * t / steps:.1f}" for n, t in zip(("forward", "backward", "clip", "optimizer"), phases))
        print(f"PHASES impl=torch optimizer=torch.optim.AdamW {ms}", flush=True)


if __name__ == "__main__":
    main()
