#!/usr/bin/env bash
# A 4,096-host fleet (8,192 listeners) on 127.x starts from one process in
# seconds and every host class answers; bad configs exit 2, bind failures 3.
source "$(dirname "$0")/emulate_lib.sh"
B=$BLOCK  # fixed /24s below 100 of this test's block (emulate_lib.sh)
cat > "$WORK/fleet.json" <<JSON
{"seed": 42, "hosts": [
  {"address": "127.$B.0.1", "count": 4000, "firmware": "8.1.40", "mode": "vulnerable"},
  {"address": "127.$B.20.1", "count": 32, "firmware": "11.6.27.3264", "mode": "patched"},
  {"address": "127.$B.21.1", "count": 32, "firmware": "11.0.25", "bare_banner": true},
  {"address": "127.$B.22.1", "count": 16, "firmware": "9.0.3", "product": "ism"},
  {"address": "127.$B.23.1", "count": 16, "firmware": "11.8.50.3425", "web_ui": false}
]}
JSON
start=$(date +%s.%N)
start_emu fleet --fleet "$WORK/fleet.json"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
echo "4096-host fleet listening after ${elapsed}s: $(cat "$WORK/fleet.err")"
grep -q "listening on 8192 endpoints of 4096 hosts" "$WORK/fleet.err" || fail "wrong endpoint count"
server() { curl -s -m 5 -o /dev/null -D - "http://$1:16992/index.htm" | tr -d '\r' | sed -n 's/^Server: //p'; }
[ "$(server 127.$B.0.1)" = "Intel(R) Active Management Technology 8.1.40" ] || fail "first host"
[ "$(server 127.$B.15.159)" = "Intel(R) Active Management Technology 8.1.40" ] || fail "4000th host"
[ "$(server 127.$B.20.1)" = "Intel(R) Active Management Technology 11.6.27" ] || fail "patched host"
[ "$(server 127.$B.21.5)" = "AMT" ] || fail "bare banner host"
[ "$(server 127.$B.22.16)" = "Intel(R) Standard Manageability 9.0.3" ] || fail "ISM host"
[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.$B.23.3:16992/index.htm")" = 404 ] || fail "web-UI-off host"
[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST "http://127.$B.23.3:16992/wsman")" = 401 ] || fail "wsman on web-UI-off host"
[ "$(curl -sk -m 5 -o /dev/null -w '%{http_code}' "https://127.$B.23.16:16993/logon.htm")" = 404 ] || fail "TLS on last host"
# A sample of 256 hosts all answer 401 on both ports.
for i in $(seq 0 15 3999); do
  a="127.$B.$(((i + 1) / 256)).$(((i + 1) % 256))"
  [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://$a:16992/index.htm")" = 401 ] || fail "$a not answering"
done

# Configuration errors: exit 2 with one line; bind failure: exit 3 with a hint.
set +e
"$AMTSCOPE" emulate --listen 127.0.0.9 --firmware nonsense 2>"$WORK/e1"; rc=$?
[ $rc = 2 ] && [ "$(wc -l < "$WORK/e1")" = 1 ] || fail "bad firmware: rc $rc: $(cat "$WORK/e1")"
echo '[{"address": "127.0.0.9"}]' > "$WORK/bad.json"
"$AMTSCOPE" emulate --fleet "$WORK/bad.json" 2>"$WORK/e2"; rc=$?
[ $rc = 2 ] && grep -q 'missing "firmware"' "$WORK/e2" || fail "bad fleet: rc $rc: $(cat "$WORK/e2")"
"$AMTSCOPE" emulate --listen 198.18.0.99 --firmware 8.1.40 2>"$WORK/e3"; rc=$?
[ $rc = 3 ] && grep -q "ip addr add" "$WORK/e3" || fail "bind failure: rc $rc: $(cat "$WORK/e3")"
"$AMTSCOPE" emulate --listen "127.$B.0.1" --firmware 8.1.40 2>"$WORK/e4"; rc=$?
[ $rc = 3 ] && grep -qi "in use" "$WORK/e4" || fail "address in use: rc $rc: $(cat "$WORK/e4")"

# The sample fleet the README's scan examples use (moved to 127.$B.99.x so it
# cannot clash with other tests) gives the README's summary line.
sed "s/127\.43\.0\./127.$B.99./" "$(dirname "$0")/../examples/fleet.json" >"$WORK/example.json"
start_emu example --fleet "$WORK/example.json"
"$AMTSCOPE" scan "127.$B.99.1-4" --timeout 2s -q >"$WORK/example.out" || fail "scan of the example fleet"
# AMT's default ports (issue 15): 4 hosts x TCP 623,664,16992,16993 = 16
# probes; 5 web ports, plus 4 RMCP pongs (623/udp) and 5 redirection
# ports (16994 on all four, 16995 beside the one TLS host) = 14 AMT records.
grep -q "^Done: 16 address:port probes in .* s; 14 open ports, 14 AMT, 4 vulnerable\.$" "$WORK/example.out" ||
  fail "example fleet: $(cat "$WORK/example.out")"
[ "$(grep -c ' 623/udp ' "$WORK/example.out")" = 4 ] || fail "example fleet: RMCP rows: $(cat "$WORK/example.out")"
"$AMTSCOPE" scan "127.$B.99.1-4" -p 16992,16993 --timeout 2s -q >"$WORK/web.out" || fail "web-port scan"
grep -q "^Done: 8 address:port probes in .* s; 5 open ports, 5 AMT, 4 vulnerable\.$" "$WORK/web.out" ||
  fail "example fleet, web ports: $(cat "$WORK/web.out")"
echo PASS
