package dev.bootbench.testlab;

import dev.bootbench.engine.dhcp.DhcpOption;
import dev.bootbench.engine.dhcp.DhcpPacket;
import dev.bootbench.engine.dhcp.MalformedPacketException;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A wave of DHCP clients for the real-peer tests: DORA exchanges (DISCOVER, OFFER, REQUEST, ACK) for
 * many MACs, N at a time, as a relay agent (it binds UDP 67 on its own address and sets giaddr, so
 * the server answers by unicast and no raw socket is needed). Every reply that matters is written to
 * the output file the moment it arrives, one line each, unbuffered ({@code ACK mac address},
 * {@code NAK mac}, {@code DECLINE mac address}), so what the clients were promised is on record even
 * when the server is killed mid-wave. Runs as its own process inside a client namespace:
 *
 * <pre>java -cp ... dev.bootbench.testlab.DhcpWave --local IP --server IP --out FILE
 *      (--mac-prefix 52:54:01:00 --first N --count N | --macs FILE) [--concurrency 16] [--timeout-ms 1000]
 *      [--idle-ms 3000] [--decline] [--requested IP]</pre>
 *
 * An exchange without an answer within the timeout is given up (no retransmission); the wave ends
 * when every exchange has ended, or when nothing at all was heard for the idle time (the server is gone).
 * {@code --decline}: after each ACK, DECLINE the address (with the server id). The last line is
 * {@code DONE acks naks failures}.
 */
public final class DhcpWave {
    private record Exchange(byte[] mac, long xid, long[] sentAt, int[] state) {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String k = argv[i].replaceFirst("^--", "");
            if (k.equals("decline")) a.put(k, "true");
            else a.put(k, argv[++i]);
        }
        Inet4Address local = (Inet4Address) InetAddress.getByName(a.get("local"));
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(a.get("server")), 67);
        List<byte[]> macs = new ArrayList<>();
        if (a.containsKey("macs")) {
            for (String l : Files.readAllLines(Path.of(a.get("macs")))) if (!l.isBlank()) macs.add(MacAddress.parse(l.trim()).bytes());
        } else {
            String[] p = a.get("mac-prefix").split(":");
            int first = Integer.parseInt(a.getOrDefault("first", "0"));
            int count = Integer.parseInt(a.get("count"));
            for (int i = first; i < first + count; i++) {
                byte[] m = new byte[6];
                for (int j = 0; j < 4; j++) m[j] = (byte) Integer.parseInt(p[j], 16);
                m[4] = (byte) (i >> 8);
                m[5] = (byte) i;
                macs.add(m);
            }
        }
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "16"));
        long timeout = Long.parseLong(a.getOrDefault("timeout-ms", "1000")) * 1_000_000L;
        long idle = Long.parseLong(a.getOrDefault("idle-ms", "3000")) * 1_000_000L;
        boolean decline = a.containsKey("decline");
        int requested = a.containsKey("requested") ? Ipv4.toInt(Ipv4.parse(a.get("requested"))) : 0;
        int giaddr = Ipv4.toInt(local);
        Random random = new Random();
        int acks = 0, naks = 0, failures = 0;
        try (DatagramSocket s = new DatagramSocket(null); OutputStream out = new FileOutputStream(a.get("out"), true)) {
            s.setReuseAddress(true);
            s.setReceiveBufferSize(1 << 20);
            s.bind(new InetSocketAddress(local, 67));
            s.setSoTimeout(20);
            Deque<byte[]> todo = new ArrayDeque<>(macs);
            Map<Long, Exchange> inFlight = new HashMap<>();
            byte[] rx = new byte[DhcpPacket.MAX_LENGTH];
            DatagramPacket dp = new DatagramPacket(rx, rx.length);
            long heard = System.nanoTime();
            while (!todo.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < concurrency && !todo.isEmpty()) {
                    long xid = random.nextInt() & 0xffffffffL;
                    Exchange e = new Exchange(todo.poll(), xid, new long[] {System.nanoTime()}, new int[] {0});
                    inFlight.put(xid, e);
                    DhcpPacket d = base(e, DhcpOption.DISCOVER, giaddr);
                    if (requested != 0) d.putInt(DhcpOption.REQUESTED_IP, requested);
                    send(s, d, server);
                }
                try {
                    dp.setLength(rx.length);
                    s.receive(dp);
                    DhcpPacket p = DhcpPacket.decode(rx, 0, dp.getLength());
                    Exchange e = inFlight.get(p.xid);
                    if (p.op != DhcpPacket.BOOTREPLY || e == null || !Arrays.equals(Arrays.copyOf(p.chaddr, 6), e.mac())) continue;
                    heard = System.nanoTime();
                    String mac = MacAddress.of(e.mac()).toString();
                    int type = p.messageType();
                    if (type == DhcpOption.OFFER && e.state()[0] == 0) {
                        DhcpPacket r = base(e, DhcpOption.REQUEST, giaddr);
                        r.putInt(DhcpOption.REQUESTED_IP, p.yiaddr);
                        byte[] sid = p.option(DhcpOption.SERVER_ID);
                        if (sid != null) r.put(DhcpOption.SERVER_ID, sid);
                        send(s, r, server);
                        e.state()[0] = 1;
                        e.sentAt()[0] = System.nanoTime();
                    } else if (type == DhcpOption.ACK && e.state()[0] == 1) {
                        line(out, "ACK " + mac + " " + Ipv4.format(p.yiaddr));
                        acks++;
                        inFlight.remove(e.xid());
                        if (decline) {
                            DhcpPacket d = base(e, DhcpOption.DECLINE, giaddr);
                            d.putInt(DhcpOption.REQUESTED_IP, p.yiaddr);
                            byte[] sid = p.option(DhcpOption.SERVER_ID);
                            if (sid != null) d.put(DhcpOption.SERVER_ID, sid);
                            send(s, d, server);
                            line(out, "DECLINE " + mac + " " + Ipv4.format(p.yiaddr));
                        }
                    } else if (type == DhcpOption.NAK) {
                        line(out, "NAK " + mac);
                        naks++;
                        inFlight.remove(e.xid());
                    }
                } catch (SocketTimeoutException quiet) {
                    // the sweep below
                } catch (MalformedPacketException | IOException bad) {
                    // not a reply we can read, or the network went: the sweep decides
                }
                long now = System.nanoTime();
                for (Iterator<Exchange> it = inFlight.values().iterator(); it.hasNext(); ) {
                    Exchange e = it.next();
                    if (now - e.sentAt()[0] > timeout) {
                        it.remove();
                        failures++;
                    }
                }
                if (now - heard > idle) break; // the server is gone
            }
            line(out, "DONE " + acks + " " + naks + " " + failures);
        }
    }

    private static DhcpPacket base(Exchange e, int type, int giaddr) {
        DhcpPacket p = new DhcpPacket();
        p.op = DhcpPacket.BOOTREQUEST;
        p.hops = 1;
        p.xid = e.xid();
        p.giaddr = giaddr;
        System.arraycopy(e.mac(), 0, p.chaddr, 0, 6);
        p.putByte(DhcpOption.MESSAGE_TYPE, type);
        return p;
    }

    private static void send(DatagramSocket s, DhcpPacket p, InetSocketAddress to) throws IOException {
        byte[] b = p.encode();
        s.send(new DatagramPacket(b, b.length, to));
    }

    private static void line(OutputStream out, String s) throws IOException {
        out.write((s + "\n").getBytes(StandardCharsets.US_ASCII)); // unbuffered: on record at once
    }
}
