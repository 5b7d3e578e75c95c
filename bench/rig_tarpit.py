#!/usr/bin/env python3
"""A listener that never accepts: every probe to it stays in flight until the scanner's timeout.

Usage: rig_tarpit.py ADDR PORT
Used by scan_bench_loopback.sh (no firewall there) for the memory-per-in-flight-probe figure:
the first ~somaxconn connections complete and wait for an HTTP answer that never comes, the
rest sit in SYN-SENT because the kernel drops SYNs while the accept queue is full.
Prints "listening" once bound, then sleeps until killed.
"""
import socket
import sys
import time

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(65535)
print("listening", flush=True)
while True:
    time.sleep(3600)
