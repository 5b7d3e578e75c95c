#!/bin/bash
# The Debian package on this machine (docs/packaging.md §1): build it from
# this build tree with scripts/package.sh, lintian it, install it with
# apt-get (dpkg -i without apt), run `amtscope --version` and `man -w
# amtscope`, find the completions and units, purge it, and check that none
# of its files is left. Root and dpkg only; never runs when an amtscope
# package is already installed (it would remove someone's real one).
source "$(dirname "$0")/emulate_lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to install a package"
need dpkg
need cpack
BUILD=${AMTSCOPE_BUILD_DIR:-}
[ -n "$BUILD" ] && [ -f "$BUILD/CPackConfig.cmake" ] || skip "AMTSCOPE_BUILD_DIR (a configured build tree) not set"
grep -q '^CMAKE_BUILD_TYPE:STRING=Release' "$BUILD/CMakeCache.txt" || skip "not a Release tree"
grep -q '^AMTSCOPE_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" && skip "a sanitizer tree"
if dpkg-query -W -f='${Status}' amtscope 2>/dev/null | grep -q "installed"; then
  skip "an amtscope package is already installed; not touching it"
fi
[ -e /usr/bin/amtscope ] && skip "/usr/bin/amtscope exists (installed from elsewhere)"

start=$(date +%s%N)
deb=$(bash "$AMTSCOPE_SOURCE_DIR/scripts/package.sh" "$BUILD" 2>"$WORK/package.log") ||
  { tail -20 "$WORK/package.log" >&2; fail "package.sh failed"; }
echo "package.sh on the existing tree: $(( ($(date +%s%N) - start) / 1000000 )) ms"
[ -f "$deb" ] || fail "package.sh printed '$deb', not a file"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD/CMakeCache.txt")
[ "$(basename "$deb")" = "amtscope_${version}-1_amd64.deb" ] || fail "package name $(basename "$deb")"

# What is inside, before installing anything.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$WORK/contents"
for f in /usr/bin/amtscope /usr/share/man/man1/amtscope.1.gz /usr/share/man/man1/amtscope-scan.1.gz \
  /usr/share/man/man8/amtscope-check.8.gz /usr/share/man/man1/amtscope-emulate.1.gz \
  /usr/share/bash-completion/completions/amtscope /usr/share/zsh/vendor-completions/_amtscope \
  /usr/lib/systemd/system/amtscope-honeypot.service /usr/lib/systemd/system/amtscope-scan@.service \
  /usr/lib/systemd/system/amtscope-scan@.timer /etc/amtscope/amtscope.conf /etc/logrotate.d/amtscope \
  /usr/share/doc/amtscope/copyright /usr/share/doc/amtscope/changelog.Debian.gz \
  /usr/share/doc/amtscope/README.md /usr/share/doc/amtscope/examples/scan-site.conf; do
  grep -qx "$f" "$WORK/contents" || fail "$f not in the package"
done
dpkg-deb -f "$deb" Depends | grep -q "libssl3" || fail "Depends lacks libssl3: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -I "$deb" conffiles | grep -qx /etc/amtscope/amtscope.conf || fail "amtscope.conf is not a conffile"
if command -v lintian >/dev/null; then
  lintian --fail-on error,warning "$deb" >"$WORK/lintian.txt" 2>&1 || { cat "$WORK/lintian.txt" >&2; fail "lintian"; }
  cat "$WORK/lintian.txt"
else
  not_checked "lintian (not installed)"
fi

cleanup_pkg() { dpkg --purge amtscope >/dev/null 2>&1; }
trap 'cleanup_pkg; cleanup' EXIT
if command -v apt-get >/dev/null; then
  apt-get install -y --no-install-recommends "$deb" >"$WORK/install.log" 2>&1 || { tail "$WORK/install.log" >&2; fail "apt-get install"; }
else
  dpkg -i "$deb" >"$WORK/install.log" 2>&1 || fail "dpkg -i"
fi
/usr/bin/amtscope --version | grep -q "^amtscope $version (commit " || fail "--version: $(/usr/bin/amtscope --version)"
if command -v man >/dev/null; then
  [ "$(man -w amtscope)" = /usr/share/man/man1/amtscope.1.gz ] || fail "man -w amtscope: $(man -w amtscope 2>&1)"
  [ "$(man -w 8 amtscope-check)" = /usr/share/man/man8/amtscope-check.8.gz ] || fail "man -w amtscope-check"
else
  not_checked "man -w (man-db not installed)"
fi
bash -c 'source /usr/share/bash-completion/completions/amtscope; COMP_WORDS=(amtscope sca); COMP_CWORD=1; _amtscope; [ "${COMPREPLY[*]}" = scan ]' ||
  fail "installed bash completion"
dpkg -L amtscope >"$WORK/files"
dpkg --purge amtscope >"$WORK/purge.log" 2>&1 || fail "dpkg --purge"
left=()
while read -r f; do
  [ -e "$f" ] || continue
  [ -d "$f" ] && [ -n "$(ls -A "$f" 2>/dev/null)" ] && continue  # shared: /usr/bin, /etc ...
  [ -d "$f" ] && dpkg -S "$f" >/dev/null 2>&1 && continue         # owned by another package
  left+=("$f")
done <"$WORK/files"
[ "${#left[@]}" = 0 ] || fail "left after purge: ${left[*]}"
[ -e /etc/amtscope ] && fail "/etc/amtscope left after purge"
echo "$(grep -c . "$WORK/files") paths installed, none left after purge"
pass "package builds, installs, works and purges clean"
