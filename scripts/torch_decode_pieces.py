#!/usr/bin/env python3
"""The PyTorch peer's pieces of one decoding step of a random setting-(a) model (E256 H512,
vocabulary 8000, 50 rows), for comparison with scripts/DecodeStepSpeed.java and
scripts/GemmThreads.java (docs/performance.md). Run with the peer's Python:

    /usr/bin/python3 scripts/torch_decode_pieces.py 2      # threads
"""
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
n, V, E, H = 50, 8000, 256, 512
torch.manual_seed(1)
h = torch.rand(n, H)
W = torch.rand(V, H)                       # nn.Linear's layout: [V, H]
Wt = W.t().contiguous()                    # [H, V]
b = torch.rand(V)
gru = torch.nn.GRU(E, H, batch_first=True)
x = torch.randn(n, 1, E)
h0 = torch.randn(1, n, H)
W3 = torch.rand(3 * H, H)


def timed(name, f, reps=100):
    for _ in range(20):
        f()
    ts = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps):
            f()
        ts.append((time.perf_counter() - t0) / reps * 1e3)
    ts.sort()
    print(f"{name:36s} best {ts[0]:.3f} ms  median {ts[3]:.3f} ms")


with torch.no_grad():
    logits = torch.addmm(b, h, W.t())
    timed("[50, 512]x[512, 8000] (W transposed)", lambda: torch.mm(h, W.t()))
    timed("[50, 512]x[512, 8000]", lambda: torch.mm(h, Wt))
    timed("[50, 512]x[512, 1536]", lambda: torch.mm(h, W3.t()))
    timed("log_softmax [50, 8000]", lambda: torch.log_softmax(logits, -1))
    timed("log_softmax + argmax", lambda: torch.log_softmax(logits, -1).argmax(-1))
    timed("GRU step, 50 rows", lambda: gru(x, h0))
    timed("step: GRU, projection, log-softmax, argmax",
          lambda: torch.log_softmax(torch.addmm(b, gru(x, h0)[0][:, 0], W.t()), -1).argmax(-1), 50)
