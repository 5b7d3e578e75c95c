#!/bin/bash
# The shipped logrotate file (deploy/logrotate/amtscope) with the real
# logrotate: its paths point at this test's directory and its postrotate's
# `systemctl kill --signal=HUP` becomes `kill -HUP` of the test's emulator;
# everything else is as shipped. After a forced rotation the old events are
# in the rotated file, new ones in a fresh file, the server is alive.
source "$(dirname "$0")/emulate_lib.sh"
need logrotate
need curl
SRC=${AMTSCOPE_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
HOST=$(random_addr)
mkdir -p "$WORK/log"
start_emu lr --listen "$HOST" --ports 16992 --firmware 8.1.40 --log "$WORK/log/honeypot.ndjson"
PID=${EMU_PIDS[-1]}
curl -s -o /dev/null "http://$HOST:16992/index.htm"
sleep 0.2
kill -HUP "$PID"  # flushes the line to the file before logrotate looks
sleep 0.2
sed -e "s|/var/log/amtscope|$WORK/log|" \
    -e "s|systemctl kill --signal=HUP --kill-whom=main amtscope-honeypot.service|kill -HUP $PID|" \
    "$SRC/deploy/logrotate/amtscope" >"$WORK/logrotate.conf"
grep -q "kill -HUP $PID" "$WORK/logrotate.conf" || fail "the shipped postrotate line changed; update this test"
logrotate -f -s "$WORK/state" "$WORK/logrotate.conf" 2>"$WORK/lr.err" || { cat "$WORK/lr.err" >&2; fail "logrotate"; }
sleep 0.3
kill -0 "$PID" 2>/dev/null || fail "rotation stopped the server"
[ -s "$WORK/log/honeypot.ndjson.1" ] || fail "no rotated file: $(ls "$WORK/log")"
grep -q '"path":"/index.htm"' "$WORK/log/honeypot.ndjson.1" || fail "old events not in the rotated file"
curl -s -o /dev/null "http://$HOST:16992/logon.htm"
kill -TERM "$PID"; wait "$PID"
grep -q '"path":"/logon.htm"' "$WORK/log/honeypot.ndjson" || fail "new events not in the new file"
grep -q '"path":"/logon.htm"' "$WORK/log/honeypot.ndjson.1" && fail "new events went to the rotated file"
pass "logrotate rotates, HUP reopens, the server lives"
