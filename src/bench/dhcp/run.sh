#!/usr/bin/env bash
# DHCP benchmark: DORA/s and latency for Bootbench, Kea and dnsmasq, side by side in one run.
#
# Each server in turn serves the same load generator (dev.bootbench.bench.DoraBench, which keeps exactly
# N DORA exchanges in flight, each from a distinct MAC) at every concurrency level. Every (server, level)
# pair gets a freshly started server with an empty lease database and a warm-up of WARMUP exchanges
# with other MACs before the CLIENTS measured ones.
#
# All traffic stays inside two network namespaces this script creates (server and client, joined by a
# veth pair, 10.77.0.0/16); the machine's own interfaces are never used. Needs root.
#
# Settings (environment): CLIENTS=1000 LEVELS="1 16 64" WARMUP=200 SERVERS="bootbench kea dnsmasq"
#                         ROUNDS=1 (more: the table shows, per server and level, each figure's median over the rounds)
#                         TIMEOUT_MS=2000 KEEP=0 (1: keep the logs in the temp directory, with each measured exchange's
#                         start time and latency in latency-SERVER-rROUND.LEVEL: "epoch-ms latency-µs" per line, and in
#                         cold mode threads-SERVER-ROUND.txt: each of the server's threads' CPU ms at the end of the run)
#                         MODE=warm (default, as above) or cold: the first clients after a start. Every round starts each
#                         server fresh and, from the moment it is started, the generator asks for an address every 5 ms
#                         until the first ACK (first_ack ms), then at once runs the CLIENTS measured exchanges, no warm-up;
#                         LEVELS defaults to 16 and ROUNDS to 5 there
#                         BOOTBENCH_JAVA_OPTS="" (added after the packaged bootbench-cli launcher's JVM options, which Bootbench
#                         always runs with here, as users run it; e.g. -XX:StartFlightRecording=filename=/tmp/dhcp.jfr)
#                         LAUNCHER: how "bootbench" is started. Default: the packaged launcher of the app-image,
#                         target/jpackage/Bootbench/bin/bootbench-cli (its JVM, options and class-data archive, as installed),
#                         if it was built (Linux 'mvn package'); else java <its options> -jar target/bootbench.jar.
#                         LAUNCHER=jar forces the latter. The server "bootbench-jar" (add it to SERVERS) is always the latter.
#                         BASELINE=<another app-image's bin/bootbench-cli, or a jar>: a server "baseline" in the same turns
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$(pwd)

MODE=${MODE:-warm}
CLIENTS=${CLIENTS:-1000}
if [ "$MODE" = cold ]; then LEVELS=${LEVELS:-16}; ROUNDS=${ROUNDS:-5}; fi
LEVELS=${LEVELS:-"1 16 64"}
WARMUP=${WARMUP:-200}
SERVERS=${SERVERS:-"bootbench kea dnsmasq"}
TIMEOUT_MS=${TIMEOUT_MS:-2000}
KEEP=${KEEP:-0}
ROUNDS=${ROUNDS:-1}
BOOTBENCH_JAVA_OPTS=${BOOTBENCH_JAVA_OPTS:-}
# the JVM options the packaged terminal launcher, bootbench-cli (the bootbench command, the systemd unit), gives serve
LAUNCHER_JAVA_OPTS=$(sed -n 's/^java-options=//p' packaging/cli-launcher.properties)
LAUNCHER=${LAUNCHER:-}
BASELINE=${BASELINE:-}
APP_LAUNCHER=$ROOT/target/jpackage/Bootbench/bin/bootbench-cli
if [ -z "$LAUNCHER" ]; then
  if [ -x "$APP_LAUNCHER" ]; then LAUNCHER=$APP_LAUNCHER; else LAUNCHER=jar; fi
fi
[ -n "$BASELINE" ] && SERVERS="$SERVERS baseline"
SERVER_IP=10.77.0.1
CLIENT_IP=10.77.0.2
PREFIX=16
POOL_FIRST=10.77.1.0
POOL_LAST=10.77.250.250
NETMASK=255.255.0.0

die() { echo "bench: $*" >&2; exit 1; }
POOL_SIZE=63993  # POOL_FIRST..POOL_LAST
[ $((CLIENTS + WARMUP)) -le $POOL_SIZE ] || die "CLIENTS + WARMUP must fit the pool of $POOL_SIZE addresses (every run starts a fresh server)"
[ "$(id -u)" = 0 ] || die "needs root (it creates network namespaces and binds port 67 inside them)"
command -v ip >/dev/null || die "needs ip (iproute2)"
command -v java >/dev/null || die "needs java"

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
if [[ " $SERVERS " == *" kea "* ]] && ! have kea-dhcp4; then
  if [ -x /usr/sbin/policy-rc.d ]; then
    echo "bench: installing kea-dhcp4-server (policy-rc.d keeps its daemon from starting)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q kea-dhcp4-server >/dev/null
  else
    echo "bench: kea-dhcp4 missing and no /usr/sbin/policy-rc.d to stop the package starting a daemon; skipping Kea" >&2
    SERVERS=${SERVERS//kea/}
  fi
fi
if [[ " $SERVERS " == *" dnsmasq "* ]] && ! have dnsmasq; then
  echo "bench: dnsmasq missing (Debian dnsmasq-base); skipping dnsmasq" >&2
  SERVERS=${SERVERS//dnsmasq/}
fi
PATH=$PATH:/usr/sbin

if [ ! -f target/bootbench.jar ] || [ ! -f target/test-classes/dev/bootbench/bench/DoraBench.class ]; then
  echo "bench: building (mvn package -DskipTests)" >&2
  mvn -o -q package -DskipTests || mvn -q package -DskipTests
fi

TMP=$(mktemp -d /tmp/bootbench-dhcp-bench.XXXXXX)
ID=$$
SRV=bbbench-s$ID
CLI=bbbench-c$ID
SERVER_PID=

cleanup() {
  set +e
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  ip netns del "$SRV" 2>/dev/null
  ip netns del "$CLI" 2>/dev/null
  if [ "$KEEP" = 1 ]; then echo "bench: logs kept in $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$SRV"
ip netns add "$CLI"
ip link add "bbb${ID}a" type veth peer name "bbb${ID}b"
ip link set "bbb${ID}a" netns "$SRV" name srv0
ip link set "bbb${ID}b" netns "$CLI" name cli0
ip -n "$SRV" addr add "$SERVER_IP/$PREFIX" dev srv0
ip -n "$CLI" addr add "$CLIENT_IP/$PREFIX" dev cli0
for ns in "$SRV" "$CLI"; do ip -n "$ns" link set lo up; done
ip -n "$SRV" link set srv0 up
ip -n "$CLI" link set cli0 up

# waits until something in the server namespace listens on UDP 67 (and, for Bootbench, says so)
wait_listening() {
  local log=$1 i
  for i in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$log" >&2; die "server exited at start (log above)"; fi
    if ip netns exec "$SRV" ss -Hlun 'sport = :67' 2>/dev/null | grep -q .; then sleep 0.3; return 0; fi
    sleep 0.1
  done
  cat "$log" >&2
  die "server did not listen on UDP 67 within 30 s"
}

start_server() {
  local name=$1 level=$2 wait=${3:-wait} log=$TMP/$1-$2.log
  case $name in
    bootbench|bootbench-jar|baseline)
      local how=$LAUNCHER
      [ "$name" = bootbench-jar ] && how=jar
      [ "$name" = baseline ] && how=$BASELINE
      local serve=(serve --iface srv0 --dhcp full --range "$POOL_FIRST-$POOL_LAST" --workspace "$TMP/ws-$name-$level"
                   --no-detect --router-advertisements off)
      if [ "$how" = jar ] || [[ "$how" == *.jar ]]; then
        [ "$how" = jar ] && how=$ROOT/target/bootbench.jar
        # shellcheck disable=SC2086
        ip netns exec "$SRV" java $LAUNCHER_JAVA_OPTS $BOOTBENCH_JAVA_OPTS -jar "$how" "${serve[@]}" >"$log" 2>&1 &
      else
        # a jpackage launcher: its own JVM options; ours through the JVM's JAVA_TOOL_OPTIONS
        if [ -n "$BOOTBENCH_JAVA_OPTS" ]; then
          JAVA_TOOL_OPTIONS="$BOOTBENCH_JAVA_OPTS" ip netns exec "$SRV" "$how" "${serve[@]}" >"$log" 2>&1 &
        else
          ip netns exec "$SRV" "$how" "${serve[@]}" >"$log" 2>&1 &
        fi
      fi
      ;;
    kea)
      cat >"$TMP/kea-$level.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "srv0" ], "dhcp-socket-type": "udp" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$TMP/kea-leases4-$level.csv", "lfc-interval": 0 },
    "valid-lifetime": 3600, "renew-timer": 1800, "rebind-timer": 3150,
    "subnet4": [ { "id": 1, "subnet": "10.77.0.0/$PREFIX", "pools": [ { "pool": "$POOL_FIRST - $POOL_LAST" } ] } ],
    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "stdout" } ], "severity": "INFO" } ]
} }
JSON
      KEA_PIDFILE_DIR=$TMP KEA_LOCKFILE_DIR=$TMP ip netns exec "$SRV" kea-dhcp4 -c "$TMP/kea-$level.json" >"$log" 2>&1 &
      ;;
    dnsmasq)
      ip netns exec "$SRV" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --group=root \
        --bind-interfaces --interface=srv0 --dhcp-range="$POOL_FIRST,$POOL_LAST,$NETMASK,1h" --dhcp-lease-max=100000 \
        --no-ping --dhcp-leasefile="$TMP/dnsmasq-$level.leases" --pid-file="$TMP/dnsmasq.pid" --log-facility=- \
        >"$log" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
  [ "$wait" = nowait ] || wait_listening "$log"
}

# each thread of the server process (JVM threads by name): CPU ms since its start (/proc schedstat), most first
thread_cpu() {
  local t
  for t in /proc/"$SERVER_PID"/task/*; do
    [ -r "$t/schedstat" ] || continue
    printf '%10.1f  %s\n' "$(awk '{ print $1 / 1e6 }' "$t/schedstat")" "$(cat "$t/comm" 2>/dev/null)"
  done | sort -rn
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

RESULTS=$TMP/results.txt
: >"$RESULTS"
# servers take turns within each level and round, so a change in the machine's load hits them alike
for round in $(seq 1 "$ROUNDS"); do
  for level in $LEVELS; do
    # servers also take turns at going first, round by round
    order=$SERVERS
    [ $((round % 2)) = 0 ] && order=$(echo $SERVERS | tr ' ' '\n' | tac | tr '\n' ' ')
    for server in $order; do
      # the generator is the measuring instrument: a young generation big enough that it never collects
      # during a run (no pauses of its own in the latencies), its pages touched before it starts
      gen=(ip netns exec "$CLI" java -XX:+UseSerialGC -Xms1g -Xmn768m -XX:+AlwaysPreTouch
        -cp "$ROOT/target/classes:$ROOT/target/test-classes" dev.bootbench.bench.DoraBench
        --local "$CLIENT_IP" --server "$SERVER_IP" --clients "$CLIENTS" --concurrency "$level"
        --timeout-ms "$TIMEOUT_MS" --label "$server")
      [ "$KEEP" = 1 ] && gen+=(--latencies "$TMP/latency-$server-r$round")
      if [ "$MODE" = cold ]; then
        echo "bench: round $round, $server started fresh, concurrency $level: first ACK, then $CLIENTS measured DORAs" >&2
        go=$TMP/go-$server-$round
        "${gen[@]}" --warmup 0 --go-file "$go" >"$TMP/gen.out" 2>&1 &
        gen_pid=$!
        until [ -f "$go.ready" ]; do kill -0 $gen_pid 2>/dev/null || { cat "$TMP/gen.out" >&2; die "generator exited"; }; sleep 0.05; done
        t0=$(date +%s%N)
        start_server "$server" "$level-$round" nowait
        echo "$t0 $SERVER_PID" >"$go.tmp" && mv "$go.tmp" "$go"
        wait $gen_pid || { cat "$TMP/gen.out" >&2; die "generator failed"; }
        tee -a "$RESULTS" <"$TMP/gen.out" | sed 's/^/bench:   /' >&2
        if [ "$KEEP" = 1 ]; then thread_cpu >"$TMP/threads-$server-$round.txt"; fi
      else
        echo "bench: round $round, $server, concurrency $level: $WARMUP warm-up + $CLIENTS measured DORAs" >&2
        start_server "$server" "$level-$round"
        "${gen[@]}" --warmup "$WARMUP" --server-pid "$SERVER_PID" | tee -a "$RESULTS" | sed 's/^/bench:   /' >&2
      fi
      stop_server
    done
  done
done

echo
if [ "$MODE" = cold ]; then
  echo "DHCP DORA benchmark, cold: each server freshly started every round, its first ACK and then $CLIENTS distinct MACs (no warm-up), $ROUNDS round(s), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
else
echo "DHCP DORA benchmark: $CLIENTS distinct MACs per level (after $WARMUP warm-up), $ROUNDS round(s), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
fi
if [ "$LAUNCHER" = jar ]; then echo "bootbench: java $LAUNCHER_JAVA_OPTS $BOOTBENCH_JAVA_OPTS -jar target/bootbench.jar"
else echo "bootbench: $LAUNCHER ($(sed -n 's/^java-options=//p' "$(dirname "$LAUNCHER")/../lib/app/bootbench-cli.cfg" 2>/dev/null | tr '\n' ' ')) $BOOTBENCH_JAVA_OPTS"; fi
[[ " $SERVERS " == *" bootbench-jar "* ]] && echo "bootbench-jar: java $LAUNCHER_JAVA_OPTS $BOOTBENCH_JAVA_OPTS -jar target/bootbench.jar"
[ -n "$BASELINE" ] && echo "baseline: $BASELINE $BOOTBENCH_JAVA_OPTS"
awk '
  function median(key, col,    n, i, j, t, v) {
    n=runs[key]; for (i=1;i<=n;i++) { split(line[key,i], f, " "); v[i]=f[col]+0 }
    for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (v[j] < v[i]) { t=v[i]; v[i]=v[j]; v[j]=t }
    return n % 2 ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2
  }
  function total(key, col,    n, i, s) { n=runs[key]; s=0; for (i=1;i<=n;i++) { split(line[key,i], f, " "); s+=f[col] } return s }
  /^RESULT/ { s=$2; c=$3; key=s" "c; n=++runs[key]; line[key,n]=$0
              if (!(s in seen)) { seen[s]=1; order[++ns]=s } if (!(c in cseen)) { cseen[c]=1; corder[++nc]=c } }
  END {
    for (key in runs) {  # each figure: its median over the rounds; the counters: their sum over the rounds
      rate[key]=median(key, 6); p50[key]=median(key, 7); p90[key]=median(key, 8); p99[key]=median(key, 9); cpu[key]=median(key, 13)
      nak[key]=total(key, 10); fail[key]=total(key, 11); dup[key]=total(key, 12); done_[key]=total(key, 5)
      rounds99[key]=""; for (i=1;i<=runs[key];i++) { split(line[key,i], f, " "); rounds99[key]=rounds99[key] (i>1?" ":"") f[9] }
      if (COLD) { fa[key]=median(key, 14); roundsfa[key]=""; roundsrate[key]=""
        for (i=1;i<=runs[key];i++) { split(line[key,i], f, " "); roundsfa[key]=roundsfa[key] (i>1?" ":"") f[14]; roundsrate[key]=roundsrate[key] (i>1?" ":"") f[6] } }
    }
    if (ROUNDS > 1) print "(each figure is the median over the rounds, each counter the sum over them)"
    printf "%-13s %5s %9s %9s %9s %9s %6s %6s %6s %10s %12s   %s\n", "server", "conc", "DORA/s", "p50 ms", "p90 ms", "p99 ms", "NAKs", "fail", "dupIP", "completed", "CPU us/DORA", (ROUNDS > 1 ? "p99 of each round" : "")
    for (i=1;i<=ns;i++) for (j=1;j<=nc;j++) { k=order[i]" "corder[j]; if (k in rate)
      printf "%-13s %5s %9.0f %9.2f %9.2f %9.2f %6d %6d %6d %10d %12.0f   %s\n", order[i], corder[j], rate[k], p50[k], p90[k], p99[k], nak[k], fail[k], dup[k], done_[k], cpu[k], (ROUNDS > 1 ? rounds99[k] : "") }
    if (COLD) {
      print ""
      printf "%-13s %5s %14s   %-40s %s\n", "server", "conc", "first ACK ms", "first ACK ms of each round", "DORA/s of each round"
      for (i=1;i<=ns;i++) for (j=1;j<=nc;j++) { k=order[i]" "corder[j]; if (k in rate)
        printf "%-13s %5s %14.0f   %-40s %s\n", order[i], corder[j], fa[k], roundsfa[k], roundsrate[k] }
    }
    print ""
    for (j=1;j<=nc;j++) { c=corder[j]
      for (m=1;m<=ns;m++) { bb=order[m]; if (bb!="bootbench" && bb!="bootbench-jar" && bb!="baseline") continue; b=bb" "c
      for (i=1;i<=ns;i++) { o=order[i]; if (o=="bootbench" || o=="bootbench-jar" || o=="baseline") continue; k=o" "c
        if ((b in rate) && (k in rate) && rate[k]>0 && p99[k]>0) {
          printf "concurrency %3s: %s/%-8s DORA/s ratio %.2f, p99 ratio %.2f (lower is better)", c, bb, o, rate[b]/rate[k], p99[b]/p99[k]
          if (COLD && fa[k]>0) printf ", first ACK ratio %.1f", fa[b]/fa[k]
          printf "\n" } } } }
  }' ROUNDS="$ROUNDS" COLD="$( [ "$MODE" = cold ] && echo 1 || echo 0 )" "$RESULTS"
