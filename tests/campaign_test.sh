#!/usr/bin/env bash
# A campaign (issue 14): four shard processes of one fleet of 1,100 emulated
# hosts record into one PostgreSQL inventory at once; one is killed with
# SIGKILL half-way and restarted with the same command, and continues from
# its checkpoint in the database. A second live claim of a shard is refused.
# Afterwards the campaign is one scan, done, whose observations equal a
# single-process scan of the same targets exactly. Loopback only.
source "$(dirname "$0")/emulate_lib.sh"
source "$(dirname "$0")/pg_lib.sh"
need python3
start_postgres || skip "PostgreSQL: $PG_WHY"
URL=$(pg_new_db) || fail "create database"

# 600 vulnerable AMT 8.1 hosts (16992 and 16993) and 500 patched AMT 11.8
# hosts (16992 only) across a /21 of this test's own 127.B block.
B=$BLOCK
cat > "$WORK/fleet.json" <<JSON
{"seed": 14, "hosts": [
  {"address": "127.$B.8.1", "count": 600, "firmware": "8.1.40", "mode": "vulnerable"},
  {"address": "127.$B.12.1", "count": 500, "ports": [16992], "firmware": "11.8.50.3425", "mode": "patched"}
]}
JSON
start_emu fleet --fleet "$WORK/fleet.json"
cd "$WORK" || fail "no $WORK"
TARGETS="127.$B.8.0/21"
# A generous timeout: the addresses without a host refuse at once, so it only
# matters when TLS handshakes queue at the emulator (four sanitized shards
# on two cores took over 3 s), and a timed-out probe would differ.
"$AMTSCOPE" scan "$TARGETS" -p 16992,16993 --timeout 10s --probe-deadline 60s -q --no-db -o base.ndjson || fail "single scan"

# The shards are paced so that one can be killed half-way: at 150 probes/s a
# shard of 1,024 takes about 7 s and its first checkpoint (2 s) leaves ~5 s
# before it ends (at 300, a late checkpoint once let it finish before the kill).
SHARD=("$AMTSCOPE" scan "$TARGETS" -p 16992,16993 --timeout 10s --probe-deadline 60s -q --progress none
  --db "$URL" --campaign weekly --rate 150)
pids=()
for i in 1 2 3 4; do
  "${SHARD[@]}" --shard "$i/4" -o "shard$i.ndjson" 2>"shard$i.err" &
  pids+=($!)
done

# A second process for shard 3 while the first holds it: refused, exit 2.
for _ in $(seq 100); do read -r d t st < <(shard_progress "$URL" weekly 3) && [ "$st" = running ] && break; sleep 0.05; done
rc=0; "${SHARD[@]}" --shard 3/4 -o twice.ndjson 2>twice.err || rc=$?
[ "$rc" = 2 ] || fail "a second live claim of shard 3: exit $rc, want 2 ($(cat twice.err))"
grep -q "shard 3/4 of campaign 'weekly' is held by" twice.err || fail "refusal: $(cat twice.err)"

# Kill shard 2 once a checkpoint says it is part-way, then restart it.
killed_at=""
for _ in $(seq 200); do
  read -r d t st < <(shard_progress "$URL" weekly 2)
  if [ "${d:-0}" -gt 0 ] && [ "$d" -lt "$t" ]; then killed_at=$d; break; fi
  sleep 0.05
done
[ -n "$killed_at" ] || fail "shard 2 never reported part-way progress ($d of $t, $st)"
kill -KILL "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
read -r d t st < <(shard_progress "$URL" weekly 2)
[ "$st" = running ] || fail "a killed shard shows as $st"
"${SHARD[@]}" --shard 2/4 -o shard2b.ndjson 2>shard2b.err || fail "restarted shard 2: $(cat shard2b.err)"
grep -q "continues from its checkpoint ([1-9][0-9]* of $t probes done)" shard2b.err ||
  fail "the restart did not continue from the checkpoint: $(cat shard2b.err)"
for i in 1 3 4; do wait "${pids[$((i - 1))]}" || fail "shard $i: $(cat "shard$i.err")"; done

"$AMTSCOPE" inventory scans --db "$URL" --campaign weekly --json > campaign.json || fail "scans --campaign"
"$AMTSCOPE" inventory export --db "$URL" --campaign weekly --format ndjson > campaign.ndjson || fail "export"
"$AMTSCOPE" inventory scans --db "$URL" --campaign weekly
python3 - "$killed_at" <<'PY' || fail "the campaign differs from the single scan"
import collections, json, sys
rec = lambda p: [(d["ip"], d["port"], d["proto"] if "proto" in d else "tcp", d["verdict"])
                 for d in map(json.loads, open(p)) if d.get("type") == "port"]
base = rec("base.ndjson")
got = rec("campaign.ndjson")
c = json.load(open("campaign.json"))
assert c["status"] == "done", c["status"]
assert [s["status"] for s in c["shard_progress"]] == ["done"] * 4, c["shard_progress"]
assert all(s["done"] == s["total"] for s in c["shard_progress"]), c["shard_progress"]
dup = [k for k, n in collections.Counter(got).items() if n > 1]
assert not dup, f"stored twice: {dup[:3]}"
assert set(got) == set(base), f"missing {sorted(set(base) - set(got))[:3]}, extra {sorted(set(got) - set(base))[:3]}"
assert c["observations"] == len(base), (c["observations"], len(base))
# The restart continued: it wrote fewer records than the whole shard holds.
again = len(rec("shard2b.ndjson"))
first = len(rec("shard2.ndjson"))
print(f"campaign: {len(got)} observations = single scan; shard 2 killed at "
      f"{sys.argv[1]} probes ({first} records), the restart added {again}")
PY
pass "4 shards, one killed and restarted, a second claim refused: the campaign equals one scan"
