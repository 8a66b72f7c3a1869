#!/usr/bin/env bash
# Boot-time benchmark: real firmware under QEMU (TCG) booting through Bootbench and through dnsmasq
# (DHCP + TFTP) with busybox httpd (HTTP), same files, NIC and firmware, taking turns, N rounds; beside
# them the direct-kernel floor (the same machine with -kernel/-initrd and no network).
#
# The boots are the real-boot suite's scenarios (src/test/java/dev/bootbench/qemu), run by
# dev.bootbench.qemu.BootBench with the test lab's classes (namespaces, QEMU guest, serve process).
# All traffic stays inside network namespaces it creates. Needs root, QEMU, dnsmasq, busybox and the
# firmware packages that .ci/run installs; the kernel comes from Debian as for the real-boot suite.
#
# Settings (environment): ROUNDS=3  SCENARIOS="bios-ipxe-rom-e1000 ..." (default: all seven)
#                         SERVERS="bootbench dnsmasq"  JAR=target/bootbench.jar (another build to compare)
#                         TIMEOUT=240 (seconds per boot)  OUT=target/bench-boot.txt
#                         BASELINE=path/to/other/bootbench.jar (a third server in the same turns, e.g. main's build)
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}
SCENARIOS=${SCENARIOS:-"bios-ipxe-rom-e1000 bios-ipxe-rom-virtio uefi-pxe-ipxe.efi uefi-pxe-snponly.efi bios-lpxelinux bios-pxelinux uefi-syslinux.efi"}
SERVERS=${SERVERS:-"bootbench dnsmasq"}
JAR=$(readlink -f "${JAR:-target/bootbench.jar}")
TIMEOUT=${TIMEOUT:-240}
OUT=${OUT:-target/bench-boot.txt}

die() { echo "bench: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (it creates network namespaces and tap devices)"
for p in ip qemu-system-x86_64 busybox java mvn; do command -v "$p" >/dev/null || die "needs $p"; done
[ -x /usr/sbin/dnsmasq ] || command -v dnsmasq >/dev/null || die "needs dnsmasq (Debian dnsmasq-base)"

if [ ! -f target/bootbench.jar ] || [ ! -f target/test-classes/dev/bootbench/qemu/BootBench.class ]; then
  echo "bench: building (mvn package -DskipTests, test-compile)" >&2
  (mvn -o -q package -DskipTests && mvn -o -q test-compile) || (mvn -q package -DskipTests && mvn -q test-compile)
fi
[ -f "$JAR" ] || die "no jar at $JAR"
CP_FILE=target/bench-test-classpath.txt
if [ ! -s "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ]; then
  mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" \
    || mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
fi

echo "bench: load $(cut -d' ' -f1-3 /proc/loadavg) at start; $(nproc) CPUs; Bootbench $JAR" >&2
PATH=$PATH:/usr/sbin java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CP_FILE")" \
  -Dbootbench.jar="$JAR" -Dbootbench.target="$ROOT/target" -Dbench.pcap="${PCAP:+true}" -Dbootbench.root="$ROOT" \
  dev.bootbench.qemu.BootBench --rounds "$ROUNDS" --scenarios "$SCENARIOS" --servers "$SERVERS" \
  --timeout "$TIMEOUT" --out "$OUT" ${BASELINE:+--baseline "$(readlink -f "$BASELINE")"}
echo "bench: table written to $OUT; each boot's logs in target/boot-bench/" >&2
