#!/usr/bin/env python3
"""Predicted speed-up of Spark training on N machines (docs/distributed.md), from the figures
measured on one machine, for the replica design (allreduce among executors, the update shared)
and for the old driver design (broadcast, treeAggregate, update on the driver).

    python3 scripts/spark_scaling.py [--gbit 10] [--latency-us 50]

Every input is a named constant below with where it was measured; change them to predict another
model or machine. Same batch b on every machine (global batch b*N): speed-up in pairs per second
over one machine stepping on b pairs."""
import argparse
import math

# The Multi30k BPE recipe (recipes/multi30k-bpe.yaml): 8,625,172 parameters once the tied output
# weights are counted once; what the replicas sum and gather.
PARAMETERS = 8_625_172
BYTES = 4 * PARAMETERS
# The old design sent the whole flattened array, the tied copy included (event log: 34.7 MB a task
# result at the time the issue measured it; 48 MB with the output copy).
OLD_BYTES = 48.0e6

def new_step(n, compute, adam, gbit, latency):
    """Seconds a step takes with N replicas: the replica's own work (its gradient, the copies and
    the tied transposes), its 1/N of Adam, and the two halves of the ring (2(N-1)/N of the array
    each way) with 4(N-1) message latencies (two halves and the small allreduce)."""
    bandwidth = gbit * 1e9 / 8
    ring = 2 * (n - 1) / n * BYTES / bandwidth + 4 * (n - 1) * latency
    return compute + adam / n + ring, ring

def old_step(n, compute, fixed, gbit):
    """The driver design (docs/distributed.md before issue 45): a task's fixed copying and
    serialization plus the driver's serial part, and on the driver's link one broadcast copy and
    about sqrt(N) gradients from treeAggregate."""
    bandwidth = gbit * 1e9 / 8
    return compute + fixed + OLD_BYTES / bandwidth * (1 + math.sqrt(n))

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gbit", type=float, default=10)
    p.add_argument("--latency-us", type=float, default=50)
    a = p.parse_args()
    latency = a.latency_us * 1e-6
    # One core of this machine (docs/distributed.md, "Measured here"):
    single = 0.775        # s/step, one process, batch 64, taskset -c 0
    adam = 0.034          # FusedAdam over all parameters, one core (a replica's half: 17 ms)
    replica_work = single - adam   # a replica at b = 64: the single step less Adam (communication apart)
    old_fixed = 0.74 + 0.43        # old design: a task's copying (e) and the driver's serial part (d)
    machines = [1, 2, 4, 8, 16, 32, 64]
    print(f"{a.gbit:g} Gbit/s, {a.latency_us:g} us a message; {BYTES / 1e6:.1f} MB summed and gathered a step")
    for label, speed in (("one core of this machine (measured: 0.775 s a step of 64 pairs)", 1.0),
                         ("a machine 10 times as fast (assumed: 16 cores, 0.078 s a step)", 10.0)):
        print(f"\n{label}")
        print("| N | replicas: s/step | of which the ring | speed-up | old driver design: s/step | speed-up |")
        print("| --- | --- | --- | --- | --- | --- |")
        for n in machines:
            t, ring = new_step(n, replica_work / speed, adam / speed, a.gbit, latency) if n > 1 else (single / speed, 0)
            told = old_step(n, single / speed, old_fixed / speed, a.gbit) if n > 1 else single / speed
            print(f"| {n} | {t:.3f} | {ring * 1000:.0f} ms | {n * single / speed / t:.1f} | {told:.3f} | "
                  f"{n * single / speed / told:.1f} |")

if __name__ == "__main__":
    main()
