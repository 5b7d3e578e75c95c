#!/usr/bin/env bash
# `amtscope report` end to end (issue 13): scan an emulated fleet on 127.x
# twice into a temporary SQLite inventory (one host patched, one moved, one
# added, one removed, a honeypot, a plain web server), write the HTML,
# Markdown, SARIF and CSV reports, and check them: the HTML in headless
# Chromium driven by Selenium (cards, chart bars and points, table rows,
# sorting, filtering, no console error, no network request, no-JS, dark and
# print styles, a full-page screenshot under the build tree), the others
# parsed (tests/report_check.py). Exits 77 when Chromium or Selenium is
# missing.
source "$(dirname "$0")/emulate_lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "python3 not installed"
command -v chromium >/dev/null 2>&1 || skip "chromium not installed"
command -v chromedriver >/dev/null 2>&1 || skip "chromium-driver not installed"
"$PY" -c "import selenium" 2>/dev/null || skip "python3-selenium not installed"
ART="$(cd "$(dirname "$AMTSCOPE")" && pwd)/test-tmp/report_browser"
mkdir -p "$ART"
N=$(next_net)
DB="$WORK/inv.sqlite"
# .1 patched later (fixed); .2 moves to .20 (same realm: one device); .3 stays
# vulnerable; .4 patched, gone in scan 2; .5 new in scan 2; .6 a honeypot
# (unknown); .7 a plain web server (not AMT).
cat > "$WORK/fleet1.json" <<JSON
[{"address": "$N.1", "ports": [16992], "firmware": "8.1.40", "mode": "vulnerable"},
 {"address": "$N.2", "ports": [16992], "firmware": "9.1.30", "mode": "vulnerable", "realm": "Digest:5A5A0000000000000000000000000002"},
 {"address": "$N.3", "ports": [16992], "firmware": "11.0.22", "mode": "vulnerable"},
 {"address": "$N.4", "ports": [16992], "firmware": "8.1.71", "build": 3608, "mode": "patched"},
 {"address": "$N.6", "ports": [16992], "firmware": "10.0.47", "mode": "any-password"},
 {"address": "$N.7", "ports": [16992], "firmware": "8.1.40", "mode": "patched", "product": "web"}]
JSON
cat > "$WORK/fleet2.json" <<JSON
[{"address": "$N.1", "ports": [16992], "firmware": "8.1.71", "build": 3608, "mode": "patched"},
 {"address": "$N.20", "ports": [16992], "firmware": "9.1.30", "mode": "vulnerable", "realm": "Digest:5A5A0000000000000000000000000002"},
 {"address": "$N.3", "ports": [16992], "firmware": "11.0.22", "mode": "vulnerable"},
 {"address": "$N.5", "ports": [16992], "firmware": "8.1.40", "mode": "vulnerable"},
 {"address": "$N.6", "ports": [16992], "firmware": "10.0.47", "mode": "any-password"},
 {"address": "$N.7", "ports": [16992], "firmware": "8.1.40", "mode": "patched", "product": "web"}]
JSON
scan() { "$AMTSCOPE" scan "$N.1-30" -p 16992 -q --timeout 2s --db "$DB" --site lab -o "$WORK/$1.ndjson" --resume-file "$WORK/$1.resume"; }
start_emu one --fleet "$WORK/fleet1.json"
scan s1 || fail "first scan rc=$?"
"$AMTSCOPE" report --db "$DB" -o "$WORK/scan1.sarif" || fail "sarif after scan 1"
kill -TERM "${EMU_PIDS[0]}"; wait "${EMU_PIDS[0]}" 2>/dev/null
start_emu two --fleet "$WORK/fleet2.json"
scan s2 || fail "second scan rc=$?"

R() { "$AMTSCOPE" report --db "$DB" "$@" || fail "report $* rc=$?"; }
R -o "$ART/report.html"
R -o "$WORK/report.md"
R -o "$WORK/report.sarif"
R -o "$WORK/report.csv"
R --format md -o - > "$WORK/stdout.md"
"$AMTSCOPE" report --from-ndjson "$WORK/s2.ndjson" -o "$WORK/from-ndjson.html" || fail "--from-ndjson"
"$AMTSCOPE" inventory devices --db "$DB" --json > "$WORK/devices.json" || fail "inventory devices"

# Bad input: one line starting amtscope:, a hint, exit 2.
"$AMTSCOPE" report --db "$DB" -o "$WORK/report.pdf" 2>"$WORK/err.txt"; rc=$?
[ "$rc" = 2 ] && grep -q "^amtscope: .*hint:" "$WORK/err.txt" || fail "bad extension: rc=$rc $(cat "$WORK/err.txt")"
"$AMTSCOPE" report --db "$WORK/missing.sqlite" -o "$WORK/x.html" 2>"$WORK/err.txt"; rc=$?
[ "$rc" = 2 ] && [ ! -e "$WORK/missing.sqlite" ] || fail "missing inventory: rc=$rc $(cat "$WORK/err.txt")"
"$AMTSCOPE" report --db "$DB" --scan 999 -o "$WORK/x.html" 2>"$WORK/err.txt"; rc=$?
[ "$rc" = 2 ] || fail "no such scan: rc=$rc $(cat "$WORK/err.txt")"

# `amtscope demo` ends with the path of its HTML report: 14 emulated hosts,
# 13 AMT devices (127.42.0.13's two ports are one device), 10 vulnerable.
"$AMTSCOPE" demo > "$WORK/demo.out" 2>&1 || fail "demo rc=$? $(tail -3 "$WORK/demo.out")"
demo_report=$(sed -n 's/^Report: \(.*\) (open it in a browser)$/\1/p' "$WORK/demo.out")
[ -f "$demo_report" ] || fail "demo printed no report path: $(tail -2 "$WORK/demo.out")"
grep -q 'id="card-amt"><span class="num">13<' "$demo_report" &&
  grep -q 'id="card-vuln"><span class="num">10<' "$demo_report" || fail "demo report cards"
case $demo_report in */amtscope-demo-*/report.html) rm -rf "$(dirname "$demo_report")" ;; esac

"$PY" "$(dirname "$0")/report_check.py" "$WORK" "$ART" "$N" "$AMTSCOPE" || fail "report checks"
pass "report cards, charts, table, sorting, filtering, no requests; screenshot $ART/report.png"
