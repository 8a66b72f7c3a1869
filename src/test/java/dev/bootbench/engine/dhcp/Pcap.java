package dev.bootbench.engine.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of classic pcap files for tests: the global header (either byte order,
 * micro- or nanosecond timestamps), the per-record headers, and Ethernet (with 802.1Q tags),
 * Linux cooked (SLL, SLL2) or raw IPv4 link layers, down to the UDP payloads of unfragmented
 * IPv4 datagrams.
 */
final class Pcap {
    static final int LINKTYPE_ETHERNET = 1, LINKTYPE_RAW = 101, LINKTYPE_LINUX_SLL = 113, LINKTYPE_LINUX_SLL2 = 276;

    /** One UDP datagram: addresses as ints, time in seconds since the epoch. */
    record Udp(double time, int srcIp, int srcPort, int dstIp, int dstPort, byte[] payload) {}

    private Pcap() {}

    static int linkType(byte[] file) {
        return header(file).getInt(20);
    }

    private static ByteBuffer header(byte[] file) {
        if (file.length < 24) throw new IllegalArgumentException("not a pcap file: " + file.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) return b;
        b.order(ByteOrder.BIG_ENDIAN);
        magic = b.getInt(0);
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) return b;
        throw new IllegalArgumentException("not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
    }

    static List<Udp> udp(InputStream in) throws IOException {
        return udp(in.readAllBytes());
    }

    static List<Udp> udp(byte[] file) {
        ByteBuffer b = header(file);
        boolean nanos = b.getInt(0) == 0xa1b23c4d;
        int link = b.getInt(20);
        List<Udp> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= file.length) {
            long sec = b.getInt(pos) & 0xffffffffL;
            long frac = b.getInt(pos + 4) & 0xffffffffL;
            int incl = b.getInt(pos + 8);
            if (incl < 0 || pos + 16 + incl > file.length) throw new IllegalArgumentException("record at " + pos + " runs past the end of the file");
            double time = sec + frac / (nanos ? 1e9 : 1e6);
            byte[] frame = Arrays.copyOfRange(file, pos + 16, pos + 16 + incl);
            Udp u = decodeFrame(link, frame, time);
            if (u != null) out.add(u);
            pos += 16 + incl;
        }
        return out;
    }

    private static int u16(byte[] f, int o) {
        return ((f[o] & 0xff) << 8) | (f[o + 1] & 0xff);
    }

    private static int u32(byte[] f, int o) {
        return (u16(f, o) << 16) | u16(f, o + 2);
    }

    private static Udp decodeFrame(int link, byte[] f, double time) {
        int ipAt;
        int ethertype;
        switch (link) {
            case LINKTYPE_ETHERNET -> {
                if (f.length < 14) return null;
                ethertype = u16(f, 12);
                ipAt = 14;
                while ((ethertype == 0x8100 || ethertype == 0x88a8) && f.length >= ipAt + 4) { // VLAN tags
                    ethertype = u16(f, ipAt + 2);
                    ipAt += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (f.length < 16) return null;
                ethertype = u16(f, 14);
                ipAt = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (f.length < 20) return null;
                ethertype = u16(f, 0);
                ipAt = 20;
            }
            case LINKTYPE_RAW -> {
                ethertype = 0x0800;
                ipAt = 0;
            }
            default -> throw new IllegalArgumentException("unsupported pcap link type " + link);
        }
        if (ethertype != 0x0800 || f.length < ipAt + 20) return null;
        int vihl = f[ipAt] & 0xff;
        if (vihl >> 4 != 4) return null;
        int ihl = (vihl & 0x0f) * 4;
        int total = u16(f, ipAt + 2);
        int frag = u16(f, ipAt + 6);
        if ((frag & 0x3fff) != 0) return null; // a fragment: not needed for DHCP
        if ((f[ipAt + 9] & 0xff) != 17) return null;
        int end = Math.min(f.length, ipAt + total);
        int udpAt = ipAt + ihl;
        if (end < udpAt + 8) return null;
        int udpLen = u16(f, udpAt + 4);
        int payloadEnd = Math.min(end, udpAt + udpLen);
        return new Udp(time, u32(f, ipAt + 12), u16(f, udpAt), u32(f, ipAt + 16), u16(f, udpAt + 2),
                Arrays.copyOfRange(f, udpAt + 8, payloadEnd));
    }

    /** The DHCP/BOOTP datagrams: UDP from or to port 67, 68 or PXE's 4011. */
    static List<Udp> dhcp(List<Udp> all) {
        return all.stream().filter(u -> isDhcpPort(u.srcPort()) || isDhcpPort(u.dstPort())).toList();
    }

    private static boolean isDhcpPort(int p) {
        return p == 67 || p == 68 || p == 4011;
    }
}
