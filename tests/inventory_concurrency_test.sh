#!/usr/bin/env bash
# Four scan processes recording at once (issue 12 item 6): into one SQLite
# file, then into one PostgreSQL database, four shards of one fleet at the
# same moment. Every shard's scan is stored whole (its NDJSON output and its
# stored observations agree), the union is the single-process scan, nothing
# is stored twice, and the writers agree on one device per AMT host.
source "$(dirname "$0")/emulate_lib.sh"
source "$(dirname "$0")/scan_resume_lib.sh"
source "$(dirname "$0")/pg_lib.sh"
start_mixed_fleet 13 120 130 100
# The web ports: each shard probes the redirection ports of every AMT address
# it finds, and an address's web ports fall into different shards, so
# separate shard scans each record 16994/16995 (docs/scan.md "Protocols").
# A wide --timeout: under ASan four scanners, PostgreSQL and the emulator
# share two cores, and a 2 s wait once judged a slow answer "not-amt".
SCAN=("$AMTSCOPE" scan "127.$B.$C.0/24" -p 16992,16993 --timeout 10s -q --format ndjson --seed 5)
"${SCAN[@]}" --db one.sqlite -o base.ndjson --resume-file base.resume || fail "baseline"

# The fingerprint the inventory links devices by is the certificate's own
# SHA-256, as openssl computes it from the same port.
if command -v openssl >/dev/null; then
  read -r ip fp < <(python3 -c 'import json
for d in map(json.loads, open("base.ndjson")):
    if d.get("port") == 16993 and d.get("cert_sha256"): print(d["ip"], d["cert_sha256"]); break')
  [ -n "${fp:-}" ] || fail "no cert_sha256 on any TLS record"
  want=$(openssl s_client -connect "$ip:16993" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
  [ "$fp" = "$want" ] || fail "cert_sha256 $fp, openssl says $want"
else
  not_checked "cert_sha256 against openssl (not installed)"
fi

# four_at_once DB NAME: four shards recording into DB at the same time.
four_at_once() {
  local pids=() i rc
  for i in 1 2 3 4; do
    "${SCAN[@]}" --shard "$i/4" --db "$1" -o "$2.$i.ndjson" --resume-file "$2.$i.resume" 2>"$2.$i.err" &
    pids+=($!)
  done
  for i in 1 2 3 4; do
    rc=0; wait "${pids[$((i - 1))]}" || rc=$?
    [ $rc = 0 ] || { cat "$2.$i.err"; fail "$2 shard $i: exit $rc"; }
  done
}
# check DB NAME: per scan, stored == its output; union == baseline; devices.
check() {
  "$AMTSCOPE" inventory scans --db "$1" --json > "$2.scans.json" || fail "$2: scans"
  for id in $(python3 -c 'import json,sys; print(*[s["id"] for s in json.load(open(sys.argv[1]))])' "$2.scans.json"); do
    "$AMTSCOPE" inventory export --db "$1" --scan "$id" --format ndjson > "$2.export.$id" || fail "$2: export $id"
  done
  "$AMTSCOPE" inventory devices --db "$1" --json > "$2.devices.json" || fail "$2: devices"
  "$AMTSCOPE" inventory devices --db one.sqlite --json > one.devices.json || fail "baseline devices"
  python3 - "$2" <<'PY'
import collections, glob, json, sys
name = sys.argv[1]
rec = lambda p: [(d["ip"], d["port"], d["verdict"]) for d in map(json.loads, open(p)) if d.get("type") == "port"]
base = set(rec("base.ndjson"))
scans = json.load(open(f"{name}.scans.json"))
assert len(scans) == 4 and all(s["status"] == "done" for s in scans), scans
outputs = sorted(sorted(set(rec(p))) for p in glob.glob(f"{name}.[1-4].ndjson"))
stored = sorted(sorted(set(rec(p))) for p in glob.glob(f"{name}.export.*"))
assert outputs == stored, "a shard's stored observations differ from its output"
every = [r for p in glob.glob(f"{name}.export.*") for r in rec(p)]
dup = [k for k, n in collections.Counter(every).items() if n > 1]
assert not dup, f"stored twice: {dup[:5]}"
assert set(every) == base, f"union: missing {sorted(base - set(every))[:5]}, extra {sorted(set(every) - base)[:5]}"
devices = json.load(open(f"{name}.devices.json"))
want = json.load(open("one.devices.json"))
assert len(devices) == len(want), f"{len(devices)} devices, the single scan made {len(want)}"
print(f"{name}: 4 shards, {len(every)} observations, {len(devices)} devices, as one process")
PY
}

# Processes that open a new SQLite inventory at the same moment: SQLite
# answers the second switch to WAL with "database is locked" without waiting
# (1 in 30 pairs before the fix), so 3 processes x 40 fresh files.
for i in $(seq 40); do
  pids=()
  for _ in 1 2 3; do
    "$AMTSCOPE" inventory scans --db "new$i/inventory.sqlite" >/dev/null 2>>open.err &
    pids+=($!)
  done
  wait "${pids[@]}"  # not a bare wait: the emulator is a child too
done
[ ! -s open.err ] || fail "opening a new inventory at once: $(sort open.err | uniq -c)"

four_at_once shared.sqlite sqlite
check shared.sqlite sqlite || fail "SQLite: four writers"
if start_postgres; then
  URL=$(pg_new_db) || fail "create database"
  four_at_once "$URL" pg
  check "$URL" pg || fail "PostgreSQL: four writers"
else
  not_checked "PostgreSQL ($PG_WHY)"
fi
pass
