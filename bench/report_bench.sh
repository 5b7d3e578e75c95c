#!/usr/bin/env bash
# Report benchmark (issue 13): a 20,000-device inventory (198.18.0.0/15
# addresses, stored only, never contacted) rendered as HTML; prints the time
# to write it, its size (target < 10 MB) and Chromium's load time (target
# < 2 s). Usage: bench/report_bench.sh [path/to/amtscope] [DEVICES]
set -euo pipefail
AMTSCOPE=${1:-build/amtscope}
DEVICES=${2:-20000}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/amtscope-report-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$PY" "$(dirname "$0")/report_bench_gen.py" "$DEVICES" 1 > "$WORK/s1.ndjson"
"$PY" "$(dirname "$0")/report_bench_gen.py" "$DEVICES" 2 > "$WORK/s2.ndjson"
DB="$WORK/inv.sqlite"
t0=$(date +%s.%N)
"$AMTSCOPE" inventory import --db "$DB" --site hq "$WORK/s1.ndjson" "$WORK/s2.ndjson" >/dev/null
t1=$(date +%s.%N)
wrote=$("$AMTSCOPE" report --db "$DB" -o "$WORK/report.html")
t2=$(date +%s.%N)
"$AMTSCOPE" report --db "$DB" -o "$WORK/report.sarif" >/dev/null
t3=$(date +%s.%N)
size=$(stat -c %s "$WORK/report.html")
printf 'inventory          %d observations per scan, 2 scans; %s\n' "$DEVICES" "${wrote#*: }"
printf 'import (2 scans)   %.2f s\n' "$(echo "$t1 - $t0" | bc)"
printf 'report html        %.2f s\n' "$(echo "$t2 - $t1" | bc)"
printf 'report sarif       %.2f s (%d bytes)\n' "$(echo "$t3 - $t2" | bc)" "$(stat -c %s "$WORK/report.sarif")"
printf 'html size          %d bytes (%.2f MB; target < 10 MB)\n' "$size" "$(echo "$size / 1000000" | bc -l)"
if command -v chromium >/dev/null && "$PY" -c "import selenium" 2>/dev/null; then
  "$PY" - "$WORK/report.html" <<'PY'
import sys, time
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
o = Options()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1280,900"):
    o.add_argument(a)
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
try:
    runs = []
    for _ in range(3):
        d.get("about:blank")
        t = time.monotonic()
        d.get("file://" + sys.argv[1])
        # Layout done: reading a layout property forces it.
        d.execute_script("return document.body.scrollHeight")
        wall = time.monotonic() - t
        nav = d.execute_script(
            "var n=performance.getEntriesByType('navigation')[0];"
            "return [n.domContentLoadedEventEnd, n.loadEventEnd];")
        runs.append((wall, nav[0] / 1000, nav[1] / 1000))
    rows = d.execute_script("return document.querySelectorAll('#devtable tbody tr').length")
    t = time.monotonic()
    d.execute_script("document.querySelectorAll('#devtable thead th button')[1].click();"
                     "return document.body.scrollHeight")
    sort = time.monotonic() - t
    best = min(runs)
    print(f"chromium load      {best[0]:.2f} s wall (get + layout), DOMContentLoaded "
          f"{best[1]:.2f} s, load {best[2]:.2f} s; best of 3 (target < 2 s); {rows} rows")
    print(f"sort by address    {sort:.2f} s")
finally:
    d.quit()
PY
else
  echo "chromium load      not measured (chromium or python3-selenium missing)"
fi
