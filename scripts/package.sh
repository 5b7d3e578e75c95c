#!/bin/bash
# Builds the Debian package amtscope_<version>_amd64.deb and prints its path
# (docs/packaging.md §1).
#
#   scripts/package.sh              own Release tree build-package/ (hardened)
#   scripts/package.sh BUILD_DIR    package an existing build tree (CI: the
#                                   tree it already built; only the binary,
#                                   the generated docs and cpack run)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-package}
if [ $# -eq 0 ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DAMTSCOPE_TESTS=OFF -DAMTSCOPE_BENCH=OFF -DAMTSCOPE_HARDEN=ON >&2
fi
build=$(cd "$build" 2>/dev/null && pwd) || { echo "amtscope: no build tree ${1:-} (hint: run cmake first, or scripts/package.sh alone)" >&2; exit 2; }
[ -f "$build/CPackConfig.cmake" ] || {
  echo "amtscope: $build is not a configured build tree (hint: run cmake first, or scripts/package.sh alone)" >&2
  exit 2
}
type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")
if grep -q '^AMTSCOPE_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" || [ "$type" != Release ]; then
  echo "amtscope: $build is a $type${type:+ }sanitizer/debug tree (hint: package a Release tree)" >&2
  exit 2
fi
jobs=$(nproc 2>/dev/null || echo 2)
cmake --build "$build" -j"$jobs" --target amtscope amtscope_docs amtscope_deb_docs >&2
out=$build/package
rm -rf "$out/_CPack_Packages"
(cd "$build" && cpack -G DEB -B "$out" >&2)
deb=$(ls -t "$out"/amtscope_*_amd64.deb | head -1)
echo "$deb"
