# A private PostgreSQL server for an e2e test (sourced after emulate_lib.sh,
# not a test itself): initdb + pg_ctl in a temp directory, listening only on
# a Unix socket there, run as the `postgres` user when we are root
# (PostgreSQL refuses to run as root). Stopped by the test's cleanup.

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_DIR=""
PG_DBS=0

as_postgres() {  # from / : the test's own directory is not the postgres user's
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# start_postgres: sets PG_DIR; returns 1 and sets PG_WHY when it cannot.
# Call it directly (not in $(...)): it sets variables.
start_postgres() {
  PG_DIR=$(mktemp -d /tmp/amtscope-pg-e2e.XXXXXX)
  CLEANUP_HOOKS+=(stop_postgres)
  PG_WHY=$(pg_init)
}
pg_init() {
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL under /usr/lib/postgresql"; return 1; }
  if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || { echo "no postgres user"; return 1; }; fi
  [ "$(id -u)" != 0 ] || chown postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync \
    >"$PG_DIR/initdb.log" 2>&1 || { echo "initdb failed: $(tail -3 "$PG_DIR/initdb.log")"; return 1; }
  pg_start || return 1
}

# pg_start / pg_stop_now: (re)start the server, or kill it as a crash would.
pg_start() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses='' -k $PG_DIR -c fsync=off -c max_connections=60" start >/dev/null 2>&1 ||
    { echo "pg_ctl start failed: $(tail -3 "$PG_DIR/server.log")"; return 1; }
}
pg_stop_now() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1; }

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  pg_stop_now
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# pg_new_db: prints the URL of a new empty database.
pg_new_db() {
  PG_DBS=$((PG_DBS + 1))
  as_postgres "$PG_BIN/psql" -q -h "$PG_DIR" -U postgres -d postgres -c "CREATE DATABASE t$PG_DBS" >/dev/null || return 1
  echo "postgresql://postgres@/t$PG_DBS?host=$PG_DIR"
}

# shard_progress URL CAMPAIGN SHARD: "done total status" of one shard of a
# campaign (nothing while the campaign does not exist yet). One psql query
# when URL is this file's server: a test polls it while shards run, and the
# CLI and python it used before took over a second per poll under ASan with
# four shards sharing two cores, longer than a shard's checkpoint window.
shard_progress() {
  if [[ $1 == postgresql://*\?host=$PG_DIR ]]; then
    local db=${1#postgresql://postgres@/}
    as_postgres "$PG_BIN/psql" -X -q -At -F ' ' -h "$PG_DIR" -U postgres -d "${db%%\?*}" -c "
      SELECT c.done, c.total, convert_from(c.status, 'UTF8') FROM campaign_shards c
      JOIN scans s ON s.id = c.scan_id
      WHERE s.campaign = convert_to('$2', 'UTF8') AND c.shard = $3" 2>/dev/null | grep .
    return
  fi
  "$AMTSCOPE" inventory scans --db "$1" --campaign "$2" --json 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)["shard_progress"][int(sys.argv[1]) - 1]
print(s.get("done", 0), s.get("total", 0), s["status"])' "$3" 2>/dev/null
}
