#!/usr/bin/env bash
# amtscope check end to end on the live machine: --capture writes a tree
# without serials/UUIDs that --root reads back; mitigation flags refuse to act
# without confirmation; no MEI device here must not break anything.
set -euo pipefail
BIN=${1:?usage: $0 AMTSCOPE_BINARY}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. Capture the live system (web probe off: nothing to reach here).
"$BIN" check --capture "$TMP/tree" --no-web >"$TMP/capture.out" || fail "capture exited $?"
grep -q "Check it with: amtscope check --root" "$TMP/capture.out" || fail "capture summary missing"
if find "$TMP/tree" | grep -Ei 'serial|uuid|asset_tag'; then fail "capture copied a serial/UUID"; fi
if [ -f "$TMP/tree/proc/net/tcp" ]; then
  # Only the header and AMT-port listeners survive the filter.
  lines=$(wc -l <"$TMP/tree/proc/net/tcp")
  [ "$lines" -ge 1 ] || fail "tcp header missing"
  tail -n +2 "$TMP/tree/proc/net/tcp" | grep -vE ':(4260|4261|4262|4263|026F|0298) ' && fail "non-AMT socket captured"
fi
# A second capture into the same (now non-empty) directory is refused.
set +e
"$BIN" check --capture "$TMP/tree" --no-web >/dev/null 2>"$TMP/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "capture into a non-empty dir exited $rc"
grep -q "not empty" "$TMP/err" || fail "no reason given"
# A missing parent directory is refused, not created (like scan -o).
set +e
"$BIN" check --capture "$TMP/missing/dir/cap" --no-web >/dev/null 2>"$TMP/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "capture under a missing directory exited $rc"
[ ! -e "$TMP/missing" ] || fail "capture created the missing parent directories"
grep -q "^amtscope: cannot capture into .*no directory" "$TMP/err" || fail "no reason given: $(cat "$TMP/err")"

# 2. The captured tree reads back as JSON with the required keys.
"$BIN" check --root "$TMP/tree" --json >"$TMP/out.json" || fail "check --root exited $?"
jq -e 'has("me") and has("amt") and has("lms") and has("machine") and has("advisories")
       and has("vendor_fix") and (.me | has("version") and has("sku"))
       and (.amt | has("provisioned")) and (.lms | has("running"))
       and (.advisories | length > 0) and .live == false' "$TMP/out.json" >/dev/null \
  || fail "JSON shape"
jq -e '.me.sku | IN("corporate","consumer","lite","unknown")' "$TMP/out.json" >/dev/null || fail "sku value"

# 3. The live check runs without /dev/mei0. With no Intel ME visible at all
# (no MEI device, no PCI 00:16.0: AMD, VM, container) it says so and suggests
# nothing; otherwise a non-root user is told what root would add.
"$BIN" check --json --no-web >"$TMP/live.json" || fail "live check exited $?"
if [ ! -e /dev/mei0 ]; then
  jq -e '.me.mei_access == "no-device"' "$TMP/live.json" >/dev/null || fail "missing MEI not reported"
  if [ ! -e /sys/bus/pci/devices/0000:00:16.0 ] && [ -z "$(ls /sys/class/mei 2>/dev/null)" ]; then
    jq -e '(.root_would_add | length == 0) and (.next_steps | length == 1)
           and (.next_steps[0] | startswith("No Intel ME device was found"))' "$TMP/live.json" >/dev/null \
      || fail "a machine without Intel ME: $(jq -c .next_steps "$TMP/live.json")"
  elif [ "$(id -u)" != 0 ]; then
    jq -e '.root_would_add | length > 0' "$TMP/live.json" >/dev/null || fail "what root adds not said"
  fi
fi

# 3b. A listener on 16992 is LMS's only when its process is LMS: an emulator
# (ours, so its /proc/PID/fd is readable) is named with its pid instead.
# 127.60-89.x.x: outside the 127.100-219 blocks emulate_lib.sh hands to other tests.
EMU_HOST="127.$((60 + RANDOM % 30)).$((RANDOM % 250)).$((2 + RANDOM % 250))"
"$BIN" emulate --listen "$EMU_HOST" --ports 16992 --firmware 8.1.40 2>"$TMP/emu.err" &
EMU_PID=$!
trap 'kill -TERM $EMU_PID 2>/dev/null || true; wait $EMU_PID 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$TMP/emu.err" && break; sleep 0.05; done
"$BIN" check --json --no-web >"$TMP/emu.json" || fail "check with an emulator exited $?"
jq -e --arg h "$EMU_HOST" --argjson pid "$EMU_PID" \
  '[.lms.listeners[] | select(.address == $h and .port == 16992)]
   | length == 1 and .[0].pid == $pid and .[0].process == "amtscope" and .[0].lms == false' \
  "$TMP/emu.json" >/dev/null || fail "emulator listener: $(jq -c .lms "$TMP/emu.json")"
"$BIN" check --no-web >"$TMP/emu.txt" || fail "check text exited $?"
grep -q "listening  *$EMU_HOST:16992: a process other than LMS (amtscope, pid $EMU_PID) listens on 16992" "$TMP/emu.txt" ||
  fail "emulator listener text: $(grep listening "$TMP/emu.txt")"
# A capture taken now replays the same attribution: the emulator's comm and
# only its fd links to the listening socket are copied, as symlinks.
"$BIN" check --capture "$TMP/emu-tree" --no-web >/dev/null || fail "capture with an emulator exited $?"
"$BIN" check --root "$TMP/emu-tree" --json >"$TMP/replay.json" || fail "replay exited $?"
jq -e --arg h "$EMU_HOST" --argjson pid "$EMU_PID" \
  '[.lms.listeners[] | select(.address == $h and .port == 16992)]
   | length == 1 and .[0].pid == $pid and .[0].process == "amtscope" and .[0].lms == false' \
  "$TMP/replay.json" >/dev/null || fail "replayed listener: $(jq -c .lms "$TMP/replay.json")"
links=$(find "$TMP/emu-tree/proc/$EMU_PID/fd" -type l | wc -l)
[ "$links" -ge 1 ] || fail "no fd links captured for pid $EMU_PID"
for l in "$TMP/emu-tree/proc/$EMU_PID/fd"/*; do
  [ -L "$l" ] && readlink "$l" | grep -qE '^socket:\[[0-9]+\]$' || fail "captured $l -> $(readlink "$l")"
done
[ "$(ls "$TMP/emu-tree/proc/$EMU_PID")" = "$(printf 'comm\nfd')" ] || fail "more than comm and fd captured"
if ! jq -e '.lms.installed or .lms.running' "$TMP/emu.json" >/dev/null; then
  jq -e '[.next_steps[] | select(contains("--disable-lms"))] | length == 0' "$TMP/emu.json" >/dev/null ||
    fail "disabling an absent LMS suggested: $(jq -c .next_steps "$TMP/emu.json")"
fi
kill -TERM $EMU_PID; wait $EMU_PID 2>/dev/null || true

# 4. Mitigations need confirmation: not a TTY and no --yes → usage error, nothing run.
set +e
"$BIN" check --disable-lms </dev/null >/dev/null 2>"$TMP/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--disable-lms without --yes exited $rc"
grep -q -- "--yes" "$TMP/err" || fail "no --yes hint"
grep -q "systemctl disable --now lms.service" "$TMP/err" || fail "plan not printed"
if [ ! -e /dev/mei0 ] && [ ! -e /dev/mei ]; then
  set +e
  "$BIN" check --unprovision --yes </dev/null >/dev/null 2>"$TMP/err"; rc=$?
  set -e
  [ "$rc" -eq 3 ] || fail "--unprovision without MEI exited $rc"
  grep -q "hint:" "$TMP/err" || fail "no hint"
fi

# 5. --help carries examples.
"$BIN" check --help | grep -q "Examples:" || fail "help without examples"
echo "check_capture_test: OK"
