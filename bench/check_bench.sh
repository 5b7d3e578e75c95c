#!/usr/bin/env bash
# End-to-end time of `amtscope check --root TREE --json` (process start,
# embedded database load, file reads, MEI replay, verdicts, JSON) with
# hyperfine; target < 50 ms per check. Usage: bench/check_bench.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/amtscope}
command -v hyperfine >/dev/null || { echo "hyperfine not installed" >&2; exit 2; }
FIX=tests/fixtures/machines
hyperfine -N --warmup 5 --runs 100 --export-json /tmp/check_bench.json \
  "$BIN check --root $FIX/hp-elitebook-850-g3 --json" \
  "$BIN check --root $FIX/dell-latitude-e6410-me6 --json" \
  "$BIN check --root $FIX/broken-files"
jq -r '.results[] | "\(.command | sub(".*--root "; "")): mean \(.mean*1000 | .*100 | round / 100) ms, max \(.max*1000 | .*100 | round / 100) ms (target < 50 ms: \(if .max < 0.05 then "met" else "MISSED" end))"' /tmp/check_bench.json
