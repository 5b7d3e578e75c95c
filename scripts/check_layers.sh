#!/usr/bin/env bash
# Fails when product code includes a folder its layer may not use.
# The allowed edges are src/LAYERS (the same file CMake links by); tests
# (*_test.cc, *_testutil.*) may include any folder.
# Usage: scripts/check_layers.sh [SRC_DIR]   (default: src)
set -euo pipefail
src=${1:-src}
declare -A allowed deps
while IFS= read -r line; do
  [[ $line =~ ^([a-z]+):(.*)$ ]] || continue
  allowed[${BASH_REMATCH[1]}]=" ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} "
  deps[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]# }
done < "$src/LAYERS"
bad=0
while IFS= read -r -d '' file; do
  rel=${file#"$src"/}
  folder=${rel%%/*}
  case $rel in */*_test.cc | */*_testutil.* | */main.cc) continue ;; esac
  if [[ -z ${allowed[$folder]+set} ]]; then
    echo "amtscope: $file: folder '$folder' is not in $src/LAYERS (add it with the folders it may include)"
    bad=1
    continue
  fi
  while IFS=: read -r lineno target; do
    if [[ ${allowed[$folder]} != *" $target "* ]]; then
      echo "amtscope: $file:$lineno: '$folder' may not include '$target/' (allowed: ${deps[$folder]:-nothing})"
      bad=1
    fi
  done < <(grep -no '^#include "[a-z_]*/' "$file" | sed 's/#include "//; s#/$##')
done < <(find "$src" -mindepth 2 \( -name '*.h' -o -name '*.cc' \) -print0 | sort -z)
if [[ $bad -ne 0 ]]; then
  echo "amtscope: include layering broken; see src/LAYERS and docs/design.md" >&2
  exit 1
fi
echo "layers: OK ($(grep -c '^[a-z]*:' "$src/LAYERS") folders)"
