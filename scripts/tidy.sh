#!/usr/bin/env bash
# clang-tidy over the library and CLI sources (not tests), every finding an
# error (.clang-tidy). A file is skipped when clang-tidy already passed it
# with the same input: the key hashes the file's preprocessed text (every
# header it includes, ours and the system's), the flags, .clang-tidy and
# clang-tidy's version. The first run on a machine still checks every file.
# No precompiled header: clang-tidy then matches every declaration in it, which
# made an Asio-heavy file 60 % slower (docs/CI.md).
# Usage: scripts/tidy.sh [BUILD_DIR]   (default: build-tidy)
# Env:   AMTSCOPE_TIDY_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/amtscope-tidy),
#        JOBS (default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${1:-build-tidy}
cache=${AMTSCOPE_TIDY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/amtscope-tidy}
jobs=${JOBS:-$(nproc)}
mkdir -p "$cache"

# Only the compile database is needed; nothing is built.
CXX=clang++ CC=clang cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON -DAMTSCOPE_TESTS=OFF -DAMTSCOPE_BENCH=OFF >/dev/null

salt=$( { clang-tidy --version; cat .clang-tidy; } | sha256sum | cut -c1-16)
export root build cache salt

# check_one FILE: prints nothing and succeeds when FILE is clean (cached or
# checked now); prints clang-tidy's findings and fails otherwise.
check_one() {
  local file=$1 cmd key
  cmd=$(python3 - "$root/$build/compile_commands.json" "$file" <<'EOF'
import json, shlex, sys
for e in json.load(open(sys.argv[1])):
    if e["file"] == sys.argv[2]:
        args = shlex.split(e["command"])
        out, skip = [], 0  # the command without its "-o FILE"
        for a in args:
            if skip: skip -= 1; continue
            if a == "-o": skip = 1; continue
            out.append(a)
        print(shlex.join(out))
        break
EOF
)
  [ -n "$cmd" ] || { echo "amtscope: $file is not in the compile database" >&2; return 1; }
  # The clone's own path is cut out, so another clone of the same sources
  # (the next CI run) finds the same keys.
  key=$( { echo "$salt"; echo "$cmd"; cd "$root/$build" && eval "$cmd -E -P -o -" 2>/dev/null; } |
    sed "s|$root|.|g" | sha256sum | cut -c1-40)
  [ -f "$cache/$key" ] && return 0
  if clang-tidy -quiet -p "$root/$build" "$file" >"$cache/$key.log" 2>&1; then
    mv "$cache/$key.log" "$cache/$key"
  else
    grep -E 'error:|warning:' "$cache/$key.log" | head -20
    rm -f "$cache/$key.log"
    return 1
  fi
}
export -f check_one

# Windows-only sources (*_windows.cc, windows_*.cc) are compiled only by the
# mingw preset (docs/windows.md), so they are not in this compile database.
files=$(find "$root/src" -name '*.cc' ! -name '*_test.cc' ! -name '*_testutil.cc' \
  ! -name '*_windows.cc' ! -name 'windows_*.cc' | sort)
total=$(echo "$files" | wc -l)
before=$(find "$cache" -maxdepth 1 -type f ! -name '*.log' | wc -l)
if echo "$files" | xargs -P "$jobs" -I{} bash -c 'check_one "$@"' _ {}; then
  after=$(find "$cache" -maxdepth 1 -type f ! -name '*.log' | wc -l)
  echo "clang-tidy: $total files clean ($((after - before)) checked now, the rest unchanged)"
else
  echo "amtscope: clang-tidy found problems (hint: fix them or see .clang-tidy)" >&2
  exit 1
fi
