#!/usr/bin/env python3
"""10 UDP datagrams/s from the target namespace to the scanner address.

masscan's pcap receive thread only returns from a read when a packet arrives; on a silent veth it
took 90-350 s to exit after a 1 s scan (docs/scan-performance.md §2.7 item 2). This keeps it moving.
Usage: rig_heartbeat.py SCANNER_IP   (runs until killed)
"""
import socket
import sys
import time

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
while True:
    try:
        s.sendto(b"amtscope-rig-heartbeat", (sys.argv[1], 9))
    except OSError:
        pass
    time.sleep(0.1)
