#!/usr/bin/env bash
# nmap-style outputs of `amtscope scan` (issue 9): -oA/-oX/-oG/-oN/-oJ take a
# FILE that is never scanned as a target, several outputs in one run, -o
# infers the format from the extension, and an unknown single-dash word is an
# error. Loopback only: one emulator on a random 127.x address.
source "$(dirname "$0")/emulate_lib.sh"
need jq
HOST=$(random_addr)
start_emu vuln --listen "$HOST" --firmware 8.1.40 --mode vulnerable
cd "$WORK"
scan() { "$AMTSCOPE" scan "$HOST" -p 16992 -q --timeout 2s "$@"; }

# -oA with a name that resolves: four files, the table still on stdout, and
# only $HOST probed ("localhost" is a file name, not a target).
scan -oA localhost >stdout.txt 2>err.txt || fail "-oA rc=$?: $(cat err.txt)"
for ext in nmap xml gnmap ndjson; do
  [ -s "localhost.$ext" ] || fail "-oA wrote no localhost.$ext"
done
[ ! -e A ] || fail "-oA wrote a file named A"
grep -q "^$HOST  *16992 .* vulnerable " stdout.txt || fail "no table on stdout: $(cat stdout.txt)"
grep -q "Done: 1 address:port probe in" localhost.nmap || fail "more than $HOST was scanned: $(cat localhost.nmap)"
[ "$(grep -c '"type":"port"' localhost.ndjson)" = 1 ] || fail "ndjson: $(cat localhost.ndjson)"
tail -1 localhost.ndjson | grep -q '^{"type":"summary","start":".*","arguments":"amtscope scan .* -oA localhost","seed":[1-9]' ||
  fail "ndjson summary: $(tail -1 localhost.ndjson)"
grep -q "\"ip\":\"$HOST\",\"port\":16992" localhost.ndjson || fail "ndjson lacks $HOST"
grep -q "^<nmaprun scanner=\"amtscope\"" localhost.xml || fail "localhost.xml is not nmap XML"
[ "$(grep -c '<address ' localhost.xml)" = 1 ] || fail "xml has other hosts"
# greppable, as `grep /open/` and nmap-parsing scripts read it
grep -qP "^Host: \Q$HOST\E \(\)\tStatus: Up$" localhost.gnmap || fail "gnmap status: $(cat localhost.gnmap)"
grep -qP "^Host: \Q$HOST\E \(\)\tPorts: 16992/open/tcp//amt-soap-http//Intel Active Management Technology 8\.1\.40[.0-9]* \(CVE-2017-5689: vulnerable\)/$" \
  localhost.gnmap || fail "gnmap ports: $(cat localhost.gnmap)"
grep -q "^# amtscope done at .* -- 1 IP address (1 host up) scanned in" localhost.gnmap || fail "gnmap summary"

# Each nmap flag with its own format; no file named X/G/N/J.
scan -oX x.xml -oG g.out -oN n.out -oJ j.out >/dev/null 2>err.txt || fail "-oX... rc=$?: $(cat err.txt)"
head -1 x.xml | grep -q '^<?xml' || fail "-oX did not write XML"
grep -q "^Host: $HOST" g.out || fail "-oG did not write greppable lines"
grep -q "^IP  *PORT" n.out || fail "-oN did not write the table"
grep -q "^{\"type\":\"port\",\"ip\":\"$HOST\"" j.out || fail "-oJ did not write NDJSON"
for f in X G N J; do [ ! -e "$f" ] || fail "a file named $f was written"; done

# -o FILE: the format follows the extension; --format still wins.
scan -o out.xml && head -1 out.xml | grep -q '^<?xml' || fail "-o out.xml is not XML: $(head -2 out.xml)"
scan -o out.csv && head -1 out.csv | grep -q '^ip,port,' || fail "-o out.csv is not CSV"
scan -o out.json && grep -q "^{\"type\":\"port\",\"ip\":\"$HOST\"" out.json || fail "-o out.json is not NDJSON"
scan -o out.txt && grep -q '^IP  *PORT' out.txt || fail "-o out.txt is not the table"
scan -o forced.xml --format csv && head -1 forced.xml | grep -q '^ip,port,' || fail "--format did not win"
scan -oX - >stdout.xml && head -1 stdout.xml | grep -q '^<?xml' || fail "-oX - did not write XML to stdout"

# nmap XML: valid against nmap's DTD (the one allowed difference is
# scanner="amtscope"), counts addresses not address:port probes, records the
# full command line and how ports were found; ndiff reads and diffs it.
validate() {
  if command -v xmllint >/dev/null; then  # libxml2-utils; lxml is often absent
    sed 's/scanner="amtscope"/scanner="nmap"/' "$1" >"$1.nmap"
    xmllint --noout --dtdvalid /usr/share/nmap/nmap.dtd "$1.nmap"
    return
  fi
  python3 - "$1" <<'PY'
import sys
from lxml import etree
dtd = etree.DTD('/usr/share/nmap/nmap.dtd')
text = open(sys.argv[1], 'rb').read().replace(b'scanner="amtscope"', b'scanner="nmap"', 1)
if not dtd.validate(etree.fromstring(text)):
    sys.exit(str(dtd.error_log.filter_from_errors()))
PY
}
"$AMTSCOPE" scan "$HOST/30" -p 16992,16993 -q --timeout 2s -sT -oX range.xml >/dev/null || fail "range scan"
grep -q '<hosts up="1" down="3" total="4"/>' range.xml || fail "host counts: $(grep '<hosts' range.xml)"
grep -q '; 4 IP addresses (1 host up) scanned' range.xml || fail "summary: $(grep summary= range.xml)"
grep -q '<scaninfo type="connect" ' range.xml || fail "-sT not recorded"
scan --passive --rate 100 -oX passive.xml >/dev/null || fail "passive scan"
grep -q "args=\"amtscope scan $HOST -p 16992 -q --timeout 2s --passive --rate 100 -oX passive.xml\"" passive.xml ||
  fail "args: $(grep -o 'args="[^"]*"' passive.xml)"
# --reason reaches every format: nmap's <state reason=...> in XML (still
# DTD-valid, below); in NDJSON and CSV reason_code comes after the older
# fields, then cert_sha256 and issue 15's proto, provisioning, redirection, exposures.
scan --reason -oX reason.xml -oJ reason.ndjson -o reason.csv >/dev/null || fail "--reason -oX"
grep -q '<state state="open" reason="empty-digest-200/wrong-401" reason_ttl="0"/>' reason.xml ||
  fail "xml reason: $(grep -o '<state [^>]*>' reason.xml)"
grep -q '"control_status":401,"reason_code":"empty-digest-200/wrong-401","cert_sha256":null,"proto":"tcp",' reason.ndjson ||
  fail "ndjson reason_code: $(cat reason.ndjson)"
head -1 reason.csv | grep -q ',control_status,reason_code,cert_sha256,proto,provisioning,redirection,exposures.$' &&
  grep -q ',200,401,empty-digest-200/wrong-401,,tcp,' reason.csv || fail "csv reason_code: $(cat reason.csv)"
grep -q 'reason="syn-ack"' x.xml || fail "xml without --reason: $(grep -o '<state [^>]*>' x.xml)"
if [ "$(id -u)" != 0 ]; then
  not_checked "-sS recorded in XML (needs root)"
else
  scan -sS -oX syn.xml >/dev/null || fail "-sS as root"
  grep -q '<scaninfo type="syn" ' syn.xml || fail "SYN discovery not recorded: $(grep scaninfo syn.xml)"
fi
if [ ! -r /usr/share/nmap/nmap.dtd ]; then
  not_checked "XML against nmap's DTD (no /usr/share/nmap/nmap.dtd: nmap-common)"
elif ! { command -v xmllint || python3 -c 'import lxml'; } >/dev/null 2>&1; then
  not_checked "XML against nmap's DTD (neither xmllint nor python3 lxml)"
else
  for f in localhost.xml range.xml passive.xml x.xml reason.xml; do validate "$f" || fail "$f does not validate"; done
fi
if ! command -v ndiff >/dev/null; then
  not_checked "ndiff reads the XML (ndiff not installed)"
else
  ndiff localhost.xml x.xml >ndiff.same; [ $? = 0 ] || fail "ndiff of two equal scans: $(cat ndiff.same)"
  ndiff localhost.xml passive.xml >ndiff.out; rc=$?
  [ "$rc" = 1 ] && grep -q '^-.*State: VULNERABLE' ndiff.out || fail "ndiff rc=$rc: $(cat ndiff.out)"
fi

# Unknown single-dash words: exit 2, one line, nothing scanned or written.
for bad in -oL -Pn -sV -ox.xml; do
  scan "$bad" list.txt >stdout.txt 2>err.txt; rc=$?
  [ "$rc" = 2 ] || fail "$bad: rc=$rc"
  [ "$(wc -l <err.txt)" = 1 ] && grep -q "^amtscope: unknown option '$bad' (hint: " err.txt || fail "$bad: $(cat err.txt)"
  [ ! -s stdout.txt ] && [ ! -e list.txt ] || fail "$bad: something was scanned or written"
done
# The large-scan guard counts probes: a /8 on two ports (2^25 probes, 2^24
# addresses) is refused before anything is sent, with the time it would take.
# (--rate 1 and timeout: should the guard fail, a few loopback probes only.)
timeout 10 "$AMTSCOPE" scan 127.0.0.0/8 -p 16992,16993 --rate 1 -q >stdout.txt 2>err.txt; rc=$?
[ "$rc" = 2 ] || fail "/8 x 2 ports: rc=$rc: $(cat err.txt)"
grep -q "^amtscope: 33554432 probes (16777216 addresses x 2 ports), more than 2^24 (16777216); about 9320h40m at --rate 1 (hint: add --confirm-large" err.txt ||
  fail "/8 x 2 ports: $(cat err.txt)"
[ ! -s stdout.txt ] || fail "/8 x 2 ports: output was started"
# --reason adds a REASON column from the recorded statuses; -v prints each
# request's status and the deciding headers on stderr (stdout unchanged).
scan --reason >reason.txt 2>err.txt || fail "--reason rc=$?: $(cat err.txt)"
grep -q "^IP  *PORT .* ADVISORIES  *REASON  *NOTE$" reason.txt || fail "--reason header: $(head -1 reason.txt)"
grep -q "^$HOST  *16992 .* vulnerable .* empty-digest-200/wrong-401  *empty Digest" reason.txt ||
  fail "--reason row: $(cat reason.txt)"
scan --reason --passive >reason.txt 2>err.txt || fail "--reason --passive rc=$?"
grep -q " version 8\.1\.40 undecided " reason.txt || fail "--reason --passive: $(cat reason.txt)"
scan -v >verbose.txt 2>err.txt || fail "-v rc=$?: $(cat err.txt)"
grep -q "^$HOST:16992 GET /index.htm (no credentials) -> 401; Server: Intel(R) Active Management Technology 8\.1\.40[.0-9]*; WWW-Authenticate realm=\"Digest:" err.txt ||
  fail "-v first request: $(cat err.txt)"
grep -q "^$HOST:16992 GET /index.htm (Digest, empty response) -> 200 with an AMT page$" err.txt || fail "-v bypass: $(cat err.txt)"
grep -q "^$HOST:16992 GET /index.htm (Digest, wrong response) -> 401$" err.txt || fail "-v control: $(cat err.txt)"
grep -q "^$HOST:16992 verdict vulnerable (basis bypass): " err.txt || fail "-v verdict: $(cat err.txt)"
! grep -q "REASON\|(Digest" verbose.txt || fail "-v wrote evidence to stdout"
scan -v --echo | grep -q "^verbose = true$" || fail "-v not echoed"
# -vv / --packet-trace / -v -v: every HTTP exchange on stderr, each line
# prefixed by IP:PORT, plus the -v evidence; stdout and -o stay as they were.
scan -o plain.ndjson >plain.txt 2>/dev/null || fail "plain scan"
for vv in -vv --packet-trace "-v -v"; do
  # shellcheck disable=SC2086
  scan $vv -o traced.ndjson >traced.txt 2>err.txt || fail "$vv rc=$?: $(cat err.txt)"
  grep -q "^$HOST:16992 > GET /index.htm HTTP/1.1$" err.txt || fail "$vv request line: $(cat err.txt)"
  grep -q "^$HOST:16992 > Host: $HOST:16992$" err.txt || fail "$vv request header: $(cat err.txt)"
  grep -q "^$HOST:16992 > Authorization: Digest username=\"admin\"" err.txt || fail "$vv digest request: $(cat err.txt)"
  grep -q "^$HOST:16992 < HTTP/1.1 401 " err.txt && grep -q "^$HOST:16992 < HTTP/1.1 200 " err.txt ||
    fail "$vv status lines: $(cat err.txt)"
  grep -q "^$HOST:16992 < WWW-Authenticate: Digest realm=" err.txt || fail "$vv response header: $(cat err.txt)"
  grep -q "^$HOST:16992 < (body [0-9]* bytes" err.txt || fail "$vv body: $(cat err.txt)"
  grep -q "^$HOST:16992 verdict vulnerable (basis bypass): " err.txt || fail "$vv without the -v evidence"
  ! grep -v "^$HOST:16992 " err.txt | grep -q . || fail "$vv: a line without IP:PORT: $(grep -v "^$HOST:16992 " err.txt)"
  ! grep -q "^$HOST:16992 [<>*!] " traced.txt || fail "$vv wrote the trace to stdout"
  [ "$(sed 's/ in [0-9.]* s;/;/' traced.txt)" = "$(sed 's/ in [0-9.]* s;/;/' plain.txt)" ] ||
    fail "$vv changed stdout: $(diff plain.txt traced.txt)"
  [ "$(jq -c 'del(.time,.start,.end,.arguments,.seed)' traced.ndjson)" = "$(jq -c 'del(.time,.start,.end,.arguments,.seed)' plain.ndjson)" ] ||
    fail "$vv changed -o: $(diff plain.ndjson traced.ndjson)"
done
scan -v 2>err.txt >/dev/null && ! grep -q "^$HOST:16992 > " err.txt || fail "-v alone traced the exchanges"
pass "nmap-style outputs, large-scan guard, --reason, -v, -vv"
