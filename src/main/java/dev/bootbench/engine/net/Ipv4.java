package dev.bootbench.engine.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as ints (network order, unsigned comparisons) and back. */
public final class Ipv4 {
    public static final Inet4Address ANY = fromInt(0);
    public static final Inet4Address BROADCAST = fromInt(-1);

    private Ipv4() {}

    public static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public static int toInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static Inet4Address fromInt(int v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a dotted quad only (never a host name: no DNS lookups from a config value). */
    public static Inet4Address parse(String s) {
        String[] parts = s.trim().split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            int n = Integer.parseInt(p);
            if (n > 255) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            v = (v << 8) | n;
        }
        return fromInt(v);
    }

    public static String format(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
