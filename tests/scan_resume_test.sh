#!/usr/bin/env bash
# Interrupting and resuming a scan (issue 10 items 1-3, issue 9 item 13), on
# an emulated fleet on loopback: repeated signals end in a clean exit 130
# with a resume file; kill -9 leaves a resume file; a plain re-run refuses to
# overwrite an unfinished scan; a finished scan cannot be resumed again; an
# out-of-date resume file adds no duplicates; XML keeps one <host> per address.
source "$(dirname "$0")/emulate_lib.sh"
source "$(dirname "$0")/scan_resume_lib.sh"
start_mixed_fleet 5 40 64 30
# The web ports only: resuming is about the TCP probes' positions (the RMCP
# ping and the redirection probe are not resumed; docs/scan.md "Protocols").
SCAN=("$AMTSCOPE" scan "127.$B.$C.0/25" -p 16992,16993 --timeout 2s -q)
"${SCAN[@]}" --format ndjson -o base.ndjson --resume-file base.resume || fail "baseline"

# start NAME FORMAT: a slow scan (256 probes at 100/s) in the background;
# returns once it has begun probing (its resume file exists).
start() {
  "${SCAN[@]}" --rate 100 --format "$2" -o "$1.$2" --resume-file "$1.resume" 2>"$1.err" & pid=$!
  wait_for_file "$1.resume"
}
finish() {  # NAME FORMAT: resume until done, then compare with the baseline
  "$AMTSCOPE" scan --resume "$1.resume" -q --rate 2000 2>>"$1.err" || { cat "$1.err"; fail "$1: resume failed"; }
  [ ! -e "$1.resume" ] || fail "$1: the resume file outlived the completed scan"
  check_union base.ndjson "$1.$2" "$2" || fail "$1: union differs"
}
expect_interrupted() {  # NAME RC
  [ "$2" = 130 ] || { cat "$1.err"; fail "$1: exit $2, want 130"; }
  [ -e "$1.resume" ] || fail "$1: no resume file"
  grep -q "continue with: amtscope scan --resume" "$1.err" || fail "$1: no resume hint: $(cat "$1.err")"
}

# 1. Two or more signals while the scan stops (the second used to crash it).
for gap in 0 0.05 0.5; do
  start "double$gap" ndjson; sleep 0.7
  kill -INT $pid; sleep $gap; kill -INT $pid 2>/dev/null
  rc=0; wait $pid || rc=$?
  expect_interrupted "double$gap" $rc
  finish "double$gap" ndjson
done
start many ndjson; sleep 0.7
for s in INT TERM INT INT TERM; do kill -$s $pid 2>/dev/null; sleep 0.1; done
rc=0; wait $pid || rc=$?
expect_interrupted many $rc
finish many ndjson

# 2. kill -9 leaves a resume file; a plain re-run refuses to overwrite.
start k9 ndjson; sleep 1.2; kill -KILL $pid; wait $pid 2>/dev/null
[ -e k9.resume ] || fail "kill -9: no resume file"
cp k9.ndjson k9.before
rc=0; "${SCAN[@]}" --format ndjson -o k9.ndjson --resume-file k9.resume 2>k9.refused || rc=$?
[ $rc = 2 ] && grep -q -- "--resume k9.resume" k9.refused && grep -q -- "--force" k9.refused \
  || fail "plain re-run after kill -9: exit $rc: $(cat k9.refused)"
cmp -s k9.before k9.ndjson || fail "the refused re-run touched the output"
cp k9.resume k9.stale
finish k9 ndjson

# 3. A finished scan cannot be resumed again; a stale copy adds no duplicates.
rc=0; "$AMTSCOPE" scan --resume k9.resume -q 2>again.err || rc=$?
[ $rc = 2 ] && grep -q "nothing to resume" again.err || fail "second resume: exit $rc: $(cat again.err)"
"$AMTSCOPE" scan --resume k9.stale -q 2>stale.err || fail "stale resume: $(cat stale.err)"
grep -q "newer than the resume file" stale.err || fail "stale resume not reconciled: $(cat stale.err)"
check_union base.ndjson k9.ndjson ndjson || fail "stale resume duplicated"

# 4. --force starts over; --resume may change the pace.
start forced ndjson; sleep 0.5; kill -INT $pid; wait $pid 2>/dev/null
"${SCAN[@]}" --format ndjson -o forced.ndjson --resume-file forced.resume --force || fail "--force"
check_union base.ndjson forced.ndjson ndjson || fail "--force run"

# 5. XML: one <host> per address after an interruption and a resume.
start x xml; sleep 1.2; kill -INT $pid
rc=0; wait $pid || rc=$?
expect_interrupted x $rc
finish x xml
echo "PASS: repeated signals, kill -9, refusal, repeated and stale resume, XML"
