# Shared helpers for tests/emulate_*_test.sh (sourced, not a test itself).
# Starts `amtscope emulate` in the background on a random 127.x address and
# waits for its "listening on" line.
set -u
AMTSCOPE=${1:?usage: $0 path/to/amtscope}
WORK=$(mktemp -d /tmp/amtscope-emu-test.XXXXXX)
EMU_PIDS=()
CLEANUP_HOOKS=()  # functions a test adds (a database server to stop, ...)
cleanup() {
  for p in "${EMU_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${EMU_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  for h in "${CLEANUP_HOOKS[@]}"; do "$h"; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# A loopback address unlikely to clash with other tests running in parallel.
random_addr() { echo "127.$((100 + RANDOM % 120)).$((RANDOM % 250)).$((2 + RANDOM % 250))"; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# start_emu NAME ARGS... : runs the emulator, waits until it listens.
start_emu() {
  local name=$1; shift
  "$AMTSCOPE" emulate "$@" 2>"$WORK/$name.err" &
  local pid=$!
  EMU_PIDS+=("$pid")
  for _ in $(seq 1 200); do
    grep -q "listening on" "$WORK/$name.err" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.err" >&2; fail "emulator $name exited"; }
    sleep 0.05
  done
  cat "$WORK/$name.err" >&2
  fail "emulator $name did not start"
}

# 77 is what CTest reports as Skipped (SKIP_RETURN_CODE in CMakeLists.txt).
SKIP_RC=77
# skip WHY: nothing of this test can run here; says why on stdout.
skip() { echo "SKIP: $*"; exit "$SKIP_RC"; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 not installed"; }

# not_checked WHAT: one part of the test cannot run here (a tool missing, no
# privilege); the rest goes on, and pass then reports a skip instead of a pass.
NOT_CHECKED=()
not_checked() { NOT_CHECKED+=("$*"); echo "not checked: $*"; }
# pass [MESSAGE]: the last line of a test: PASS, or SKIP (exit 77) naming each
# part that did not run, so a missing tool never shows as a full pass.
pass() {
  if [ "${#NOT_CHECKED[@]}" -gt 0 ]; then
    local what
    what=$(printf '%s; ' "${NOT_CHECKED[@]}")
    echo "SKIP: not checked: ${what%; }; the rest passed"
    exit "$SKIP_RC"
  fi
  echo "PASS${1:+: $*}"
}
