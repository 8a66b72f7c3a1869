#!/usr/bin/env bash
# Transfer benchmark: TFTP and HTTP throughput of Bootbench beside tftpd-hpa, atftpd, dnsmasq (TFTP) and
# nginx (HTTP), side by side in one run, with no added delay and again with about 1 ms of round trip.
#
# Topology (all namespaces made here; the machine's own interfaces are never used):
#
#   client ns "direct" (10.79.0.100) ──veth──  server ns (srv0: 10.79.0.1 .11 .12 .13 .21)
#   client ns "delayed" (10.79.1.2) ──veth── bridge ns [delay-bridge, DELAY_US each way] ──veth── server ns (srv1: 10.79.1.1)
#
# Every server listens on its own address of srv0 (Bootbench .1, tftpd-hpa .11, atftpd .12, dnsmasq .13,
# nginx .21); the delayed client reaches the same addresses through the bridge and srv1. So all servers
# run at once for the whole benchmark and take turns per measurement (A/B/C/A/B/C...), and a change in the
# machine's load hits them alike. The kernel here has no netem: the delay comes from delay-bridge.c,
# compiled with gcc into the temp directory at run time.
#
# Each measurement is repeated ROUNDS times (median shown). Rates are file bytes / wall time of the
# client command (process start to exit), in MiB/s; the file received is checked for size.
#
# Settings (environment):
#   ROUNDS=3  SIZES="1 32 256" (MiB)  RTTS="0 1" (0: direct veth; 1: through delay-bridge)
#   DELAY_US=500 (each way)  LONG=0 (1: at 1 ms also 32 MiB lock-step and 256 MiB windowed cases)
#   TFTP_SERVERS="bootbench tftpd-hpa atftpd dnsmasq"  HTTP_SERVERS="bootbench nginx"
#   TFTP_SETS="curl curl-512 curl-1468 tftp-hpa atftp-1428 atftp-1428-w8 atftp-1428-w16"
#   HTTP_SETS="single par32"  PARALLEL=32  TIMEOUT=180 (s, per client command)  KEEP=0
#   WARM_ROUNDS=1: rounds of each case run first and not counted (every server alike), so that a server's
#   first runs of a case (for Bootbench: the JVM compiling that path) do not count as its steady state
#   (the four lists may be set empty: TFTP_SETS="" runs no TFTP case)
#   BOOTBENCH_JAVA_OPTS="" (added after the packaged bootbench-cli launcher's JVM options, which Bootbench always runs
#   with here, as users run it; e.g. -XX:StartFlightRecording=filename=/tmp/x.jfr to profile)
#   BOOTBENCH_JAR=target/bootbench.jar: the Bootbench build to measure (e.g. another branch's, to compare)
#   BASELINE_JAR=path: another Bootbench build as one more TFTP server, "baseline", in the same turns (e.g. main's);
#   it is not a reference: the table gives its own ratio to the best reference beside Bootbench's
#   IN_TFTPD, ATFTPD, DNSMASQ, NGINX: the path of that server's program, to use one built or unpacked
#   elsewhere (e.g. ATFTPD=/opt/refbuild/atftp/atftpd); unset: installed, else from Debian's package
# Needs root.
set -euo pipefail
cd "$(dirname "$0")/../../.."
REPO=$(pwd)
BOOTBENCH_JAR=$(readlink -f "${BOOTBENCH_JAR:-$REPO/target/bootbench.jar}")
BASELINE_JAR=${BASELINE_JAR:+$(readlink -f "$BASELINE_JAR")}

ROUNDS=${ROUNDS:-3}
SIZES=${SIZES:-"1 32 256"}
RTTS=${RTTS:-"0 1"}
DELAY_US=${DELAY_US:-500}
LONG=${LONG:-0}
TFTP_SERVERS=${TFTP_SERVERS-"bootbench tftpd-hpa atftpd dnsmasq"}
HTTP_SERVERS=${HTTP_SERVERS-"bootbench nginx"}
if [ -n "$BASELINE_JAR" ] && [ -n "$TFTP_SERVERS" ]; then TFTP_SERVERS="$TFTP_SERVERS baseline"; fi
TFTP_SETS=${TFTP_SETS-"curl curl-512 curl-1468 tftp-hpa atftp-1428 atftp-1428-w8 atftp-1428-w16"}
HTTP_SETS=${HTTP_SETS-"single par32"}
PARALLEL=${PARALLEL:-32}
TIMEOUT=${TIMEOUT:-180}
KEEP=${KEEP:-0}
WARM_ROUNDS=${WARM_ROUNDS:-1}
BOOTBENCH_JAVA_OPTS=${BOOTBENCH_JAVA_OPTS:-}
# the JVM options the packaged terminal launcher, bootbench-cli (the bootbench command, the systemd unit), gives serve
LAUNCHER_JAVA_OPTS=$(sed -n 's/^java-options=//p' packaging/cli-launcher.properties)
OUT=${OUT:-target/bench-transfer.txt}

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
[ "$(id -u)" = 0 ] || die "needs root (it creates network namespaces and binds ports 69 and 80 inside them)"
for t in ip gcc curl java; do command -v $t >/dev/null || die "needs $t"; done
PATH=$PATH:/usr/sbin:/sbin

TMPBASE=/tmp; [ -d /dev/shm ] && [ -w /dev/shm ] && TMPBASE=/dev/shm  # files and downloads in memory, not on disk
TMP=$(mktemp -d "$TMPBASE/bootbench-xfer-bench.XXXXXX")
chmod 755 "$TMP"
ID=$$
SRV=bbx-s$ID; CLI=bbx-c$ID; CLD=bbx-d$ID; BRG=bbx-b$ID
PIDS=()

cleanup() {
  set +e
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  for ns in "$CLI" "$CLD" "$BRG" "$SRV"; do ip netns del "$ns" 2>/dev/null; done
  if [ "$KEEP" = 1 ]; then say "logs kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools and reference servers ----------------------------------------------------------------
PKG=$TMP/pkgs; mkdir -p "$PKG"
# unpacks a Debian package into $PKG without installing it: downloaded, else from apt's cache
unpack_deb() {
  local name=$1 deb
  (cd "$PKG" && timeout 20 apt-get download -q "$name" >/dev/null 2>&1) || true
  deb=$(ls "$PKG"/"$name"_*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || deb=$(ls /var/cache/apt/archives/"$name"_*.deb 2>/dev/null | sort -V | tail -1)
  [ -n "$deb" ] || return 1
  dpkg -x "$deb" "$PKG/root" && say "using $name from $(basename "$deb") (unpacked, not installed)"
}
apt_install() {  # only with policy-rc.d, which keeps Debian from starting the daemons on the machine's own interfaces
  [ -x /usr/sbin/policy-rc.d ] || return 1
  DEBIAN_FRONTEND=noninteractive timeout 120 apt-get install -y -q "$@" >/dev/null 2>&1
}
find_bin() {  # prints the path of a program: installed, or unpacked under $PKG/root
  local b=$1 d
  for d in /usr/sbin /usr/bin /sbin /bin "$PKG/root/usr/sbin" "$PKG/root/usr/bin" "$PKG/root/bin"; do
    [ -x "$d/$b" ] && { echo "$d/$b"; return 0; }
  done
  return 1
}
need() {  # need BINARY PACKAGE: installs (or unpacks) PACKAGE if BINARY is missing; prints BINARY's path
  local b=$1 p=$2
  find_bin "$b" && return 0
  apt_install "$p" || unpack_deb "$p" >&2 || true
  find_bin "$b"
}
# a server given by path (built or unpacked elsewhere) is used as it is
for v in IN_TFTPD ATFTPD DNSMASQ NGINX; do
  if [ -n "${!v:-}" ]; then [ -x "${!v}" ] || die "$v=${!v} is not an executable"; say "using ${!v} ($v)"; fi
done
given() { [ -n "${!1:-}" ] && echo "${!1}"; }
PING=$(need ping iputils-ping) || PING=""
TFTP_HPA=$(need tftp tftp-hpa) || TFTP_HPA=""
ATFTP=$(need atftp atftp) || ATFTP=""
NGINX=$(given NGINX) || NGINX=$(need nginx nginx-light) || NGINX=$(need nginx nginx) || NGINX=""
IN_TFTPD=$(given IN_TFTPD) || IN_TFTPD=$(need in.tftpd tftpd-hpa) || IN_TFTPD=""
# atftpd conflicts with tftpd-hpa as a Debian package: never installed, only unpacked
ATFTPD=$(given ATFTPD) || ATFTPD=$(find_bin atftpd) || { unpack_deb atftpd >&2 || true; ATFTPD=$(find_bin atftpd) || ATFTPD=""; }
DNSMASQ=$(given DNSMASQ) || DNSMASQ=$(need dnsmasq dnsmasq-base) || DNSMASQ=""
drop() { say "$1 not available; skipped"; }
[ -n "$IN_TFTPD" ] || { drop tftpd-hpa; TFTP_SERVERS=${TFTP_SERVERS//tftpd-hpa/}; }
[ -n "$ATFTPD" ] || { drop atftpd; TFTP_SERVERS=${TFTP_SERVERS//atftpd/}; }
[ -n "$DNSMASQ" ] || { drop dnsmasq; TFTP_SERVERS=${TFTP_SERVERS//dnsmasq/}; }
[ -n "$NGINX" ] || { drop nginx; HTTP_SERVERS=${HTTP_SERVERS//nginx/}; }
[ -n "$TFTP_HPA" ] || { drop "tftp-hpa client"; TFTP_SETS=${TFTP_SETS//tftp-hpa/}; }
[ -n "$ATFTP" ] || { drop "atftp client"; TFTP_SETS=$(echo "$TFTP_SETS" | tr ' ' '\n' | grep -v '^atftp' | tr '\n' ' '); }

if [ ! -f target/bootbench.jar ]; then
  say "building target/bootbench.jar"
  mvn -o -q package -DskipTests '-P!linux-package' || mvn -q package -DskipTests '-P!linux-package'
fi
gcc -O2 -Wall -o "$TMP/delay-bridge" src/bench/transfer/delay-bridge.c

# ---- files ----------------------------------------------------------------------------------------
FILES=$TMP/root; mkdir -p "$FILES"; chmod 755 "$FILES"
for s in $SIZES; do head -c "${s}M" /dev/urandom >"$FILES/f$s"; done
head -c 8M /dev/urandom >"$FILES/warm"
chmod 644 "$FILES"/*
DL=$TMP/dl; mkdir -p "$DL"; chmod 777 "$DL"

# ---- namespaces ---------------------------------------------------------------------------------------
for ns in "$SRV" "$CLI" "$CLD" "$BRG"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add "bx${ID}a" type veth peer name "bx${ID}b"   # direct: client <-> server
ip link set "bx${ID}a" netns "$CLI" name cli0; ip link set "bx${ID}b" netns "$SRV" name srv0
ip link add "bx${ID}c" type veth peer name "bx${ID}d"   # delayed: client <-> bridge
ip link set "bx${ID}c" netns "$CLD" name cli0; ip link set "bx${ID}d" netns "$BRG" name bc0
ip link add "bx${ID}e" type veth peer name "bx${ID}f"   # delayed: bridge <-> server
ip link set "bx${ID}e" netns "$BRG" name bs0; ip link set "bx${ID}f" netns "$SRV" name srv1
for a in 1 2 11 12 13 21; do ip -n "$SRV" addr add "10.79.0.$a/24" dev srv0; done
ip -n "$SRV" addr add 10.79.1.1/24 dev srv1
ip -n "$CLI" addr add 10.79.0.100/24 dev cli0
ip -n "$CLD" addr add 10.79.1.2/24 dev cli0
for x in "$SRV srv0" "$SRV srv1" "$CLI cli0" "$CLD cli0" "$BRG bc0" "$BRG bs0"; do set -- $x; ip -n "$1" link set "$2" up; done
ip -n "$CLD" route add 10.79.0.0/24 via 10.79.1.1
for x in all default srv1; do ip netns exec "$SRV" sysctl -qw "net.ipv4.conf.$x.rp_filter=0" 2>/dev/null || true; done
# real-time priority, where allowed: on a busy machine the forwarder must not wait for a CPU behind other work
CHRT=""; command -v chrt >/dev/null && chrt -f 10 true 2>/dev/null && CHRT="chrt -f 10"
ip netns exec "$BRG" $CHRT "$TMP/delay-bridge" bc0 bs0 "$DELAY_US" 2>"$TMP/delay-bridge.log" &
PIDS+=($!)
client_ns() { if [ "$1" = 0 ]; then echo "$CLI"; else echo "$CLD"; fi; }

# ---- servers ------------------------------------------------------------------------------------------
declare -A ADDR=([bootbench]=10.79.0.1 [baseline]=10.79.0.2 [tftpd-hpa]=10.79.0.11 [atftpd]=10.79.0.12 [dnsmasq]=10.79.0.13 [nginx]=10.79.0.21)
wait_port() {  # wait_port PROTO ADDR PORT PID LOG
  local i
  for i in $(seq 1 600); do
    kill -0 "$4" 2>/dev/null || { cat "$5" >&2; die "server on $2 exited at start (log above)"; }
    if ip netns exec "$SRV" ss -Hln"$1" "src $2 and sport = :$3" 2>/dev/null | grep -q .; then return 0; fi
    sleep 0.1
  done
  cat "$5" >&2; die "nothing listens on $2:$3 after 60 s"
}
ALL_SERVERS=$(echo "$TFTP_SERVERS $HTTP_SERVERS" | tr ' ' '\n' | grep . | sort -u | tr '\n' ' ')
for s in $ALL_SERVERS; do
  log=$TMP/$s.log
  case $s in
    bootbench|baseline)
      jar=$BOOTBENCH_JAR; [ "$s" = baseline ] && jar=$BASELINE_JAR
      # shellcheck disable=SC2086
      # bound to its address like the references (no --iface: with one, Bootbench answers only what arrives through
      # it, and the delayed client comes in through srv1)
      ip netns exec "$SRV" java $LAUNCHER_JAVA_OPTS $BOOTBENCH_JAVA_OPTS -jar "$jar" serve \
        --address "${ADDR[$s]}" --dhcp off --root "$FILES" --workspace "$TMP/ws-$s" --router-advertisements off --no-detect \
        >"$log" 2>&1 &
      PIDS+=($!); pid=$!
      for i in $(seq 1 600); do grep -q 'serve: ready' "$log" && break; kill -0 $pid 2>/dev/null || { cat "$log" >&2; die "Bootbench exited"; }; sleep 0.1; done
      grep -q 'serve: ready' "$log" || { cat "$log" >&2; die "Bootbench not ready after 60 s"; }
      wait_port u "${ADDR[$s]}" 69 $pid "$log"
      ;;
    tftpd-hpa)
      ip netns exec "$SRV" "$IN_TFTPD" -L -u nobody -s "$FILES" --address "${ADDR[$s]}:69" >"$log" 2>&1 &
      PIDS+=($!); wait_port u "${ADDR[$s]}" 69 $! "$log" ;;
    atftpd)
      ip netns exec "$SRV" "$ATFTPD" --daemon --no-fork --user nobody --group nogroup --bind-address "${ADDR[$s]}" --port 69 \
        --logfile "$log" "$FILES" >>"$log" 2>&1 &
      PIDS+=($!); wait_port u "${ADDR[$s]}" 69 $! "$log" ;;
    dnsmasq)
      ip netns exec "$SRV" "$DNSMASQ" --no-daemon --conf-file=/dev/null --port=0 --enable-tftp --tftp-root="$FILES" \
        --listen-address="${ADDR[$s]}" --bind-interfaces --user=root --group=root --pid-file="$TMP/dnsmasq.pid" \
        --log-facility="$log" >>"$log" 2>&1 &
      PIDS+=($!); wait_port u "${ADDR[$s]}" 69 $! "$log" ;;
    nginx)
      mkdir -p "$TMP/nginx"
      cat >"$TMP/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
  sendfile on; tcp_nopush on; keepalive_timeout 30;
  default_type application/octet-stream;
  access_log $TMP/nginx/access.log;
  client_body_temp_path $TMP/nginx/body; proxy_temp_path $TMP/nginx/proxy; fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi; scgi_temp_path $TMP/nginx/scgi;
  server { listen ${ADDR[$s]}:80; root $FILES; }
}
CONF
      ip netns exec "$SRV" "$NGINX" -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' >"$log" 2>&1 &
      PIDS+=($!); wait_port t "${ADDR[$s]}" 80 $! "$log" ;;
  esac
  say "$s listening on ${ADDR[$s]}"
done

# ---- clients --------------------------------------------------------------------------------------------
# one transfer: prints MiB/s, or "fail"
now_ns() { date +%s%N; }
tftp_get() {  # tftp_get RTT SET SERVER FILE
  local ns; ns=$(client_ns "$1"); local ip=${ADDR[$3]} f=$4 out=$DL/out.$$ t0 t1 rc=0 want
  want=$(stat -c %s "$FILES/$f"); rm -f "$out"
  t0=$(now_ns)
  case $2 in
    curl)       timeout "$TIMEOUT" ip netns exec "$ns" curl -sS -o "$out" "tftp://$ip/$f" || rc=$? ;;
    curl-512)   timeout "$TIMEOUT" ip netns exec "$ns" curl -sS --tftp-blksize 512 -o "$out" "tftp://$ip/$f" || rc=$? ;;
    curl-1468)  timeout "$TIMEOUT" ip netns exec "$ns" curl -sS --tftp-blksize 1468 -o "$out" "tftp://$ip/$f" || rc=$? ;;
    tftp-hpa)   timeout "$TIMEOUT" ip netns exec "$ns" "$TFTP_HPA" -m binary "$ip" -c get "$f" "$out" >/dev/null || rc=$? ;;
    atftp-1428) timeout "$TIMEOUT" ip netns exec "$ns" "$ATFTP" --option "blksize 1428" -g -r "$f" -l "$out" "$ip" >/dev/null 2>&1 || rc=$? ;;
    atftp-1428-w*) timeout "$TIMEOUT" ip netns exec "$ns" "$ATFTP" --option "blksize 1428" --option "windowsize ${2##*-w}" \
                 -g -r "$f" -l "$out" "$ip" >/dev/null 2>&1 || rc=$? ;;
  esac
  t1=$(now_ns)
  if [ $rc = 0 ] && [ "$(stat -c %s "$out" 2>/dev/null || echo -1)" = "$want" ]; then
    awk -v b="$want" -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", b / 1048576 / (ns / 1e9) }'
  else echo fail; fi
  rm -f "$out"
}
http_get() {  # http_get RTT SET SERVER FILE
  local ns; ns=$(client_ns "$1"); local url=http://${ADDR[$3]}/$4 want t0 t1 n=1 i got
  want=$(stat -c %s "$FILES/$4")
  [ "$2" = par32 ] && n=$PARALLEL
  t0=$(now_ns)
  got=$(for i in $(seq 1 "$n"); do
          timeout "$TIMEOUT" ip netns exec "$ns" curl -s -o /dev/null -w '%{size_download}\n' "$url" &
        done; wait)
  t1=$(now_ns)
  local total; total=$(echo "$got" | awk -v w="$want" '$1==w { s+=$1; n++ } END { print n+0, s+0 }')
  if [ "${total%% *}" = "$n" ]; then
    awk -v b="${total##* }" -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", b / 1048576 / (ns / 1e9) }'
  else echo fail; fi
}

# the cases at one RTT: "proto set size" lines
is_lockstep() { case $1 in *-w*) return 1 ;; *) return 0 ;; esac; }
cases() {
  local rtt=$1 s set
  for set in $TFTP_SETS; do for s in $SIZES; do
    if [ "$rtt" != 0 ] && [ "$LONG" != 1 ]; then
      # at 1 ms a lock-step transfer runs at ~0.5-1.4 MiB/s: 1 MiB only (LONG=1 adds 32); windowed ones up to 32 MiB
      if is_lockstep "$set"; then [ "$s" -le 1 ] || continue; else [ "$s" -le 32 ] || continue; fi
    elif [ "$rtt" != 0 ] && is_lockstep "$set"; then [ "$s" -le 32 ] || continue; fi
    echo "tftp $set $s"
  done; done
  for set in $HTTP_SETS; do for s in $SIZES; do
    [ "$set" = par32 ] && [ "$rtt" != 0 ] && [ "$s" -gt 32 ] && [ "$LONG" != 1 ] && continue  # 32 x 256 MiB through the userspace bridge: LONG=1
    echo "http $set $s"
  done; done
}

RESULTS=$TMP/results.txt; : >"$RESULTS"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
RTT_MEASURED=()
for rtt in $RTTS; do
  ns=$(client_ns "$rtt")
  if [ -n "$PING" ]; then
    p=$(ip netns exec "$ns" "$PING" -q -c 20 -i 0.05 10.79.0.1 | awk -F/ '/^rtt|^round-trip/ { print $5 }')
  else p=n/a; fi
  say "RTT path $rtt: ping -c 20 average ${p} ms"
  RTT_MEASURED+=("rtt=$rtt: ping avg ${p} ms")
  # warm-up, once, on the direct path (every server alike; for Bootbench it is the JVM JIT): 8 MiB transfers, not measured
  if [ -z "${WARM_DONE:-}" ]; then WARM_DONE=1; say "warm-up"
  wns=0
  for s in $TFTP_SERVERS; do for i in 1 2 3; do
    tftp_get $wns curl-1468 "$s" warm >/dev/null
    [ -n "$ATFTP" ] && tftp_get $wns atftp-1428-w16 "$s" warm >/dev/null
  done; done
  for s in $HTTP_SERVERS; do for i in 1 2 3; do http_get $wns single "$s" warm >/dev/null; done; http_get $wns par32 "$s" warm >/dev/null; done
  fi
  while read -r proto set size; do
    if [ "$proto" = tftp ]; then servers=$TFTP_SERVERS; else servers=$HTTP_SERVERS; fi
    for round in $(seq $((1 - WARM_ROUNDS)) "$ROUNDS"); do
      line=""
      # servers take turns within each round, in reverse order every other round: whatever favours going first
      # (or right after another server) falls to each server alike
      order=$servers; [ $((round % 2)) = 0 ] && order=$(echo "$servers" | tr ' ' '\n' | grep . | tac | tr '\n' ' ')
      for s in $order; do
        if [ "$proto" = tftp ]; then r=$(tftp_get "$rtt" "$set" "$s" "f$size"); else r=$(http_get "$rtt" "$set" "$s" "f$size"); fi
        [ "$round" -ge 1 ] && echo "RESULT $proto $set $size $rtt $s $round $r" >>"$RESULTS"
        line="$line $s=$r"
      done
      if [ "$round" -ge 1 ]; then say "rtt $rtt $proto $set ${size}MiB round $round:$line"
      else say "rtt $rtt $proto $set ${size}MiB warm-up round (not counted):$line"; fi
    done
  done < <(cases "$rtt")
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$(dirname "$OUT")"
{
  echo "Transfer benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average at start $LOAD_START, at end $LOAD_END"
  echo "MiB/s, median of $ROUNDS rounds after $WARM_ROUNDS warm-up round(s) per case; RTT: ${RTT_MEASURED[*]}; delay-bridge ${DELAY_US} us each way for rtt=1"
  echo "Warm-up before measuring (once, direct path): 3x8 MiB TFTP with curl blksize 1468 and 3x8 MiB with atftp windowsize 16, 3x8 MiB + 32x8 MiB HTTP, per server"
  [ "$LONG" = 1 ] || echo "At rtt=1: lock-step TFTP sets 1 MiB only, windowed ones up to 32 MiB, HTTP par32 up to 32 MiB each (LONG=1 for more)"
  echo "Servers: TFTP: $TFTP_SERVERS; HTTP: $HTTP_SERVERS; Bootbench: $BOOTBENCH_JAR${BASELINE_JAR:+; baseline: $BASELINE_JAR}"
  echo
  awk -v tservers="$TFTP_SERVERS" -v hservers="$HTTP_SERVERS" '
    function median(key,   n, i, j, t, v) {
      n = cnt[key]; if (n == 0) return "-"
      for (i = 1; i <= n; i++) v[i] = val[key, i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
      return v[int((n + 1) / 2)]
    }
    /^RESULT/ { k = $2 " " $3 " " $4 " " $5; if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
                sk = k " " $6; r = ($8 == "fail") ? "fail" : $8; val[sk, ++cnt[sk]] = (r == "fail") ? -1 : r; fails[sk] += (r == "fail")
                if (r != "fail") { rv[k, $6, $7] = r + 0; if (!((k, $7) in hasround)) { hasround[k, $7] = 1; rounds[k, ++nr[k]] = $7 } } }
    # median over rounds of Bootbench / the best reference in the same round (the servers take turns within a round,
    # so each pair ran seconds apart: a change in the machine load between rounds cancels out)
    function paired(k, who,   i, j, t, n, rd, best, s, v) {
      n = 0
      for (i = 1; i <= nr[k]; i++) {
        rd = rounds[k, i]; best = 0
        for (j = 1; j <= ns; j++) { s = names[j]; if (s != "bootbench" && s != "baseline" && ((k, s, rd) in rv) && rv[k, s, rd] > best) best = rv[k, s, rd] }
        if (best > 0 && ((k, who, rd) in rv) && rv[k, who, rd] > 0) v[++n] = rv[k, who, rd] / best
      }
      if (n == 0) return "-"
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      won = 0; for (i = 1; i <= n; i++) if (v[i] >= 1) won++
      # the median, the quartiles (nearest rank) and the rounds Bootbench won
      return sprintf("%.2f (%.2f-%.2f, %d/%d)", (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2,
                     v[int((n + 3) / 4)], v[n - int((n + 3) / 4) + 1], won, n)
    }
    END {
      ns = split("bootbench baseline tftpd-hpa atftpd dnsmasq nginx", names, " ")
      printf "%-5s %-15s %6s %4s", "proto", "client set", "MiB", "RTT"
      for (i = 1; i <= ns; i++) printf " %10s", names[i]
      printf "  %-24s %-22s %s\n", "ratio", "paired", (haveBase ? "baseline: ratio, paired" : "")
      for (o = 1; o <= nk; o++) {
        split(order[o], f, " "); k = order[o]
        printf "%-5s %-15s %6s %4s", f[1], f[2], f[3], (f[4] == 0 ? "0" : "1ms")
        best = 0; bb = 0; bl = 0
        for (i = 1; i <= ns; i++) {
          sk = k " " names[i]; m = median(sk)
          if (m == "-") { printf " %10s", "-"; continue }
          if (m + 0 < 0) { printf " %10s", "fail"; continue }
          printf " %10s", m (fails[sk] ? "*" : "")
          if (names[i] != "bootbench" && names[i] != "baseline" && m + 0 > best) { best = m + 0 }
          if (names[i] == "bootbench") bb = m + 0
          if (names[i] == "baseline") bl = m + 0
        }
        ref = (f[1] == "tftp") ? "best" : "nginx"
        printf "  %-24s %-22s", (best > 0 && bb > 0) ? sprintf("%.2f (bootbench/%s)", bb / best, ref) : "-", paired(k, "bootbench")
        if (haveBase && f[1] == "tftp") printf " %s %s", (best > 0 && bl > 0) ? sprintf("%.2f", bl / best) : "-", paired(k, "baseline")
        printf "\n"
      }
      print ""
      print "ratio: Bootbench / best reference server (TFTP), Bootbench / nginx (HTTP), of the medians; * = a round failed"
      print "paired: median over the rounds of Bootbench / the best reference of the same round (the servers take turns"
      print "  within a round, seconds apart, so a change in the machine load between rounds cancels out); in brackets"
      print "  the lower and upper quartile of those ratios and the rounds in which Bootbench was at least as fast"
      print "client sets: curl = curl tftp:// default (blksize 512); curl-N = --tftp-blksize N; tftp-hpa = tftp -m binary (512, lock-step);"
      print "  atftp-1428 = --option \"blksize 1428\" (lock-step); atftp-1428-wN = plus --option \"windowsize N\"; single = one curl; par32 = 32 curls at once (aggregate)"
    }' haveBase="$( [ -n "$BASELINE_JAR" ] && echo 1 || echo 0 )" "$RESULTS"
} | tee "$OUT"
[ "$KEEP" = 1 ] && cp "$RESULTS" "$TMP/results-raw.txt"
say "table written to $OUT"
