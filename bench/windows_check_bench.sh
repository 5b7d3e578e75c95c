#!/usr/bin/env bash
# `amtscope.exe check --root TREE --json` under wine (issue 16: < 50 ms on a
# captured tree, as on Linux), with wine's own start-up measured separately:
# `wine amtscope.exe --version` does no check at all, so the difference of the
# means is the check's own time inside the Windows program. A persistent
# wineserver (-p) keeps the server's start-up out of every run.
# Usage: bench/windows_check_bench.sh [BUILD_WINDOWS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
WIN=${1:-build-windows}
EXE=$WIN/amtscope.exe
command -v hyperfine >/dev/null || { echo "hyperfine not installed" >&2; exit 2; }
command -v wine >/dev/null || { echo "wine not installed" >&2; exit 2; }
[ -x "$EXE" ] || { echo "no $EXE (cmake --preset windows && cmake --build --preset windows)" >&2; exit 2; }
export WINEPREFIX=$PWD/$WIN/wineprefix WINEDEBUG=-all
[ -f "$WINEPREFIX/system.reg" ] || { mkdir -p "$WINEPREFIX"; wineboot -i >/dev/null 2>&1; }
wineserver -p 60
trap 'wineserver -k 2>/dev/null || true' EXIT
FIX=tests/fixtures/machines
hyperfine -N -i --warmup 3 --runs 40 --export-json /tmp/windows_check_bench.json \
  "wine $EXE no-such-command" \
  "wine $EXE check --root $FIX/win-hp-elitebook-850-g3-ccm --json --no-db" \
  "wine $EXE check --root $FIX/hp-elitebook-850-g3 --json --no-db" \
  "wine $EXE check --root $FIX/broken-files --no-db"
jq -r '
  (.results[0].median) as $start
  | .results[0] as $s
  | "wine start-up (no-such-command, exit 2): mean \($s.mean*1000 | .*10 | round / 10) ms, median \($s.median*1000 | .*10 | round / 10) ms",
    (.results[1:][] | "\(.command | sub(".*--root "; "")): mean \(.mean*1000 | .*10 | round / 10) ms, median \(.median*1000 | .*10 | round / 10) ms, max \(.max*1000 | .*10 | round / 10) ms; median minus start-up: \((.median - $start)*1000 | .*10 | round / 10) ms (target < 50 ms: \(if (.median - $start) < 0.05 then "met" else "MISSED" end))")
' /tmp/windows_check_bench.json
