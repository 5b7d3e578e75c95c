#!/usr/bin/env bash
# The shipped binary holds no test doubles (issue 11 item 3): fakes and
# hostile peers live in src/testing/ (amtscope_testing), linked only by
# tests. Fails when `nm -C` of the binary names any of them (Fake*,
# StandIn*, Hostile*).
# Usage: no_test_code_test.sh PATH/TO/amtscope
set -euo pipefail
bin=$(readlink -f "${1:?usage: $0 AMTSCOPE_BINARY}")
# Exit 77 = CTest's Skipped (SKIP_RETURN_CODE in CMakeLists.txt).
command -v nm >/dev/null || { echo "SKIP: no nm (binutils)"; exit 77; }
symbols=$(nm -C "$bin" 2>&1) || { echo "FAIL: nm $bin: $symbols"; exit 1; }
if [ -z "$symbols" ] || grep -q "no symbols" <<<"$symbols"; then
  # A stripped binary cannot be checked by symbol; say so instead of passing.
  echo "SKIP: $bin has no symbol table (stripped)"
  exit 77
fi
# stand_?in not followed by "g": Asio's `outstanding_work` is no stand-in.
hits=$(grep -i -E 'fake|stand_?in($|[^g])|hostile' <<<"$symbols" || true)
if [ -n "$hits" ]; then
  echo "FAIL: test code in $bin:"
  head -20 <<<"$hits"
  exit 1
fi
echo "PASS: no test doubles in $bin"
