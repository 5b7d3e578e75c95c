#!/usr/bin/env bash
# scan_bench_loopback.sh - the scan benchmark without root or namespaces, on 127.0.0.0/16.
#
#   bench/scan_bench_loopback.sh                 (as any user; about 2-3 minutes)
#   BENCH_ISOLATE=1 bench/scan_bench_loopback.sh (inside `unshare -rn`: a private loopback, where
#                                                 unprivileged user namespaces are allowed)
#
# Same fleet and ground truth as scan_bench.sh (bench/rig_gen.py), but every host is a 127.x
# address on the loopback interface: the AMT fleet runs as `amtscope emulate --fleet` (or the
# Python stand-in rig_httpd.py --amt when this build has no emulator), the non-AMT servers as
# rig_httpd.py and `python3 -m http.server`. There is no firewall, so closed ports answer RST
# and nothing is filtered (no 90 %-dropped profile). What differs from the root harness:
#   - masscan cannot scan `lo` (docs/scan-performance.md §2.7 item 5): the discovery floor is nmap's
#     connect scan without the script;  nmap runs -sT (no raw sockets without root);
#   - memory per in-flight probe uses rig_tarpit.py (a listener that never accepts) on
#     0.0.0.0:$BENCH_MEM_PORT, scanned over $BENCH_MEM_NET.
# Knobs: LO_NET=127.0.0.0/16  AMTSCOPE=path  BENCH_OUT  BENCH_SETTINGS="args;args"  BENCH_SCAN_ARGS
#   BENCH_MEM_CONC=20000 BENCH_MEM_SMALL=200 BENCH_MEM_NET=127.1.0.0/17 BENCH_MEM_PORT=16999
#   BENCH_SKIP="nmap mem"  RIG_AMT=1500 RIG_TLS=70 RIG_SEED=2017 RIG_EMU=auto|standin
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "${BENCH_ISOLATE:-0}" = 1 ] && [ -z "${_SCAN_BENCH_ISOLATED:-}" ]; then
  exec unshare -rn env _SCAN_BENCH_ISOLATED=1 "$0" "$@"
fi
[ -n "${_SCAN_BENCH_ISOLATED:-}" ] && ip link set lo up

NET=${LO_NET:-127.0.0.0/16}
export RIG_DIR=${RIG_DIR:-/tmp/amtscope-lo-rig-$(id -u)}
OUT=${BENCH_OUT:-/tmp/amtscope-lo-bench-$(id -u)}
PORTS=16992,16993
PROBES=$(python3 -c "import ipaddress;print(ipaddress.ip_network('$NET').num_addresses * 2)")
SETTINGS=${BENCH_SETTINGS:---scan-type connect --rate 30000 --concurrency 12000 --timeout 1s;--scan-type connect --rate 50000 --concurrency 12000 --timeout 2s}
MEM_CONC=${BENCH_MEM_CONC:-20000}
MEM_SMALL=${BENCH_MEM_SMALL:-200}
MEM_NET=${BENCH_MEM_NET:-127.1.0.0/17}
MEM_PORT=${BENCH_MEM_PORT:-16999}
MEM_ARGS=${BENCH_MEM_ARGS:---scan-type connect --rate 100000 --timeout 4s --retries 0}
SKIP=" ${BENCH_SKIP:-} "
# shellcheck disable=SC2034  # used by scan_bench_lib.sh
EXEC=()
# shellcheck source=bench/scan_bench_lib.sh
. "$HERE/scan_bench_lib.sh"

die() { echo "scan_bench_loopback: $*" >&2; exit 1; }
for t in python3 nmap openssl /usr/bin/time ss; do
  command -v "$t" >/dev/null || die "missing $t (Debian: apt-get install nmap openssl time iproute2)"
done
case "$NET" in 127.*) ;; *) die "LO_NET must be inside 127.0.0.0/8" ;; esac
ulimit -n "$(ulimit -Hn)"

AMT_BIN=$(find_amtscope)
HAVE_SCAN=0
have_scan "$AMT_BIN" && HAVE_SCAN=1
[ "$HAVE_SCAN" = 1 ] || say "amtscope scan is not in this build (${AMT_BIN:-no binary}): baselines only"

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_bg() { # name cmd...   (PID recorded; stopped by that PID on exit)
  local name=$1; shift
  "$@" >"$RIG_DIR/$name.log" 2>&1 </dev/null &
  PIDS+=("$!")
}
# the real interpreter, not a version-manager shim that would run it under another PID
PY=$(python3 -c 'import sys; print(sys.executable)')

rm -rf "$OUT"; mkdir -p "$OUT" "$RIG_DIR/www"
python3 "$HERE/rig_gen.py" "$RIG_DIR" --net "$NET" --seed "${RIG_SEED:-2017}" --amt "${RIG_AMT:-1500}" \
    --tls "${RIG_TLS:-70}" >&2
[ -s "$RIG_DIR/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=amtscope-rig" \
    -keyout "$RIG_DIR/key.pem" -out "$RIG_DIR/cert.pem" >/dev/null 2>&1

EMU=standin
if [ "${RIG_EMU:-auto}" != standin ] && [ -n "$AMT_BIN" ] && "$AMT_BIN" emulate --help 2>&1 | grep -- --fleet >/dev/null; then
  EMU=amtscope
  start_bg emulate "$AMT_BIN" emulate --fleet "$RIG_DIR/fleet.json" ${RIG_EMU_ARGS:---threads 2}
  start_bg httpd "$PY" "$HERE/rig_httpd.py" "$RIG_DIR"
else
  start_bg httpd "$PY" "$HERE/rig_httpd.py" "$RIG_DIR" --amt
fi
for ip in $(python3 -c "import json;[print(o['ip']) for o in json.load(open('$RIG_DIR/others.json')) if o['personality']=='pyhttp']"); do
  start_bg "pyhttp-$ip" "$PY" -m http.server --bind "$ip" --directory "$RIG_DIR/www" 16992
done
# wait until every ip:port of the truth listens
expect=$(($(wc -l < "$RIG_DIR/truth.csv") - 1))
for _ in $(seq 600); do
  got=$(ss -Hltn | awk '{print $4}' | python3 -c "
import csv,sys
want={f\"{r['ip']}:{r['port']}\" for r in csv.DictReader(open('$RIG_DIR/truth.csv'))}
print(len(want & {l.strip() for l in sys.stdin}))")
  [ "$got" -ge "$expect" ] && break
  sleep 0.1
done
[ "$got" -ge "$expect" ] || { tail -3 "$RIG_DIR"/*.log >&2; die "only $got of $expect listeners came up"; }

{
  echo "date: $(date -u +%FT%TZ)  host: $(uname -r), $(nproc) CPUs, load at start $(cut -d' ' -f1-3 /proc/loadavg)  loopback $NET${_SCAN_BENCH_ISOLATED:+ (private netns)}"
  echo "tools: $(nmap --version | head -1); amtscope: ${AMT_BIN:-none} $("${AMT_BIN:-true}" --version 2>/dev/null || true)"
  echo "emulator: $EMU  truth: $(python3 -c "import json;s=json.load(open('$RIG_DIR/summary.json'));print(s['amt_hosts'],'AMT hosts,',s['amt_hosts_both_ports'],'on both ports,',s['amt_ports'],'AMT ports (',s['amt_ports_vulnerable'],'vulnerable),',s['other_ports'],'non-AMT open ports')")"
} | tee "$OUT/meta.txt" >&2

if [[ $SKIP != *" nmap "* ]]; then
  say "nmap -sT discovery only (the floor: masscan cannot scan lo)"
  run "discovery (nmap -sT, no script)" loopback nmap "$OUT/nmap-disc.xml" "$PROBES" discovery=1 -- \
      nmap -n -Pn -sT -T4 --min-rate 10000 --min-hostgroup 4096 -p"$PORTS" "$NET" -oX "$OUT/nmap-disc.xml"
  say "nmap -sT + http-vuln-cve2017-5689"
  run "nmap -sT + script" loopback nmap "$OUT/nmap.xml" "$PROBES" -- \
      nmap -n -Pn -sT -T4 --min-rate 10000 --min-hostgroup 4096 -p"$PORTS" \
      --script http-vuln-cve2017-5689 "$NET" -oX "$OUT/nmap.xml"
fi
if [ "$HAVE_SCAN" = 1 ]; then
  sweep loopback "$NET" "$PORTS" "$PROBES" "$OUT/nmap.xml" "$SETTINGS"
  if [[ $SKIP != *" mem "* ]]; then
    say "memory per in-flight probe (tarpit 0.0.0.0:$MEM_PORT never accepts)"
    start_bg tarpit "$PY" "$HERE/rig_tarpit.py" 0.0.0.0 "$MEM_PORT"
    sleep 0.5
    n=$(python3 -c "import ipaddress;print(ipaddress.ip_network('$MEM_NET').num_addresses)")
    memory_run "$MEM_SMALL" "$MEM_NET" "$MEM_PORT" "$n" "$MEM_ARGS"
    memory_run "$MEM_CONC" "$MEM_NET" "$MEM_PORT" "$n" "$MEM_ARGS"
    python3 "$SCORE" mem "$OUT/results.jsonl" >&2
  fi
fi

print_results "$OUT/meta.txt"
exit 0
