#!/usr/bin/env bash
# inventory_size.sh - what one stored observation costs on disk, for sizing an inventory
# (docs/scale.md): an emulated fleet on this machine's loopback (2,000 AMT hosts: 1,000 vulnerable
# AMT 8.1 on 16992 and 16993, 1,000 patched AMT 11.8 on 16992) scanned on the default ports into a
# new SQLite file and into a new PostgreSQL database (a private server, as the tests start it).
# Prints observations, devices and bytes per observation (tables and indexes; SQLite: the file
# after a checkpoint). Loopback only.
#
#   bench/inventory_size.sh [path/to/amtscope]
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
set -- "${1:-$HERE/../build/amtscope}"
source "$HERE/../tests/emulate_lib.sh"
source "$HERE/../tests/pg_lib.sh"
B=$BLOCK
cat > "$WORK/fleet.json" <<JSON
{"seed": 7, "hosts": [
  {"address": "127.$B.8.1", "count": 1000, "firmware": "8.1.40", "mode": "vulnerable"},
  {"address": "127.$B.16.1", "count": 1000, "ports": [16992], "firmware": "11.8.50.3425", "mode": "patched"}
]}
JSON
start_emu fleet --fleet "$WORK/fleet.json"
cd "$WORK" || exit 1
SCAN=("$AMTSCOPE" scan "127.$B.8.0/21" "127.$B.16.0/22" --timeout 5s -q --progress none --format ndjson)
"${SCAN[@]}" --db "$WORK/inv.sqlite" -o sqlite.ndjson || fail "scan into SQLite"
python3 - "$WORK/inv.sqlite" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
obs, = db.execute("SELECT COUNT(*) FROM observations").fetchone()
dev, = db.execute("SELECT COUNT(*) FROM devices").fetchone()
size = os.path.getsize(sys.argv[1])
print(f"SQLite:     {obs} observations, {dev} devices, file {size} bytes = {size / obs:.0f} bytes per observation")
PY
start_postgres || skip "PostgreSQL: $PG_WHY"
URL=$(pg_new_db) || fail "create database"
"${SCAN[@]}" --db "$URL" -o pg.ndjson || fail "scan into PostgreSQL"
db=${URL#postgresql://postgres@/}; db=${db%%\?*}
as_postgres "$PG_BIN/psql" -q -h "$PG_DIR" -U postgres -d "$db" -At -F ' ' -c "VACUUM ANALYZE" -c "
  SELECT (SELECT COUNT(*) FROM observations), (SELECT COUNT(*) FROM devices),
         pg_total_relation_size('observations'), pg_total_relation_size('devices')" |
  awk '{ printf "PostgreSQL: %d observations, %d devices, %d + %d bytes = %.0f bytes per observation (%.0f observations + %.0f devices)\n",
         $1, $2, $3, $4, ($3 + $4) / $1, $3 / $1, $4 / $1 }'
