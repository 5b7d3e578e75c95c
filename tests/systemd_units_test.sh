#!/bin/bash
# The systemd units (deploy/systemd, docs/honeypot-service.md):
# `systemd-analyze verify` prints nothing for any of them, and the
# honeypot's `systemd-analyze security --offline=yes` exposure is 2.0 or
# better. Skips when systemd-analyze lacks --offline (systemd < 252).
source "$(dirname "$0")/emulate_lib.sh"
need systemd-analyze
SRC=${AMTSCOPE_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
systemd-analyze security --help 2>/dev/null | grep -q -- "--offline" || skip "systemd-analyze has no --offline"
# verify resolves ExecStart: a root with the binary where the units say.
ROOT=$WORK/root
mkdir -p "$ROOT/usr/bin" "$ROOT/etc/systemd/system" "$ROOT/etc/amtscope"
cp "$AMTSCOPE" "$ROOT/usr/bin/amtscope"
# The machine's own units (sysinit.target ...) and kill(1) for ExecReload.
mkdir -p "$ROOT/usr/lib/systemd" "$ROOT/bin"
cp -r /usr/lib/systemd/system "$ROOT/usr/lib/systemd/"
cp /bin/kill "$ROOT/bin/kill" 2>/dev/null || cp /usr/bin/kill "$ROOT/bin/kill"
cp "$SRC"/deploy/systemd/* "$ROOT/etc/systemd/system/"
printf 'TARGETS=198.18.0.0/24\n' >"$ROOT/etc/amtscope/scan-site.conf"
cp "$ROOT/etc/systemd/system/amtscope-scan@.service" "$ROOT/etc/systemd/system/amtscope-scan@site.service"
cp "$ROOT/etc/systemd/system/amtscope-scan@.timer" "$ROOT/etc/systemd/system/amtscope-scan@site.timer"
cd "$ROOT/etc/systemd/system"
for unit in amtscope-honeypot.service amtscope-scan@site.service amtscope-scan@site.timer; do
  systemd-analyze verify --man=no --root="$ROOT" "$unit" >"$WORK/verify.txt" 2>&1 || true
  # Lines about units outside ours (the machine's own) are not ours to fix.
  grep -i "amtscope" "$WORK/verify.txt" | grep -v "^$" >"$WORK/ours.txt"
  [ -s "$WORK/ours.txt" ] && { cat "$WORK/ours.txt" >&2; fail "systemd-analyze verify $unit"; }
done
systemd-analyze security --offline=yes --root="$ROOT" amtscope-honeypot.service >"$WORK/security.txt" 2>&1 ||
  true
score=$(sed -n 's/.*Overall exposure level for amtscope-honeypot.service: \([0-9.]*\).*/\1/p' "$WORK/security.txt")
[ -n "$score" ] || { cat "$WORK/security.txt" >&2; fail "no exposure score"; }
echo "amtscope-honeypot.service exposure: $score"
awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }' || { grep "✗" "$WORK/security.txt" >&2; fail "exposure $score above 2.0"; }
scan=$(systemd-analyze security --offline=yes --root="$ROOT" amtscope-scan@site.service 2>&1 |
  sed -n 's/.*Overall exposure level for amtscope-scan@site.service: \([0-9.]*\).*/\1/p')
echo "amtscope-scan@site.service exposure: ${scan:-?}"
pass "units verify clean; honeypot exposure $score"
