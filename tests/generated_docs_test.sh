#!/bin/bash
# Man pages and completions come from the option tables (cli/manpage.h,
# cli/completion.h): every command has a page that `groff -ww -man`
# renders without a warning, the pages list the tables' flags and enum
# values, the build's copies match the binary, and bash/zsh complete the
# commands, flags and enum values.
source "$(dirname "$0")/emulate_lib.sh"
need groff
export AMTSCOPE_SYSCONFDIR=$WORK/no-sysconf XDG_CONFIG_HOME=$WORK/no-config

"$AMTSCOPE" --help-man-all "$WORK/man" || fail "--help-man-all failed"
# Every command `amtscope` lists has its page, in section 8 for check.
commands=$("$AMTSCOPE" | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1}')
[ -n "$commands" ] || fail "no commands in the usage"
for c in $commands; do
  section=1; [ "$c" = check ] && section=8
  [ -s "$WORK/man/man$section/amtscope-$c.$section" ] || fail "no page amtscope-$c($section)"
done
[ -s "$WORK/man/man1/amtscope.1" ] || fail "no amtscope(1)"

for page in "$WORK"/man/man*/*; do
  GROFF_NO_SGR=1 groff -ww -man -Tutf8 "$page" 2>"$WORK/warn.txt" | col -bx >"$WORK/out.txt"
  [ -s "$WORK/warn.txt" ] && { cat "$WORK/warn.txt" >&2; fail "groff warns on $(basename "$page")"; }
  for section in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
    grep -q "^$section" "$WORK/out.txt" || fail "$(basename "$page") has no $section"
  done
done
GROFF_NO_SGR=1 groff -man -Tutf8 "$WORK/man/man1/amtscope-scan.1" 2>/dev/null | col -bx >"$WORK/scan.txt"
grep -q -- "--scan-type VALUE" "$WORK/scan.txt" || fail "scan page lacks --scan-type"
grep -q "One of: auto, syn, connect" "$WORK/scan.txt" || fail "scan page lacks the scan types"
grep -q "AMTSCOPE_RATE" "$WORK/scan.txt" || fail "scan page lacks AMTSCOPE_RATE"
grep -q "NOTES AND EXAMPLES" "$WORK/scan.txt" || fail "scan page lacks the examples"
# A page for one name, and a clear error for an unknown one.
"$AMTSCOPE" --help-man amtscope-emulate | grep -q '^\.TH "AMTSCOPE\\-EMULATE" "1"' || fail "--help-man PAGE"
"$AMTSCOPE" --help-man check | grep -q '^\.TH "AMTSCOPE\\-CHECK" "8"' || fail "--help-man COMMAND"
"$AMTSCOPE" --help-man amtscope-nope 2>"$WORK/err" && fail "unknown page accepted"
grep -q "^amtscope: no man page 'amtscope-nope' (hint:" "$WORK/err" || fail "unknown page message"

# What the build installed is what the binary prints now (no drift).
if [ -n "${AMTSCOPE_GENERATED:-}" ] && [ -d "$AMTSCOPE_GENERATED/man" ]; then
  diff -r "$WORK/man" "$AMTSCOPE_GENERATED/man" || fail "build's man pages differ from the binary's"
  "$AMTSCOPE" --completion bash | cmp - "$AMTSCOPE_GENERATED/completions/amtscope" || fail "bash completion differs"
else
  not_checked "the build's generated copies (AMTSCOPE_GENERATED not set)"
fi

# bash: complete as a user would, through the generated function.
"$AMTSCOPE" --completion bash >"$WORK/amtscope.bash"
comp() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
           _amtscope; echo "${COMPREPLY[*]}"' _ "$WORK/amtscope.bash" amtscope "$@"
}
[ "$(comp sc)" = scan ] || fail "bash: 'sc' -> '$(comp sc)'"
[ "$(comp scan --scan-type '')" = "auto syn connect" ] || fail "bash: --scan-type values"
[ "$(comp scan --format n)" = ndjson ] || fail "bash: --format n"
[ "$(comp scan --max-ra)" = --max-rate ] || fail "bash: --max-ra"
[ "$(comp scan --rate 5 --scan-type c)" = connect ] || fail "bash: a value is skipped"
[ "$(comp emulate --mode any)" = any-password ] || fail "bash: emulate --mode"
comp inventory '' | grep -qw prune || fail "bash: inventory subcommands"
[ "$(comp inventory scans --js)" = --json ] || fail "bash: nested command flags"

# zsh: the script parses, and an interactive zsh (in a pty, compinit on
# the generated file) completes commands and the tables' enum values.
if command -v zsh >/dev/null; then
  mkdir -p "$WORK/zfunc"
  "$AMTSCOPE" --completion zsh >"$WORK/zfunc/_amtscope"
  zsh -n "$WORK/zfunc/_amtscope" || fail "zsh: syntax"
  head -1 "$WORK/zfunc/_amtscope" | grep -q '^#compdef amtscope$' || fail "zsh: no #compdef"
  cat >"$WORK/ztab.zsh" <<'ZSH'
# ztab.zsh FPATH_DIR TYPED WANT: what an interactive zsh shows after
# TYPED<TAB>, read until it holds WANT (a pattern) or 15 s passed: a fixed
# 1 s wait failed in CI while the other tests loaded both cores.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; LISTMAX=0; amtscope() { :; }; echo READY"
while zpty -r -t z line; do [[ $line == READY* ]] && break; done
zpty -n -w z "$2"$'\t'
out=""
for i in {1..150}; do
  sleep 0.1
  while zpty -r -t z line; do out+=$line; done
  [[ ${out//$'\r'/} == *${~3}* ]] && break
done
sleep 0.2
while zpty -r -t z line; do out+=$line; done
print -r -- "${out//$'\r'/}"
zpty -d z
ZSH
  ztab() { timeout 30 zsh -f "$WORK/ztab.zsh" "$WORK/zfunc" "$1" "$2" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g'; }
  ztab 'amtscope inv' 'inventory' | grep -q 'amtscope inventory' || fail "zsh: 'inv' not completed to inventory"
  out=$(ztab 'amtscope scan --scan-type ' 'syn')
  # zsh lists the choices sorted, in columns: "auto  connect  syn".
  grep -qE 'auto +connect +syn' <<<"$out" || fail "zsh: --scan-type values: $out"
  ztab 'amtscope emulate --mode ' 'any-password' | grep -q 'any-password' || fail "zsh: emulate --mode values"
else
  not_checked "zsh completion (zsh not installed)"
fi
"$AMTSCOPE" --completion fish 2>"$WORK/err" && fail "fish accepted"
grep -q "^amtscope: no completion for shell 'fish' (hint: use bash or zsh)" "$WORK/err" || fail "fish message"
pass "man pages render without warnings; completions complete"
