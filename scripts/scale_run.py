#!/usr/bin/env python3
"""Runs a training command and reports, phase by phase, its wall time and peak resident memory
(RSS, sampled every 0.2 s from /proc), then its training steps per second: the figures of the
large-corpus table in docs/performance.md.

    python3 scripts/scale_run.py LABEL LOG [--trace FILE] -- java -jar seq2seq-app/target/seq2seq.jar train ...

--trace writes the time, RSS in GB and phase every second.

Phases, cut at the run's log lines: "words and BPE" (counting words, learning merges), "vocabularies"
(counting subwords), "preparing" (encoding the corpus into shards), "training" (from the line
"training on" to the end). Time to the first step is from the start to the first progress line."""
import re
import subprocess
import sys
import threading
import time

PHASES = [("vocabularies", re.compile(r"building vocabularies")),
          ("preparing", re.compile(r"preparing .* as token ids|checking that .* is still the corpus")),
          ("training", re.compile(r"training on "))]
STEP = re.compile(r"step (\d+): loss")


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def main():
    args = sys.argv[1:]
    split = args.index("--")
    label, log, command = args[0], args[1], args[split + 1:]
    trace = open(args[args.index("--trace") + 1], "w") if "--trace" in args[:split] else None
    start = time.monotonic()
    phase = ["words and BPE"]
    order = [phase[0]]
    began = {phase[0]: 0.0}
    peak = {}
    steps = []
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    done = threading.Event()

    def sample():
        k = 0
        while not done.is_set():
            kb = rss_kb(process.pid)
            peak[phase[0]] = max(peak.get(phase[0], 0), kb)
            if trace and k % 5 == 0:
                trace.write(f"{time.monotonic() - start:.1f} {kb / 1e6:.3f} {phase[0]}\n")
                trace.flush()
            k += 1
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with open(log, "w") as out:
        for line in process.stdout:
            now = time.monotonic() - start
            out.write(f"[{now:9.2f}] {line}")
            for name, pattern in PHASES:
                if pattern.search(line) and name not in began:
                    phase[0] = name
                    order.append(name)
                    began[name] = now
            m = STEP.search(line)
            if m:
                steps.append((int(m.group(1)), now))
    code = process.wait()
    done.set()
    sampler.join()
    end = time.monotonic() - start
    parts = []
    for i, name in enumerate(order):
        until = began[order[i + 1]] if i + 1 < len(order) else end
        parts.append(f"{name} {until - began[name]:.1f} s, peak RSS {peak.get(name, 0) / 1e6:.2f} GB")
    print(f"{label}: " + "; ".join(parts) + f" (exit {code})")
    if steps:
        print(f"{label}: first progress line (step {steps[0][0]}) at {steps[0][1]:.1f} s")
    timed = [s for s in steps if s[0] >= 20]
    if len(timed) >= 2:
        n = timed[-1][0] - timed[0][0]
        t = timed[-1][1] - timed[0][1]
        print(f"{label}: steps {timed[0][0]}-{timed[-1][0]}, {n / t:.3f} steps/s, {t / n:.3f} s/step")
    return code


if __name__ == "__main__":
    sys.exit(main())
