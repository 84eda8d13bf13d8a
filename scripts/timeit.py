#!/usr/bin/env python3
"""Median wall time of a command, for the benchmarks (no hyperfine needed).
usage: timeit.py RUNS WARMUP LABEL -- COMMAND [ARG...]
Runs COMMAND WARMUP times untimed, then RUNS times (output discarded; each time includes
Python's process spawn, about a millisecond more than hyperfine -N reports); prints
"LABEL: median X ms (min Y ms, N runs)". Exits 1 if any run fails."""
import statistics
import subprocess
import sys
import time


def main():
    runs, warmup, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    times = []
    for i in range(warmup + runs):
        s = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        e = time.perf_counter()
        if r.returncode != 0:
            print(f"{label}: exit status {r.returncode}: {' '.join(cmd)}", file=sys.stderr)
            sys.exit(1)
        if i >= warmup:
            times.append((e - s) * 1000)
    print(f"{label}: median {statistics.median(times):.2f} ms (min {min(times):.2f} ms, {runs} runs)")


if __name__ == "__main__":
    main()
