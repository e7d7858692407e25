#!/usr/bin/env python3
"""Runs a command and prints the CPU seconds its threads used, grouped by what they do (JVM
compiler and GC threads, can4000's fetch and decode threads, the main thread, the rest), read from
/proc every 20 ms while it runs. Usage: threadcpu.py -- COMMAND [ARGS...]"""
import collections, os, re, subprocess, sys, time

TICK = os.sysconf("SC_CLK_TCK")

def threads(pid):
    out = {}
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    s = f.read()
                name = s[s.index("(") + 1:s.rindex(")")]
                fields = s[s.rindex(")") + 2:].split()
                out[(pid, tid)] = (name, (int(fields[11]) + int(fields[12])) / TICK)
            except (OSError, ValueError):
                pass
    except OSError:
        pass
    return out

def group(name):
    rules = [(r"C2 Compiler|C1 Compiler|CompilerThre", "JIT compiler"),
             (r"^G1 |GC Thread|VM Thread|GC task|Conc", "GC and VM"),
             (r"decode", "can4000 decode"), (r"fetch|httpclient|I/O|http", "can4000 fetch / HTTP"),
             (r"^java$|^main$", "main (caller: tensors)")]
    for pattern, g in rules:
        if re.search(pattern, name, re.I):
            return g
    return "other: " + re.sub(r"[-#]?\d+$", "", name)

cmd = sys.argv[sys.argv.index("--") + 1:]
t0 = time.monotonic()
p = subprocess.Popen(cmd)
last = {}
while p.poll() is None:
    last.update(threads(p.pid))
    time.sleep(0.02)
wall = time.monotonic() - t0
totals = collections.Counter()
for (name, cpu) in last.values():
    totals[group(name)] += cpu
print(f"wall {wall:.2f} s, CPU {sum(totals.values()):.2f} s")
for g, cpu in totals.most_common():
    print(f"  {g:28} {cpu:7.2f} s")
