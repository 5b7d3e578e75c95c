#!/usr/bin/env bash
# scan_bench.sh - amtscope scan vs masscan vs nmap's http-vuln-cve2017-5689 on one rig, on equal
# terms (issue 19): the same wait W after the last packet (masscan --wait W, amtscope
# --syn-timeout W with its retries inside it, and --timeout W for a silent connected peer), BENCH_RUNS (3) runs of every tool in rotating
# order, medians and spreads, the hostile servers on, the rig's mix printed with the table.
#
#   sudo bench/scan_bench.sh                 (about 12 minutes; prints the tables at the end)
#   sudo BENCH_LOAD=1 bench/scan_bench.sh    (the same with a CPU-bound process running beside)
#
# What it does (issue 4, "Performance"):
#   1. bench/rig.sh up: scanner + target namespace joined by one veth (offloads off), 198.18.0.0/16
#      local in the target, an `amtscope emulate --fleet` fleet of 1,500 AMT hosts (16992, and 16993
#      on ~70 %), 24 non-AMT HTTP servers, nft: DROP 5 % of idle addresses, TCP reset the rest.
#   2. For each firewall profile (BENCH_PROFILES, default "5 90": 5 % and 90 % of idle addresses
#      silently dropped), on the /16 and both ports (131,072 probes):
#        masscan -p16992,16993 --rate 1000000 --wait 3          (discovery only, the floor)
#        nmap -n -Pn -sS -T4 --min-rate 10000 --min-hostgroup 4096 -p16992,16993
#             --script http-vuln-cve2017-5689                    (best-tuned full assessment)
#        amtscope scan -p 16992,16993 --format ndjson SETTINGS  (full assessment; a sweep of
#             BENCH_SETTINGS in the first profile, the best of them in the others)
#      Each under /usr/bin/time -v: wall, user+sys CPU, peak RSS; veth packet counters.
#   3. Memory per in-flight probe: amtscope scan of the tarpit 198.19.0.0/17 (every SYN dropped)
#      at --concurrency BENCH_MEM_CONC (20000) and BENCH_MEM_SMALL (200); (RSS difference) /
#      (difference of peak in-flight sockets, sampled from /proc/net/sockstat in the namespace).
#   4. Scores every output against the ground truth (bench/scan_bench_score.py) and prints the
#      table: wall, probes/s, CPU µs/probe, RSS, recall, verdicts, false vulnerable, ratios.
# Output files: $BENCH_OUT (default /tmp/amtscope-bench): results.jsonl, table.md, raw outputs.
# The rig is torn down on exit (trap), also on Ctrl-C.
#
# Knobs: AMTSCOPE=path  BENCH_OUT=dir  BENCH_PROFILES="5 90"  BENCH_WAITS="1 3"  BENCH_RUNS=3
#   BENCH_AMT_ARGS="--rate 500000"  BENCH_LOAD=0|1  BENCH_SWEEP=1 (old sweep)  BENCH_SETTINGS="args;args;..."
#   BENCH_SCAN_ARGS (added to every amtscope scan; default --db $OUT/inventory.sqlite)  BENCH_MEM_CONC=20000  BENCH_MEM_SMALL=200
#   BENCH_PORTS=default (the five default ports)  BENCH_SKIP="masscan nmap mem" (skip parts)  BENCH_PERF=0 (no perf profile)  + RIG_* (rig.sh)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RIG="$HERE/rig.sh"
export RIG_DIR=${RIG_DIR:-/tmp/amtscope-rig}
OUT=${BENCH_OUT:-/tmp/amtscope-bench}
PROFILES=${BENCH_PROFILES:-5 90}
NET=198.18.0.0/16
# BENCH_PORTS=default: amtscope's default port set (TCP 623, 664, 16992, 16993 and the RMCP ping on
# UDP 623), masscan given the same five; nmap is skipped (its -sS cannot send the UDP ping).
if [ "${BENCH_PORTS:-}" = default ]; then
  PORTS=T:623,664,16992,16993,U:623
  MASSCAN_PORTS=623,664,16992,16993,U:623
  PROBES=327680
  BENCH_SKIP="${BENCH_SKIP:-} nmap"
else
  PORTS=16992,16993
  MASSCAN_PORTS=$PORTS
  PROBES=131072
fi
# Sweep for the first profile; separated by ';'. Tuned on this 2-core VM (see bench/README.md).
SETTINGS=${BENCH_SETTINGS:---rate 500000 --syn-timeout 500ms;--rate 300000 --syn-timeout 500ms;--rate 1000000 --syn-timeout 500ms}
WAITS=${BENCH_WAITS:-1 3}
RUNS=${BENCH_RUNS:-3}
AMT_ARGS=${BENCH_AMT_ARGS:---rate 500000}
BENCH_LOAD=${BENCH_LOAD:-0}
# The hostile servers (2 tarpits, 1 garbage server) are part of the rig unless RIG_HOSTILE= is
# set empty: a scanner's lead must hold with them.
export RIG_HOSTILE=${RIG_HOSTILE-1}
MEM_CONC=${BENCH_MEM_CONC:-20000}
MEM_SMALL=${BENCH_MEM_SMALL:-200}
MEM_ARGS=${BENCH_MEM_ARGS:---scan-type connect --rate 100000 --timeout 4s --retries 0}
SKIP=" ${BENCH_SKIP:-} "

die() { echo "scan_bench: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (namespaces, veth, nft); see scan_bench_loopback.sh"
# shellcheck source=bench/scan_bench_lib.sh
. "$HERE/scan_bench_lib.sh"

AMT_BIN=$(find_amtscope)
HAVE_SCAN=0
have_scan "$AMT_BIN" && HAVE_SCAN=1
[ "$HAVE_SCAN" = 1 ] || say "amtscope scan is not in this build (${AMT_BIN:-no binary}): baselines only"
export AMTSCOPE=$AMT_BIN

trap '"$RIG" down >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM

rm -rf "$OUT"; mkdir -p "$OUT"
# Scans record as users' do, but into this run's own inventory: not into the
# invoking user's (which grew to 100 MB over earlier benches and cost each
# scan's recorder more as it grew). BENCH_SCAN_ARGS= (set, empty) records
# into the default inventory; --no-db records nothing.
export BENCH_SCAN_ARGS=${BENCH_SCAN_ARGS---db $OUT/inventory.sqlite}
if ip netns list | grep -qE '^amtb[st]\b'; then "$RIG" down >/dev/null; fi
"$RIG" up 2>&1 | tee "$OUT/rig.txt" >&2
eval "$("$RIG" env)"
# shellcheck disable=SC2034  # used by scan_bench_lib.sh
EXEC=(ip netns exec "$RIG_NS_SCAN")

run_masscan() {
  run "masscan" "drop$1%" masscan "$OUT/masscan-$1.lst" "$PROBES" -- \
      masscan -p"$MASSCAN_PORTS" "$NET" --rate 1000000 --wait 3 --router-mac "$RIG_GW_MAC" -oL "$OUT/masscan-$1.lst"
}

run_nmap() {
  run "nmap" "drop$1%" nmap "$OUT/nmap-$1.xml" "$PROBES" -- \
      nmap -n -Pn -sS -T4 --min-rate 10000 --min-hostgroup 4096 -p"$PORTS" \
      --script http-vuln-cve2017-5689 "$NET" -oX "$OUT/nmap-$1.xml"
}

{
  echo "date: $(date -u +%FT%TZ)  host: $(uname -r), $(nproc) CPUs, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "tools: $(nmap --version | head -1); $(masscan --version 2>/dev/null | grep -m1 version); amtscope: ${AMT_BIN:-none} $("${AMT_BIN:-true}" --version 2>/dev/null || true)"
  echo "emulator: $(cat "$RIG_DIR/emulator")  truth: $(python3 -c "import json;s=json.load(open('$RIG_DIR/summary.json'));print(s['amt_hosts'],'AMT hosts,',s['amt_hosts_both_ports'],'on both ports,',s['amt_ports'],'AMT ports (',s['amt_ports_vulnerable'],'vulnerable),',s['other_ports'],'non-AMT open ports')")"
} | tee "$OUT/meta.txt" >&2

# Fair mode (the default, issue 19): for each wait W, masscan --wait W and amtscope
# --syn-timeout W (its retries included) --timeout W (how long a probe waits on a silent peer:
# the rig's tarpits accept and never answer, and masscan, which never connects, waits W for
# everything), BENCH_RUNS runs each in rotating order, nmap as many
# runs per profile; medians and spreads in the table. BENCH_SWEEP=1 runs the old settings
# sweep instead (unequal waits: amtscope 500 ms, masscan 3 s; for tuning only).
run_amtscope_w() {  # PROFILE W RUN
  local f="$OUT/amtscope-$1-w$2-r$3.ndjson"
  # shellcheck disable=SC2086
  run "amtscope" "drop$1%" amtscope "$f" "$PROBES" "wait=$2" "run=$3" "settings=$AMT_ARGS --syn-timeout ${2}s --timeout ${2}s" \
      "nmapxml=$OUT/nmap-$1-r1.xml" "bench_load=$BENCH_LOAD" -- \
      "$AMT_BIN" scan "$NET" -p "$PORTS" --format ndjson -o "$f" $AMT_ARGS --syn-timeout "${2}s" --timeout "${2}s" ${BENCH_SCAN_ARGS:-}
}
run_masscan_w() {
  run "masscan" "drop$1%" masscan "$OUT/masscan-$1-w$2-r$3.lst" "$PROBES" "wait=$2" "run=$3" "bench_load=$BENCH_LOAD" -- \
      masscan -p"$MASSCAN_PORTS" "$NET" --rate 1000000 --wait "$2" --router-mac "$RIG_GW_MAC" -oL "$OUT/masscan-$1-w$2-r$3.lst"
}
run_nmap_w() {
  run "nmap" "drop$1%" nmap "$OUT/nmap-$1-r$3.xml" "$PROBES" "wait=$2" "run=$3" "bench_load=$BENCH_LOAD" -- \
      nmap -n -Pn -sS -T4 --min-rate 10000 --min-hostgroup 4096 -p"$PORTS" \
      --script http-vuln-cve2017-5689 "$NET" -oX "$OUT/nmap-$1-r$3.xml"
}
if [ "$BENCH_LOAD" = 1 ]; then
  # One CPU-bound process beside the tools, in the scanner's namespace's CPU set (all of it).
  python3 -c 'while True: pass' & LOAD_PID=$!
  trap 'kill "$LOAD_PID" 2>/dev/null; "$RIG" down >/dev/null 2>&1 || true' EXIT
  say "BENCH_LOAD=1: a CPU-bound process (pid $LOAD_PID) runs throughout"
fi

if [ "${BENCH_SWEEP:-0}" = 1 ]; then
first=1
for p in $PROFILES; do
  "$RIG" profile "$p" >&2
  [[ $SKIP == *" masscan "* ]] || { say "masscan, DROP=$p%"; run_masscan "$p"; }
  [[ $SKIP == *" nmap "* ]] || { say "nmap + http-vuln-cve2017-5689, DROP=$p%"; run_nmap "$p"; }
  if [ "$HAVE_SCAN" = 1 ]; then
    if [ "$first" = 1 ]; then
      sweep "drop$p%" "$NET" "$PORTS" "$PROBES" "$OUT/nmap-$p.xml" "$SETTINGS"
      best=$(python3 "$SCORE" best "$OUT/results.jsonl" "drop$p%")
    else
      sweep "drop$p%" "$NET" "$PORTS" "$PROBES" "$OUT/nmap-$p.xml" "$best${BENCH_SETTINGS_MORE:+;$BENCH_SETTINGS_MORE}"
    fi
  fi
  first=0
done
else
best="$AMT_ARGS --syn-timeout 1s"
for p in $PROFILES; do
  "$RIG" profile "$p" >&2
  for w in $WAITS; do
    for r in $(seq 1 "$RUNS"); do
      tools=(masscan amtscope)
      # nmap has no wait to set: its BENCH_RUNS runs per profile go with the first W.
      [ "$w" != "${WAITS%% *}" ] || [[ $SKIP == *" nmap "* ]] || tools+=(nmap)
      # rotate the order by run, so no tool always goes first (warm caches, ARP, emulator state)
      for i in $(seq 0 $((${#tools[@]} - 1))); do
        t=${tools[$(( (i + r - 1) % ${#tools[@]} ))]}
        case $t in
          masscan) [[ $SKIP == *" masscan "* ]] || { say "masscan --wait $w, DROP=$p%, run $r"; run_masscan_w "$p" "$w" "$r"; } ;;
          amtscope) [ "$HAVE_SCAN" = 0 ] || { say "amtscope --syn-timeout ${w}s --timeout ${w}s, DROP=$p%, run $r"; run_amtscope_w "$p" "$w" "$r"; } ;;
          nmap) say "nmap + http-vuln-cve2017-5689, DROP=$p%, run $r"; run_nmap_w "$p" "$w" "$r" ;;
        esac
      done
    done
  done
done
fi

if [ "$HAVE_SCAN" = 1 ] && [[ $SKIP != *" mem "* ]]; then
  say "memory per in-flight probe (tarpit $RIG_TARPIT: every SYN dropped)"
  # the small run gets a /24 only: 32768 dropped probes at 200 in flight would take minutes
  memory_run "$MEM_SMALL" "${RIG_TARPIT%.*/*}.0/24" 16992 256 "$MEM_ARGS"
  memory_run "$MEM_CONC" "$RIG_TARPIT" 16992 32768 "$MEM_ARGS"
  python3 "$SCORE" mem "$OUT/results.jsonl" >&2
fi

# A flat CPU profile of amtscope at the best setting (last profile), for the engine's owners.
if [ "$HAVE_SCAN" = 1 ] && [ "${BENCH_PERF:-1}" = 1 ] && command -v perf >/dev/null; then
  say "CPU profile: perf record of amtscope scan $best (DROP=$p%)"
  # shellcheck disable=SC2086
  ip netns exec "$RIG_NS_SCAN" perf record -q -F 499 -o "$OUT/perf.data" -- \
      "$AMT_BIN" scan "$NET" -p "$PORTS" --format ndjson -o "$OUT/amtscope-perf.ndjson" $best \
      ${BENCH_SCAN_ARGS:-} >/dev/null 2>&1 || true
  perf report -i "$OUT/perf.data" --stdio --no-children --sort dso,symbol --percent-limit 1 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | sed 's/  *-  *-  *$//; s/  *$//' | head -40 > "$OUT/perf.txt" || true
fi

print_results "$OUT/meta.txt"
if [ "${BENCH_SWEEP:-0}" != 1 ]; then
  echo; echo "Equal waits (median and spread of $RUNS runs each, rotating order):"
  python3 "$SCORE" fair "$OUT/results.jsonl" "$RIG_DIR" | tee "$OUT/fair.md"
fi
if [ -s "$OUT/perf.txt" ]; then
  echo; echo "CPU profile of amtscope scan (perf, DROP=$p%, top symbols):"; head -25 "$OUT/perf.txt"
fi
exit 0
