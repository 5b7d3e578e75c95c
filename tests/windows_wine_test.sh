#!/usr/bin/env bash
# The Windows program under wine against the Linux one ($1), field by field
# (issue 16; docs/windows.md): the unit tests amtscope_win_tests.exe, then
# `advisories match --json`, `lookup --json` and `check --root TREE --json`
# for every captured tree in tests/fixtures/machines (Linux and Windows
# captures) must give the same JSON (only the timestamp differs), and
# `check --json` on this machine — no MEI device under wine — must be valid
# JSON with an honest unknown. Builds nothing: it needs the windows preset's
# build-windows/ (or $AMTSCOPE_WINDOWS_BUILD) and wine, else it skips (77).
set -uo pipefail
linux=${1:?usage: windows_wine_test.sh LINUX_AMTSCOPE}
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
win=${AMTSCOPE_WINDOWS_BUILD:-$src/build-windows}
exe=$win/amtscope.exe
command -v wine >/dev/null || { echo "SKIP: wine is not installed"; exit 77; }
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
[ -x "$exe" ] || { echo "SKIP: no $exe (cmake --preset windows && cmake --build --preset windows)"; exit 77; }

# A private prefix under the build directory, made once (wineboot is the slow
# part of wine: ~5 s); no debug chatter.
export WINEPREFIX=$win/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$WINEPREFIX" && wineboot -i >/dev/null 2>&1
fi
# Under wine, "/work/x" is Z:\work\x: the same paths work for both programs.
cd "$src" || exit 1

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- unit tests (codecs, SMBIOS parser, SCM logic with a fake, check logic
# with the fake ME)
if [ -x "$win/amtscope_win_tests.exe" ]; then
  if wine "$win/amtscope_win_tests.exe" --gtest_brief=1 >"$tmp/unit.txt" 2>&1; then
    echo "ok: amtscope_win_tests.exe: $(grep -a -o '[0-9]* tests\? from [0-9]* test suites\? ran' "$tmp/unit.txt" | head -1)"
  else
    fail "amtscope_win_tests.exe"; tr -d '\r' <"$tmp/unit.txt" | tail -30
  fi
else
  fail "no $win/amtscope_win_tests.exe (build the windows preset's default target)"
fi

# same_json NAME LINUX_ARGS...: both programs, JSON compared after sorting
# keys (jq -S) with the run's timestamp removed.
same_json() {
  local name=$1 rc_l rc_w
  shift
  "$linux" "$@" >"$tmp/l.json" 2>"$tmp/l.err"; rc_l=$?
  wine "$exe" "$@" >"$tmp/w.json" 2>"$tmp/w.err"; rc_w=$?
  if [ "$rc_l" != "$rc_w" ]; then
    fail "$name: exit $rc_l on Linux, $rc_w on Windows ($(tr -d '\r' <"$tmp/w.err" | head -2))"
    return
  fi
  if ! jq -S 'if type == "object" then del(.timestamp) else . end' "$tmp/l.json" >"$tmp/l.s" 2>/dev/null; then
    fail "$name: Linux output is not JSON"; return
  fi
  if ! jq -S 'if type == "object" then del(.timestamp) else . end' "$tmp/w.json" >"$tmp/w.s" 2>/dev/null; then
    fail "$name: Windows output is not JSON: $(head -c 200 "$tmp/w.json")"; return
  fi
  if ! diff -u "$tmp/l.s" "$tmp/w.s" >"$tmp/diff"; then
    fail "$name: the JSON differs (- Linux, + Windows):"; head -40 "$tmp/diff"
    return
  fi
  [ -s "$tmp/l.s" ] || { fail "$name: no output ($(head -c 200 "$tmp/l.err"))"; return; }
  echo "ok: $name ($(wc -c <"$tmp/l.s") bytes of JSON identical)"
}

for v in 8.1.70.3600 11.0.18.1000 9.1.41.3024 11.8.50.3425 6.2.61.3535 16.1.25.1885 7.1.20; do
  same_json "advisories match $v" advisories match "$v" --json
done
same_json "lookup HP EliteBook 850 G3" lookup --vendor HP --model "HP EliteBook 850 G3" --json
same_json "lookup LENOVO ThinkPad X230" lookup --vendor LENOVO --model "ThinkPad X230" --json
same_json "lookup Dell PowerEdge T20" lookup --vendor Dell --model "PowerEdge T20" --json
same_json "lookup unknown model" lookup --vendor Fujitsu --model "No Such Model 9" --json

for tree in tests/fixtures/machines/*/; do
  tree=${tree%/}
  same_json "check --root $tree" check --root "$tree" --json --no-db
done

# Windows captures give the verdicts their facts call for on both programs.
expect() {  # expect TREE JQ_FILTER VALUE
  local got
  got=$(wine "$exe" check --root "tests/fixtures/machines/$1" --json 2>/dev/null | jq -r "$2")
  [ "$got" = "$3" ] && echo "ok: $1: $2 = $3" || fail "$1: $2 is '$got', want '$3'"
}
sa75='.advisories[] | select(.id == "INTEL-SA-00075") | .verdict'
expect win-hp-elitebook-850-g3-ccm "$sa75" vulnerable
expect win-hp-elitebook-850-g3-ccm .amt.control_mode client-control
expect win-hp-elitebook-850-g3-ccm .lms.running true
expect win-hp-elitebook-850-g3-ccm .machine.model "HP EliteBook 850 G3"
expect win-lenovo-thinkpad-x230-unprovisioned "$sa75" vulnerable
expect win-lenovo-thinkpad-x230-unprovisioned .amt.provisioned false
expect win-lenovo-thinkpad-x230-unprovisioned .machine.model "ThinkPad X230"
expect win-hp-z440-acm-lms-disabled "$sa75" not-vulnerable
expect win-hp-z440-acm-lms-disabled .lms.enabled false
expect win-dell-inspiron-not-elevated .status unknown
expect win-dell-inspiron-not-elevated .machine.vendor "Dell Inc."

# --- this machine under wine: no MEI driver, so an honest unknown.
wine "$exe" check --json --no-web >"$tmp/live.json" 2>"$tmp/live.err"; rc=$?
if [ "$rc" -ne 0 ]; then
  fail "wine amtscope.exe check --json: exit $rc ($(tr -d '\r' <"$tmp/live.err" | head -2))"
elif ! jq -e '.status == "unknown" and .vulnerable == null and .me.mei_access == "no-device"
              and .live == true and (.advisories | length) > 0
              and all(.advisories[]; .verdict == "unknown")' "$tmp/live.json" >/dev/null; then
  fail "wine amtscope.exe check --json: not an honest unknown: $(head -c 400 "$tmp/live.json")"
else
  echo "ok: wine amtscope.exe check --json: status unknown, mei_access no-device"
fi

# --- a capture on Windows (here: wine, no MEI, no LMS) is read the same by
# both programs, and holds the SMBIOS table and the service states only.
if wine "$exe" check --capture "$tmp/wincap" --no-web >"$tmp/cap.out" 2>&1; then
  if [ -f "$tmp/wincap/sys/firmware/dmi/tables/DMI" ] && [ -f "$tmp/wincap/amtscope-services.txt" ] &&
     [ ! -e "$tmp/wincap/proc" ] && [ ! -e "$tmp/wincap/sys/class" ]; then
    echo "ok: wine amtscope.exe check --capture: SMBIOS table and service states, no sys/class or proc"
  else
    fail "Windows capture holds: $(cd "$tmp/wincap" && find . -type f | tr '\n' ' ')"
  fi
  same_json "check --root <Windows capture made under wine>" check --root "$tmp/wincap" --json --no-db
else
  fail "wine amtscope.exe check --capture: $(tr -d '\r' <"$tmp/cap.out" | tail -2)"
fi

# --- Linux-only commands say so in one line, exit 3, whatever follows.
linux_only() {  # linux_only CMD ARGS...
  wine "$exe" "$@" >/dev/null 2>"$tmp/lo.err"; rc=$?
  if [ "$rc" -eq 3 ] && grep -q "^amtscope: '$1' is not available on Windows" "$tmp/lo.err"; then
    echo "ok: $1 on Windows: $(tr -d '\r' <"$tmp/lo.err" | head -1)"
  else
    fail "$1 on Windows: exit $rc, $(tr -d '\r' <"$tmp/lo.err" | head -2)"
  fi
}
linux_only scan 198.18.0.1 -p 16992
linux_only report -o fleet.html
linux_only emulate --listen 127.0.0.2

[ "$fails" -eq 0 ] && echo "PASS: windows_wine_test" || { echo "$fails failure(s)"; exit 1; }
