#!/usr/bin/env bash
# rig.sh - build / tear down the two-namespace rig that bench/scan_bench.sh measures scanners on.
#
#   rig.sh up            generate the ground truth, create both namespaces, load the nft profile,
#                        start the AMT fleet (amtscope emulate --fleet), the non-AMT servers and the
#                        heartbeat, then check a few addresses from the scanner side
#   rig.sh down          stop what `up` started (by recorded PID) and delete both namespaces
#   rig.sh profile PCT   switch the firewall to DROP PCT % of the idle addresses (the open set stays)
#   rig.sh check         probe one AMT, one closed, one filtered address from the scanner namespace
#   rig.sh status | env  what runs / variables for scanners: eval "$(rig.sh env)"
#   rig.sh scan CMD...   run CMD in the scanner namespace;  rig.sh tgt CMD...  in the target one
#
# Topology (nothing leaves the machine: each namespace has only its lo and one end of one veth):
#
#   [ns amtbs] abs0 198.19.255.1/24 <--veth--> abt0 198.19.255.254/24 [ns amtbt]
#     default via 198.19.255.254                local route 198.18.0.0/16 dev lo  (every address
#                                               is "this host", so the emulator binds any of them)
#                                               local route 198.19.0.0/17 dev lo  (tarpit: all TCP
#                                               dropped, for the memory-per-probe measurement)
#                                               nft table inet amtrig: open pairs accepted, PCT %
#                                               of idle addresses dropped, the rest TCP reset;
#                                               UDP only to the AMT hosts
#
# Safety (docs/scan-performance.md §2.1): only RFC 2544 addresses (198.18.0.0/15); the scanner's default
# route points into the target namespace, which has no route onward, so even a mistyped target
# cannot leave the machine. Processes are stopped by their recorded PIDs only.
#
# Knobs (environment): RIG_DIR=/tmp/amtscope-rig  RIG_SEED=2017  RIG_AMT=1500 (AMT hosts)
#   RIG_TLS=70 (% of AMT hosts also on 16993)  RIG_DROP=5 (initial profile)  RIG_DROPS="5 90"
#   RIG_HOSTILE=1 (add 2 tarpits + 1 garbage server)  RIG_EMU=auto|amtscope|standin  (auto: amtscope emulate if this build has it, else the Python
#   stand-in in rig_httpd.py)   AMTSCOPE=path/to/amtscope (default: build-bench, then build)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${RIG_DIR:-/tmp/amtscope-rig}
NS_SCAN=amtbs
NS_TGT=amtbt
IF_SCAN=abs0
IF_TGT=abt0
SCAN_IP=198.19.255.1
TGT_IP=198.19.255.254
NET=198.18.0.0/16
TARPIT=198.19.0.0/17

die() { echo "rig: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || die "must run as root (use scan_bench_loopback.sh otherwise)"; }
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }
in_tgt() { ip netns exec "$NS_TGT" "$@"; }
in_scan() { ip netns exec "$NS_SCAN" "$@"; }

find_amtscope() {
  local c
  for c in "${AMTSCOPE:-}" "$HERE/../build-bench/amtscope" "$HERE/../build/amtscope"; do
    [ -n "$c" ] && [ -x "$c" ] && { readlink -f "$c"; return; }
  done
  command -v amtscope || true
}

# Does this amtscope build implement SUBCOMMAND (the foundation had placeholders)?
# The help is read whole first: `grep -q` would close the pipe early, the binary would die of
# SIGPIPE, and pipefail would call the subcommand missing.
has_subcommand() {
  local help; help=$("$1" "$2" --help 2>&1) || return 1
  grep -q -- "${3:---}" <<< "$help" && ! grep -q "not yet available" <<< "$help"
}

install_tools() {
  local missing=()
  for t in ip:iproute2 nft:nftables ethtool:ethtool nmap:nmap masscan:masscan python3:python3 \
           openssl:openssl /usr/bin/time:time ss:iproute2; do
    command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "rig: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start_bg() { # name cmd... : start in the target namespace, PID recorded (ip netns exec execs CMD)
  local name=$1; shift
  ip netns exec "$NS_TGT" "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo "$name $!" >> "$DIR/pids"
}

wait_listeners() { # expected-count timeout-s
  local n=0 i
  for i in $(seq $(( $2 * 10 ))); do
    n=$(in_tgt ss -Hltn | wc -l)
    [ "$n" -ge "$1" ] && { echo "$n"; return 0; }
    sleep 0.1
  done
  echo "$n"; return 1
}

choose_emulator() {
  local want=${RIG_EMU:-auto} bin
  bin=$(find_amtscope)
  if [ "$want" != standin ] && [ -n "$bin" ] && has_subcommand "$bin" emulate --fleet; then
    echo "amtscope $bin"
  elif [ "$want" = amtscope ]; then
    die "RIG_EMU=amtscope but no amtscope with 'emulate --fleet' found (set AMTSCOPE=...)"
  else
    echo "standin"
  fi
}

cmd_up() {
  need_root
  install_tools
  if ns_exists "$NS_SCAN" || ns_exists "$NS_TGT"; then die "namespaces exist already; run: $0 down"; fi
  trap 'trap - ERR; echo "rig: up failed, cleaning up" >&2; cmd_down >&2; exit 1' ERR
  mkdir -p "$DIR/www"
  : > "$DIR/pids"
  local drops=${RIG_DROPS:-5 90} d args=()
  for d in $drops ${RIG_DROP:-5}; do args+=(--drop "$d"); done
  python3 "$HERE/rig_gen.py" "$DIR" --seed "${RIG_SEED:-2017}" --amt "${RIG_AMT:-1500}" \
      --tls "${RIG_TLS:-70}" --tarpit "$TARPIT" "${args[@]}" ${RIG_HOSTILE:+--hostile}
  [ -s "$DIR/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
      -subj "/CN=amtscope-rig" -keyout "$DIR/key.pem" -out "$DIR/cert.pem" >/dev/null 2>&1

  ip netns add "$NS_SCAN"
  ip netns add "$NS_TGT"
  ip link add "$IF_SCAN" netns "$NS_SCAN" type veth peer name "$IF_TGT" netns "$NS_TGT"
  local ns
  for ns in "$NS_SCAN" "$NS_TGT"; do
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
  done
  ip -n "$NS_SCAN" addr add "$SCAN_IP/24" dev "$IF_SCAN"
  ip -n "$NS_TGT" addr add "$TGT_IP/24" dev "$IF_TGT"
  ip -n "$NS_SCAN" link set "$IF_SCAN" up
  ip -n "$NS_TGT" link set "$IF_TGT" up
  ip -n "$NS_SCAN" route add default via "$TGT_IP" dev "$IF_SCAN"
  ip -n "$NS_TGT" route add local "$NET" dev lo
  ip -n "$NS_TGT" route add local "$TARPIT" dev lo
  in_tgt sysctl -qw net.ipv4.tcp_max_syn_backlog=65536 net.core.somaxconn=65535 \
      net.ipv4.icmp_ratelimit=0 net.ipv4.conf.lo.rp_filter=0 "net.ipv4.conf.$IF_TGT.rp_filter=0"
  # a connect scanner opens ~131k sockets per /16 sweep: give it the whole port range
  in_scan sysctl -qw net.ipv4.ip_local_port_range="1024 65535" net.ipv4.tcp_tw_reuse=1
  # veth offloads off on both ends: with GSO/TSO/SG on, libpcap sizes its ring slots for 64 KiB
  # super-packets and masscan silently loses SYN-ACKs (docs/scan-performance.md §2.7 item 1)
  in_tgt ethtool -K "$IF_TGT" tx off sg off tso off gso off gro off >/dev/null 2>&1
  in_scan ethtool -K "$IF_SCAN" tx off sg off tso off gso off gro off >/dev/null 2>&1
  in_tgt nft -f "$DIR/rules-${RIG_DROP:-5}.nft"
  echo "${RIG_DROP:-5}" > "$DIR/profile"

  ulimit -n "$(ulimit -Hn)"   # this VM caps the hard limit at 20000 (no CAP_SYS_RESOURCE)
  local emu expect PY
  # the real interpreter, not a version-manager shim that would run it under another PID
  PY=$(python3 -c 'import sys; print(sys.executable)')
  emu=$(choose_emulator)
  expect=$(python3 -c "import json;print(json.load(open('$DIR/summary.json'))['open_ports'])")
  if [ "$emu" = standin ]; then
    echo "rig: AMT fleet = Python stand-in (rig_httpd.py --amt); amtscope emulate not available" >&2
    start_bg httpd "$PY" "$HERE/rig_httpd.py" "$DIR" --amt
  else
    echo "rig: AMT fleet = ${emu#amtscope } emulate --fleet $DIR/fleet.json" >&2
    # shellcheck disable=SC2086
    start_bg emulate "${emu#amtscope }" emulate --fleet "$DIR/fleet.json" ${RIG_EMU_ARGS:---threads 2}
    start_bg httpd "$PY" "$HERE/rig_httpd.py" "$DIR"
  fi
  echo "${emu%% *}" > "$DIR/emulator"
  local ip
  for ip in $(python3 -c "import json;[print(o['ip']) for o in json.load(open('$DIR/others.json')) if o['personality']=='pyhttp']"); do
    start_bg "pyhttp-$ip" "$PY" -m http.server --bind "$ip" --directory "$DIR/www" 16992
  done
  [ "${RIG_HEARTBEAT:-1}" = 1 ] && start_bg heartbeat "$PY" "$HERE/rig_heartbeat.py" "$SCAN_IP"
  local got
  if ! got=$(wait_listeners "$expect" 60); then
    tail -5 "$DIR"/*.log >&2 || true
    die "only $got of $expect listeners came up"
  fi
  trap - ERR
  echo "rig up: $got listeners in $NS_TGT, profile DROP=$(cat "$DIR/profile")%, scanner ns $NS_SCAN ($SCAN_IP)"
  cmd_check
}

cmd_profile() {
  need_root
  [ -f "$DIR/rules-$1.nft" ] || python3 "$HERE/rig_gen.py" "$DIR" --seed "${RIG_SEED:-2017}" \
      --amt "${RIG_AMT:-1500}" --tls "${RIG_TLS:-70}" --tarpit "$TARPIT" --drop "$1" \
      ${RIG_HOSTILE:+--hostile} >/dev/null
  in_tgt nft -f "$DIR/rules-$1.nft"
  echo "$1" > "$DIR/profile"
  echo "rig: profile DROP=$1% ($(python3 -c "import json;print(json.load(open('$DIR/summary.json'))['dropped_addresses'].get('$1','?'))") addresses filtered)"
}

cmd_check() { # one address of each kind, from the scanner side
  in_scan python3 - "$DIR" <<'PY'
import csv, json, socket, sys, time
d = sys.argv[1]
rows = list(csv.DictReader(open(f"{d}/truth.csv")))
def probe(ip, port, req=b"GET /index.htm HTTP/1.1\r\nHost: x\r\n\r\n"):
    t = time.time()
    s = socket.socket(); s.settimeout(1.5)
    try:
        s.connect((ip, port)); s.sendall(req); data = s.recv(4096)
        head = data.split(b"\r\n\r\n")[0].decode(errors="replace").split("\r\n")
        srv = [h for h in head if h.lower().startswith("server:")]
        return f"{head[0]} {srv[0] if srv else ''} ({time.time()-t:.3f}s)"
    except socket.timeout:
        return f"timeout ({time.time()-t:.3f}s)"
    except OSError as e:
        return f"{e.strerror} ({time.time()-t:.3f}s)"
    finally:
        s.close()
amt = next(r for r in rows if r["class"] == "amt" and r["port"] == "16992")
print(f"check AMT      {amt['ip']}:16992 -> {probe(amt['ip'], 16992)}")
open_ips = {r["ip"] for r in rows}
rules = open(f"{d}/rules-{open(f'{d}/profile').read().strip()}.nft").read()
dropped = rules.split("set drop4 { type ipv4_addr; elements = { ")[1].split(",")[0].strip()
closed = next(f"198.18.{a}.{b}" for a in range(1, 255) for b in range(1, 255)
              if f"198.18.{a}.{b}" not in open_ips and f"198.18.{a}.{b}," not in rules)
print(f"check closed   {closed}:16992 -> {probe(closed, 16992)}")
print(f"check filtered {dropped}:16992 -> {probe(dropped, 16992)}")
PY
}

alive() { [ -e "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

stop_recorded() {
  [ -s "$DIR/pids" ] || return 0
  local name pid
  while read -r name pid; do
    if alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done < "$DIR/pids"
  sleep 0.5
  while read -r name pid; do
    if alive "$pid"; then echo "rig: $name ($pid) ignored SIGTERM, killing" >&2; kill -KILL "$pid" 2>/dev/null || true; fi
  done < "$DIR/pids"
  : > "$DIR/pids"
}

cmd_down() {
  need_root
  stop_recorded
  local ns
  for ns in "$NS_SCAN" "$NS_TGT"; do ns_exists "$ns" && ip netns del "$ns"; done
  echo "rig down (files kept in $DIR)"
}

cmd_env() {
  echo "export RIG_NS_SCAN=$NS_SCAN RIG_NS_TGT=$NS_TGT RIG_IF=$IF_SCAN RIG_SRC=$SCAN_IP RIG_GW=$TGT_IP" \
       "RIG_NET=$NET RIG_TARPIT=$TARPIT RIG_DIR=$DIR" \
       "RIG_GW_MAC=$(ip -n "$NS_TGT" -br link show "$IF_TGT" | awk '{print $3}')"
}

cmd_status() {
  ip netns list | grep -E "^($NS_SCAN|$NS_TGT)\b" || echo "no rig namespaces"
  [ -s "$DIR/pids" ] && while read -r name pid; do
    printf '%-22s pid %-7s %s\n' "$name" "$pid" "$(alive "$pid" && echo running || echo gone)"
  done < "$DIR/pids"
  [ -f "$DIR/profile" ] && echo "profile DROP=$(cat "$DIR/profile")%"
  ns_exists "$NS_TGT" && echo "listeners: $(in_tgt ss -Hltn | wc -l)"
  return 0
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  profile) [ -n "${2:-}" ] || die "usage: $0 profile PCT"; cmd_profile "$2" ;;
  check) cmd_check ;;
  status) cmd_status ;;
  env) cmd_env ;;
  scan) shift; exec ip netns exec "$NS_SCAN" "$@" ;;
  tgt) shift; exec ip netns exec "$NS_TGT" "$@" ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
