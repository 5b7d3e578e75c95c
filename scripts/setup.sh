#!/usr/bin/env bash
# Installs the Debian 12 packages amtscope needs, then builds it in Release.
# g++-mingw-w64-x86-64, googletest (sources) and wine/wine64 are for the
# Windows cross-build and its tests under wine (docs/windows.md).
# Usage: scripts/setup.sh [BUILD_DIR [CMAKE_ARGS...]]   (default: build)
# Extra arguments go to CMake's configure step (CI passes -DAMTSCOPE_WERROR=ON
# here, so the Release tree is configured once and built once).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift $(( $# > 0 ? 1 : 0 ))
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if [ -z "${AMTSCOPE_SKIP_APT:-}" ]; then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    build-essential cmake ninja-build ccache clang libclang-rt-14-dev \
    libboost1.81-dev libssl-dev libfmt-dev nlohmann-json3-dev libcli11-dev \
    libsqlite3-dev libpq-dev postgresql libgoogle-perftools-dev libgtest-dev libgmock-dev libbenchmark-dev \
    nmap ndiff curl ncat openssl jq bc amtterm libsoap-lite-perl iproute2 procps python3 \
    libxml2-utils chromium chromium-driver python3-selenium python3-yaml \
    groff zsh man-db lintian dpkg-dev logrotate \
    g++-mingw-w64-x86-64 googletest wine wine64 >/dev/null
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
