#!/usr/bin/python3
"""Scan NDJSON of N AMT devices for bench/report_bench.sh: argv N SCAN (1|2).

Addresses in 198.18.0.0/15 (never contacted: the file is imported, not
scanned). A deterministic mix of firmware lines and verdicts; in scan 2 a
tenth of the vulnerable devices are patched and 1% are new.
"""
import json
import random
import sys

n, scan = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(13)
lines = ["6.2.40", "7.1.20", "8.1.40", "9.1.30", "9.5.30", "10.0.47", "11.0.22",
         "11.6.25", "11.8.50.3425", "12.0.35", "14.1.60", "16.1.25"]
start = f"2026-11-0{scan}T01:00:00.000Z"
for i in range(n):
    host = i if scan == 1 or i % 100 else n + i  # 1% new in scan 2
    ip = f"198.{18 + host // 65536 % 2}.{host // 256 % 256}.{host % 256}"
    version = lines[rng.randrange(len(lines))]
    r = rng.random()
    verdict = "vulnerable" if r < 0.4 else "unknown" if r < 0.5 else "not-vulnerable"
    if scan == 2 and verdict == "vulnerable" and i % 10 == 0:
        verdict, version = "not-vulnerable", "11.8.50.3425"
    vuln = verdict == "vulnerable"
    rec = {"type": "port", "ip": ip, "port": 16993 if i % 7 == 0 else 16992,
           "tls": i % 7 == 0, "tls_version": "TLSv1.2" if i % 7 == 0 else None,
           "amt": True, "product": "amt", "version": version,
           "realm": f"Digest:{host:08X}000000000000000000000000",
           "verdict": verdict, "basis": "bypass" if verdict != "unknown" else "none",
           "advisories": ["INTEL-SA-00075", "INTEL-SA-00086"] if vuln else [],
           "error": None, "time": start,
           "server": f"Intel(R) Active Management Technology {version}",
           "reason": "", "bypass_status": 200 if vuln else 401,
           "control_status": 401 if vuln else 0,
           "reason_code": "empty-digest-200/wrong-401" if vuln else "empty-digest-401"}
    print(json.dumps(rec, separators=(",", ":")))
print(json.dumps({"type": "summary", "start": start, "end": start,
                  "arguments": f"amtscope scan 198.18.0.0/15 (bench scan {scan})",
                  "ports": [16992, 16993], "addresses": n, "open_ports": n,
                  "interrupted": False}))
