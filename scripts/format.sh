#!/usr/bin/env bash
# clang-format (.clang-format, Google style) over every C++ file we own.
# Usage: scripts/format.sh          rewrites files in place
#        scripts/format.sh --check  fails, naming the files, when any drifts
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.h' 'src/*.cc' 'fuzz/*.cc' 'bench/*.cc' 'bench/*.h')
if [[ ${1:-} == --check ]]; then
  bad=$(clang-format --dry-run "${files[@]}" 2>&1 | grep -oE '^[^:]+\.(h|cc):' | sort -u | tr -d ':' || true)
  if [[ -n $bad ]]; then
    echo "amtscope: these files drift from .clang-format (run scripts/format.sh):"
    echo "$bad" | sed 's/^/  /'
    exit 1
  fi
  echo "clang-format: ${#files[@]} files clean"
else
  clang-format -i "${files[@]}"
fi
