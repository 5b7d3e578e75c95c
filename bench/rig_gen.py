#!/usr/bin/env python3
"""Generate the scan-benchmark rig's ground truth: which ip:port is what.

Usage: rig_gen.py OUTDIR [--net 198.18.0.0/16] [--seed N] [--amt N] [--tls PCT]
                         [--drop PCT ...] [--tarpit CIDR]

Writes into OUTDIR:
  hosts.json    the AMT fleet (one entry per host: ip, ports, product, firmware, build, mode, banner)
  fleet.json    the same hosts in the form `amtscope emulate --fleet` reads
  others.json   non-AMT servers for rig_httpd.py (ip, port, personality)
  truth.csv     one line per OPEN ip:port with the expected verdicts
  rules-<PCT>.nft  nft ruleset for the target namespace: DROP PCT % of the addresses that have
                no open port (filtered), RST the rest (closed), accept the open ip:port pairs;
                UDP only to the AMT hosts (their RMCP ping answers), the rest dropped
  summary.json  counts

Everything is derived from --seed, so two runs with the same arguments give identical files.
Only addresses inside --net (a 198.18.0.0/15 or 127.0.0.0/8 block) are ever written.
"""
import argparse
import ipaddress
import json
import os
import random
import sys

# AMT host kinds: (name, weight %, product, firmware, build, mode, banner).
# banner: "full" = Server header with the version (3 parts below 11.8, 4 parts from 11.8 on, as
# recorded: docs/protocol.md §2.1), "bare" = "Server: AMT" (ME 11.x, nmap PR #876),
# "no-webui" = full banner but the web UI is disabled (only /wsman answers).
# Fixed builds start with 3 (docs/protocol.md §1.4, §3.1); 9.1.41.3024 shows only "9.1.41"
# in its banner, equal to the fix's 3 parts, so only the active check can decide it (§3.3).
KINDS = [
    ("amt6-vuln", 6, "amt", "6.2.30", 1050, "vulnerable", "full"),
    ("amt7-vuln", 8, "amt", "7.1.20", 1055, "vulnerable", "full"),
    ("amt8-vuln", 10, "amt", "8.1.40", 1205, "vulnerable", "full"),
    ("amt9-vuln", 8, "amt", "9.1.20", 1010, "vulnerable", "full"),
    ("amt9.5-vuln", 6, "amt", "9.5.30", 1521, "vulnerable", "full"),
    ("amt10-vuln", 6, "amt", "10.0.45", 1002, "vulnerable", "full"),
    ("amt11.0-vuln", 6, "amt", "11.0.20", 1170, "vulnerable", "full"),
    ("amt11.6-vuln", 4, "amt", "11.6.10", 1230, "vulnerable", "full"),
    ("amt8-patched", 8, "amt", "8.1.71", 3608, "patched", "full"),
    ("amt9-patched-ambiguous", 6, "amt", "9.1.41", 3024, "patched", "full"),
    ("amt11.6-patched", 5, "amt", "11.6.27", 3264, "patched", "full"),
    ("amt11.8-patched", 8, "amt", "11.8.50", 3425, "patched", "full"),
    ("amt12-patched", 4, "amt", "12.0.35", 1427, "patched", "full"),
    ("amt15-patched", 5, "amt", "15.0.23", 1706, "patched", "full"),
    ("ism9-vuln", 2, "ism", "9.0.3", 1200, "vulnerable", "full"),
    ("ism11.8-patched", 2, "ism", "11.8.50", 3425, "patched", "full"),
    ("bare-amt-vuln", 3, "amt", "11.0.20", 1170, "vulnerable", "bare"),
    ("bare-amt-patched", 3, "amt", "11.8.50", 3425, "patched", "bare"),
    # web UI disabled: HTML pages 404, only POST /wsman answers (nmap PR #876 review, §1.3)
    ("amt11.0-nowebui-vuln", 2, "amt", "11.0.20", 1170, "vulnerable", "no-webui"),
]

# Non-AMT servers (rig_httpd.py personalities): (personality, count, ports).
# "honeypot" claims to be AMT 8.1.40 but answers 200 to ANY Authorization: a scanner that
# sends a wrong-response control must not call it vulnerable; nmap's script does (by design).
OTHERS = [
    ("apache", 4, [16992]),
    ("nginx404", 3, [16992]),
    ("pyhttp", 2, [16992]),        # the real `python3 -m http.server`
    ("basic401", 3, [16992]),
    ("digest401", 3, [16992]),     # Digest, but not Intel (a printer)
    ("honeypot", 3, [16992]),
    ("tls-nginx", 3, [16992, 16993]),
]
# Hostile servers, only with --hostile (RIG_HOSTILE=1): every stateful scanner then waits out its
# own timeout on them, which measures timeouts, not scanning speed.
HOSTILE = [
    ("tarpit", 2, [16992]),        # accepts, never answers
    ("garbage", 1, [16992]),       # sends binary junk, closes
]


def server_header(h):
    if h["banner"] == "bare":
        return "AMT"
    name = {"amt": "Intel(R) Active Management Technology",
            "ism": "Intel(R) Standard Manageability"}[h["product"]]
    major_minor = tuple(int(x) for x in h["firmware"].split(".")[:2])
    ver = h["firmware"] + (f".{h['build']}" if major_minor >= (11, 8) else "")
    return f"{name} {ver}"


def pick_addresses(net, rng):
    """All usable host addresses of net (x.x.x.0 and x.x.x.255 excluded), shuffled."""
    addrs = [str(a) for a in net if int(a) & 0xFF not in (0, 255)]
    rng.shuffle(addrs)
    return addrs


def build(args):
    net = ipaddress.ip_network(args.net)
    allowed = [ipaddress.ip_network("198.18.0.0/15"), ipaddress.ip_network("127.0.0.0/8")]
    if not any(net.subnet_of(a) for a in allowed):
        sys.exit(f"rig_gen: {net} is outside 198.18.0.0/15 and 127.0.0.0/8; refusing")
    rng = random.Random(args.seed)
    addrs = pick_addresses(net, rng)
    others_spec = OTHERS + (HOSTILE if args.hostile else [])
    n_other = sum(c for _, c, _ in others_spec)
    if args.amt + n_other > len(addrs) // 2:
        sys.exit("rig_gen: fleet too large for the network")
    amt_addrs, other_addrs = addrs[:args.amt], addrs[args.amt:args.amt + n_other]
    rest = addrs[args.amt + n_other:]

    # Exact quotas per kind (largest remainder), then a shuffled assignment.
    total_w = sum(k[1] for k in KINDS)
    quotas = [args.amt * k[1] // total_w for k in KINDS]
    for i in range(args.amt - sum(quotas)):
        quotas[i % len(KINDS)] += 1
    kinds = [k for k, q in zip(KINDS, quotas) for _ in range(q)]
    rng.shuffle(kinds)
    hosts = []
    for ip, k in zip(amt_addrs, kinds):
        name, _, product, fw, build_no, mode, banner = k
        tls = rng.random() * 100 < args.tls
        h = {"ip": ip, "ports": [16992, 16993] if tls else [16992], "kind": name,
             "product": product, "firmware": fw, "build": build_no, "mode": mode, "banner": banner}
        h["server"] = server_header(h)
        hosts.append(h)
    hosts.sort(key=lambda h: ipaddress.ip_address(h["ip"]))

    others, i = [], 0
    for pers, count, ports in others_spec:
        for _ in range(count):
            for port in ports:
                others.append({"ip": other_addrs[i], "port": port, "personality": pers,
                               "tls": port == 16993})
            i += 1
    others.sort(key=lambda o: (ipaddress.ip_address(o["ip"]), o["port"]))
    return net, hosts, others, rest


def emu_entry(h, out):
    """One host as `amtscope emulate --fleet` reads it (src/emu/fleet_config.h)."""
    e = {"address": h["ip"], "ports": h["ports"], "product": h["product"],
         "firmware": h["firmware"], "build": h["build"], "mode": h["mode"]}
    if h["banner"] == "bare":
        e["bare_banner"] = True
    if h["banner"] == "no-webui":
        e["web_ui"] = False
    if 16993 in h["ports"]:   # one shared certificate instead of a key generated per host
        e["cert"] = os.path.join(os.path.abspath(out), "cert.pem")
        e["key"] = os.path.join(os.path.abspath(out), "key.pem")
    return e


def expected(h, port):
    """(amtscope verdict, nmap says VULNERABLE?) for an AMT host port."""
    vuln = h["mode"] == "vulnerable"
    # nmap's script needs "Intel(R)" in the Server header and a 401 on /index.htm (§1.5).
    nmap_vuln = vuln and h["banner"] == "full"
    return ("vulnerable" if vuln else "not-vulnerable"), nmap_vuln


def write_truth(out, hosts, others):
    rows = []
    for h in hosts:
        for p in h["ports"]:
            v, nv = expected(h, p)
            rows.append([h["ip"], p, "amt", h["kind"], h["product"], f"{h['firmware']}.{h['build']}",
                         h["mode"], h["server"], v, "VULNERABLE" if nv else "-", h["banner"]])
    for o in others:
        nv = "VULNERABLE" if o["personality"] == "honeypot" else "-"
        rows.append([o["ip"], o["port"], "other", o["personality"], "", "", "", "", "not-amt", nv, ""])
    rows.sort(key=lambda r: (ipaddress.ip_address(r[0]), r[1]))
    with open(os.path.join(out, "truth.csv"), "w") as f:
        f.write("ip,port,class,kind,product,firmware,mode,server,expect_amtscope,expect_nmap,banner\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")
    return rows


def write_rules(out, net, rows, rest, pct, seed, tarpit):
    """nft ruleset: open pairs accepted, PCT % of the idle addresses dropped, the rest RST;
    UDP only to the AMT hosts."""
    rng = random.Random(seed * 1000 + int(pct * 10))
    dropped = sorted((a for a in rest if rng.random() * 100 < pct), key=ipaddress.ip_address)
    open_pairs = [f"{r[0]} . {r[1]}" for r in rows]
    # The emulated AMT hosts answer the RMCP ping on UDP 623; a datagram to
    # any other address is dropped here, as a network without a host there
    # would. Left to this machine's kernel (6.18), each one cost 20 us more
    # with the fleet's 1,500 sockets bound to port 623 than with none (in
    # __udp4_lib_lookup: as if every socket of the port were tried once the
    # address-and-port lookup missed), charged to the scanner's CPU
    # (docs/scan-performance.md Part 5): a cost no real network has, where
    # each target is its own kernel with its own few sockets.
    udp_hosts = sorted({r[0] for r in rows if r[2] == "amt"}, key=ipaddress.ip_address)
    lines = [
        "table inet amtrig",
        "delete table inet amtrig",
        "table inet amtrig {",
        "  set open4 { type ipv4_addr . inet_service; elements = { " + ", ".join(open_pairs) + " } }",
        "  set drop4 { type ipv4_addr; elements = { " + (", ".join(dropped) or "0.0.0.0") + " } }",
        "  set udp4 { type ipv4_addr; elements = { " + (", ".join(udp_hosts) or "0.0.0.0") + " } }",
        "  chain input {",
        "    type filter hook input priority filter; policy accept;",
    ]
    if tarpit:
        lines.append(f"    ip daddr {tarpit} meta l4proto tcp drop")
    lines += [
        "    ip daddr @drop4 meta l4proto tcp drop",
        "    ip daddr . tcp dport @open4 accept",
        f"    ip daddr {net} meta l4proto tcp reject with tcp reset",
        f"    ip daddr {net} meta l4proto udp ip daddr != @udp4 drop",
        "  }",
        "}",
    ]
    path = os.path.join(out, f"rules-{pct:g}.nft")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(dropped)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--net", default="198.18.0.0/16")
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--amt", type=int, default=1500, help="number of AMT hosts")
    ap.add_argument("--tls", type=float, default=70.0, help="%% of AMT hosts that also serve 16993")
    ap.add_argument("--drop", type=float, action="append", default=[],
                    help="write rules-PCT.nft dropping PCT %% of idle addresses (repeatable)")
    ap.add_argument("--hostile", action="store_true", help="add tarpit and garbage servers")
    ap.add_argument("--tarpit", default="", help="CIDR whose TCP is dropped (memory test)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    net, hosts, others, rest = build(args)
    with open(os.path.join(args.out, "hosts.json"), "w") as f:
        json.dump(hosts, f, indent=1)
    with open(os.path.join(args.out, "fleet.json"), "w") as f:
        json.dump({"seed": args.seed, "hosts": [emu_entry(h, args.out) for h in hosts]}, f, indent=1)
    with open(os.path.join(args.out, "others.json"), "w") as f:
        json.dump(others, f, indent=1)
    rows = write_truth(args.out, hosts, others)
    drops = {f"{p:g}": write_rules(args.out, net, rows, rest, p, args.seed, args.tarpit)
             for p in args.drop}
    amt_rows = [r for r in rows if r[2] == "amt"]
    summary = {
        "net": str(net), "seed": args.seed, "amt_hosts": len(hosts),
        "amt_hosts_both_ports": sum(1 for h in hosts if len(h["ports"]) == 2),
        "amt_ports": len(amt_rows),
        "amt_ports_vulnerable": sum(1 for r in amt_rows if r[8] == "vulnerable"),
        "other_ports": len(rows) - len(amt_rows), "open_ports": len(rows),
        "kinds": {k[0]: sum(1 for h in hosts if h["kind"] == k[0]) for k in KINDS},
        "dropped_addresses": drops, "probes": net.num_addresses * 2,
    }
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"truth: {summary['amt_hosts']} AMT hosts ({summary['amt_hosts_both_ports']} on both ports), "
          f"{summary['amt_ports']} AMT ports ({summary['amt_ports_vulnerable']} vulnerable), "
          f"{summary['other_ports']} non-AMT open ports, dropped addresses per profile {drops}")


if __name__ == "__main__":
    main()
