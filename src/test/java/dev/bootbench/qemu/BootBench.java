package dev.bootbench.qemu;

import dev.bootbench.testlab.Bench;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.QemuGuest;
import dev.bootbench.testlab.QemuGuest.Firmware;
import dev.bootbench.testlab.QemuGuest.Nic;
import dev.bootbench.testlab.ServeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The boot-time benchmark ({@code src/bench/boot/run.sh}, not a test): real firmware under QEMU
 * booting the real-boot suite's scenarios through Bootbench and through dnsmasq (DHCP and TFTP) with
 * busybox httpd (HTTP), the same files, NIC, firmware and bench of namespaces, the two taking turns
 * (A/B, then B/A) for N rounds; and, once per firmware per round, the direct-kernel floor: the same
 * machine started with {@code -kernel}/{@code -initrd} and no network at all. Each boot's time is from
 * QEMU's start to the test initramfs's marker on the serial console ({@link QemuGuest#awaitMarker}).
 *
 * <p>Options: {@code --rounds N}, {@code --scenarios a,b,...} (default: every scenario below),
 * {@code --servers bootbench,dnsmasq}, {@code --out FILE} (the table is also written there),
 * {@code --timeout SECONDS}, {@code --baseline JAR} (adds server {@code baseline}: Bootbench from
 * another build, e.g. main's, in the same turns). The Bootbench jar is the {@code bootbench.jar}
 * system property's.
 */
public final class BootBench {
    /** The scenarios, named as in the real-boot suite (each its own MAC). */
    static final Map<String, Supplier<RealBoot.Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("bios-ipxe-rom-e1000", () -> IpxeBootIT.biosRom("bios-ipxe-rom-e1000", Nic.E1000, "52:54:00:78:00:01"));
        SCENARIOS.put("bios-ipxe-rom-virtio", () -> IpxeBootIT.biosRom("bios-ipxe-rom-virtio", Nic.VIRTIO, "52:54:00:78:00:02"));
        SCENARIOS.put("uefi-pxe-ipxe.efi", () -> IpxeBootIT.ovmfChain("uefi-pxe-ipxe.efi", "ipxe.efi", "52:54:00:78:00:03"));
        SCENARIOS.put("uefi-pxe-snponly.efi", () -> IpxeBootIT.ovmfChain("uefi-pxe-snponly.efi", "snponly.efi", "52:54:00:78:00:04"));
        SCENARIOS.put("bios-lpxelinux", () -> PxelinuxBootIT.bios("bios-lpxelinux", "lpxelinux.0", "52:54:00:78:00:06"));
        SCENARIOS.put("bios-pxelinux", () -> PxelinuxBootIT.bios("bios-pxelinux", "pxelinux.0", "52:54:00:78:00:07"));
        SCENARIOS.put("uefi-syslinux.efi", () -> PxelinuxBootIT.ovmfSyslinux("uefi-syslinux.efi", "52:54:00:78:00:08"));
        SCENARIOS.put("bios-lpxelinux-structured-root", () -> PxelinuxBootIT.biosStructuredRoot("bios-lpxelinux-structured-root", "52:54:00:78:00:09"));
    }

    private final Path logs = Lab.targetDir().resolve("boot-bench");
    /** {@code -Dbench.pcap=true} (run.sh: {@code PCAP=1}): each boot's packets to {@code boot.pcap} beside its logs. */
    private static final boolean PCAP = Boolean.getBoolean("bench.pcap");
    /**
     * The JVM options the packaged terminal launcher ({@code bootbench-cli}, the systemd unit) gives serve, from
     * {@code packaging/cli-launcher.properties}: serve is measured as users run it (C1 only, Serial GC), not as the
     * real-boot tests start it.
     */
    static final List<String> LAUNCHER_OPTIONS = launcherOptions();

    private static List<String> launcherOptions() {
        Path props = Paths.get(System.getProperty("bootbench.root", ".")).resolve("packaging/cli-launcher.properties");
        try {
            for (String line : Files.readAllLines(props)) {
                if (line.startsWith("java-options=")) return List.of(line.substring("java-options=".length()).trim().split("\\s+"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the launcher's JVM options from " + props.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no java-options line in " + props.toAbsolutePath());
    }
    private final Duration timeout;
    private final List<String> lines = new ArrayList<>();
    private Path baseline;

    private BootBench(Duration timeout) {
        this.timeout = timeout;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        List<String> scenarios = new ArrayList<>(SCENARIOS.keySet());
        List<String> servers = List.of("bootbench", "dnsmasq");
        Path out = null;
        long timeoutSeconds = 240;
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--scenarios" -> scenarios = Arrays.asList(args[++i].split("[, ]+"));
                case "--servers" -> servers = Arrays.asList(args[++i].split("[, ]+"));
                case "--out" -> out = Paths.get(args[++i]);
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--baseline" -> baseline = Paths.get(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String s : scenarios) {
            if (!SCENARIOS.containsKey(s)) throw new IllegalArgumentException("unknown scenario " + s + "; known: " + SCENARIOS.keySet());
        }
        RealBoot.requirePreconditions();
        BootBench b = new BootBench(Duration.ofSeconds(timeoutSeconds));
        if (baseline != null) {
            b.baseline = baseline.toAbsolutePath();
            servers = new ArrayList<>(servers);
            servers.add(1, "baseline");
        }
        String table = b.run(rounds, scenarios, servers);
        System.out.println(table);
        if (out != null) Files.writeString(out, table, StandardCharsets.UTF_8);
    }

    /** One measured boot (NaN seconds: it failed). */
    record Boot(String scenario, String server, int round, double seconds, String load, double cpu) {}

    private String run(int rounds, List<String> scenarios, List<String> servers) throws Exception {
        String loadAtStart = load();
        long t0 = System.nanoTime();
        List<Boot> boots = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(servers);
            if (round % 2 == 0) java.util.Collections.reverse(order);
            for (String name : scenarios) {
                RealBoot.Scenario s = SCENARIOS.get(name).get();
                for (String server : order) {
                    double[] cpu = {Double.NaN};
                    double seconds = boot(s, server, round, cpu);
                    boots.add(note(new Boot(name, server, round, seconds, load(), cpu[0])));
                }
            }
            List<Firmware> firmwares = scenarios.stream().map(n -> SCENARIOS.get(n).get().firmware).distinct().toList();
            for (Firmware fw : firmwares) boots.add(note(new Boot(floorName(fw), "floor", round, floor(fw, round), load(), Double.NaN)));
        }
        return table(boots, scenarios, servers, rounds, loadAtStart, (System.nanoTime() - t0) / 60e9);
    }

    private Boot note(Boot b) {
        String line = String.format(Locale.ROOT, "BOOT round=%d server=%s scenario=%s seconds=%.1f load=%s%s",
                b.round, b.server, b.scenario, b.seconds, b.load, Double.isNaN(b.cpu) ? "" : String.format(Locale.ROOT, " server-cpu=%.2f", b.cpu));
        System.out.println(line);
        lines.add(line);
        return b;
    }

    private static String floorName(Firmware fw) {
        return fw == Firmware.OVMF ? "floor-ovmf" : "floor-seabios";
    }

    /**
     * One network boot of the scenario through the server; NaN when it did not reach the marker. {@code cpu[0]} gets
     * the CPU seconds the server's processes used from QEMU's start to the marker: under TCG the emulator needs both
     * CPUs, so what the server burns meanwhile slows the boot.
     */
    private double boot(RealBoot.Scenario s, String server, int round, double[] cpu) throws IOException {
        Path dir = logs.resolve(s.tag).resolve(server);
        Exec.run("rm", "-rf", dir.toString());
        Files.createDirectories(dir);
        Path root = Files.createTempDirectory("bootbench-bench-root-");
        List<AutoCloseable> open = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        Bench bench = null;
        try {
            bench = Bench.create();
            RealBoot.populateRoot(root, s);
            String tap = bench.addTap();
            String script = RealBoot.defaultScript(s.tag);
            if (server.equals("bootbench") || server.equals("baseline")) {
                Path workspace = dir.resolve("workspace");
                Files.createDirectories(workspace.resolve("templates"));
                Files.writeString(workspace.resolve("templates/boot.ipxe"), script);
                Path jar = server.equals("baseline") ? baseline : Lab.jar();
                ServeProcess serve = ServeProcess.start(bench.server(), jar, LAUNCHER_OPTIONS, dir.resolve("serve.log"), RealBoot.serveOptions(s, root, workspace));
                open.add(serve);
                pids.add(serve.javaPid());
            } else {
                pids.addAll(startDnsmasq(bench.server(), s, root, script, dir));
            }
            if (PCAP) {
                // every packet of the boot, for reading the timeline off (PCAP=1; needs tcpdump)
                bench.server().start(List.of(Lab.which("tcpdump").toString(), "-i", Bench.SERVER_IFACE, "-w", dir.resolve("boot.pcap").toString(),
                        "-U", "-s", "128", "udp or tcp"), dir.resolve("tcpdump.log"));
                Thread.sleep(500);
            }
            long ticks = cpuTicks(pids);
            Map<String, Long> threads = threadTicks(pids);
            QemuGuest guest = QemuGuest.start(bench, tap, s.firmware, s.nic, s.mac, dir);
            open.add(guest);
            double seconds = guest.awaitMarker(s.tag, timeout);
            cpu[0] = (cpuTicks(pids) - ticks) / 100.0;
            writeThreadCpu(threads, threadTicks(pids), dir.resolve("threads-cpu.txt"));
            return seconds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (AssertionError | RuntimeException e) {
            System.out.println("boot failed: " + s.tag + " through " + server + " (round " + round + "): " + e.getMessage() + "; logs in " + dir);
            return Double.NaN;
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception ignored) {
                    // the bench's namespaces end whatever is left
                }
            }
            if (bench != null) bench.close();
            Exec.run("rm", "-rf", root.toString());
        }
    }

    /**
     * dnsmasq as a technician would set it up for the scenario (DHCP and TFTP, iPXE recognised by its
     * user class and sent the script's URL, everyone else the boot program), and busybox httpd serving
     * the same root, where the script is a plain file with what Bootbench's template would give this MAC.
     */
    private static List<Long> startDnsmasq(Netns server, RealBoot.Scenario s, Path root, String script, Path dir) throws IOException {
        String base = "http://" + Bench.SERVER_IP;
        Files.writeString(root.resolve("boot.ipxe"), script.replace("{{base-url}}", base).replace("{{mac}}", s.mac));
        Exec.run("chmod", "a+r", root.resolve("boot.ipxe").toString());
        List<String> cmd = new ArrayList<>(List.of(Lab.which("dnsmasq").toString(), "--no-daemon", "--conf-file=/dev/null",
                "--port=0", "--bind-interfaces", "--interface=" + Bench.SERVER_IFACE, "--except-interface=lo",
                "--user=root", "--group=root", "--dhcp-range=" + RealBoot.RANGE_FIRST + "," + RealBoot.RANGE_LAST + ",255.255.255.0,1h",
                "--dhcp-authoritative", "--no-ping", "--log-facility=-", "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"),
                "--pid-file=" + dir.resolve("dnsmasq.pid"), "--enable-tftp", "--tftp-root=" + root));
        if (s.loader == RealBoot.Loader.IPXE) {
            cmd.add("--dhcp-userclass=set:ipxe,iPXE");
            cmd.add("--dhcp-boot=tag:ipxe," + base + "/boot.ipxe");
            if (s.bootProgram != null) cmd.add("--dhcp-boot=tag:!ipxe," + s.bootProgram);
        } else {
            cmd.add("--dhcp-boot=" + s.bootProgram);
        }
        List<Long> pids = new ArrayList<>();
        pids.add(server.start(cmd, dir.resolve("dnsmasq.log")).pid()); // ip netns exec execs the program: the same process
        pids.add(server.start(List.of(Lab.which("busybox").toString(), "httpd", "-f", "-p", Bench.SERVER_IP + ":80", "-h", root.toString()),
                dir.resolve("httpd.log")).pid());
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String udp = server.exec("ss", "-Hlun").stdout(), tcp = server.exec("ss", "-Hltn").stdout();
            if (udp.contains(":67 ") && udp.contains(":69 ") && tcp.contains(":80 ")) return pids;
            if (System.nanoTime() > end) throw new IllegalStateException("dnsmasq/httpd not listening within 20 s:\nudp " + udp + "\ntcp " + tcp);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The floor: the same machine and firmware, kernel and initrd loaded by QEMU, no network. */
    private double floor(Firmware fw, int round) throws IOException {
        String tag = floorName(fw);
        Path dir = logs.resolve(tag);
        Exec.run("rm", "-rf", dir.toString());
        Files.createDirectories(dir);
        try (Netns ns = Netns.create("floor");
             QemuGuest guest = QemuGuest.startDirect(ns, fw, BootAssets.kernel(), BootAssets.initrd(),
                     "console=ttyS0 panic=-1 bootbench.tag=" + tag, dir)) {
            return guest.awaitMarker(tag, timeout);
        } catch (AssertionError | RuntimeException e) {
            System.out.println("floor boot failed: " + tag + " (round " + round + "): " + e.getMessage() + "; logs in " + dir);
            return Double.NaN;
        }
    }

    private String table(List<Boot> boots, List<String> scenarios, List<String> servers, int rounds, String loadAtStart, double minutes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Boot-time benchmark: QEMU TCG, %d round(s), servers in turns, %d CPUs, load %s at start, %s at end, %.0f min, %s%n",
                rounds, Runtime.getRuntime().availableProcessors(), loadAtStart, load(), minutes, java.time.Instant.now().toString().substring(0, 16) + "Z"));
        b.append("Bootbench: ").append(Lab.jar()).append(baseline != null ? "; baseline: " + baseline : "")
                .append("; serve's JVM options (the terminal launcher's): ").append(String.join(" ", LAUNCHER_OPTIONS)).append('\n');
        b.append("seconds from QEMU start to the initramfs marker: median (min-max) of the rounds that booted; overhead = boot - floor (medians)\n");
        boolean both = servers.contains("bootbench") && servers.contains("dnsmasq");
        b.append(String.format(Locale.ROOT, "%-22s %-18s %-18s %6s %-18s %9s %9s %8s", "scenario", "Bootbench s", "dnsmasq s",
                "ratio", "floor s", "BB ovh s", "dnsm ovh", "ovh ratio"));
        if (baseline != null) b.append(String.format(Locale.ROOT, "   %-18s %6s %9s", "baseline s", "ratio", "base ovh"));
        b.append('\n');
        List<Double> ratios = new ArrayList<>();
        for (String name : scenarios) {
            String floorName = floorName(SCENARIOS.get(name).get().firmware);
            double[] bb = seconds(boots, name, "bootbench"), dn = seconds(boots, name, "dnsmasq"), fl = seconds(boots, floorName, "floor");
            double mb = median(bb), md = median(dn), mf = median(fl);
            double ratio = mb / md;
            if (both && !Double.isNaN(ratio)) ratios.add(ratio);
            b.append(String.format(Locale.ROOT, "%-22s %-18s %-18s %6s %-18s %9s %9s %8s", name, spread(bb, rounds), spread(dn, rounds),
                    fmt(ratio, 2), spread(fl, rounds), fmt(mb - mf, 1), fmt(md - mf, 1), fmt((mb - mf) / (md - mf), 2)));
            if (baseline != null) {
                double[] bl = seconds(boots, name, "baseline");
                double ml = median(bl);
                b.append(String.format(Locale.ROOT, "   %-18s %6s %9s", spread(bl, rounds), fmt(ml / md, 2), fmt(ml - mf, 1)));
            }
            b.append('\n');
        }
        if (both) {
            b.append("Bootbench/dnsmasq in each round (the two booted minutes apart)").append(baseline != null ? "; baseline/dnsmasq after '|'" : "").append(":\n");
            for (String name : scenarios) {
                b.append(String.format(Locale.ROOT, "  %-22s %s", name, perRound(boots, name, "bootbench", rounds)));
                if (baseline != null) b.append(" | ").append(perRound(boots, name, "baseline", rounds));
                b.append('\n');
            }
        }
        if (!ratios.isEmpty()) {
            b.append(String.format(Locale.ROOT, "median ratio Bootbench/dnsmasq over the scenarios: %.2f; worst %.2f%n",
                    median(ratios.stream().mapToDouble(Double::doubleValue).toArray()),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        }
        b.append("servers' CPU seconds from QEMU's start to the marker (median of the rounds; the emulator under TCG needs both CPUs):\n");
        for (String name : scenarios) {
            b.append(String.format(Locale.ROOT, "  %-22s", name));
            for (String server : servers) {
                double c = median(boots.stream().filter(x -> x.scenario.equals(name) && x.server.equals(server)).mapToDouble(Boot::cpu).toArray());
                b.append(String.format(Locale.ROOT, "  %s %s", server, fmt(c, 2)));
            }
            b.append('\n');
        }
        b.append("each boot:\n");
        for (String l : lines) b.append("  ").append(l).append('\n');
        return b.toString();
    }

    /** server/dnsmasq of the scenario in each round, "-" where either failed. */
    private static String perRound(List<Boot> boots, String scenario, String server, int rounds) {
        StringBuilder b = new StringBuilder();
        for (int r = 1; r <= rounds; r++) {
            final int round = r;
            double x = boots.stream().filter(o -> o.round == round && o.scenario.equals(scenario) && o.server.equals(server)).mapToDouble(Boot::seconds).findFirst().orElse(Double.NaN);
            double d = boots.stream().filter(o -> o.round == round && o.scenario.equals(scenario) && o.server.equals("dnsmasq")).mapToDouble(Boot::seconds).findFirst().orElse(Double.NaN);
            b.append(r > 1 ? " " : "").append(fmt(x / d, 2));
        }
        return b.toString();
    }

    private static double[] seconds(List<Boot> boots, String scenario, String server) {
        return boots.stream().filter(x -> x.scenario.equals(scenario) && x.server.equals(server)).mapToDouble(Boot::seconds).toArray();
    }

    /** Median of the boots that worked (NaN: none did). */
    static double median(double[] all) {
        double[] v = Arrays.stream(all).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String spread(double[] all, int rounds) {
        double[] v = Arrays.stream(all).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return all.length == 0 ? "-" : "failed";
        String s = String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median(v), v[0], v[v.length - 1]);
        return v.length < all.length ? s + " " + (all.length - v.length) + "x fail" : s;
    }

    private static String fmt(double d, int decimals) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    /** User and system CPU ticks (1/100 s) of the processes, with all their threads; a gone process counts 0. */
    private static long cpuTicks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15 of stat
            } catch (IOException | RuntimeException e) {
                // ended: nothing more to count
            }
        }
        return sum;
    }

    /** Each thread's CPU ticks, by "pid/tid name". */
    private static Map<String, Long> threadTicks(List<Long> pids) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (long pid : pids) {
            try (var tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        m.put(pid + "/" + t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }
        return m;
    }

    /** The threads that used CPU between the two snapshots, most first (seconds); a thread that started between counts from 0. */
    private static void writeThreadCpu(Map<String, Long> before, Map<String, Long> after, Path file) throws IOException {
        StringBuilder b = new StringBuilder("CPU seconds of each server thread from QEMU's start to the marker\n");
        after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, "%6.2f  %s%n", e.getValue() / 100.0, e.getKey())));
        Files.writeString(file, b.toString());
    }

    private static String load() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
