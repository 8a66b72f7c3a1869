package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DHCP message (RFC 2131 / 2132): the BOOTP fixed fields and the options, which keep the order the
 * sender used. Repeated options are concatenated (RFC 3396); options carried in the file and sname
 * fields when option 52 says so are read too.
 */
public final class DhcpPacket {
    public static final int BOOTREQUEST = 1, BOOTREPLY = 2;
    public static final int FIXED_LENGTH = 236;
    static final byte[] MAGIC = {99, (byte) 130, 83, 99};
    public static final int MAX_LENGTH = 16384;

    public int op;
    public int htype = 1;
    public int hlen = 6;
    public int hops;
    public long xid;
    public int secs;
    public int flags;
    public int ciaddr, yiaddr, siaddr, giaddr;
    public byte[] chaddr = new byte[16];
    public String sname = "";
    public String file = "";
    // the options in insertion order: codes and values side by side (a packet has a few dozen at most,
    // so a scan beats a map, and a server makes two packets per message)
    private byte[] codes = new byte[16];
    private byte[][] values = new byte[16][];
    private int count;

    public DhcpPacket() {}

    private int indexOf(int code) {
        for (int i = 0; i < count; i++) if ((codes[i] & 0xff) == code) return i;
        return -1;
    }

    /** Sets an option; a new one goes after the others, a replaced one keeps its place. */
    private void set(int code, byte[] value) {
        int i = indexOf(code);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (count == codes.length) {
            codes = Arrays.copyOf(codes, 2 * count);
            values = Arrays.copyOf(values, 2 * count);
        }
        codes[count] = (byte) code;
        values[count++] = value;
    }

    public MacAddress mac() {
        return MacAddress.of(Arrays.copyOf(chaddr, 6));
    }

    public boolean broadcastFlag() {
        return (flags & 0x8000) != 0;
    }

    /** The options in the order they were put or read, as a read-only map (made for each call). */
    public Map<Integer, byte[]> options() {
        Map<Integer, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) m.put(codes[i] & 0xff, values[i]);
        return Collections.unmodifiableMap(m);
    }

    public byte[] option(int code) {
        int i = indexOf(code);
        return i < 0 ? null : values[i];
    }

    public boolean has(int code) {
        return indexOf(code) >= 0;
    }

    public String optionString(int code) {
        byte[] v = option(code);
        if (v == null) return null;
        int n = v.length;
        while (n > 0 && v[n - 1] == 0) n--; // some clients NUL-terminate
        return new String(v, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The DHCP message type (option 53), or 0 for a plain BOOTP request. */
    public int messageType() {
        byte[] t = option(DhcpOption.MESSAGE_TYPE);
        return t != null && t.length == 1 ? t[0] & 0xff : 0;
    }

    /** An address option as an int (network order), or 0 when it is missing or not 4 bytes long. */
    public int optionAddressInt(int code) {
        byte[] v = option(code);
        return v != null && v.length == 4 ? Ipv4.toInt(v, 0) : 0;
    }

    public Inet4Address optionAddress(int code) {
        byte[] v = option(code);
        return v != null && v.length == 4 ? Ipv4.fromInt(Ipv4.toInt(v, 0)) : null;
    }

    public DhcpPacket put(int code, byte[] value) {
        if (code <= 0 || code >= 255) throw new IllegalArgumentException("option code " + code);
        set(code, value);
        return this;
    }

    public DhcpPacket put(int code, String value) {
        return put(code, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    public DhcpPacket put(int code, Inet4Address a) {
        return put(code, a.getAddress());
    }

    public DhcpPacket putInt(int code, int v) {
        return put(code, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    public DhcpPacket putByte(int code, int v) {
        return put(code, new byte[] {(byte) v});
    }

    public void remove(int code) {
        int i = indexOf(code);
        if (i < 0) return;
        System.arraycopy(codes, i + 1, codes, i, count - i - 1);
        System.arraycopy(values, i + 1, values, i, count - i - 1);
        values[--count] = null;
    }

    /** Reads a packet. Throws for anything that is not a well-formed BOOTP/DHCP message. */
    public static DhcpPacket decode(byte[] buf, int offset, int length) throws MalformedPacketException {
        if (offset < 0 || length < 0 || offset > buf.length - length) throw new MalformedPacketException("bad buffer bounds");
        if (length < FIXED_LENGTH + 4) throw new MalformedPacketException("truncated: " + length + " bytes, a DHCP packet has at least 240");
        if (length > MAX_LENGTH) throw new MalformedPacketException("absurd length " + length);
        int o = offset;
        int op = buf[o] & 0xff;
        if (op != BOOTREQUEST && op != BOOTREPLY) throw new MalformedPacketException("op " + op + " is neither request nor reply");
        int htype = buf[o + 1] & 0xff;
        int hlen = buf[o + 2] & 0xff;
        if (htype != 1 || hlen != 6) throw new MalformedPacketException("hardware type " + htype + " length " + hlen + " (only Ethernet, 6 bytes)");
        for (int i = 0; i < 4; i++) {
            if (buf[o + FIXED_LENGTH + i] != MAGIC[i]) throw new MalformedPacketException("wrong magic cookie");
        }
        DhcpPacket p = new DhcpPacket();
        p.parseOptions(buf, o + FIXED_LENGTH + 4, o + length, true);
        // Option 52 is framing, not content: it says the file and/or sname fields hold options. It must be
        // one byte; a repeated or longer one is ignored. It never stays in the options (encode never overloads).
        byte[] ov = p.option(DhcpOption.OVERLOAD);
        p.remove(DhcpOption.OVERLOAD);
        int overload = ov != null && ov.length == 1 ? ov[0] & 3 : 0;
        p.op = op;
        p.htype = htype;
        p.hlen = hlen;
        p.hops = buf[o + 3] & 0xff;
        p.xid = Ipv4.toInt(buf, o + 4) & 0xffffffffL;
        p.secs = ((buf[o + 8] & 0xff) << 8) | (buf[o + 9] & 0xff);
        p.flags = ((buf[o + 10] & 0xff) << 8) | (buf[o + 11] & 0xff);
        p.ciaddr = Ipv4.toInt(buf, o + 12);
        p.yiaddr = Ipv4.toInt(buf, o + 16);
        p.siaddr = Ipv4.toInt(buf, o + 20);
        p.giaddr = Ipv4.toInt(buf, o + 24);
        System.arraycopy(buf, o + 28, p.chaddr, 0, 16);
        if ((overload & 1) != 0) {
            p.parseOptions(buf, o + 108, o + 236, false);
        } else {
            p.file = cString(buf, o + 108, 128);
        }
        if ((overload & 2) != 0) {
            p.parseOptions(buf, o + 44, o + 108, false);
        } else {
            p.sname = cString(buf, o + 44, 64);
        }
        p.remove(DhcpOption.OVERLOAD); // one inside an overloaded field means nothing more
        return p;
    }

    /** Parses options into this packet, concatenating repeated ones. */
    private void parseOptions(byte[] buf, int from, int end, boolean requireEnd) throws MalformedPacketException {
        int i = from;
        while (i < end) {
            int code = buf[i] & 0xff;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255) return;
            if (i + 1 >= end) throw new MalformedPacketException("option " + code + " has no length byte");
            int len = buf[i + 1] & 0xff;
            if (i + 2 + len > end) throw new MalformedPacketException("option " + code + " (" + len + " bytes) runs past the end of the packet");
            byte[] value = Arrays.copyOfRange(buf, i + 2, i + 2 + len);
            int at = indexOf(code);
            if (at >= 0) values[at] = concat(values[at], value);
            else set(code, value);
            i += 2 + len;
        }
        if (requireEnd) throw new MalformedPacketException("no end option");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String cString(byte[] buf, int off, int max) {
        int n = 0;
        while (n < max && buf[off + n] != 0) n++;
        return new String(buf, off, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the packet. Options go out in insertion order (put the message type first), long values
     * split into 255-byte pieces (RFC 3396); the result is padded to the 300 bytes BOOTP clients expect.
     */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        encodeInto(out);
        return out;
    }

    /** How many bytes {@link #encode()} writes. */
    public int encodedLength() {
        int n = FIXED_LENGTH + MAGIC.length;
        for (int i = 0; i < count; i++) {
            if ((codes[i] & 0xff) == DhcpOption.OVERLOAD) continue;
            int len = values[i].length;
            int pieces = len == 0 ? 1 : (len + 254) / 255;
            n += 2 * pieces + len;
        }
        return Math.max(300, n + 1);
    }

    /**
     * Writes the packet into {@code out} (at least {@link #encodedLength()} bytes, which are all
     * overwritten) and returns its length, so a server can reuse one buffer for every reply.
     */
    public int encodeInto(byte[] out) {
        int length = encodedLength();
        if (out.length < length) throw new IllegalArgumentException("buffer of " + out.length + " bytes, the packet needs " + length);
        Arrays.fill(out, 0, length, (byte) 0);
        out[0] = (byte) op;
        out[1] = (byte) htype;
        out[2] = (byte) hlen;
        out[3] = (byte) hops;
        putInt(out, 4, (int) xid);
        out[8] = (byte) (secs >> 8);
        out[9] = (byte) secs;
        out[10] = (byte) (flags >> 8);
        out[11] = (byte) flags;
        putInt(out, 12, ciaddr);
        putInt(out, 16, yiaddr);
        putInt(out, 20, siaddr);
        putInt(out, 24, giaddr);
        System.arraycopy(chaddr, 0, out, 28, Math.min(16, chaddr.length));
        latin1(sname, out, 44, 63);
        latin1(file, out, 108, 127);
        System.arraycopy(MAGIC, 0, out, FIXED_LENGTH, MAGIC.length);
        int o = FIXED_LENGTH + MAGIC.length;
        for (int i = 0; i < count; i++) {
            if ((codes[i] & 0xff) == DhcpOption.OVERLOAD) continue; // file and sname always go out as fields
            byte[] v = values[i];
            int pos = 0;
            do {
                int n = Math.min(255, v.length - pos);
                out[o++] = codes[i];
                out[o++] = (byte) n;
                System.arraycopy(v, pos, out, o, n);
                o += n;
                pos += n;
            } while (pos < v.length);
        }
        out[o] = (byte) 255; // the rest, up to the BOOTP minimum, is already zero
        return length;
    }

    /** A fixed field: at most {@code max} characters, ISO-8859-1 (anything else becomes '?'), NUL-terminated by the zeroed field. */
    private static void latin1(String s, byte[] out, int off, int max) {
        int n = Math.min(max, s.length());
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            out[off + i] = ch < 256 ? (byte) ch : (byte) '?';
        }
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
