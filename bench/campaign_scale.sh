#!/usr/bin/env bash
# campaign_scale.sh - issue 14's projection: does a campaign of N shards finish in about 1/N of one
# process's time when each shard has its own core? Measures a SYN sweep (the Internet case: almost
# every address silent) of the rig's tarpit 198.19.0.0/17 (every SYN dropped in the target
# namespace) on 32 ports = 1,048,576 probes, as one process and as N = 2 shard processes of one
# campaign at once (SQLite inventory in a temp dir), each under /usr/bin/time: wall, user + sys CPU,
# probes/s. Prints the CPU µs per probe and the rate one shard sustains on one core, the numbers
# docs/scale.md plans with.
#
#   sudo bench/campaign_scale.sh [path/to/amtscope]     (about 1 minute)
#
# 2026-12-05, this 2-vCPU VM, Release: N = 1: 205-210k probes/s, 4.1 µs CPU per probe (the SYN's
# kernel path, and the drop in the target namespace, run on the sender's CPU through the veth);
# N = 2: 339-351k probes/s in total, 2.2 s CPU per shard vs 4.3 s alone, wall 3.0 s vs 5.0 s (both
# include the 0.5 s --syn-timeout and the start). docs/scale.md uses these.
#
# Knobs: SCALE_RATE=1000000 (--rate per shard)  SCALE_RUNS=3  SCALE_PORTS=16980-17011
# Only the rig's namespaces see traffic (bench/rig.sh: RFC 2544 addresses, no route out).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
AMTSCOPE=${1:-${AMTSCOPE:-$HERE/../build/amtscope}}
AMTSCOPE=$(readlink -f "$AMTSCOPE")
export AMTSCOPE
RATE=${SCALE_RATE:-1000000}
RUNS=${SCALE_RUNS:-3}
PORTS=${SCALE_PORTS:-16980-17011}
NET=198.19.0.0/17
[ "$(id -u)" = 0 ] || { echo "campaign_scale: needs root (namespaces, raw sockets)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "campaign_scale: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/amtscope-scale.XXXXXX)
export RIG_DIR=$WORK/rig RIG_AMT=${RIG_AMT:-50} RIG_HOSTILE=
trap '"$HERE/rig.sh" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
"$HERE/rig.sh" up >/dev/null
# probes TAG: the probes the shards of run TAG made (their NDJSON summaries)
probes() {
  cat "$WORK"/"$1"s*.ndjson | python3 -c 'import json, sys
print(sum(json.loads(l).get("probes", 0) for l in sys.stdin if "\"summary\"" in l))'
}

# shard I N DB TAG: one shard (campaign: TAG without its "sI") (N = 1: a plain scan) under /usr/bin/time; "wall cpu" in $WORK/TAG.t
shard() {
  local args=(scan "$NET" -p "$PORTS" --scan-type syn --rate "$RATE" --syn-timeout 500ms -q
    --progress none --format ndjson -o "$WORK/$4.ndjson")
  if [ "$2" = 1 ]; then args+=(--no-db); else args+=(--db "$3" --campaign "c${4%s*}" --shard "$1/$2"); fi
  "$HERE/rig.sh" scan /usr/bin/time -f '%e %U %S' -o "$WORK/$4.t" "$AMTSCOPE" "${args[@]}"
}

echo "date: $(date -u +%FT%TZ)  $(nproc) CPUs  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SYN sweep of $NET x $PORTS, every SYN dropped, --rate $RATE per process"
printf '%-5s %-4s %9s %8s %10s %12s %14s\n' N run probes wall probes/s "CPU s/shard" "CPU µs/probe"
for run in $(seq "$RUNS"); do
  for n in 1 2; do
    t0=$(date +%s.%N) pids=()
    for i in $(seq "$n"); do
      shard "$i" "$n" "$WORK/inv$run.sqlite" "r${run}n${n}s$i" &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    wall=$(echo "$(date +%s.%N) - $t0" | bc)
    cpu=$(cat "$WORK"/r${run}n${n}s*.t | awk '{ s += $2 + $3 } END { print s }')
    probes=$(probes "r${run}n${n}")
    printf '%-5s %-4s %9d %7.2fs %10.0f %12.2f %14.2f\n' "$n" "$run" "$probes" "$wall" \
      "$(echo "$probes / $wall" | bc -l)" "$(echo "$cpu / $n" | bc -l)" \
      "$(echo "$cpu * 1000000 / $probes" | bc -l)"
  done
done
