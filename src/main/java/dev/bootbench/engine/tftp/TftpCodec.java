package dev.bootbench.engine.tftp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes and encodes TFTP packets. Decoding never throws anything but {@link TftpFormatException}
 * for any input, whatever its length or content. Strings are read as UTF-8 when they are valid
 * UTF-8 and as ISO-8859-1 otherwise, so every byte sequence decodes to some string.
 */
public final class TftpCodec {
    private TftpCodec() {}

    /** Upper bound of any packet we decode or build: 4 header bytes plus the largest block size (RFC 2348). */
    public static final int MAX_PACKET = 4 + 65464;

    public static TftpPacket decode(byte[] b, int off, int len) throws TftpFormatException {
        if (off < 0 || len < 0 || off + len > b.length) throw new TftpFormatException("bad buffer bounds");
        if (len < 2) throw new TftpFormatException("packet of " + len + " bytes is too short for an opcode");
        int end = off + len;
        int op = u16(b, off);
        int p = off + 2;
        switch (op) {
            case TftpPacket.RRQ, TftpPacket.WRQ -> {
                int z = indexOfNul(b, p, end);
                if (z < 0) throw new TftpFormatException("request without a NUL after the file name");
                if (z == p) throw new TftpFormatException("request with an empty file name");
                String filename = string(b, p, z);
                p = z + 1;
                z = indexOfNul(b, p, end);
                if (z < 0) throw new TftpFormatException("request without a NUL after the mode");
                if (z == p) throw new TftpFormatException("request with an empty mode");
                String mode = string(b, p, z).toLowerCase(Locale.ROOT);
                Map<String, String> options = new LinkedHashMap<>();
                String problem = options(b, z + 1, end, options);
                return new TftpPacket.Request(op == TftpPacket.WRQ, filename, mode, options, problem);
            }
            case TftpPacket.DATA -> {
                if (len < 4) throw new TftpFormatException("DATA of " + len + " bytes has no block number");
                byte[] payload = new byte[len - 4];
                System.arraycopy(b, off + 4, payload, 0, payload.length);
                return new TftpPacket.Data(u16(b, off + 2), payload);
            }
            case TftpPacket.ACK -> {
                if (len < 4) throw new TftpFormatException("ACK of " + len + " bytes has no block number");
                return new TftpPacket.Ack(u16(b, off + 2));
            }
            case TftpPacket.ERROR -> {
                if (len < 4) throw new TftpFormatException("ERROR of " + len + " bytes has no error code");
                int z = indexOfNul(b, off + 4, end);
                return new TftpPacket.Error(u16(b, off + 2), string(b, off + 4, z < 0 ? end : z));
            }
            case TftpPacket.OACK -> {
                Map<String, String> options = new LinkedHashMap<>();
                String problem = options(b, p, end, options);
                if (problem != null) throw new TftpFormatException("OACK: " + problem);
                return new TftpPacket.Oack(options);
            }
            default -> throw new TftpFormatException("unknown opcode " + op);
        }
    }

    public static TftpPacket decode(byte[] b) throws TftpFormatException {
        return decode(b, 0, b.length);
    }

    /** Reads name/value pairs; returns null when all was well, else what was wrong (pairs before it are kept). */
    private static String options(byte[] b, int p, int end, Map<String, String> into) {
        String problem = null;
        while (p < end) {
            int z = indexOfNul(b, p, end);
            if (z == p) {
                // NUL padding after the last option is harmless; anything after it is not
                for (int i = p; i < end; i++) if (b[i] != 0) return "empty option name";
                return problem;
            }
            if (z < 0) return "option '" + clip(string(b, p, end)) + "' is not NUL-terminated";
            String name = string(b, p, z).toLowerCase(Locale.ROOT);
            p = z + 1;
            z = indexOfNul(b, p, end);
            if (z < 0) return "option '" + clip(name) + "' has no value";
            String value = string(b, p, z);
            p = z + 1;
            if (into.containsKey(name)) problem = "option '" + clip(name) + "' given twice (the first counts)";
            else into.put(name, value);
        }
        return problem;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int indexOfNul(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == 0) return i;
        return -1;
    }

    private static String string(byte[] b, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    // ---- encoding ----

    public static byte[] encode(TftpPacket packet) {
        ByteBuffer buf = ByteBuffer.allocate(size(packet));
        encode(packet, buf);
        return buf.array();
    }

    private static int size(TftpPacket packet) {
        if (packet instanceof TftpPacket.Request r) {
            return 2 + bytes(r.filename()).length + 1 + bytes(r.mode()).length + 1 + optionsSize(r.options());
        } else if (packet instanceof TftpPacket.Data d) {
            return 4 + d.payload().length;
        } else if (packet instanceof TftpPacket.Ack) {
            return 4;
        } else if (packet instanceof TftpPacket.Error e) {
            return 4 + bytes(e.message()).length + 1;
        } else {
            return 2 + optionsSize(((TftpPacket.Oack) packet).options());
        }
    }

    private static int optionsSize(Map<String, String> options) {
        int n = 0;
        for (var e : options.entrySet()) n += bytes(e.getKey()).length + 1 + bytes(e.getValue()).length + 1;
        return n;
    }

    public static void encode(TftpPacket packet, ByteBuffer out) {
        if (packet instanceof TftpPacket.Request r) {
            out.putShort((short) (r.write() ? TftpPacket.WRQ : TftpPacket.RRQ));
            putString(out, r.filename());
            putString(out, r.mode());
            putOptions(out, r.options());
        } else if (packet instanceof TftpPacket.Data d) {
            out.putShort((short) TftpPacket.DATA).putShort((short) d.block()).put(d.payload());
        } else if (packet instanceof TftpPacket.Ack a) {
            out.putShort((short) TftpPacket.ACK).putShort((short) a.block());
        } else if (packet instanceof TftpPacket.Error e) {
            out.putShort((short) TftpPacket.ERROR).putShort((short) e.code());
            putString(out, e.message());
        } else {
            out.putShort((short) TftpPacket.OACK);
            putOptions(out, ((TftpPacket.Oack) packet).options());
        }
    }

    /** Writes a DATA header for {@code block} (taken modulo 65536) at the buffer's position. */
    public static void putDataHeader(ByteBuffer out, long block) {
        out.putShort((short) TftpPacket.DATA).putShort((short) (block & 0xffff));
    }

    private static void putOptions(ByteBuffer out, Map<String, String> options) {
        for (var e : options.entrySet()) {
            putString(out, e.getKey());
            putString(out, e.getValue());
        }
    }

    private static void putString(ByteBuffer out, String s) {
        out.put(bytes(s)).put((byte) 0);
    }

    private static byte[] bytes(String s) {
        // a NUL inside a string would end it early on the wire: never send one
        return s.replace('\0', '?').getBytes(StandardCharsets.UTF_8);
    }
}
