#!/usr/bin/env python3
"""Runs a command and writes "WALL_SECONDS PEAK_KB" to OUT, where PEAK_KB is the peak of the summed
resident set of the command and all its descendants (sampled every 10 ms from /proc), so a program
that starts a child JVM is charged for both. For a single process it agrees with /usr/bin/time's %M
to within the sampling. Usage: treerss.py OUT -- COMMAND [ARGS...]"""
import os, subprocess, sys, time

def children(pid):
    # every thread's children: a JVM starts processes from its main Java thread, not the first one
    out = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out

def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def tree_rss(root):
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss_kb(pid)
        stack.extend(children(pid))
    return total

out, cmd = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
t0 = time.monotonic()
p = subprocess.Popen(cmd)
peak = 0
while p.poll() is None:
    peak = max(peak, tree_rss(p.pid))
    time.sleep(0.01)
wall = time.monotonic() - t0
with open(out, "w") as f:
    f.write(f"{wall:.2f} {peak}\n")
sys.exit(p.returncode)
