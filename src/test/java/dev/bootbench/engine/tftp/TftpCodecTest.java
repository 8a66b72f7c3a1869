package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TftpCodecTest {
    static byte[] bytes(int opcode, String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(opcode >> 8);
        b.write(opcode);
        for (String s : strings) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    @Test
    void readRequestWithOptions() throws Exception {
        var p = (TftpPacket.Request) TftpCodec.decode(bytes(1, "pxelinux.0", "OCTET", "BlkSize", "1468", "tsize", "0", "windowsize", "8"));
        assertEquals("pxelinux.0", p.filename());
        assertEquals("octet", p.mode());
        assertEquals(List.of("blksize", "tsize", "windowsize"), List.copyOf(p.options().keySet()));
        assertEquals("1468", p.options().get("blksize"));
        assertNull(p.optionProblem());
        assertTrue(!p.write());
    }

    @Test
    void writeRequestIsDecodedAsSuch() throws Exception {
        var p = (TftpPacket.Request) TftpCodec.decode(bytes(2, "upload.bin", "octet"));
        assertTrue(p.write());
    }

    @Test
    void missingTerminatorsAreErrors() {
        byte[] noNulAfterName = "\0\1pxelinux.0".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(noNulAfterName));
        byte[] noMode = "\0\1pxelinux.0\0octet".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(noMode));
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(bytes(1, "", "octet")));
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(new byte[] {0}));
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(new byte[0]));
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(new byte[] {0, 4, 1}));
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(new byte[] {0, 3}));
    }

    @Test
    void unknownOpcodeIsAnError() {
        var e = assertThrows(TftpFormatException.class, () -> TftpCodec.decode(new byte[] {0, 9, 0, 0}));
        assertTrue(e.getMessage().contains("opcode 9"));
        assertThrows(TftpFormatException.class, () -> TftpCodec.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0}));
    }

    @Test
    void optionWithoutValueIsReportedAndDropped() throws Exception {
        var p = (TftpPacket.Request) TftpCodec.decode(bytes(1, "a", "octet", "blksize", "1024", "tsize"));
        assertEquals(Map.of("blksize", "1024"), p.options());
        assertTrue(p.optionProblem().contains("tsize"), p.optionProblem());

        byte[] unterminated = "\0\1a\0octet\0blksize\0001024".getBytes(StandardCharsets.ISO_8859_1);
        p = (TftpPacket.Request) TftpCodec.decode(unterminated);
        assertTrue(p.options().isEmpty());
        assertTrue(p.optionProblem() != null);
    }

    @Test
    void nulPaddingAfterOptionsIsHarmless() throws Exception {
        byte[] b = bytes(1, "a", "octet", "tsize", "0");
        byte[] padded = new byte[b.length + 5];
        System.arraycopy(b, 0, padded, 0, b.length);
        var p = (TftpPacket.Request) TftpCodec.decode(padded);
        assertEquals(Map.of("tsize", "0"), p.options());
        assertNull(p.optionProblem());
    }

    @Test
    void repeatedOptionKeepsTheFirst() throws Exception {
        var p = (TftpPacket.Request) TftpCodec.decode(bytes(1, "a", "octet", "blksize", "1024", "BLKSIZE", "8"));
        assertEquals("1024", p.options().get("blksize"));
        assertTrue(p.optionProblem().contains("twice"));
    }

    @Test
    void invalidUtf8FallsBackToLatin1() throws Exception {
        byte[] b = {0, 1, (byte) 0xe9, 't', 'e', 0, 'o', 'c', 't', 'e', 't', 0};
        assertEquals("\u00e9te", ((TftpPacket.Request) TftpCodec.decode(b)).filename());
    }

    @Test
    void dataAckErrorOack() throws Exception {
        assertEquals(new TftpPacket.Ack(65535), TftpCodec.decode(new byte[] {0, 4, (byte) 0xff, (byte) 0xff}));
        var d = (TftpPacket.Data) TftpCodec.decode(new byte[] {0, 3, 0, 7, 1, 2, 3});
        assertEquals(7, d.block());
        assertArrayEquals(new byte[] {1, 2, 3}, d.payload());
        assertEquals(new TftpPacket.Error(8, "tsize only"), TftpCodec.decode(bytes(5, "\0\bjunk").length > 0
                ? new byte[] {0, 5, 0, 8, 't', 's', 'i', 'z', 'e', ' ', 'o', 'n', 'l', 'y', 0} : null));
        // an ERROR without its terminating NUL still says something
        assertEquals(new TftpPacket.Error(1, "nope"), TftpCodec.decode(new byte[] {0, 5, 0, 1, 'n', 'o', 'p', 'e'}));
        var o = (TftpPacket.Oack) TftpCodec.decode(bytes(6, "blksize", "1432"));
        assertEquals(Map.of("blksize", "1432"), o.options());
    }

    @Test
    void encodeDecodeRoundTrip() throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("blksize", "1468");
        opts.put("tsize", "0");
        List<TftpPacket> packets = List.of(
                new TftpPacket.Request(false, "boot/x64/wimboot", "octet", opts, null),
                new TftpPacket.Request(true, "f", "netascii", Map.of(), null),
                new TftpPacket.Data(65535, new byte[] {1, 2, 3}),
                new TftpPacket.Data(0, new byte[0]),
                new TftpPacket.Ack(42),
                new TftpPacket.Error(1, "file not found"),
                new TftpPacket.Oack(opts));
        for (TftpPacket p : packets) assertEquals(p, TftpCodec.decode(TftpCodec.encode(p)));
    }

    @Test
    void dataHeaderWrapsBlockNumbers() throws Exception {
        var buf = java.nio.ByteBuffer.allocate(4);
        TftpCodec.putDataHeader(buf, 65536 + 5);
        assertEquals(new TftpPacket.Data(5, new byte[0]), TftpCodec.decode(buf.array()));
    }
}
