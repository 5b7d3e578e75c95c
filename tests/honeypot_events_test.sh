#!/bin/bash
# The honeypot as a service (docs/honeypot-service.md): every event names
# its sensor and has a unique id, goes to the file and to stdout
# (--log-stdout, journald); SIGHUP (sent from another process, like
# logrotate's postrotate) reopens a renamed log and never stops the server;
# --alert-exec gets each bypass attempt's JSON on stdin, rate-limited, and a
# command that hangs neither blocks the server nor outlives its timeout;
# --syslog reaches a syslog socket (in a private mount namespace, as root).
source "$(dirname "$0")/emulate_lib.sh"
need curl
need python3
HOST=$(random_addr)
bypass() {  # the CVE-2017-5689 form: an empty Digest response
  local hdr realm nonce
  hdr=$(curl -s -D - -o /dev/null "http://$HOST:16992/index.htm" | tr -d '\r' | grep WWW-Authenticate)
  realm=$(sed -E 's/.*realm="([^"]*)".*/\1/' <<<"$hdr")
  nonce=$(sed -E 's/.*nonce="([^"]*)".*/\1/' <<<"$hdr")
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Digest username=\"admin\", realm=\"$realm\", nonce=\"$nonce\", uri=\"/index.htm\", response=\"\", qop=auth, nc=00000001, cnonce=\"x\"" "http://$HOST:16992/index.htm"
}
# The alert command records its input, then hangs far past its timeout.
cat >"$WORK/alert.sh" <<ALERT
#!/bin/sh
cat >>"$WORK/alerts.ndjson"
echo started >>"$WORK/alert-runs"
sleep 31.7
echo finished >>"$WORK/alert-runs"
ALERT
chmod +x "$WORK/alert.sh"
"$AMTSCOPE" emulate --listen "$HOST" --ports 16992 --firmware 8.1.40 --mode vulnerable \
  --log "$WORK/events.ndjson" --log-stdout --sensor lab-sensor-1 \
  --alert-exec "$WORK/alert.sh" --alert-rate 2 --alert-timeout 3s \
  >"$WORK/stdout.ndjson" 2>"$WORK/emu.err" &
PID=$!
EMU_PIDS+=("$PID")
for _ in $(seq 1 200); do grep -q "listening on" "$WORK/emu.err" && break; sleep 0.05; done
grep -q "listening on" "$WORK/emu.err" || fail "emulator did not start: $(cat "$WORK/emu.err")"

[ "$(bypass)" = 200 ] || fail "bypass not admitted"
# While the alert command hangs, the server answers at once, every time.
start=$(date +%s%N)
for i in $(seq 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$HOST:16992/index.htm")
  [ "$code" = 401 ] || fail "request $i during the alert got '$code'"
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "20 requests while the alert command hung: ${ms} ms"
pgrep -fx "sleep 31.7" >/dev/null || fail "the alert command was not running during the requests"
# More bypasses than --alert-rate 2 allows in a minute: the extra are dropped.
for i in 1 2 3; do [ "$(bypass)" = 200 ] || fail "bypass $i"; done
# The first command is killed at 3 s, the second (queued) then runs 3 s.
for _ in $(seq 1 100); do
  [ "$(grep -c started "$WORK/alert-runs" 2>/dev/null)" = 2 ] && ! pgrep -fx "sleep 31.7" >/dev/null && break
  sleep 0.1
done
[ "$(grep -c '"classification":"bypass-attempt"' "$WORK/alerts.ndjson")" = 2 ] ||
  fail "alerts: want 2 (rate 2/min), got $(grep -c . "$WORK/alerts.ndjson")"
grep -q finished "$WORK/alert-runs" && fail "an alert command outlived its timeout"
pgrep -fx "sleep 31.7" >/dev/null && fail "the alert command's process group survived the kill"

# SIGHUP from another process (as logrotate's postrotate), after a rename.
mv "$WORK/events.ndjson" "$WORK/events.ndjson.1"
python3 - "$PID" <<'PY' || fail "python could not signal"
import os, signal, sys
os.kill(int(sys.argv[1]), signal.SIGHUP)
PY
sleep 0.3
kill -0 "$PID" 2>/dev/null || fail "SIGHUP stopped the server"
curl -s -o /dev/null "http://$HOST:16992/logon.htm"
python3 -c "import os,signal,sys; os.kill(int(sys.argv[1]), signal.SIGHUP)" "$PID"
sleep 0.3
kill -0 "$PID" 2>/dev/null || fail "a second SIGHUP stopped the server"
kill -TERM "$PID"; wait "$PID"; rc=$?
[ "$rc" = 143 ] || fail "SIGTERM: exit $rc"
grep -q '"path":"/logon.htm"' "$WORK/events.ndjson" || fail "no event in the reopened log"
grep -q '"path":"/logon.htm"' "$WORK/events.ndjson.1" && fail "event after SIGHUP went to the renamed log"

# Every event: the sensor, a unique id; stdout carries the same events.
python3 - "$WORK/events.ndjson.1" "$WORK/events.ndjson" "$WORK/stdout.ndjson" <<'PY' || fail "event fields"
import json, sys
files = [[json.loads(l) for l in open(p)] for p in sys.argv[1:]]
logged = files[0] + files[1]
assert logged, "no events"
assert all(e["sensor"] == "lab-sensor-1" for e in logged), "sensor"
ids = [e["event_id"] for e in logged]
assert len(set(ids)) == len(ids), "event ids repeat"
assert sorted(ids) == sorted(e["event_id"] for e in files[2]), "stdout differs from the file"
print(f"{len(ids)} events, ids unique, e.g. {ids[0]}")
PY
grep -q "alerts: 2 run, 2 failed (2 timed out), 2 dropped" "$WORK/emu.err" ||
  fail "summary: $(tail -1 "$WORK/emu.err")"

# --syslog: a real datagram socket at /dev/log in a private mount namespace.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  cat >"$WORK/syslogd.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2] + ".ready", "w").close()
with open(sys.argv[2], "ab") as out:
    while True:
        out.write(s.recv(65536) + b"\n"); out.flush()
PY
  HOST2=$(random_addr)
  unshare -m bash -c '
    set -e
    W=$1; A=$2; H=$3
    mount --make-rprivate /
    mkdir -p "$W/olddev"; mount --rbind /dev "$W/olddev"
    mount -t tmpfs tmpfs /dev
    for d in null zero urandom random; do touch /dev/$d; mount --bind "$W/olddev/$d" /dev/$d; done
    python3 "$W/syslogd.py" /dev/log "$W/syslog.txt" & SP=$!
    for i in $(seq 50); do [ -e "$W/syslog.txt.ready" ] && break; sleep 0.1; done
    "$A" emulate --listen "$H" --ports 16992 --firmware 8.1.40 --syslog --sensor sl 2>"$W/sl.err" & EP=$!
    for i in $(seq 100); do grep -q "listening on" "$W/sl.err" && break; sleep 0.05; done
    curl -s -o /dev/null "http://$H:16992/index.htm"
    sleep 0.3; kill -TERM $EP; wait $EP || true; kill $SP
  ' _ "$WORK" "$AMTSCOPE" "$HOST2" || fail "syslog namespace"
  grep -q '^<30>.*amtscope-emulate\[[0-9]*\]: {.*"path":"/index.htm".*"sensor":"sl"' "$WORK/syslog.txt" ||
    fail "syslog: $(head -c 400 "$WORK/syslog.txt")"
else
  not_checked "--syslog (needs root for a private /dev/log)"
fi
pass "sensor, event ids, stdout, SIGHUP, alert-exec, syslog"
