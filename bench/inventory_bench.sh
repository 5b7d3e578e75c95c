#!/usr/bin/env bash
# inventory_bench.sh - the inventory's speed targets through the CLI (issue 12):
#   1. `inventory import` of 1,000,000 NDJSON lines into a new SQLite file   (target < 10 s)
#   2. `inventory diff --json` of two scans of 100,000 observations each      (target < 1 s)
#   3. what recording costs a scan: the same loopback scan with --db and with --no-db, three
#      runs each in alternating order, medians (target: at most 5 % more wall time). The
#      bench rig's /16 (bench/scan_bench.sh, BENCH_SCAN_ARGS=--db FILE) measures the same on a
#      network; this one needs no root.
# Usage: bench/inventory_bench.sh [path/to/amtscope]   (about 2 minutes; needs python3)
# Prints one line per figure with the date and the load average. Traffic: loopback only.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
AMT=${1:-$HERE/../build/amtscope}
WORK=$(mktemp -d /tmp/amtscope-invbench.XXXXXX)
EMU=""
trap '[ -z "$EMU" ] || kill "$EMU" 2>/dev/null; rm -rf "$WORK"' EXIT
echo "date: $(date -u +%FT%TZ)  $(nproc) CPUs  load: $(cut -d' ' -f1-3 /proc/loadavg)"

# gen FILE N SHIFT DAY: N amtscope NDJSON port lines over 198.18.0.0/15 x 8 ports (never sent anywhere).
gen() {
  python3 - "$@" <<'PY'
import sys
path, n, shift, day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ports = [16992, 16993, 623, 664, 16994, 16995, 80, 443]
with open(path, "w") as f:
    for i in range(n):
        h = i + shift; a = h % 131072
        v = "vulnerable" if h % 3 == 0 else "not-vulnerable"
        adv = '"INTEL-SA-00075"' if v == "vulnerable" else ""
        f.write(f'{{"type":"port","ip":"198.{18 + (a >> 16)}.{(a >> 8) & 255}.{a & 255}","port":{ports[(h // 131072) % 8]},'
                f'"tls":false,"amt":true,"product":"amt","version":"8.1.40","realm":"Digest:{0x10000000 + h:08X}",'
                f'"verdict":"{v}","basis":"bypass","advisories":[{adv}],"error":null,"time":"2026-12-{day}T10:00:00.000Z",'
                '"server":"Intel(R) Active Management Technology 8.1.40","reason":"empty Digest response accepted",'
                '"tls_version":null,"bypass_status":200,"control_status":401,"reason_code":"empty-digest-200/wrong-401","cert_sha256":null}\n')
PY
}
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

gen "$WORK/m.ndjson" 1000000 0 01
t=$(secs "$AMT" inventory import --db "$WORK/m.sqlite" "$WORK/m.ndjson")
echo "import 1,000,000 NDJSON lines into SQLite: ${t} s (target < 10 s)"

gen "$WORK/a.ndjson" 100000 0 01
gen "$WORK/b.ndjson" 100000 7 02
"$AMT" inventory import --db "$WORK/d.sqlite" "$WORK/a.ndjson" "$WORK/b.ndjson" >/dev/null
for i in 1 2 3; do
  t=$(secs "$AMT" inventory diff --db "$WORK/d.sqlite" --json)
  echo "inventory diff --json, 2 x 100,000 observations (run $i): ${t} s (target < 1 s)"
done

# 3. A 2,048-host emulated fleet on 127.x, scanned with and without recording.
B=$((100 + RANDOM % 100))
echo "{\"seed\": 3, \"hosts\": [{\"address\": \"127.$B.0.1\", \"count\": 2048, \"firmware\": \"8.1.40\", \"mode\": \"vulnerable\"}]}" > "$WORK/fleet.json"
"$AMT" emulate --fleet "$WORK/fleet.json" 2>"$WORK/emu.err" & EMU=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/emu.err" && break; sleep 0.1; done
scan() { secs "$AMT" scan "127.$B.0.0/21" -q --timeout 3s --format ndjson -o "$WORK/s.ndjson" --force "$@"; }
nodb=(); db=()
for i in 1 2 3; do
  nodb+=("$(scan --no-db)")
  db+=("$(scan --db "$WORK/rec.sqlite")")
done
python3 - "${nodb[*]}" "${db[*]}" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
ma, mb = statistics.median(a), statistics.median(b)
print(f"scan of 4,096 AMT ports on loopback: --no-db median {ma:.2f} s {a}, --db median {mb:.2f} s {b}: "
      f"recording adds {100 * (mb - ma) / ma:+.1f} % (target <= 5 %)")
PY
