#!/usr/bin/env bash
# Nothing lost, nothing stored twice (issue 12 items 2 and 5): a scan
# recording into SQLite is killed with SIGKILL mid-way and resumed; a scan
# recording into PostgreSQL loses its server mid-way (immediate shutdown),
# finishes its output anyway, exits 3 with a `--resume` hint, and the resume
# after the server is back stores the rest. Each time the stored scan must
# equal an uninterrupted scan of the same fleet, record for record.
source "$(dirname "$0")/emulate_lib.sh"
source "$(dirname "$0")/scan_resume_lib.sh"
source "$(dirname "$0")/pg_lib.sh"
start_mixed_fleet 11 40 64 30
# The web ports only: --resume continues TCP positions; the RMCP ping and the
# redirection probe are not resumed yet (docs/scan.md, "Protocols").
SCAN=("$AMTSCOPE" scan "127.$B.$C.0/25" -p 16992,16993 --timeout 2s -q --format ndjson)
"${SCAN[@]}" --no-db -o base.ndjson --resume-file base.resume || fail "baseline"

# stored DB OUT: the last scan of DB exported as NDJSON, and its status.
stored() {
  "$AMTSCOPE" inventory export --db "$1" --format ndjson > "$2" || fail "export from $1"
  "$AMTSCOPE" inventory scans --db "$1" --json |
    python3 -c 'import json,sys; s=json.load(sys.stdin); print(len(s), s[0]["status"], s[0]["open_ports"])'
}
# same_records BASE EXPORT: each (ip, port, verdict) of BASE once, nothing else.
same_records() {
  python3 - "$1" "$2" <<'PY'
import collections, json, sys
rec = lambda p: [(d["ip"], d["port"], d["verdict"]) for d in map(json.loads, open(p)) if d.get("type") == "port"]
base, got = rec(sys.argv[1]), rec(sys.argv[2])
dup = [k for k, n in collections.Counter(got).items() if n > 1]
assert not dup, f"stored twice: {dup[:5]}"
assert set(got) == set(base), f"missing {sorted(set(base) - set(got))[:5]}, extra {sorted(set(got) - set(base))[:5]}"
print(f"{len(got)} records, as the uninterrupted scan")
PY
}

# 1. SQLite: kill -9 mid-scan, then --resume continues the same stored scan.
"${SCAN[@]}" --rate 100 --db k9.sqlite -o k9.ndjson --resume-file k9.resume 2>k9.err & pid=$!
wait_for_file k9.resume; sleep 0.8; kill -KILL $pid; wait $pid 2>/dev/null
[ -e k9.resume ] || fail "kill -9: no resume file"
"$AMTSCOPE" scan --resume k9.resume -q 2>>k9.err || { cat k9.err; fail "resume after kill -9"; }
summary=$(stored k9.sqlite k9.export)
[ "${summary% *}" = "1 done" ] || fail "sqlite: want one done scan, got: $summary"
same_records base.ndjson k9.export || fail "sqlite: stored records differ after kill -9 + resume"

# 2. PostgreSQL: the server goes away mid-scan and comes back.
if start_postgres; then
  URL=$(pg_new_db) || fail "create database"
  "${SCAN[@]}" --rate 100 --db "$URL" -o pg.ndjson --resume-file pg.resume 2>pg.err & pid=$!
  wait_for_file pg.resume; sleep 0.6; pg_stop_now
  rc=0; wait $pid || rc=$?
  [ $rc = 3 ] || { cat pg.err; fail "scan with its database gone: exit $rc, want 3"; }
  grep -q "^amtscope: .*recording stops" pg.err && grep -q "scan --resume pg.resume" pg.err && cat pg.err ||
    fail "no clear line and hint: $(cat pg.err)"
  same_records base.ndjson pg.ndjson || fail "the output file lost results when the database went away"
  pg_start || fail "restart PostgreSQL"
  "$AMTSCOPE" scan --resume pg.resume -q 2>>pg.err || { cat pg.err; fail "resume into PostgreSQL"; }
  [ ! -e pg.resume ] || fail "resume file kept after everything was stored"
  summary=$(stored "$URL" pg.export)
  [ "${summary% *}" = "1 done" ] || fail "postgres: want one done scan, got: $summary"
  same_records base.ndjson pg.export || fail "postgres: stored records differ"
else
  not_checked "PostgreSQL ($PG_WHY)"
fi
pass
