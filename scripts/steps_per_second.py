#!/usr/bin/env python3
"""Runs a training command and prints its steps per second of wall time, measured between the
progress line of the first logged step at or after --from-step and the last progress line (so that
start-up, vocabularies, BPE and the replicas' launch are left out).

    python3 scripts/steps_per_second.py LABEL LOG -- java ... train ... --log-every 10

The command's output goes to LOG; one line "LABEL: S steps in T s, R steps/s" goes to stdout."""
import re
import subprocess
import sys
import time

def main():
    args = sys.argv[1:]
    split = args.index("--")
    label, log, command = args[0], args[1], args[split + 1:]
    first = 20
    if "--from-step" in args[:split]:
        first = int(args[args.index("--from-step") + 1])
    step_line = re.compile(r"step (\d+): loss")
    seen = []
    with open(log, "w") as out:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        for line in process.stdout:
            now = time.monotonic()
            out.write(line)
            m = step_line.search(line)
            if m and int(m.group(1)) >= first:
                seen.append((int(m.group(1)), now))
        code = process.wait()
    if len(seen) < 2:
        print(f"{label}: fewer than two progress lines after step {first} (exit {code}); see {log}")
        return 1
    steps = seen[-1][0] - seen[0][0]
    seconds = seen[-1][1] - seen[0][1]
    print(f"{label}: steps {seen[0][0]}-{seen[-1][0]}, {steps} steps in {seconds:.1f} s, "
          f"{steps / seconds:.3f} steps/s, {seconds / steps:.3f} s/step (exit {code})", flush=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
