#!/bin/bash
# Config files and AMTSCOPE_* variables (cli/config.h): precedence command
# line > environment > user file > system file, shown by --dump-config with
# each value's origin; list keys collect every layer; a config file can
# never name a target; bad files are one `amtscope:` line, exit 2.
source "$(dirname "$0")/emulate_lib.sh"
SYS=$WORK/sys USR=$WORK/xdg
mkdir -p "$SYS" "$USR/amtscope"
export AMTSCOPE_SYSCONFDIR=$SYS XDG_CONFIG_HOME=$USR
unset AMTSCOPE_RATE AMTSCOPE_SITE AMTSCOPE_EXCLUDE AMTSCOPE_DB
cat >"$SYS/amtscope.conf" <<'CONF'
# system file
site = sys-site
[scan]
rate = 100
concurrency = 10
exclude = 198.18.0.1
CONF
cat >"$USR/amtscope/amtscope.conf" <<'CONF'
[scan]
rate = 200   # the user's
exclude = ["198.18.0.2", "198.18.0.3"]
CONF
dump() { "$AMTSCOPE" scan --dump-config "$@"; }
line() { grep "^$1 = " "$WORK/dump" | tr '\n' '|'; }

dump >"$WORK/dump" || fail "--dump-config failed"
[ "$(line rate)" = "rate = 200  # $USR/amtscope/amtscope.conf:2|" ] || fail "user over system: $(line rate)"
[ "$(line concurrency)" = "concurrency = 10  # $SYS/amtscope.conf:5|" ] || fail "system: $(line concurrency)"
[ "$(line site)" = "site = sys-site  # $SYS/amtscope.conf:2|" ] || fail "keys outside a section: $(line site)"
[ "$(line timeout)" = "timeout = 3s  # default|" ] || fail "default: $(line timeout)"
[ "$(grep -c '^exclude = 198.18.0.[123]  # ' "$WORK/dump")" = 3 ] || fail "excludes of both files: $(line exclude)"

AMTSCOPE_RATE=300 dump >"$WORK/dump"
[ "$(line rate)" = "rate = 300  # environment AMTSCOPE_RATE|" ] || fail "environment over files: $(line rate)"
AMTSCOPE_RATE=300 dump --rate 400 --exclude 198.18.0.9 >"$WORK/dump"
[ "$(line rate)" = "rate = 400  # command line|" ] || fail "command line over all: $(line rate)"
grep -q "^exclude = 198.18.0.9  # command line$" "$WORK/dump" || fail "command-line exclude"
[ "$(grep -c '^exclude = ' "$WORK/dump")" = 4 ] || fail "excludes collect every layer"

# The values reach the scan itself (--echo prints what it would run).
AMTSCOPE_SITE=env-site "$AMTSCOPE" scan 127.0.0.1 --echo >"$WORK/echo" || fail "--echo"
grep -q "^rate = 200$" "$WORK/echo" || fail "echo: rate"
grep -q "^site = env-site$" "$WORK/echo" || fail "echo: env site"
grep -q "^exclude = 198.18.0.1$" "$WORK/echo" || fail "echo: system exclude"
# Only the command line names targets.
[ "$(grep -c '^target = ' "$WORK/echo")" = 1 ] || fail "targets other than 127.0.0.1"

expect_error() {  # FILE-CONTENT MESSAGE-START
  printf '%b' "$1" >"$SYS/amtscope.conf"
  "$AMTSCOPE" scan 127.0.0.1 --echo >/dev/null 2>"$WORK/err"
  local rc=$?
  [ "$rc" = 2 ] || fail "exit $rc for: $1"
  [ "$(wc -l <"$WORK/err")" = 1 ] || fail "not one line for: $1"
  grep -q "^amtscope: $SYS/amtscope.conf:$2.*(hint: " "$WORK/err" || { cat "$WORK/err" >&2; fail "message for: $1"; }
}
# A config file can never name a target, under any spelling or section.
expect_error 'target = 198.18.0.5\n' "1: 'target' cannot be set in a config file"
expect_error '[scan]\ntargets = 198.18.0.5\n' "2: 'targets' cannot be set"
expect_error '[scan]\ninput-list = /etc/hosts\n' "2: 'input-list' cannot be set"
expect_error '[scan]\nresume = x.resume\n' "2: unknown key 'resume' in \[scan\]"
expect_error '[scna]\nrate = 1\n' "2: unknown section \[scna\]"
expect_error '[scan]\nconcurrency = fast\n' "2: bad --concurrency 'fast'"
expect_error '[scan]\nrate 5\n' "2: 'rate 5' is not"
# AMTSCOPE_TARGET is no variable amtscope reads.
: >"$SYS/amtscope.conf"
AMTSCOPE_TARGET=198.18.0.5 AMTSCOPE_TARGETS=198.18.0.6 "$AMTSCOPE" scan --echo 2>"$WORK/err" && fail "scan without targets ran"
grep -q "^amtscope: no targets given" "$WORK/err" || fail "no-targets message"

# --resume takes what it scans from its file: config only changes the pace.
printf '[scan]\nrate = 50\nports = 623\n' >"$SYS/amtscope.conf"
rm -f "$USR/amtscope/amtscope.conf"
"$AMTSCOPE" scan --resume "$WORK/none.resume" --dump-config >"$WORK/dump" || fail "dump on resume"
[ "$(line rate)" = "rate = 50  # $SYS/amtscope.conf:2|" ] || fail "resume: pace from config: $(line rate)"
[ "$(line ports)" = "ports = T:623,664,16992-16993,U:623  # default|" ] || fail "resume: ports not from config: $(line ports)"

# Other commands: check and inventory take the shared db key.
printf 'db = %s/inv.sqlite\n' "$WORK" >"$SYS/amtscope.conf"
"$AMTSCOPE" check --dump-config | grep -q "^db = $WORK/inv.sqlite  # $SYS/amtscope.conf:1$" || fail "check db"
"$AMTSCOPE" inventory scans >/dev/null || fail "inventory with the config's db"
[ -f "$WORK/inv.sqlite" ] || fail "inventory did not open the config's db"
# The generated example is a valid config that changes nothing.
"$AMTSCOPE" --example-config >"$SYS/amtscope.conf"
"$AMTSCOPE" scan --dump-config | grep -v '^#' | grep -v '# default$' && fail "example config sets values"
pass "precedence, origins, lists, no targets from config"
