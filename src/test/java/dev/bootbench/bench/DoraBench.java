package dev.bootbench.bench;

import dev.bootbench.engine.dhcp.DhcpOption;
import dev.bootbench.engine.dhcp.DhcpPacket;
import dev.bootbench.engine.dhcp.MalformedPacketException;
import dev.bootbench.engine.net.Ipv4;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A DHCPv4 load generator that keeps exactly N DORA exchanges (DISCOVER, OFFER, REQUEST, ACK) in
 * flight, each from a distinct MAC, which perfdhcp (rate-driven) cannot express. It acts as a relay
 * agent, like perfdhcp does: it binds UDP port 67 on its own address, puts that address in giaddr and
 * sends to the server's address, so servers answer by unicast and no raw sockets are needed.
 *
 * <p>Used by {@code src/bench/dhcp/run.sh}, which runs it inside a network namespace of its own.
 * Prints one line: {@code RESULT label concurrency clients completed dora_per_s p50_ms p90_ms p99_ms naks failures duplicates cpu_us}.
 * {@code cpu_us} is the CPU time the server process (all its threads, {@code --server-pid}) spent per measured
 * exchange, from {@code /proc/PID/task/}*{@code /schedstat}; -1 when not given. It is much less sensitive to the
 * machine's load than the rates.
 * An exchange that gets no OFFER or no ACK within the timeout counts as a failure (no retransmission).
 * A duplicate is an address ACKed to two different MACs.
 *
 * <p>Cold mode ({@code --go-file F}, for a server's first clients after it starts): the generator first
 * warms its own code without the network, creates {@code F.ready}, and waits for {@code F} to hold
 * "{@code START_EPOCH_NANOS SERVER_PID}" (the script starts the server right after taking that time);
 * then it asks for an address every 5 ms from one probe MAC until the server answers, reports the
 * time from the server's start to that first ACK ({@code first_ack_ms}, a 13th field of RESULT), and at
 * once runs the measured clients, with no warm-up.
 */
public final class DoraBench {
    private static final int DISCOVER_SENT = 1, REQUEST_SENT = 2;

    private static final class Exchange {
        final byte[] mac;
        final long xid;
        final long start;
        long sentAt;
        int state;

        Exchange(byte[] mac, long xid, long start) {
            this.mac = mac;
            this.xid = xid;
            this.start = start;
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final int giaddr;
    private final long timeoutNanos;
    private final Random random = new Random();
    private final byte[] rx = new byte[DhcpPacket.MAX_LENGTH];
    /** Where the measured run's per-exchange latencies go ({@code --latencies FILE}), or null. */
    java.nio.file.Path latencyLog;

    DoraBench(Inet4Address local, Inet4Address serverAddress, int serverPort, long timeoutMillis) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(4 << 20);
        socket.setSendBufferSize(4 << 20);
        socket.bind(new InetSocketAddress(local, 67));
        socket.setSoTimeout(5);
        server = new InetSocketAddress(serverAddress, serverPort);
        giaddr = Ipv4.toInt(local);
        timeoutNanos = timeoutMillis * 1_000_000L;
    }

    record Result(int completed, double seconds, long[] latenciesNanos, int naks, int failures, int duplicates) {
        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) return Double.NaN;
            long[] s = latenciesNanos.clone();
            Arrays.sort(s);
            int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
            return s[Math.max(0, Math.min(s.length - 1, i))] / 1e6;
        }
    }

    /** Runs {@code clients} DORAs with MACs {@code prefix:hi:lo}, keeping {@code concurrency} in flight. */
    Result run(byte[] macPrefix, int clients, int concurrency) throws IOException {
        Map<Long, Exchange> inFlight = new HashMap<>();
        Map<Integer, String> ackedTo = new HashMap<>();
        List<Long> latencies = new ArrayList<>(clients);
        List<Long> starts = new ArrayList<>(clients);
        int next = 0, done = 0, naks = 0, failures = 0, duplicates = 0;
        long t0 = System.nanoTime();
        double wallT0 = System.currentTimeMillis();
        long lastSweep = t0;
        DatagramPacket dp = new DatagramPacket(rx, rx.length);
        while (done < clients) {
            while (inFlight.size() < concurrency && next < clients) {
                byte[] mac = Arrays.copyOf(macPrefix, 6);
                mac[4] = (byte) (next >> 8);
                mac[5] = (byte) next;
                next++;
                long xid;
                do {
                    xid = random.nextInt() & 0xffffffffL;
                } while (inFlight.containsKey(xid));
                Exchange e = new Exchange(mac, xid, System.nanoTime());
                inFlight.put(xid, e);
                send(discover(e));
                e.state = DISCOVER_SENT;
                e.sentAt = System.nanoTime();
            }
            try {
                dp.setLength(rx.length);
                socket.receive(dp);
                DhcpPacket p = DhcpPacket.decode(rx, 0, dp.getLength());
                Exchange e = inFlight.get(p.xid);
                if (p.op == DhcpPacket.BOOTREPLY && e != null && Arrays.equals(Arrays.copyOf(p.chaddr, 6), e.mac)) {
                    int type = p.messageType();
                    if (type == DhcpOption.OFFER && e.state == DISCOVER_SENT) {
                        send(request(e, p));
                        e.state = REQUEST_SENT;
                        e.sentAt = System.nanoTime();
                    } else if (type == DhcpOption.ACK && e.state == REQUEST_SENT) {
                        latencies.add(System.nanoTime() - e.start);
                        starts.add(e.start - t0);
                        String mac = Arrays.toString(e.mac);
                        String prev = ackedTo.putIfAbsent(p.yiaddr, mac);
                        if (prev != null && !prev.equals(mac)) duplicates++;
                        inFlight.remove(e.xid);
                        done++;
                    } else if (type == DhcpOption.NAK) {
                        naks++;
                        inFlight.remove(e.xid);
                        done++;
                    }
                }
            } catch (SocketTimeoutException timeout) {
                // sweep below
            } catch (MalformedPacketException bad) {
                // not a DHCP reply; ignore
            }
            long now = System.nanoTime();
            if (now - lastSweep > 20_000_000L) {
                lastSweep = now;
                for (Iterator<Exchange> it = inFlight.values().iterator(); it.hasNext(); ) {
                    Exchange e = it.next();
                    if (now - e.sentAt > timeoutNanos) {
                        it.remove();
                        failures++;
                        done++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] lat = latencies.stream().mapToLong(Long::longValue).toArray();
        if (latencyLog != null) {
            // one line per completed exchange: wall-clock start (ms since the epoch, to line up with GC logs), latency in µs
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lat.length; i++) {
                b.append(String.format(Locale.ROOT, "%.3f %d%n", wallT0 + starts.get(i) / 1e6, lat[i] / 1000));
            }
            java.nio.file.Files.writeString(latencyLog, b.toString());
        }
        return new Result(lat.length, seconds, lat, naks, failures, duplicates);
    }

    private DhcpPacket base(Exchange e, int type) {
        DhcpPacket p = new DhcpPacket();
        p.op = DhcpPacket.BOOTREQUEST;
        p.hops = 1;
        p.xid = e.xid;
        p.giaddr = giaddr;
        System.arraycopy(e.mac, 0, p.chaddr, 0, 6);
        p.putByte(DhcpOption.MESSAGE_TYPE, type);
        return p;
    }

    private DhcpPacket discover(Exchange e) {
        DhcpPacket p = base(e, DhcpOption.DISCOVER);
        p.put(DhcpOption.PARAMETER_LIST, new byte[] {1, 3, 6, 15, 28, 51, 58, 59});
        return p;
    }

    private DhcpPacket request(Exchange e, DhcpPacket offer) {
        DhcpPacket p = base(e, DhcpOption.REQUEST);
        p.putInt(DhcpOption.REQUESTED_IP, offer.yiaddr);
        byte[] sid = offer.option(DhcpOption.SERVER_ID);
        if (sid != null) p.put(DhcpOption.SERVER_ID, sid);
        p.put(DhcpOption.PARAMETER_LIST, new byte[] {1, 3, 6, 15, 28, 51, 58, 59});
        return p;
    }

    private void send(DhcpPacket p) throws IOException {
        byte[] out = p.encode();
        socket.send(new DatagramPacket(out, out.length, server));
    }

    private static String arg(Map<String, String> a, String name, String dflt) {
        String v = a.get(name);
        if (v == null && dflt == null) throw new IllegalArgumentException("missing --" + name);
        return v != null ? v : dflt;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        Inet4Address local = (Inet4Address) InetAddress.getByName(arg(a, "local", null));
        Inet4Address srv = (Inet4Address) InetAddress.getByName(arg(a, "server", null));
        int clients = Integer.parseInt(arg(a, "clients", "1000"));
        int warmup = Integer.parseInt(arg(a, "warmup", "0"));
        String label = arg(a, "label", "server");
        long timeout = Long.parseLong(arg(a, "timeout-ms", "2000"));
        byte[] prefix = parseMacPrefix(arg(a, "mac-prefix", "52:54:01:00"));
        long serverPid = Long.parseLong(arg(a, "server-pid", "0"));
        DoraBench b = new DoraBench(local, srv, Integer.parseInt(arg(a, "port", "67")), timeout);
        String latencies = arg(a, "latencies", "");
        String goFile = arg(a, "go-file", "");
        double firstAckMillis = -1;
        if (!goFile.isEmpty()) {
            b.warmItself(prefix);
            java.nio.file.Path go = java.nio.file.Path.of(goFile);
            java.nio.file.Files.writeString(java.nio.file.Path.of(goFile + ".ready"), "ready\n");
            String[] startAndPid = awaitGo(go);
            long startEpochNanos = Long.parseLong(startAndPid[0]);
            serverPid = Long.parseLong(startAndPid[1]);
            firstAckMillis = b.firstAck(prefix, startEpochNanos, Duration.ofSeconds(60));
        }
        String[] levels = arg(a, "concurrency", "1,16,64").split(",");
        for (int level = 0; level < levels.length; level++) {
            int conc = Integer.parseInt(levels[level].trim());
            byte[] p = prefix.clone();
            p[3] = (byte) (p[3] + 2 * level); // distinct MACs per level, and for the warm-up
            if (warmup > 0) {
                byte[] w = p.clone();
                w[3] = (byte) (w[3] + 1);
                b.run(w, warmup, conc);
            }
            long cpu0 = cpuNanos(serverPid);
            b.latencyLog = latencies.isEmpty() ? null : java.nio.file.Path.of(latencies + "." + conc);
            Result r = b.run(p, clients, conc);
            b.latencyLog = null;
            long cpu1 = cpuNanos(serverPid);
            double cpuMicros = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e3 / clients;
            System.out.printf(Locale.ROOT, "RESULT %s %d %d %d %.0f %.2f %.2f %.2f %d %d %d %.0f%s%n", label, conc, clients, r.completed(),
                    r.completed() / r.seconds(), r.percentileMillis(50), r.percentileMillis(90), r.percentileMillis(99), r.naks(),
                    r.failures(), r.duplicates(), cpuMicros, firstAckMillis >= 0 && level == 0 ? String.format(Locale.ROOT, " %.0f", firstAckMillis) : "");
            System.out.flush();
        }
        b.socket.close();
    }

    private static String[] awaitGo(java.nio.file.Path go) throws IOException, InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            if (java.nio.file.Files.exists(go)) {
                String[] f = java.nio.file.Files.readString(go).trim().split("\\s+");
                if (f.length == 2) return f;
            }
            Thread.sleep(1);
        }
        throw new IOException("no start time in " + go + " within 120 s");
    }

    /**
     * The generator's own code run hot before a cold measurement, without the network: the packets it
     * builds and decodes, so that its JIT does not count as the server's latency.
     */
    void warmItself(byte[] macPrefix) throws IOException {
        long sink = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] mac = Arrays.copyOf(macPrefix, 6);
            mac[5] = (byte) i;
            Exchange e = new Exchange(mac, i, System.nanoTime());
            byte[] d = discover(e).encode();
            DhcpPacket offer = new DhcpPacket();
            offer.op = DhcpPacket.BOOTREPLY;
            offer.xid = e.xid;
            offer.yiaddr = 0x0a4d0164 + i;
            System.arraycopy(mac, 0, offer.chaddr, 0, 6);
            offer.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.OFFER);
            offer.putInt(DhcpOption.SERVER_ID, 0x0a4d0001);
            byte[] o = offer.encode();
            try {
                DhcpPacket back = DhcpPacket.decode(o, 0, o.length);
                sink += request(e, back).encode().length + d.length + back.messageType();
            } catch (MalformedPacketException bad) {
                throw new IOException(bad);
            }
        }
        if (sink == 42) System.out.println();
    }

    /**
     * Asks for an address from one probe MAC, a new DISCOVER (or REQUEST once offered) every 5 ms,
     * until the server ACKs; returns the milliseconds from {@code startEpochNanos} to that ACK.
     */
    double firstAck(byte[] macPrefix, long startEpochNanos, Duration limit) throws IOException {
        byte[] mac = Arrays.copyOf(macPrefix, 6);
        mac[3] = (byte) (mac[3] + 0x40);
        long end = System.nanoTime() + limit.toNanos();
        DhcpPacket offered = null;
        DatagramPacket dp = new DatagramPacket(rx, rx.length);
        while (System.nanoTime() < end) {
            Exchange e = new Exchange(mac, random.nextInt() & 0xffffffffL, System.nanoTime());
            send(offered == null ? discover(e) : request(e, offered));
            long resend = System.nanoTime() + 5_000_000L;
            while (System.nanoTime() < resend) {
                try {
                    dp.setLength(rx.length);
                    socket.receive(dp);
                    DhcpPacket p = DhcpPacket.decode(rx, 0, dp.getLength());
                    if (p.op != DhcpPacket.BOOTREPLY || !Arrays.equals(Arrays.copyOf(p.chaddr, 6), mac)) continue;
                    if (p.messageType() == DhcpOption.OFFER && offered == null) {
                        offered = p;
                        break;
                    }
                    if (p.messageType() == DhcpOption.ACK) {
                        java.time.Instant now = java.time.Instant.now();
                        return (now.getEpochSecond() * 1_000_000_000L + now.getNano() - startEpochNanos) / 1e6;
                    }
                } catch (SocketTimeoutException | java.net.PortUnreachableException timeout) {
                    // nothing yet
                } catch (MalformedPacketException bad) {
                    // ignore
                }
            }
        }
        throw new IOException("the server ACKed nothing within " + limit.toSeconds() + " s of its start");
    }

    /** CPU time of every thread of a process, in nanoseconds (Linux schedstat); -1 if unreadable. */
    static long cpuNanos(long pid) {
        if (pid <= 0) return -1;
        long total = 0;
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Paths.get("/proc", Long.toString(pid), "task"))) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    total += Long.parseLong(java.nio.file.Files.readString(t.resolve("schedstat")).trim().split("\\s+")[0]);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private static byte[] parseMacPrefix(String s) {
        String[] parts = s.split(":");
        if (parts.length != 4) throw new IllegalArgumentException("--mac-prefix takes four bytes, e.g. 52:54:01:00");
        byte[] b = new byte[6];
        for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(parts[i], 16);
        return b;
    }
}
