#!/usr/bin/env python3
"""Start-up timing that stays fair on a loaded machine: the commands run interleaved (one run of
each, then again), so load from other processes falls on all of them alike; prints each median
and its ratio to the first command.  Usage: interleaved.py RUNS "CMD ARGS" "CMD ARGS" ..."""
import os, sys, time, statistics, subprocess
cmds = [c.split() for c in sys.argv[2:]]
n = int(sys.argv[1])
devnull = os.open(os.devnull, os.O_WRONLY)
times = [[] for _ in cmds]
def run(c):
    t = time.perf_counter()
    pid = os.posix_spawn(c[0], c, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    os.waitpid(pid, 0)
    return time.perf_counter() - t
for _ in range(20):
    for c in cmds: run(c)
for _ in range(n):
    for i, c in enumerate(cmds): times[i].append(run(c))
base = statistics.median(times[0])
for c, t in zip(cmds, times):
    m = statistics.median(t)
    print(f"{' '.join(c):<40} {m*1000:6.2f} ms  {m/base:4.2f}x")
