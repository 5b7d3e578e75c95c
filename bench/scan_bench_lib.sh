# scan_bench_lib.sh - shared by scan_bench.sh (namespaces, root) and scan_bench_loopback.sh.
# Sourced, not run. Expects: HERE, OUT, RIG_DIR set; EXEC=(...) = how to run a command on the
# scanner side (e.g. `ip netns exec amtbs`, or nothing on loopback).
# shellcheck shell=bash

SCORE="$HERE/scan_bench_score.py"
SAMPLER="$HERE/scan_bench_sampler.py"

say() { echo "== $*" >&2; }

find_amtscope() {
  local c
  for c in "${AMTSCOPE:-}" "$HERE/../build-bench/amtscope" "$HERE/../build/amtscope"; do
    [ -n "$c" ] && [ -x "$c" ] && { readlink -f "$c"; return; }
  done
  command -v amtscope || true
}

# Is `amtscope scan` implemented in this build (the foundation shipped a placeholder)?
# (help read whole: `grep -q` on the pipe would SIGPIPE the binary under pipefail)
have_scan() { local h; [ -n "$1" ] && h=$("$1" scan --help 2>&1) && grep -q -- "--concurrency" <<< "$h"; }

# Packet counter of the scanner's interface, 0 where there is none (loopback).
counter() {
  if [ -n "${RIG_IF:-}" ]; then "${EXEC[@]}" cat "/sys/class/net/$RIG_IF/statistics/$1"; else echo 0; fi
}

# run NAME PROFILE KIND OUTFILE PROBES [k=v ...] -- CMD...
# Runs CMD on the scanner side under /usr/bin/time -v, samples its peak fd count (in-flight
# sockets), then scores OUTFILE against the truth and appends a record to $OUT/results.jsonl.
run() {
  local name=$1 profile=$2 kind=$3 out=$4 probes=$5; shift 5
  local kv=()
  while [ "$1" != "--" ]; do kv+=("$1"); shift; done; shift
  local slug tx0 rx0 t0 t1 tx1 rx1 pid spid peak
  slug=$(printf '%s-%s' "$name" "$profile" | tr -c 'A-Za-z0-9._=-' '_')
  tx0=$(counter tx_packets); rx0=$(counter rx_packets)
  t0=$(date +%s.%N)
  "${EXEC[@]}" /usr/bin/time -v -o "$OUT/$slug.time" "$@" >"$OUT/$slug.stdout" 2>"$OUT/$slug.stderr" &
  pid=$!
  python3 "$SAMPLER" "$pid" "$OUT/$slug.peakfd" &
  spid=$!
  wait "$pid" || true
  t1=$(date +%s.%N)
  wait "$spid" 2>/dev/null || true
  peak=$(cat "$OUT/$slug.peakfd" 2>/dev/null || echo 0)
  tx1=$(counter tx_packets); rx1=$(counter rx_packets)
  python3 "$SCORE" record "$RIG_DIR" "$OUT/results.jsonl" "$name" "$profile" "$kind" "$out" \
      "$OUT/$slug.time" "$(awk "BEGIN{print $t1 - $t0}")" "$probes" "tx_packets=$((tx1 - tx0))" \
      "rx_packets=$((rx1 - rx0))" "peak_inflight=$peak" "load1=$(cut -d' ' -f1 /proc/loadavg)" \
      "${kv[@]}" >&2
}

# Sweep the amtscope settings (';'-separated) for one profile; prints nothing, records results.
# sweep PROFILE-LABEL NET PORTS PROBES NMAPXML SETTINGS
sweep() {
  local label=$1 net=$2 ports=$3 probes=$4 nx=$5 i=0 s f
  local -a list
  IFS=';' read -r -a list <<< "$6"
  for s in "${list[@]}"; do
    i=$((i + 1))
    f="$OUT/amtscope-$label-$i.ndjson"
    say "amtscope scan $s ($label)"
    # shellcheck disable=SC2086
    run "amtscope #$i" "$label" amtscope "$f" "$probes" "settings=$s" sweep=1 "nmapxml=$nx" -- \
        "$AMT_BIN" scan "$net" -p "$ports" --format ndjson -o "$f" $s ${BENCH_SCAN_ARGS:-}
  done
}

# memory CONCURRENCY TARGET PORT PROBES EXTRA-ARGS
memory_run() {
  # shellcheck disable=SC2086
  run "amtscope mem c=$1" "tarpit" memrun /dev/null "$4" "concurrency=$1" "target=$2:$3" -- \
      "$AMT_BIN" scan "$2" -p "$3" --format ndjson -o /dev/null --concurrency "$1" $5
}

print_results() { # META-FILE
  python3 "$SCORE" table "$OUT/results.jsonl" > "$OUT/table.md"
  echo
  cat "$1"
  echo
  cat "$OUT/table.md"
}
