#!/usr/bin/env python3
"""Predicted speed-up of Spark training on N machines at a given network speed (docs/distributed.md),
from the parts of a step measured on this project's machine, for the replica design (ring
allreduce among the executors, the update shared) and for the old driver design (broadcast,
treeAggregate, the update on the driver).

    python3 scripts/spark_scaling.py [--gbit 10] [--latency-us 50] [--pairs 64]

Every measured input is a named constant below with where it comes from; change them to predict
another model or machine. Each machine steps on --pairs pairs (global batch pairs * N); the
speed-up is in pairs per second over one machine stepping on --pairs pairs."""
import argparse
import math

# The Multi30k BPE recipe (recipes/multi30k-bpe.yaml; the run's log): 11,994,644 values in the
# flattened arrays, of which the tied output weights (4,116 x 512) stay out of the replicas' sums.
FLATTENED = 11_994_644
SUMMED = FLATTENED - 4_116 * 512

# One core of this machine, measured (docs/distributed.md, "Measured here"):
SINGLE_STEP_64 = 0.733   # s, one process on 64 pairs, taskset -c 0 (mean of 3 rounds)
SINGLE_UPDATE = 0.108    # s, of which the update (clip, tied merge and tie in DL4J, Adam): local[1] timing line
ADAM = 0.034             # s, FusedAdam over all parameters (a replica's half took 17 ms)
REPLICA_FIXED = 0.031    # s, a replica's update besides its Adam: copies, tied tiles, norm (48.5 ms - 17 ms)
OLD_FIXED = 0.74 + 0.43  # s, old design: a task's copying and serialization, and the driver's serial part (issue 45)

def ring(n, gbit, latency):
    """The two halves of the ring, 2 (N-1)/N of the summed array each way, and 4 (N-1) message
    latencies (the two halves and the small allreduce of loss, counts and norm)."""
    return 2 * (n - 1) / n * 4 * SUMMED / (gbit * 1e9 / 8) + 4 * (n - 1) * latency

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gbit", type=float, default=10)
    p.add_argument("--latency-us", type=float, default=50)
    p.add_argument("--pairs", type=int, default=64)
    a = p.parse_args()
    latency = a.latency_us * 1e-6
    scale = a.pairs / 64
    print(f"{a.gbit:g} Gbit/s, {a.latency_us:g} us a message; each machine steps on {a.pairs} pairs; "
          f"replicas sum and gather {4 * SUMMED / 1e6:.1f} MB a step, the old design moved {4 * FLATTENED / 1e6:.1f} MB "
          f"a copy")
    for label, speed in (("one core of this machine (measured)", 1.0),
                         ("a machine 10 times as fast (assumed, e.g. 16 cores)", 10.0)):
        gradient = (SINGLE_STEP_64 - SINGLE_UPDATE) * scale / speed
        # one machine with the replicas' update code (tied tiles, FusedAdam), so that the speed-up
        # counts only what distribution changes: today's single-machine update (SINGLE_UPDATE) is
        # slower by DL4J's strided transposes
        single = gradient + (REPLICA_FIXED + ADAM) / speed
        print(f"\n{label}: one machine {single:.3f} s a step, of which the gradient {gradient:.3f} s")
        print("| N | replicas: s/step | ring | ring's share | speed-up | old design: s/step | speed-up |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for n in (2, 4, 8, 16, 32, 64):
            r = ring(n, a.gbit, latency)
            t = gradient + (REPLICA_FIXED + ADAM / n) / speed + r
            old = single + OLD_FIXED / speed + 4 * FLATTENED / (a.gbit * 1e9 / 8) * (1 + math.sqrt(n))
            print(f"| {n} | {t:.3f} | {r * 1000:.0f} ms | {r / t:.0%} | {n * single / t:.1f} | {old:.3f} | "
                  f"{n * single / old:.1f} |")

if __name__ == "__main__":
    main()
