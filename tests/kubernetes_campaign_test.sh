#!/usr/bin/env bash
# The Kubernetes Indexed Job (deploy/kubernetes/scan-job.yaml) run here as its
# pods would run (issue 14 item 5): for every index, tests/kubernetes_render.py
# --exec runs the manifest's own `sh -c` with the pod's environment and
# JOB_COMPLETION_INDEX, pointed at a loopback fleet (--targets, --ports) and a
# PostgreSQL server this test starts (the Secret's AMTSCOPE_DB). All indexes
# run at once; one pod is killed with SIGKILL part-way and a replacement pod
# of the same index runs the same command. The campaign is then one scan,
# done, equal to a single-process scan of the same targets. Loopback only.
source "$(dirname "$0")/emulate_lib.sh"
source "$(dirname "$0")/pg_lib.sh"
need python3
python3 -c "import yaml" 2>/dev/null || skip "python3-yaml not installed"
start_postgres || skip "PostgreSQL: $PG_WHY"
URL=$(pg_new_db) || fail "create database"
HERE=$(cd "$(dirname "$0")" && pwd)
RENDER=(python3 "$HERE/kubernetes_render.py" "$HERE/../deploy/kubernetes/scan-job.yaml")

B=$BLOCK
cat > "$WORK/fleet.json" <<JSON
{"seed": 21, "hosts": [
  {"address": "127.$B.1.1", "count": 400, "ports": [16992], "firmware": "8.1.40", "mode": "vulnerable"},
  {"address": "127.$B.20.1", "count": 300, "ports": [16992], "firmware": "11.8.50.3425", "mode": "patched"}
]}
JSON
start_emu fleet --fleet "$WORK/fleet.json"
cd "$WORK" || fail "no $WORK"
# 8,192 addresses: 2,048 per shard at the manifest's --rate 500, about 4 s.
TARGETS="127.$B.0.0/19"
N=$("${RENDER[@]}" --completions) || fail "completions"
[ "$N" -ge 2 ] || fail "the Job has $N completions"
# pod I: index I's container, as the kubelet would start it.
pod() {
  exec "${RENDER[@]}" --index "$1" --exec --binary "$AMTSCOPE" \
    --env "AMTSCOPE_DB=$URL" --targets "$TARGETS" --ports 16992
}
pids=()
for i in $(seq 0 $((N - 1))); do
  (pod "$i") >"pod$i.out" 2>"pod$i.err" &
  pids+=($!)
done
# The pod of index 1 (shard 2) dies without warning part-way (an OOM kill).
killed=""
for _ in $(seq 200); do
  read -r d t st < <(shard_progress "$URL" example-survey 2) || true
  if [ "${d:-0}" -gt 0 ] && [ "$d" -lt "${t:-0}" ]; then killed=$d; break; fi
  sleep 0.05
done
[ -n "$killed" ] || fail "shard 2 never reported part-way progress (${d:-?} of ${t:-?})"
kill -KILL "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
# Its replacement: a new pod of the same index, same command.
(pod 1) >pod1b.out 2>pod1b.err || fail "replacement pod of index 1: $(cat pod1b.err)"
for i in $(seq 0 $((N - 1))); do
  [ "$i" = 1 ] && continue
  wait "${pids[$i]}" || fail "pod $i: $(cat "pod$i.err")"
done
"$AMTSCOPE" scan "$TARGETS" -p 16992 -q --progress none --no-db --format ndjson -o base.ndjson || fail "single scan"
"$AMTSCOPE" inventory scans --db "$URL" --campaign example-survey --json > campaign.json || fail "scans"
"$AMTSCOPE" inventory export --db "$URL" --campaign example-survey --format ndjson > campaign.ndjson || fail "export"
python3 - "$N" "$killed" <<'PY' || fail "the Job's campaign differs from the single scan"
import collections, json, sys
rec = lambda p: [(d["ip"], d["port"], d["verdict"]) for d in map(json.loads, open(p))
                 if d.get("type") == "port"]
base, got = rec("base.ndjson"), rec("campaign.ndjson")
c = json.load(open("campaign.json"))
assert c["status"] == "done" and c["shards"] == int(sys.argv[1]), (c["status"], c["shards"])
assert all(s["status"] == "done" for s in c["shard_progress"]), c["shard_progress"]
assert not [k for k, n in collections.Counter(got).items() if n > 1], "stored twice"
assert set(got) == set(base), f"missing {sorted(set(base) - set(got))[:3]}, extra {sorted(set(got) - set(base))[:3]}"
print(f"{sys.argv[1]} pods, index 1 killed at {sys.argv[2]} probes and replaced: {len(got)} observations = single scan")
PY
grep -q "continues from its checkpoint" pod1b.err || fail "the replacement did not continue: $(cat pod1b.err)"
pass "the Indexed Job's pods, one killed and replaced, make one campaign equal to a single scan"
