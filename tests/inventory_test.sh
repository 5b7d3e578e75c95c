#!/usr/bin/env bash
# Inventory end to end (issue 12): scan an emulated fleet on 127.x into a
# temp SQLite file, change the fleet (a host patched, one moved to another
# address, one added, one removed), scan again, and check `inventory diff
# --json` item by item.
source "$(dirname "$0")/emulate_lib.sh"
need python3
N=$(next_net)
DB="$WORK/inv.sqlite"
# 1 patched later; 2 moves to .20 (same realm seed → same device); 3 stays
# vulnerable; 4 is removed; 5 is added in the second fleet.
cat > "$WORK/fleet1.json" <<JSON
[{"address": "$N.1", "ports": [16992], "firmware": "8.1.40", "mode": "vulnerable"},
 {"address": "$N.2", "ports": [16992], "firmware": "9.1.30", "mode": "vulnerable", "realm": "Digest:5A5A0000000000000000000000000002"},
 {"address": "$N.3", "ports": [16992], "firmware": "11.0.22", "mode": "vulnerable"},
 {"address": "$N.4", "ports": [16992], "firmware": "8.1.71", "build": 3608, "mode": "patched"}]
JSON
cat > "$WORK/fleet2.json" <<JSON
[{"address": "$N.1", "ports": [16992], "firmware": "8.1.71", "build": 3608, "mode": "patched"},
 {"address": "$N.20", "ports": [16992], "firmware": "9.1.30", "mode": "vulnerable", "realm": "Digest:5A5A0000000000000000000000000002"},
 {"address": "$N.3", "ports": [16992], "firmware": "11.0.22", "mode": "vulnerable"},
 {"address": "$N.5", "ports": [16992], "firmware": "8.1.40", "mode": "vulnerable"}]
JSON
scan() { "$AMTSCOPE" scan "$N.1-30" -p 16992 -q --timeout 2s --db "$DB" --site lab -o "$WORK/$1.ndjson" --resume-file "$WORK/$1.resume"; }
start_emu one --fleet "$WORK/fleet1.json"
scan s1 || fail "first scan rc=$?"
kill -TERM "${EMU_PIDS[0]}"; wait "${EMU_PIDS[0]}" 2>/dev/null
start_emu two --fleet "$WORK/fleet2.json"
scan s2 || fail "second scan rc=$?"
"$AMTSCOPE" inventory scans --db "$DB" --json > "$WORK/scans.json" || fail "inventory scans"
"$AMTSCOPE" inventory diff --db "$DB" --json > "$WORK/diff.json" || fail "inventory diff: $(cat "$WORK/diff.json")"
"$AMTSCOPE" inventory devices --db "$DB" --vulnerable --json > "$WORK/devices.json" || fail "inventory devices"
cat "$WORK/diff.json"
python3 - "$WORK" "$N" <<'PY' || fail "diff checks"
import json, sys
work, n = sys.argv[1], sys.argv[2]
scans = json.load(open(f"{work}/scans.json"))
assert [s["status"] for s in scans] == ["done", "done"], scans
assert all(s["site"] == "lab" for s in scans), scans
d = json.load(open(f"{work}/diff.json"))
def ips(cat): return sorted(i["ip"] for i in d[cat])
assert ips("new") == [f"{n}.5"], d["new"]
assert ips("fixed") == [f"{n}.1"], d["fixed"]
fixed = d["fixed"][0]
assert fixed["verdict_before"] == "vulnerable" and fixed["verdict_after"] == "not-vulnerable", fixed
assert fixed["version_after"].startswith("8.1.71"), fixed
assert ips("gone") == [f"{n}.4"], d["gone"]
assert d["regressed"] == [], d["regressed"]
assert ips("moved") == [f"{n}.20"], d["moved"]
assert d["moved"][0]["previous_ip"] == f"{n}.2", d["moved"]
assert f"{n}.3" in ips("still_vulnerable"), d["still_vulnerable"]
for cat in ("new", "fixed", "regressed", "still_vulnerable", "gone", "moved"):
    for item in d[cat]:
        for key in ("device", "ip", "port", "previous_ip", "verdict_before",
                    "verdict_after", "version_before", "version_after"):
            assert key in item, (cat, key, item)
dev = json.load(open(f"{work}/devices.json"))
assert sorted(x["ip"] for x in dev) == sorted([f"{n}.20", f"{n}.3", f"{n}.5"]), dev
PY
# export gives the scan's own NDJSON back, one line per address and port.
"$AMTSCOPE" inventory export --db "$DB" --format ndjson > "$WORK/export.ndjson" || fail "export"
[ "$(grep -c '"type":"port"' "$WORK/export.ndjson")" = 4 ] || fail "export: $(cat "$WORK/export.ndjson")"
# --no-db records nothing; a database that cannot be opened fails before scanning (exit 2).
"$AMTSCOPE" scan "$N.3" -p 16992 -q --timeout 2s --no-db >/dev/null || fail "--no-db scan"
[ "$(python3 -c "import json,sys; print(len(json.load(sys.stdin)))" < <("$AMTSCOPE" inventory scans --db "$DB" --json))" = 2 ] ||
  fail "--no-db stored a scan"
mkdir "$WORK/dir.sqlite"
"$AMTSCOPE" scan "$N.3" -p 16992 -q --timeout 2s --db "$WORK/dir.sqlite" >/dev/null 2>"$WORK/e1"; rc=$?
[ $rc = 2 ] && grep -q "^amtscope: " "$WORK/e1" || fail "bad --db: rc $rc: $(cat "$WORK/e1")"
echo PASS
