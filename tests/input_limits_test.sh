#!/usr/bin/env bash
# Hostile inputs (issue 10 items 4-6, issue 9 item 12): endless and huge files
# are bounded, directories and ports are named, errors are one short escaped
# line, check's report never passes control bytes to the terminal, and
# unreadable files of a captured tree are reported with their path. No
# network traffic: every scan here fails before it starts.
set -u
A=${1:?usage: $0 AMTSCOPE_BINARY}
SRC=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$W"

# run NAME CMD...: bounded by timeout; sets rc, leaves NAME.out/NAME.err.
run() { local n=$1; shift; rc=0; timeout 20 "$@" >"$n.out" 2>"$n.err" || rc=$?; }
one_clean_line() {  # NAME: exit 2, one line, short, no control bytes
  [ "$rc" = 2 ] || fail "$1: exit $rc: $(head -c 300 "$1.err")"
  [ "$(wc -l < "$1.err")" = 1 ] || fail "$1: $(wc -l < "$1.err") lines on stderr"
  [ "$(wc -c < "$1.err")" -lt 1000 ] || fail "$1: $(wc -c < "$1.err") bytes on stderr"
  ! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' < "$1.err") || fail "$1: control bytes on stderr"
  grep -q '^amtscope: .*(hint: ' "$1.err" || fail "$1: no prefix/hint: $(cat "$1.err")"
}

printf '127.0.0.1\a\b\033]0;PWNED\a\n' > bin.txt
run bin "$A" scan -iL bin.txt -q; one_clean_line bin
head -c $((20 << 20)) /dev/zero | tr '\0' 1 > long.txt; echo >> long.txt
run long "$A" scan -iL long.txt -q; one_clean_line long
run zero "$A" scan -iL /dev/zero -q; one_clean_line zero
run xzero "$A" scan 127.0.0.1 --excludefile /dev/zero -q; one_clean_line xzero
run azero "$A" --advisories /dev/zero advisories list; one_clean_line azero
run fzero "$A" emulate --fleet /dev/zero; one_clean_line fzero
run dir "$A" scan -iL "$W" -q; one_clean_line dir
grep -q "is a directory" dir.err || fail "-iL DIR: $(cat dir.err)"
run adir "$A" --advisories "$W" advisories list; one_clean_line adir
{ printf '{"advisories":[{"id":"'; head -c $((4 << 20)) /dev/zero | tr '\0' A; } > adv_huge.json
run ahuge "$A" --advisories adv_huge.json advisories list; one_clean_line ahuge
grep -q "is a directory" adir.err || fail "--advisories DIR: $(cat adir.err)"
run hp "$A" scan 127.0.0.1:16992 -q; one_clean_line hp
grep -q "ports go in -p" hp.err || fail "host:port: $(cat hp.err)"
run url "$A" scan http://127.0.0.1/ -q; one_clean_line url
run ex "$A" scan 127.0.0.1 --exclude 127.0.0.300 -q; one_clean_line ex
grep -q "bad exclude '127.0.0.300'" ex.err || fail "bad exclude: $(cat ex.err)"
printf '\xef\xbb\xbf127.0.0.1\n' > bom.txt
run bom "$A" scan -iL bom.txt --exclude 127.0.0.1 -q  # parsed, then all excluded
grep -q "every target is excluded" bom.err || fail "BOM list: $(cat bom.err)"

# A database given with --advisories is input too: its text is escaped.
sed '0,/"title": "/s//"title": "\\u001b]0;PWNED\\u0007\\u001b[2J/' "$SRC/data/advisories.json" > adv_esc.json
run advesc "$A" --advisories adv_esc.json advisories list
[ "$rc" = 0 ] || fail "advisories list with an escaped title: exit $rc: $(cat advesc.err)"
grep -q 'PWNED' advesc.out || fail "the test title did not load"
! grep -q $'\x1b' advesc.out || fail "advisories list: ESC on stdout"

# check --root: escapes in fw_ver never reach the terminal; unreadable files
# are reported with their path.
F=$SRC/tests/fixtures/machines/hp-elitebook-850-g3
if [ -d "$F" ]; then
  cp -r "$F" esc && rm -f esc/amtscope-mei.txt
  printf '0:\033]0;PWNED\007\033[2J\033[31mRED 11.0.25.3001\n' > esc/sys/class/mei/mei0/fw_ver
  run esc "$A" check --root esc
  [ "$rc" = 0 ] || fail "check --root esc: exit $rc: $(cat esc.err)"
  ! grep -q $'\x1b' esc.out || fail "check --root esc: ESC on stdout"
  grep -q 'PWNED' esc.out || fail "check --root esc: the malformed line is not shown escaped"
  cp -r "$F" dirfile && rm -f dirfile/amtscope-mei.txt dirfile/sys/class/mei/mei0/fw_ver
  mkdir dirfile/sys/class/mei/mei0/fw_ver
  run dirfile "$A" check --root dirfile
  grep -q "dirfile/sys/class/mei/mei0/fw_ver" dirfile.out || fail "unreadable fw_ver not reported: $(cat dirfile.out)"
fi
echo "PASS: inputs are bounded, named and escaped"
