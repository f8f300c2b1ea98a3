#!/usr/bin/env python3
"""Times a command the way `make bench` reports it.

    runtime.py TRIALS IN OUT CMD...

Runs CMD with stdin from IN and stdout to OUT, TRIALS times, and prints the
best wall seconds, the best CPU seconds (user + system) and the largest
peak RSS in KiB. The CPU time comes from wait4's rusage, in microseconds:
GNU time prints it in 10 ms steps, too coarse for `wc -w` (~25 ms), the
yardstick of issue 8.
"""
import os
import subprocess
import sys
import time


def main() -> None:
    trials, src, dst, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    wall, cpu, rss = float("inf"), float("inf"), 0
    for _ in range(trials):
        with open(src, "rb") as i, open(dst, "wb") as o:
            start = time.perf_counter()
            child = subprocess.Popen(cmd, stdin=i, stdout=o)
            _, status, use = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        if status != 0:
            sys.exit(f"runtime.py: {cmd[0]} failed (wait status {status})")
        wall = min(wall, elapsed)
        cpu = min(cpu, use.ru_utime + use.ru_stime)
        rss = max(rss, use.ru_maxrss)
    print(f"{wall:.4f} {cpu:.4f} {rss}")


if __name__ == "__main__":
    main()
