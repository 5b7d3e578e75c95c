#!/usr/bin/env python3
"""Score scanner output against the rig's ground truth and print the benchmark table.

  scan_bench_score.py record RIGDIR RESULTS NAME PROFILE KIND OUT TIMEFILE WALL PROBES [k=v ...]
      KIND = masscan | nmap | amtscope | none. Parses OUT (masscan -oL, nmap -oX, amtscope NDJSON),
      compares with RIGDIR/truth.csv, reads /usr/bin/time -v output from TIMEFILE, and appends one
      JSON object to RESULTS (JSON lines). Extra k=v pairs are stored as given (numbers parsed).
      Prints a one-line summary.
  scan_bench_score.py misses RIGDIR KIND OUT [N]
      The first N AMT ports of the truth that OUT did not report (with their kind), for bug reports.
  scan_bench_score.py table RESULTS
      The final table (markdown) with ratios.
  scan_bench_score.py best RESULTS PROFILE
      The settings of the best amtscope sweep run of PROFILE (most AMT found, then fastest).
  scan_bench_score.py mem RESULTS
      Memory per in-flight probe from the two "memrun" records; appends a "mem" record.
"""
import csv
import ipaddress
import json
import os
import statistics
import re
import sys
import xml.etree.ElementTree as ET


def load_truth(rigdir):
    truth = {}
    for r in csv.DictReader(open(f"{rigdir}/truth.csv")):
        truth[(r["ip"], int(r["port"]))] = r
    return truth


def parse_masscan(path):
    found = set()
    for ln in open(path, errors="replace"):
        m = re.match(r"open tcp (\d+) (\d+\.\d+\.\d+\.\d+)", ln)
        if m:
            found.add((m.group(2), int(m.group(1))))
    return found, {}


def parse_nmap(path):
    """(open pairs, {pair: 'VULNERABLE'}) from nmap -oX with http-vuln-cve2017-5689."""
    found, vuln = set(), {}
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, FileNotFoundError):
        return found, vuln
    for h in root.iter("host"):
        ip = next((a.get("addr") for a in h.iter("address") if a.get("addrtype") == "ipv4"), None)
        for p in h.iter("port"):
            st = p.find("state")
            if st is None or st.get("state") != "open":
                continue
            pair = (ip, int(p.get("portid")))
            found.add(pair)
            for sc in p.iter("script"):
                if sc.get("id") == "http-vuln-cve2017-5689" and "State: VULNERABLE" in sc.get("output", ""):
                    vuln[pair] = "VULNERABLE"
    return found, vuln


def parse_amtscope(path):
    """(open pairs, {pair: record}) from amtscope --format ndjson."""
    found, recs, bad = set(), {}, 0
    for ln in open(path, errors="replace"):
        ln = ln.strip()
        if not ln.startswith("{"):
            continue
        try:
            o = json.loads(ln)
            if o.get("type") == "summary":  # the run's totals, not a port
                continue
            pair = (o["ip"], int(o["port"]))
        except (ValueError, KeyError, TypeError):
            bad += 1
            continue
        found.add(pair)
        recs[pair] = o
    return found, recs


def version_ok(rec, t):
    """Whether the reported version names the truth's firmware ("X.Y.Z.BUILD"): the whole of it, its
    first parts (a banner below 11.8 has 3), or the web UI footer's "X.Y.Z-build BUILD" form
    (docs/protocol.md §2.6), which is read as "X.Y.Z.BUILD"."""
    v = rec.get("version")
    if not v:
        return t["server"] == "AMT"        # bare AMT: no version in the banner is fine
    v = v.replace("-build ", ".", 1)
    fw = t["firmware"]
    return fw == v or fw.startswith(v + ".")


def agreement(truth, recs, nmap_xml):
    """amtscope vs nmap on the AMT ports nmap's script can judge (Server contains "Intel(R)" and
    /index.htm answers 401, docs/protocol.md §1.5), plus where they differ on any port and why."""
    _, nvuln = parse_nmap(nmap_xml)
    judge = [k for k, t in truth.items() if t["class"] == "amt" and t["banner"] == "full"]
    same = sum(1 for k in judge if (recs.get(k, {}).get("verdict") == "vulnerable") == (k in nvuln))
    diff = {}
    for k, t in truth.items():
        a = recs.get(k, {}).get("verdict") == "vulnerable"
        if a != (k in nvuln):
            key = f"{t['kind']}/{k[1]}: amtscope {'vuln' if a else 'not'}, nmap {'vuln' if k in nvuln else 'not'}"
            diff[key] = diff.get(key, 0) + 1
    return f"{same}/{len(judge)}", diff


def score(rigdir, kind, out, nmap_xml=None, discovery=False):
    truth = load_truth(rigdir)
    amt = {k for k, r in truth.items() if r["class"] == "amt"}
    parse = {"masscan": parse_masscan, "nmap": parse_nmap, "amtscope": parse_amtscope}.get(kind)
    if parse is None:
        return {}
    try:
        found, extra = parse(out)
    except FileNotFoundError:
        found, extra = set(), {}
    s = {"open_true": len(truth), "open_found": len(found & truth.keys()),
         "open_fp": len(found - truth.keys()), "amt_true": len(amt)}
    if kind == "amtscope":
        s["amt_found"] = sum(1 for k in amt if extra.get(k, {}).get("amt") is True)
        s["amt_fp"] = sum(1 for k, r in extra.items() if r.get("amt") is True and k not in amt)
        conf, wrong = {}, {}
        for k, t in truth.items():
            got = extra.get(k, {}).get("verdict", "missing")
            key = f"{t['expect_amtscope']}->{got}"
            conf[key] = conf.get(key, 0) + 1
            if got != t["expect_amtscope"]:
                wrong[t["kind"] + ":" + key] = wrong.get(t["kind"] + ":" + key, 0) + 1
        s["verdict_right"] = sum(1 for k, t in truth.items()
                                 if extra.get(k, {}).get("verdict") == t["expect_amtscope"])
        s["vuln_true"] = sum(1 for t in truth.values() if t["expect_amtscope"] == "vulnerable")
        s["vuln_tp"] = sum(1 for k, r in extra.items() if r.get("verdict") == "vulnerable"
                           and truth.get(k, {}).get("expect_amtscope") == "vulnerable")
        s["false_vulnerable"] = sum(1 for k, r in extra.items() if r.get("verdict") == "vulnerable"
                                    and truth.get(k, {}).get("expect_amtscope") != "vulnerable")
        s["version_right"] = sum(1 for k in amt if k in extra and version_ok(extra[k], truth[k]))
        s["product_right"] = sum(1 for k in amt if k in extra and
                                 str(extra[k].get("product", "")).lower() == truth[k]["product"])
        s["errors"] = {}
        for r in extra.values():
            if r.get("error"):
                s["errors"][r["error"]] = s["errors"].get(r["error"], 0) + 1
        s["wrong"] = dict(sorted(wrong.items(), key=lambda x: -x[1])[:12])
        s["confusion"] = conf
        if nmap_xml and os.path.exists(nmap_xml):  # nmap may run after it (rotation)
            s["agree_nmap"], s["differ_nmap"] = agreement(truth, extra, nmap_xml)
    else:
        s["amt_found"] = len(found & amt)
    if kind == "nmap" and not discovery:
        vuln = set(extra)
        vtrue = {k for k, t in truth.items() if t["mode"] == "vulnerable"}
        exp = {k for k, t in truth.items() if t["expect_nmap"] == "VULNERABLE"}
        s.update(vuln_true=len(vtrue), vuln_tp=len(vuln & vtrue),
                 false_vulnerable=len(vuln - vtrue), vuln_as_expected=len(vuln ^ exp) == 0,
                 vuln_missed_by_port={str(p): sum(1 for k in vtrue - vuln if k[1] == p)
                                      for p in (16992, 16993)})
    return s


def read_time(path):
    t = {}
    try:
        for ln in open(path):
            k, _, v = ln.strip().rpartition(": ")
            if k == "User time (seconds)":
                t["user_s"] = float(v)
            elif k == "System time (seconds)":
                t["sys_s"] = float(v)
            elif k == "Maximum resident set size (kbytes)":
                t["maxrss_kib"] = int(v)
            elif k == "Exit status":
                t["exit"] = int(v)
    except FileNotFoundError:
        pass
    return t


def parse_value(v):
    for f in (int, float):
        try:
            return f(v)
        except ValueError:
            pass
    return v


def cmd_record(a):
    rigdir, results, name, profile, kind, out, timefile, wall, probes = a[:9]
    r = {"name": name, "profile": profile, "kind": kind, "out": out,
         "wall_s": round(float(wall), 3), "probes": int(probes)}
    r.update(read_time(timefile))
    for kv in a[9:]:
        k, _, v = kv.partition("=")
        r[k] = parse_value(v)
    r.update(score(rigdir, kind, out, r.get("nmapxml"), bool(r.get("discovery"))))
    cpu = r.get("user_s", 0) + r.get("sys_s", 0)
    r["probes_per_s"] = round(r["probes"] / r["wall_s"]) if r["wall_s"] else 0
    r["cpu_us_per_probe"] = round(cpu * 1e6 / r["probes"], 2) if r["probes"] else 0
    with open(results, "a") as f:
        f.write(json.dumps(r) + "\n")
    msg = (f"{name} [{profile}]: wall {r['wall_s']:.2f} s, cpu {cpu:.2f} s, "
           f"{r['probes_per_s']} probes/s, {r['cpu_us_per_probe']} us/probe, "
           f"maxrss {r.get('maxrss_kib', 0) / 1024:.1f} MiB")
    if "amt_found" in r:
        msg += f", AMT ports {r['amt_found']}/{r['amt_true']}, open {r['open_found']}/{r['open_true']}"
    if "vuln_tp" in r:
        msg += f", vulnerable {r['vuln_tp']}/{r['vuln_true']}, false vulnerable {r['false_vulnerable']}"
    if r.get("exit"):
        msg += f", EXIT {r['exit']}"
    print(msg)


def cmd_misses(a):
    rigdir, kind, out = a[:3]
    n = int(a[3]) if len(a) > 3 else 10
    truth = load_truth(rigdir)
    parse = {"masscan": parse_masscan, "nmap": parse_nmap, "amtscope": parse_amtscope}[kind]
    found, extra = parse(out)
    rows = []
    for k, t in sorted(truth.items(), key=lambda x: (ipaddress.ip_address(x[0][0]), x[0][1])):
        got = extra.get(k, {}) if kind == "amtscope" else {}
        if kind == "amtscope" and got.get("verdict") == t["expect_amtscope"]:
            continue
        if kind != "amtscope" and k in found:
            continue
        rows.append(f"{k[0]}:{k[1]} {t['kind']} expect={t['expect_amtscope']} got="
                    + (json.dumps({x: got.get(x) for x in ("amt", "verdict", "basis", "error", "version")})
                       if got else "missing"))
    print(f"{len(rows)} ports differ from the truth" + (":" if rows else ""))
    for r in rows[:n]:
        print("  " + r)


def rank(r):
    """Best run first: most AMT ports found, most verdicts right, then fastest."""
    return (-r.get("amt_found", 0), -r.get("verdict_right", 0), r["wall_s"])


def best_runs(rows):
    best = {}
    for r in rows:
        if r["kind"] == "amtscope" and r.get("sweep"):
            p = r["profile"]
            if p not in best or rank(r) < rank(best[p]):
                best[p] = r
    return best


def cmd_best(a):
    """Print the settings of the best amtscope run of a profile (for the next profile's run)."""
    rows = [json.loads(ln) for ln in open(a[0]) if ln.strip()]
    b = best_runs(rows).get(a[1])
    print(b.get("settings", "") if b else "")


def cmd_mem(a):
    """Resident memory per in-flight probe from a big- and a small-concurrency run."""
    results = a[0]
    rows = [json.loads(ln) for ln in open(results) if ln.strip()]
    mem = [r for r in rows if r["kind"] == "memrun"]
    if len(mem) < 2:
        return
    small, big = sorted(mem, key=lambda r: r.get("peak_inflight", 0))[::len(mem) - 1]
    d_rss = (big.get("maxrss_kib", 0) - small.get("maxrss_kib", 0)) * 1024
    d_n = big.get("peak_inflight", 0) - small.get("peak_inflight", 0)
    per = d_rss / d_n if d_n > 0 else float("nan")
    note = (f"--concurrency {big.get('concurrency')} vs {small.get('concurrency')} against "
            f"{big.get('target', '?')}: peak RSS {big.get('maxrss_kib', 0) / 1024:.1f} vs "
            f"{small.get('maxrss_kib', 0) / 1024:.1f} MiB, peak in-flight sockets "
            f"{big.get('peak_inflight')} vs {small.get('peak_inflight')} -> "
            f"{per / 1024:.2f} KiB per in-flight probe (target ≤ 2 KiB, issue 19)")
    with open(results, "a") as f:
        f.write(json.dumps({"name": "memory", "profile": "-", "kind": "mem", "wall_s": 0,
                            "probes": 0, "probes_per_s": 0, "cpu_us_per_probe": 0,
                            "bytes_per_inflight": round(per), "note": note}) + "\n")
    print("memory: " + note)


def fmt_s(x):
    return f"{x:.2f} s" if isinstance(x, (int, float)) else "-"


def cmd_table(a):
    rows = [json.loads(ln) for ln in open(a[0]) if ln.strip()]
    print("| run | profile | wall | probes/s | CPU µs/probe | peak RSS | peak fds | AMT ports found | "
          "vulnerable found | false vulnerable | settings |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        if r["kind"] in ("mem", "memrun"):
            continue
        amt = f"{r['amt_found']}/{r['amt_true']}" if "amt_found" in r else "-"
        vul = f"{r['vuln_tp']}/{r['vuln_true']}" if "vuln_tp" in r else "-"
        fv = str(r.get("false_vulnerable", "-"))
        note = r.get("settings", "discovery only" if r["kind"] == "masscan" or r.get("discovery") else "")
        if r.get("exit"):
            note += f" (exit {r['exit']})"
        print(f"| {r['name']} | {r['profile']} | {fmt_s(r['wall_s'])} | {r['probes_per_s']:,} | "
              f"{r['cpu_us_per_probe']} | {r.get('maxrss_kib', 0) / 1024:.1f} MiB | "
              f"{r.get('peak_inflight', '-')} | {amt} | {vul} | {fv} | {note} |")
    print()
    by = {}
    for r in rows:
        by.setdefault((r["profile"], r["name"].split(" ")[0]), []).append(r)
    best = best_runs(rows)
    for prof in sorted({r["profile"] for r in rows if r["kind"] not in ("mem", "memrun")}):
        ms = by.get((prof, "masscan"), []) or by.get((prof, "discovery"), [])
        nm = by.get((prof, "nmap"), [])
        a_ = best.get(prof)
        if not a_:
            continue
        line = f"- {prof}: amtscope {a_['wall_s']:.2f} s ({a_.get('settings', '')})"
        if ms:
            floor = "masscan" if ms[-1]["kind"] == "masscan" else "nmap discovery"
            line += f"; amtscope/{floor} = {a_['wall_s'] / ms[-1]['wall_s']:.2f} (target ≤ 1.00)"
        if nm:
            line += f"; nmap/amtscope = {nm[-1]['wall_s'] / a_['wall_s']:.1f}x (target ≥ 5x)"
        line += (f"; {a_['probes_per_s']:,} probes/s, {a_['cpu_us_per_probe']} CPU µs/probe; recall "
                 f"{a_.get('amt_found', 0)}/{a_.get('amt_true', 0)} AMT ports; verdicts right "
                 f"{a_.get('verdict_right', 0)}/{a_.get('open_true', 0)} open ports; "
                 f"false vulnerable {a_.get('false_vulnerable', '-')}")
        if "agree_nmap" in a_:
            line += f"; same CVE verdict as nmap on {a_['agree_nmap']} AMT ports nmap can judge (Intel(R) banner, web UI on)"
        print(line)
        if a_.get("differ_nmap"):
            print("  - amtscope vs nmap differ: " + "; ".join(f"{k} ({v})" for k, v in
                                                           sorted(a_["differ_nmap"].items(), key=lambda x: -x[1])))
        if a_.get("wrong"):
            print("  - amtscope verdicts unlike the truth (kind:expected->got): " +
                  "; ".join(f"{k} ({v})" for k, v in a_["wrong"].items()))
        if a_.get("errors"):
            print("  - amtscope error codes: " + ", ".join(f"{k} {v}" for k, v in a_["errors"].items()))
    for r in rows:
        if r["kind"] == "nmap" and "vuln_as_expected" in r:
            print(f"- nmap {r['profile']}: VULNERABLE on {r['vuln_tp']}/{r['vuln_true']} vulnerable ports"
                  + (" = exactly the ports its script can judge (it misses bare `Server: AMT` and "
                     "web-UI-disabled hosts by design)" if r["vuln_as_expected"] else
                     " (differs from what its script should find: see results.jsonl)")
                  + f"; {r['false_vulnerable']} false VULNERABLE (the accept-anything honeypots)")
    for r in rows:
        if r["kind"] == "mem":
            print(f"- memory: {r['note']}")


def spread(xs):
    """median (min-max) of a list of seconds."""
    return f"{statistics.median(xs):.2f} s ({min(xs):.2f}-{max(xs):.2f})" if xs else "-"


def cmd_fair(a):
    """The equal-wait table (issue 19): per profile and wait W, each tool's runs as median and
    spread, CPU per probe, and the ratios of the medians."""
    rows = [json.loads(ln) for ln in open(a[0]) if ln.strip()]
    rows = [r for r in rows if "wait" in r and r["kind"] in ("masscan", "amtscope", "nmap")]
    summary = json.load(open(f"{a[1]}/summary.json"))
    kinds = ", ".join(f"{k} {v}" for k, v in summary["kinds"].items())
    print(f"rig mix: {summary['amt_hosts']} AMT hosts ({summary['amt_ports']} AMT ports, "
          f"{summary['amt_ports_vulnerable']} vulnerable), {summary['other_ports']} other open ports; "
          f"kinds: {kinds}. masscan judges none (discovery only); nmap's script cannot judge "
          f"bare-amt-* (no Intel(R) banner) nor *-nowebui-* (no /index.htm).")
    print()
    print("| profile | wait W | runs | masscan --wait W | amtscope --syn-timeout W --timeout W | amtscope CPU µs/probe "
          "| nmap + script | amtscope / masscan | nmap / amtscope | amtscope recall, false vuln (worst run) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    keys = sorted({(r["profile"], r["wait"]) for r in rows}, key=lambda k: (k[0], k[1]))
    for prof, w in keys:
        sel = lambda kind: [r for r in rows if r["profile"] == prof and r["wait"] == w and r["kind"] == kind]
        m, t, n = sel("masscan"), sel("amtscope"), [r for r in rows if r["profile"] == prof and r["kind"] == "nmap"]
        mw, tw, nw = [r["wall_s"] for r in m], [r["wall_s"] for r in t], [r["wall_s"] for r in n]
        cpu = statistics.median(r["cpu_us_per_probe"] for r in t) if t else 0
        ratio = f"{statistics.median(tw) / statistics.median(mw):.2f}x" if mw and tw else "-"
        nratio = f"{statistics.median(nw) / statistics.median(tw):.1f}x" if nw and tw else "-"
        worst = min(t, key=lambda r: r.get("amt_found", 0), default=None)
        q = (f"{worst.get('amt_found', 0)}/{worst.get('amt_true', 0)}, "
             f"{max(r.get('false_vulnerable', 0) for r in t)}") if worst else "-"
        print(f"| {prof} | {w} s | {len(tw)} | {spread(mw)} | {spread(tw)} | {cpu:.1f} | {spread(nw)} | "
              f"{ratio} | {nratio} | {q} |")
    loads = sorted({r.get("load1", 0) for r in rows})
    if loads:
        print(f"\nload average (1 min) at the runs' starts: {loads[0]}-{loads[-1]}"
              + ("; a second CPU-bound process ran throughout (BENCH_LOAD=1)" if any(r.get("bench_load") for r in rows) else ""))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"record": cmd_record, "misses": cmd_misses, "table": cmd_table, "best": cmd_best,
     "mem": cmd_mem, "fair": cmd_fair}[cmd](args)


if __name__ == "__main__":
    main()
