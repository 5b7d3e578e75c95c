# Shared helpers for tests/scan_*_test.sh that interrupt and resume scans
# (sourced, not a test itself). Needs emulate_lib.sh sourced first.

need python3

# check_union BASE OUT FORMAT: OUT holds exactly BASE's (ip, port, verdict)
# records, each once, every line/element valid. Prints a one-line summary.
check_union() {
  python3 - "$1" "$2" "$3" <<'PY'
import collections, csv, json, sys
import xml.etree.ElementTree as ET
base_path, out_path, fmt = sys.argv[1:4]
# NDJSON ends each run with a "summary" record (one per resumed segment).
ports = lambda path: [d for d in map(json.loads, open(path)) if d.get("type") != "summary"]
base = {(d["ip"], d["port"], d["verdict"]) for d in ports(base_path)}
keys = collections.Counter()
bad = 0
if fmt == "xml":
    root = ET.parse(out_path).getroot()
    hosts = root.findall("host")
    addrs = [h.find("address").get("addr") for h in hosts]
    if len(addrs) != len(set(addrs)):
        print(f"FAIL {out_path}: {len(addrs)} <host> for {len(set(addrs))} addresses"); sys.exit(1)
    if len(root.findall("runstats")) != 1:
        print(f"FAIL {out_path}: not one <runstats>"); sys.exit(1)
    verdicts = {}
    for h, a in zip(hosts, addrs):
        for p in h.find("ports").findall("port"):
            keys[(a, int(p.get("portid")))] += 1
    base = {(ip, port) for ip, port, _ in base}
else:
    raw = open(out_path, "rb").read()
    if raw and not raw.endswith(b"\n"):
        print(f"FAIL {out_path}: last line torn"); sys.exit(1)
    header = None
    for line in raw.decode().splitlines():
        try:
            if fmt == "ndjson":
                d = json.loads(line)
                if d["type"] == "summary": continue
                keys[(d["ip"], d["port"], d["verdict"])] += 1
            elif fmt == "csv":
                row = next(csv.reader([line]))
                if row[0] == "ip":
                    header = row; continue
                d = dict(zip(header, row)); keys[(d["ip"], int(d["port"]), d["verdict"])] += 1
            else:  # table: header rows, blank lines and summaries between runs
                f = line.split()
                if not f or f[0] == "IP" or f[0] in ("Done:", "Interrupted:"):
                    continue
                keys[(f[0], int(f[1]), f[5])] += 1
        except Exception:
            bad += 1
got = set(keys)
lost, extra = len(base - got), len(got - base)
dup = sum(v - 1 for v in keys.values())
summary = f"{out_path}: records={sum(keys.values())} unique={len(got)} lost={lost} extra={extra} dup={dup} bad={bad}"
print(("ok   " if lost == extra == dup == bad == 0 else "FAIL ") + summary)
sys.exit(0 if lost == extra == dup == bad == 0 else 1)
PY
}

# start_mixed_fleet SEED N_VULN PATCHED_FROM N_PATCHED: an emulated fleet on
# a random 127.B.C.0/24 (sets B and C): N_VULN vulnerable AMT 8.1 hosts from
# .1 and N_PATCHED patched AMT 11.8 hosts (16992 only) from .PATCHED_FROM.
# Then changes into $WORK.
start_mixed_fleet() {
  local net; net=$(next_net); B=$BLOCK; C=${net##*.}
  cat > "$WORK/fleet.json" <<JSON
{"seed": $1, "hosts": [
  {"address": "127.$B.$C.1", "count": $2, "firmware": "8.1.40", "mode": "vulnerable"},
  {"address": "127.$B.$C.$3", "count": $4, "ports": [16992], "firmware": "11.8.50.3425", "mode": "patched"}
]}
JSON
  start_emu fleet --fleet "$WORK/fleet.json"
  cd "$WORK" || fail "no $WORK"
}
