#!/usr/bin/env python3
"""Peak number of open file descriptors of a process tree (the scanner's in-flight sockets).

Usage: scan_bench_sampler.py PID OUTFILE
Every 0.2 s counts the entries of /proc/<p>/fd for PID and all its descendants (one getdents per
process, cheap even at 20,000 fds) and keeps the maximum; writes it to OUTFILE when PID is gone or
on SIGTERM. Works across network namespaces (they share the PID namespace).
"""
import os
import signal
import sys
import time

root, out = int(sys.argv[1]), sys.argv[2]
peak = 0


def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids


def finish(*_):
    with open(out, "w") as f:
        f.write(f"{peak}\n")
    sys.exit(0)


signal.signal(signal.SIGTERM, finish)
while os.path.exists(f"/proc/{root}"):
    n = 0
    for p in tree(root):
        try:
            n += len(os.listdir(f"/proc/{p}/fd"))
        except OSError:
            pass
    peak = max(peak, n)
    time.sleep(0.2)
finish()
