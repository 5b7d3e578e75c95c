#!/usr/bin/env bash
# Issue 15: AMT's own ports by default. Scans an emulated mixed fleet on
# loopback (provisioned, unprovisioned, RMCP-silent, TLS-only, web-UI-off
# AMT) with the traps that must never be called AMT (an ordinary IPMI BMC
# pong, a truncated pong, a pong with the wrong enterprise number, the
# emulator's UDP echo and a separate UDP echo server on 623), and checks
# every record by address, port and protocol. nmap -sU -p623 runs beside it
# when installed, for comparison (it sends the IPMI probe and cannot tell).
source "$(dirname "$0")/emulate_lib.sh"
[ "$(id -u)" = 0 ] || skip "UDP 623 needs root (ports below 1024)"
N=$(next_net)
cat > "$WORK/fleet.json" <<JSON
[{"address": "$N.1", "firmware": "8.1.40", "ports": [16992, "16993"]},
 {"address": "$N.2", "firmware": "11.8.50", "provisioning": "pre"},
 {"address": "$N.3", "firmware": "9.1.41", "build": 3024, "mode": "patched", "RmcpPingResponseEnabled": false},
 {"address": "$N.4", "firmware": "12.0.22", "ports": ["16993"]},
 {"address": "$N.5", "firmware": "9.1.30", "web_ui": false, "ports": [16992]},
 {"address": "$N.6", "firmware": "1.0.0", "product": "web", "ports": ["18080/http"], "rmcp": "bmc"},
 {"address": "$N.7", "firmware": "1.0.0", "product": "web", "ports": ["18080/http"], "rmcp": "truncated"},
 {"address": "$N.8", "firmware": "1.0.0", "product": "web", "ports": ["18080/http"], "rmcp": "wrong-enterprise"},
 {"address": "$N.9", "firmware": "1.0.0", "product": "web", "ports": ["18080/http"], "rmcp": "echo"}]
JSON
start_emu fleet --fleet "$WORK/fleet.json" --log "$WORK/events.ndjson"
# A UDP echo server of its own on $N.10:623 (not the emulator).
python3 - "$N.10" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 623))
s.settimeout(30)
try:
    while True:
        data, peer = s.recvfrom(2048)
        s.sendto(data, peer)
except socket.timeout:
    pass
PY
EMU_PIDS+=("$!")
sleep 0.3
cd "$WORK" || fail "no $WORK"
"$AMTSCOPE" scan "$N.1-$N.11" --no-db --timeout 2s --syn-timeout 300ms -q -o scan.ndjson -oX scan.xml ||
  fail "scan: $(cat scan.ndjson)"

python3 - "$N" scan.ndjson <<'PY' || fail "records: $(cat scan.ndjson)"
import json, sys
n, path = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(path)]
recs = {(r["ip"].rsplit(".", 1)[1], r["proto"], r["port"]): r for r in rows if r["type"] == "port"}
assert len(recs) == sum(r["type"] == "port" for r in rows), "duplicate (ip, proto, port)"
def rec(host, proto, port):
    assert (str(host), proto, port) in recs, f"missing .{host} {proto}/{port}: {sorted(recs)}"
    return recs[(str(host), proto, port)]
def absent(host, proto, port):
    assert (str(host), proto, port) not in recs, f"unexpected .{host} {proto}/{port}"
# .1 provisioned 8.1: pong, web ports, redirection on both.
u = rec(1, "udp", 623)
assert u["amt"] and u["version"] == "8.1" and u["provisioning"] == "post", u
w = rec(1, "tcp", 16992)
assert w["amt"] and w["verdict"] == "vulnerable" and w["redirection"] is True, w
assert w["exposures"] == ["plaintext"] and "INTEL-SA-00709" in w["advisories"], w
assert w["provisioning"] == "post", w
t = rec(1, "tcp", 16993)
assert t["exposures"] == [] and "INTEL-SA-00709" not in t["advisories"], t
for p in (16994, 16995):
    r = rec(1, "tcp", p)
    assert r["amt"] and r["version"] == "8.1" and r["redirection"] is True, r
# .2 unprovisioned: only the pong shows it.
u = rec(2, "udp", 623)
assert u["amt"] and u["provisioning"] == "pre" and u["verdict"] == "not-vulnerable", u
assert u["reason"].startswith("unprovisioned: the web server is not listening; provisioning it on this firmware would expose it"), u
assert u["redirection"] is False, u
assert not [k for k in recs if k[0] == "2" and k[1] == "tcp"], "unprovisioned host has no TCP port"
# .3 RMCP silent: no udp record, web and redirection as usual.
absent(3, "udp", 623)
assert rec(3, "tcp", 16992)["amt"] and rec(3, "tcp", 16992)["verdict"] == "not-vulnerable"
assert rec(3, "tcp", 16994)["version"] == "9.1"
# .4 TLS only: the pong names 16993, only 16995 redirects, no plaintext.
assert rec(4, "udp", 623)["version"] == "12.0"
assert rec(4, "tcp", 16993)["tls"] and rec(4, "tcp", 16993)["exposures"] == []
assert rec(4, "tcp", 16995)["amt"] and rec(4, "tcp", 16995)["tls"]
absent(4, "tcp", 16992); absent(4, "tcp", 16994)
# .5 web UI off: still AMT (WS-Man), vulnerable.
assert rec(5, "tcp", 16992)["amt"] and rec(5, "tcp", 16992)["verdict"] == "vulnerable"
# Traps: answered, never AMT.
for host, word in ((6, "4542"), (7, "truncated"), (8, "not AMT"), (9, "echo"), (10, "echo")):
    r = rec(host, "udp", 623)
    assert not r["amt"] and r["verdict"] == "not-amt" and word in r["reason"], r
    assert not [k for k, v in recs.items() if k[0] == str(host) and v["amt"]], f".{host} called AMT"
absent(11, "udp", 623)
summary = rows[-1]
assert summary["type"] == "summary" and summary["udp_ports"] == [623], summary
print("ok  ", len(recs), "records by address, port and protocol")
PY
grep -q '<port protocol="udp" portid="623">' scan.xml || fail "XML has no udp port"
# The honeypot log classified the probes (it is flushed every second).
sleep 1.2
grep -q '"classification":"rmcp-ping"' "$WORK/events.ndjson" || fail "no rmcp-ping event"
grep -q '"classification":"redirection-start"' "$WORK/events.ndjson" || fail "no redirection-start event"

# nmap beside it: -sU sends the same ASF presence ping (nmap-payloads) but
# has no match for the pong, so AMT, a BMC and an echo server all read
# "623/open/udp asf-rmcp" (docs/scan.md "Protocols").
if command -v nmap >/dev/null 2>&1; then
  timeout 60 nmap -n -Pn -sU -p623 --max-retries 1 --host-timeout 20s "$N.1-11" -oG nmap.gnmap >/dev/null 2>&1 ||
    fail "nmap -sU did not run"
  echo "nmap -sU -p623 says:"; grep "Ports:" nmap.gnmap | sed 's/^/  /'
  for h in 1 6 9; do
    grep -q "Host: $N.$h .*623/open/udp//asf-rmcp/" nmap.gnmap || fail "nmap on .$h: $(cat nmap.gnmap)"
  done
  echo "nmap: the same 'open asf-rmcp' for AMT (.1), a BMC (.6) and an echo server (.9)"
else
  not_checked "nmap -sU comparison (nmap not installed)"
fi
pass "RMCP pong, unprovisioned, silent, TLS-only, web-UI-off and 5 traps, by address/port/protocol"
