#!/usr/bin/env bash
# campaign_bench.sh - issue 14's write target: eight shard processes storing
# into one PostgreSQL at once sustain >= 20,000 observations per second in
# total (bench/campaign_bench.cc, through Inventory::SaveShard as
# `scan --campaign` stores). Starts a private PostgreSQL in a temp dir
# (Unix socket only, as the `postgres` user when root; fsync on, as a real
# server). Usage: bench/campaign_bench.sh [path/to/amtscope_bench]
# Prints the figure with the date and load. No network traffic.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH=${1:-$HERE/../build/amtscope_bench}
[ -x "$BENCH" ] || { echo "no $BENCH: build with -DAMTSCOPE_BENCH=ON (libbenchmark-dev)"; exit 1; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/amtscope-pg-bench.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
[ "$(id -u)" != 0 ] || chown postgres "$DIR"
trap 'as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$DIR"' EXIT
as_pg "$PG_BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-c listen_addresses='' -k $DIR" start >/dev/null
as_pg "$PG_BIN/psql" -q -h "$DIR" -U postgres -d postgres -c "CREATE DATABASE bench" >/dev/null
echo "date: $(date -u +%FT%TZ)  $(nproc) CPUs  load: $(cut -d' ' -f1-3 /proc/loadavg)"
AMTSCOPE_BENCH_PG="postgresql://postgres@/bench?host=$DIR" \
  "$BENCH" --benchmark_filter=EightShard --benchmark_counters_tabular=true
# What the campaigns left on disk: the figure docs/scale.md sizes a survey's
# database with (tables and indexes, after the runs above).
as_pg "$PG_BIN/psql" -q -h "$DIR" -U postgres -d bench -At -F ' ' -c "
  SELECT 'stored:', (SELECT COUNT(*) FROM observations) AS observations,
         (SELECT COUNT(*) FROM devices) AS devices,
         pg_total_relation_size('observations') AS obs_bytes,
         pg_total_relation_size('devices') AS dev_bytes" |
  awk '{ printf "%s %d observations (%.0f bytes each with indexes), %d devices (%.0f bytes each)\n",
         $1, $2, $4 / $2, $3, $5 / $3 }'
