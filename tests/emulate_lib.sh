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
  release_block
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# Tests run in parallel (ctest -j), and two random addresses once landed in
# the same place (a fleet's 127.B.0.0/20 and another test's host). So each
# test claims a whole 127.BLOCK.0.0/16 with an atomic mkdir, reclaiming a
# claim whose test died (kill -9) by its pid, and hands out addresses only
# from inside it.
BLOCKS=/tmp/amtscope-test-blocks
claim_block() {
  mkdir -p "$BLOCKS"
  local b owner
  for _ in $(seq 1 500); do
    b=$((100 + RANDOM % 120))
    if mkdir "$BLOCKS/$b" 2>/dev/null; then
      echo $$ > "$BLOCKS/$b/pid"; BLOCK=$b; return 0
    fi
    owner=$(cat "$BLOCKS/$b/pid" 2>/dev/null) || continue
    [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null && rm -rf "${BLOCKS:?}/$b"
  done
  fail "no free 127.x.0.0/16 block under $BLOCKS"
}
release_block() {
  [ -n "${BLOCK:-}" ] && [ "$(cat "$BLOCKS/$BLOCK/pid" 2>/dev/null)" = $$ ] && rm -rf "${BLOCKS:?}/$BLOCK"
  return 0
}
claim_block

# next_net: a /24 of this test's block ("127.BLOCK.C") never handed out
# before in this test; C counts from 100 so fixed ranges below stay free.
next_net() {
  local n
  n=$(($(cat "$WORK/.nets" 2>/dev/null || echo 99) + 1))
  [ "$n" -le 255 ] || fail "this test used all its /24s"
  echo "$n" > "$WORK/.nets"
  echo "127.$BLOCK.$n"
}
# random_addr: a loopback address no other test and no earlier call uses.
random_addr() { echo "$(next_net).9"; }

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

# wait_for_file PATH [SECONDS]: until PATH exists (a scan writes its resume
# file before its first probe), so an interruption lands mid-scan however
# slowly the build under test starts (ASan takes seconds).
wait_for_file() {
  for _ in $(seq 1 $((${2:-30} * 20))); do [ -e "$1" ] && return 0; sleep 0.05; done
  fail "$1 did not appear within ${2:-30} s"
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
