#!/usr/bin/env bash
# amttool (EOI SOAP, AMT < 9) against an old profile: `info` prints the
# version with the right password and fails with a wrong one.
source "$(dirname "$0")/emulate_lib.sh"
need amttool
perl -MSOAP::Lite -e 1 2>/dev/null || skip "perl SOAP::Lite not installed (libsoap-lite-perl)"
HOST=$(random_addr)
start_emu old --listen "$HOST" --ports 16992 --firmware 7.1.91 --mode patched --admin-password 'Adm1n!pw'
AMT_PASSWORD='Adm1n!pw' timeout 30 amttool "$HOST:16992" info > "$WORK/info.txt" 2>&1
cat "$WORK/info.txt"
grep -q "AMT version:  7.1.91" "$WORK/info.txt" || fail "amttool did not read the version"
grep -q "Powerstate:" "$WORK/info.txt" || fail "amttool did not read the power state"
if AMT_PASSWORD='wrong' timeout 30 amttool "$HOST:16992" info > "$WORK/bad.txt" 2>&1 &&
   grep -q "AMT version:  7" "$WORK/bad.txt"; then
  fail "amttool got in with a wrong password"
fi
echo PASS
