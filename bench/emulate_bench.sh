#!/usr/bin/env bash
# Emulator throughput and footprint on loopback (prints figures; not a test).
#   bench/emulate_bench.sh path/to/amtscope [seconds]
# - requests/s for the 401 path (new connection each time, Connection: close)
# - requests/s for the authenticated 200 path (right password, keep-alive)
# - requests/s for the bypass 200 path (empty response, keep-alive)
# - VmRSS of a 4,096-host fleet (8,192 listeners), idle and after touching every host
set -euo pipefail
AMTSCOPE=${1:?usage: $0 path/to/amtscope [seconds]}
SECS=${2:-5}
command -v wrk >/dev/null || { echo "wrk not installed"; exit 1; }
WORK=$(mktemp -d /tmp/amtscope-emu-bench.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

wait_listening() {
  for _ in $(seq 1 400); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.05; done
  cat "$1"; exit 1
}

ADDR=127.$((100 + RANDOM % 100)).$((RANDOM % 250)).9
"$AMTSCOPE" emulate --listen "$ADDR" --ports 16992 --firmware 8.1.40 --mode vulnerable \
  --admin-password 'Bench1!' 2>"$WORK/one.err" & PIDS+=($!)
wait_listening "$WORK/one.err"
EMU_PID=${PIDS[-1]}
URL="http://$ADDR:16992/index.htm"

hdr=$(curl -s -D - -o /dev/null "$URL" | tr -d '\r' | grep WWW-Authenticate)
realm=$(sed -E 's/.*realm="([^"]+)".*/\1/' <<<"$hdr")
nonce=$(sed -E 's/.*nonce="([^"]+)".*/\1/' <<<"$hdr")
md5() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }
ha1=$(md5 "admin:$realm:Bench1!"); ha2=$(md5 "GET:/index.htm")
resp=$(md5 "$ha1:$nonce:00000001:c0ffee:auth:$ha2")
AUTH="Digest username=\"admin\", realm=\"$realm\", nonce=\"$nonce\", uri=\"/index.htm\", cnonce=\"c0ffee\", nc=00000001, qop=auth, response=\"$resp\""
BYPASS="Digest username=\"admin\", realm=\"$realm\", nonce=\"$nonce\", uri=\"/index.htm\", cnonce=\"c0ffee\", nc=00000001, qop=auth, response=\"\""
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $AUTH" "$URL")" = 200 ] || { echo "auth setup failed"; exit 1; }

run_wrk() {  # label, extra args...
  local label=$1; shift
  local out rps cpu0 cpu1
  cpu0=$(awk '{print $14+$15}' /proc/$EMU_PID/stat)
  out=$(wrk -t1 -c32 -d"${SECS}s" "$@" "$URL" 2>&1)
  cpu1=$(awk '{print $14+$15}' /proc/$EMU_PID/stat)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-38s %10s req/s   emulator CPU %5.1f%%   (non-2xx/3xx: %s)\n' "$label" "$rps" \
    "$(echo "($cpu1 - $cpu0) / $(getconf CLK_TCK) / $SECS * 100" | bc -l)" "${non2xx:-0}"
}
echo "== single host, wrk -t1 -c32 -d${SECS}s, $(nproc) cores shared with wrk"
run_wrk "401 path (new connection each)"
run_wrk "200 authenticated (password, keep-alive)" -H "Authorization: $AUTH"
run_wrk "200 bypass (empty response, keep-alive)" -H "Authorization: $BYPASS"
kill -TERM "$EMU_PID"; wait "$EMU_PID" 2>/dev/null || true
echo "   summary: $(tail -1 "$WORK/one.err")"

B=$((150 + RANDOM % 50))
echo "{\"hosts\": [{\"address\": \"127.$B.0.1\", \"count\": 4096, \"firmware\": \"8.1.40\"}]}" > "$WORK/fleet.json"
t0=$(date +%s.%N)
"$AMTSCOPE" emulate --fleet "$WORK/fleet.json" 2>"$WORK/fleet.err" & PIDS+=($!)
wait_listening "$WORK/fleet.err"
t1=$(date +%s.%N)
FPID=${PIDS[-1]}
echo "== 4,096-host fleet (8,192 listeners)"
printf 'start-up until listening: %.2f s\n' "$(echo "$t1 - $t0" | bc -l)"
echo "VmRSS idle:                $(awk '/VmRSS/ {print $2, $3}' /proc/$FPID/status)"
# One request per host (curl reuses nothing across hosts), 64 at a time.
for i in $(seq 0 4095); do printf 'url = "http://127.%s.%s.%s:16992/index.htm"\noutput = "/dev/null"\n' "$B" $(((i + 1) / 256)) $(((i + 1) % 256)); done > "$WORK/urls"
curl -s --parallel --parallel-max 64 -K "$WORK/urls" || true
echo "VmRSS after 1 request/host: $(awk '/VmRSS/ {print $2, $3}' /proc/$FPID/status)"
