#!/usr/bin/env bash
# End-to-end: without CAP_NET_RAW, `--scan-type syn` fails at once with one
# clear line (exit 2: a configuration error found before any work; nothing on stdout), while the default `auto` falls back
# to connect probes and still finds the open port. Loopback only.
# Usage: scan_privileges_test.sh PATH/TO/amtscope
set -euo pipefail
bin=$(readlink -f "${1:?usage: $0 AMTSCOPE_BINARY}")
unpriv=()
if [ "$(id -u)" = 0 ]; then
  # Exit 77 = CTest's Skipped (SKIP_RETURN_CODE in CMakeLists.txt).
  command -v setpriv >/dev/null || { echo "SKIP: root without setpriv (util-linux): cannot drop CAP_NET_RAW"; exit 77; }
  unpriv=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
fi
work=$(mktemp -d)
chmod 755 "$work"
emu_pid=""
cleanup() { [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

"$bin" emulate --listen 127.46.0.1 --ports 16992 --firmware 8.1.40 --mode vulnerable \
  2>"$work/emu.log" &
emu_pid=$!
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.46.0.1/16992) 2>/dev/null && break; sleep 0.1; done

set +e
"${unpriv[@]}" "$bin" scan --no-db 127.46.0.1 -p 16992 --scan-type syn -q >"$work/syn.out" 2>"$work/syn.err"
rc=$?
set -e
fail=0
[ "$rc" -eq 2 ] || { echo "FAIL: --scan-type syn unprivileged exited $rc, want 2"; fail=1; }
[ ! -s "$work/syn.out" ] || { echo "FAIL: output was started:"; cat "$work/syn.out"; fail=1; }
[ "$(wc -l <"$work/syn.err")" -eq 1 ] || { echo "FAIL: want one error line:"; cat "$work/syn.err"; fail=1; }
grep -q "CAP_NET_RAW" "$work/syn.err" && grep -q -- "--scan-type connect" "$work/syn.err" ||
  { echo "FAIL: error lacks cause or hint: $(cat "$work/syn.err")"; fail=1; }

"${unpriv[@]}" "$bin" scan --no-db 127.46.0.1 -p 16992 -q --format ndjson >"$work/auto.out"
grep -q '"verdict":"vulnerable"' "$work/auto.out" ||
  { echo "FAIL: auto (connect fallback) did not find the vulnerable host:"; cat "$work/auto.out"; fail=1; }
[ "$fail" -eq 0 ] || exit 1
echo "PASS: syn needs CAP_NET_RAW (exit 2, one line, hint); auto falls back to connect"
