package dev.bootbench.engine.net;

import java.util.Arrays;
import java.util.HexFormat;

/** A 6-byte Ethernet address. Text form is lower-case, colon separated: {@code 52:54:00:77:00:01}. */
public final class MacAddress implements Comparable<MacAddress> {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final byte[] bytes;
    /** The text form, made once: the DHCP server, sessions and logs ask for it on every packet. */
    private String text;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MacAddress of(byte[] b) {
        if (b.length != 6) throw new IllegalArgumentException("a MAC address has 6 bytes, not " + b.length);
        return new MacAddress(b.clone());
    }

    /** Accepts {@code 52:54:00:77:00:01}, {@code 52-54-00-77-00-01} or {@code 525400770001}, any case. */
    public static MacAddress parse(String s) {
        String hex = s.trim().replace(":", "").replace("-", "").replace(".", "");
        if (hex.length() != 12) throw new IllegalArgumentException("not a MAC address: '" + s + "'");
        try {
            return new MacAddress(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MAC address: '" + s + "'");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** pxelinux's form, {@code 01-52-54-00-77-00-01}. */
    public String pxelinuxName() {
        return "01-" + HexFormat.ofDelimiter("-").formatHex(bytes);
    }

    public String oui() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes, 0, 3);
    }

    @Override public String toString() {
        String t = text;
        if (t == null) {
            char[] c = new char[17];
            for (int i = 0; i < 6; i++) {
                if (i > 0) c[3 * i - 1] = ':';
                c[3 * i] = HEX[(bytes[i] >> 4) & 0xf];
                c[3 * i + 1] = HEX[bytes[i] & 0xf];
            }
            text = t = new String(c); // a benign race: every thread computes the same immutable string
        }
        return t;
    }

    @Override public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override public int compareTo(MacAddress o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
