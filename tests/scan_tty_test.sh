#!/usr/bin/env bash
# The scan table on a terminal (issue 9 item 14): `vulnerable` in bold red and
# the NOTE cut with "…" to the width only when stdout is a TTY (a pseudo-TTY
# from util-linux `script`); NO_COLOR turns the colour off; a pipe or a file
# gets plain text and whole notes. Loopback only: one emulator.
source "$(dirname "$0")/emulate_lib.sh"
need script
set -o pipefail
HOST=$(random_addr)
start_emu vuln --listen "$HOST" --firmware 8.1.40 --mode vulnerable
cd "$WORK"
CMD="$AMTSCOPE scan $HOST -p 16992 -q --timeout 2s"
ESC=$'\e'
RED="${ESC}[1;31mvulnerable${ESC}[0m"
# on_tty ENV... : runs the scan on a pseudo-TTY; its output without the CRs.
on_tty() { env "$@" script -qec "$CMD" /dev/null </dev/null | tr -d '\r'; }

on_tty TERM=xterm COLUMNS=100 >tty.txt || fail "scan on a tty rc=$?: $(cat tty.txt)"
grep -qF "$RED" tty.txt || fail "vulnerable not coloured on a tty: $(cat -v tty.txt)"
grep -q "^$HOST .*…$" tty.txt || fail "note not cut on a tty: $(cat -v tty.txt)"
sed "s/${ESC}\[[0-9;]*m//g; s/…/./g" tty.txt | while IFS= read -r line; do
  [ "${#line}" -le 100 ] || fail "line wider than COLUMNS=100: $line"
done || exit 1

for off in NO_COLOR=1 NO_COLOR=0 TERM=dumb; do
  on_tty TERM=xterm COLUMNS=100 "$off" >plain.txt || fail "$off rc=$?"
  grep -q "$ESC" plain.txt && fail "$off still coloured: $(cat -v plain.txt)"
  grep -q "^$HOST .* vulnerable .*…$" plain.txt || fail "$off: $(cat plain.txt)"
done
# NO_COLOR set but empty does not count (no-color.org).
on_tty TERM=xterm COLUMNS=100 NO_COLOR= >empty.txt
grep -qF "$RED" empty.txt || fail "empty NO_COLOR disabled colour"

# Piped, or a file written from a terminal: no escape codes, whole notes.
COLUMNS=60 TERM=xterm $CMD >piped.txt || fail "piped rc=$?"
grep -q "$ESC" piped.txt && fail "colour in a pipe: $(cat -v piped.txt)"
grep -q "…" piped.txt && fail "note cut in a pipe: $(cat piped.txt)"
grep -q "^$HOST .* vulnerable .* refused (401)" piped.txt || fail "piped: $(cat piped.txt)"
CMD="$CMD -o table.txt" on_tty TERM=xterm COLUMNS=100 >/dev/null || fail "-o on a tty"
grep -q "$ESC" table.txt && fail "colour in -o file: $(cat -v table.txt)"
grep -q "…" table.txt && fail "note cut in -o file"
grep -q "^$HOST .* vulnerable .* refused (401)" table.txt || fail "-o file: $(cat table.txt)"
echo PASS
