#!/usr/bin/env bash
# scan_bench.sh - amtscope scan vs masscan vs nmap's http-vuln-cve2017-5689, one rig, one run.
#
#   sudo bench/scan_bench.sh            (about 4 minutes; prints the table at the end)
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
# Knobs: AMTSCOPE=path  BENCH_OUT=dir  BENCH_PROFILES="5 90"  BENCH_SETTINGS="args;args;..."
#   BENCH_SCAN_ARGS (added to every amtscope scan)  BENCH_MEM_CONC=20000  BENCH_MEM_SMALL=200
#   BENCH_SKIP="masscan nmap mem" (skip parts)  + the RIG_* knobs of rig.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RIG="$HERE/rig.sh"
SCORE="$HERE/scan_bench_score.py"
export RIG_DIR=${RIG_DIR:-/tmp/amtscope-rig}
OUT=${BENCH_OUT:-/tmp/amtscope-bench}
PROFILES=${BENCH_PROFILES:-5 90}
NET=198.18.0.0/16
PORTS=16992,16993
PROBES=131072
# Sweep for the first profile; separated by ';'. Tuned on this 2-core VM (see bench/README.md).
SETTINGS=${BENCH_SETTINGS:---rate 100000 --concurrency 4000 --timeout 1s;--rate 200000 --concurrency 10000 --timeout 1s;--rate 400000 --concurrency 16000 --timeout 1s}
SCAN_ARGS=${BENCH_SCAN_ARGS:-}
MEM_CONC=${BENCH_MEM_CONC:-20000}
MEM_SMALL=${BENCH_MEM_SMALL:-200}
MEM_ARGS=${BENCH_MEM_ARGS:---rate 100000 --timeout 4s --retries 0}
SKIP=" ${BENCH_SKIP:-} "

die() { echo "scan_bench: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }
[ "$(id -u)" = 0 ] || die "needs root (namespaces, veth, nft); see scan_bench_loopback.sh"

find_amtscope() {
  local c
  for c in "${AMTSCOPE:-}" "$HERE/../build-bench/amtscope" "$HERE/../build/amtscope"; do
    [ -n "$c" ] && [ -x "$c" ] && { readlink -f "$c"; return; }
  done
  command -v amtscope || true
}
AMT_BIN=$(find_amtscope)
HAVE_SCAN=0
if [ -n "$AMT_BIN" ] && "$AMT_BIN" scan --help 2>&1 | grep -q -- "--concurrency"; then HAVE_SCAN=1; fi
[ "$HAVE_SCAN" = 1 ] || say "amtscope scan is not in this build (${AMT_BIN:-no binary}): baselines only"
export AMTSCOPE=$AMT_BIN

SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  "$RIG" down >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$OUT"; mkdir -p "$OUT"
ip netns list | grep -qE '^amtb[st]\b' && "$RIG" down >/dev/null
"$RIG" up 2>&1 | tee "$OUT/rig.txt" >&2
eval "$("$RIG" env)"

counter() { ip netns exec "$RIG_NS_SCAN" cat "/sys/class/net/$RIG_IF/statistics/$1"; }

# Peak number of TCP sockets in the scanner namespace (in flight + TIME_WAIT-free on this rig).
start_sampler() {
  ip netns exec "$RIG_NS_SCAN" sh -c 'while :; do awk "/^TCP:/{print \$3}" /proc/net/sockstat; sleep 0.1; done' \
      > "$OUT/sampler.txt" 2>/dev/null &
  SAMPLER=$!
}
stop_sampler() {
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
  sort -n "$OUT/sampler.txt" | tail -1
}

# run NAME PROFILE KIND OUTFILE PROBES [k=v ...] -- CMD...   (CMD runs in the scanner namespace)
run() {
  local name=$1 profile=$2 kind=$3 out=$4 probes=$5; shift 5
  local kv=()
  while [ "$1" != "--" ]; do kv+=("$1"); shift; done; shift
  local slug tx0 rx0 t0 t1 tx1 rx1 peak=0
  slug=$(printf '%s-%s' "$name" "$profile" | tr -c 'A-Za-z0-9._=-' '_')
  tx0=$(counter tx_packets); rx0=$(counter rx_packets)
  start_sampler
  t0=$(date +%s.%N)
  ip netns exec "$RIG_NS_SCAN" /usr/bin/time -v -o "$OUT/$slug.time" "$@" \
      >"$OUT/$slug.stdout" 2>"$OUT/$slug.stderr" || true
  t1=$(date +%s.%N)
  peak=$(stop_sampler)
  tx1=$(counter tx_packets); rx1=$(counter rx_packets)
  python3 "$SCORE" record "$RIG_DIR" "$OUT/results.jsonl" "$name" "$profile" "$kind" "$out" \
      "$OUT/$slug.time" "$(awk "BEGIN{print $t1 - $t0}")" "$probes" "tx_packets=$((tx1 - tx0))" \
      "rx_packets=$((rx1 - rx0))" "peak_inflight=${peak:-0}" "load1=$(cut -d' ' -f1 /proc/loadavg)" \
      "${kv[@]}" >&2
}

run_masscan() {
  run "masscan" "drop$1%" masscan "$OUT/masscan-$1.lst" "$PROBES" -- \
      masscan -p"$PORTS" "$NET" --rate 1000000 --wait 3 --router-mac "$RIG_GW_MAC" -oL "$OUT/masscan-$1.lst"
}

run_nmap() {
  run "nmap" "drop$1%" nmap "$OUT/nmap-$1.xml" "$PROBES" -- \
      nmap -n -Pn -sS -T4 --min-rate 10000 --min-hostgroup 4096 -p"$PORTS" \
      --script http-vuln-cve2017-5689 "$NET" -oX "$OUT/nmap-$1.xml"
}

run_amtscope() { # profile index settings
  local f="$OUT/amtscope-$1-$2.ndjson" nx="$OUT/nmap-$1.xml"
  # shellcheck disable=SC2086
  run "amtscope #$2" "drop$1%" amtscope "$f" "$PROBES" "settings=$3" sweep=1 "nmapxml=$nx" -- \
      "$AMT_BIN" scan "$NET" -p "$PORTS" --format ndjson -o "$f" $3 $SCAN_ARGS
}

run_memory() { # concurrency
  # shellcheck disable=SC2086
  run "amtscope mem c=$1" "tarpit" memrun /dev/null 32768 "concurrency=$1" "target=$RIG_TARPIT:16992" -- \
      "$AMT_BIN" scan "$RIG_TARPIT" -p 16992 --format ndjson -o /dev/null --concurrency "$1" $MEM_ARGS
}

{
  echo "date: $(date -u +%FT%TZ)  host: $(uname -r), $(nproc) CPUs, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "tools: $(nmap --version | head -1); $(masscan --version 2>/dev/null | grep -m1 version); amtscope: ${AMT_BIN:-none} $("${AMT_BIN:-true}" --version 2>/dev/null || true)"
  echo "emulator: $(cat "$RIG_DIR/emulator")  truth: $(python3 -c "import json;s=json.load(open('$RIG_DIR/summary.json'));print(s['amt_hosts'],'AMT hosts,',s['amt_hosts_both_ports'],'on both ports,',s['amt_ports'],'AMT ports (',s['amt_ports_vulnerable'],'vulnerable),',s['other_ports'],'non-AMT open ports')")"
} | tee "$OUT/meta.txt" >&2

first=1
for p in $PROFILES; do
  "$RIG" profile "$p" >&2
  [[ $SKIP == *" masscan "* ]] || { say "masscan, DROP=$p%"; run_masscan "$p"; }
  [[ $SKIP == *" nmap "* ]] || { say "nmap + http-vuln-cve2017-5689, DROP=$p%"; run_nmap "$p"; }
  if [ "$HAVE_SCAN" = 1 ]; then
    if [ "$first" = 1 ]; then
      i=0
      IFS=';' read -r -a sweep <<< "$SETTINGS"
      for s in "${sweep[@]}"; do i=$((i + 1)); say "amtscope scan $s, DROP=$p%"; run_amtscope "$p" "$i" "$s"; done
      best=$(python3 "$SCORE" best "$OUT/results.jsonl" "drop$p%")
    else
      say "amtscope scan $best, DROP=$p%"; run_amtscope "$p" 1 "$best"
    fi
    f=$(ls "$OUT"/amtscope-"$p"-*.ndjson 2>/dev/null | head -1)
    [ -n "$f" ] && python3 "$SCORE" misses "$RIG_DIR" amtscope "$f" 8 > "$OUT/misses-$p.txt" || true
  fi
  first=0
done

if [ "$HAVE_SCAN" = 1 ] && [[ $SKIP != *" mem "* ]]; then
  say "memory per in-flight probe"
  run_memory "$MEM_SMALL"
  run_memory "$MEM_CONC"
  python3 "$SCORE" mem "$OUT/results.jsonl" >&2
fi

python3 "$SCORE" table "$OUT/results.jsonl" > "$OUT/table.md"
echo
cat "$OUT/meta.txt"
echo
cat "$OUT/table.md"
for f in "$OUT"/misses-*.txt; do [ -s "$f" ] && { echo; echo "${f##*/}:"; cat "$f"; }; done
exit 0
