package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bootbench.engine.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The DHCP codec: what goes out comes back, and anything malformed is refused with MalformedPacketException. */
class DhcpPacketTest {
    static final Path CORPUS = corpusDir();

    private static Path corpusDir() {
        try {
            return Paths.get(DhcpPacketTest.class.getResource("DhcpDecoderFuzzTestInputs/decode").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("regression corpus missing from the test resources", e);
        }
    }

    /** A BOOTP header with the cookie; the caller appends options. */
    static ByteArrayOutputStream header(int op, int htype, int hlen) {
        byte[] fixed = new byte[DhcpPacket.FIXED_LENGTH];
        fixed[0] = (byte) op;
        fixed[1] = (byte) htype;
        fixed[2] = (byte) hlen;
        fixed[4] = 0x12;
        fixed[5] = 0x34;
        fixed[6] = 0x56;
        fixed[7] = 0x78;
        byte[] mac = {0x52, 0x54, 0, 0x77, 0, 1};
        System.arraycopy(mac, 0, fixed, 28, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fixed);
        out.writeBytes(DhcpPacket.MAGIC);
        return out;
    }

    static ByteArrayOutputStream request() {
        return header(1, 1, 6);
    }

    static byte[] opt(int code, byte[] v) {
        byte[] o = new byte[2 + v.length];
        o[0] = (byte) code;
        o[1] = (byte) v.length;
        System.arraycopy(v, 0, o, 2, v.length);
        return o;
    }

    static byte[] opt(int code, String v) {
        return opt(code, v.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] decodeEncode(byte[] b) throws MalformedPacketException {
        return DhcpPacket.decode(b, 0, b.length).encode();
    }

    static void assertMalformed(byte[] b, String what) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> DhcpPacket.decode(b, 0, b.length), what);
        assertNotNull(e.getMessage(), what);
    }

    // ---- round trips ----

    @Test
    void everyFieldAndOptionSurvivesEncodeDecode() throws Exception {
        DhcpPacket p = new DhcpPacket();
        p.op = DhcpPacket.BOOTREPLY;
        p.hops = 2;
        p.xid = 0xdeadbeefL;
        p.secs = 65535;
        p.flags = 0x8000;
        p.ciaddr = Ipv4.toInt(Ipv4.parse("10.77.0.5"));
        p.yiaddr = Ipv4.toInt(Ipv4.parse("10.77.0.130"));
        p.siaddr = Ipv4.toInt(Ipv4.parse("10.77.0.1"));
        p.giaddr = Ipv4.toInt(Ipv4.parse("192.168.1.254"));
        System.arraycopy(new byte[] {0x52, 0x54, 0, 0x77, 0, (byte) 0xc1}, 0, p.chaddr, 0, 6);
        p.sname = "bootbench";
        p.file = "efi64/syslinux.efi";
        p.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.ACK);
        p.put(DhcpOption.SERVER_ID, Ipv4.parse("10.77.0.1"));
        p.putInt(DhcpOption.LEASE_TIME, 3600);
        p.put(DhcpOption.BOOTFILE, "http://10.77.0.1/boot.ipxe?mac=52:54:00:77:00:c1");
        p.put(DhcpOption.IPXE_ENCAP, new byte[] {(byte) 176, 1, 1});
        p.put(DhcpOption.HOSTNAME, new byte[0]);
        byte[] wire = p.encode();
        DhcpPacket q = DhcpPacket.decode(wire, 0, wire.length);
        CaptureGoldenTest.assertSamePacket(p, q, "round trip");
        assertEquals(List.of(53, 54, 51, 67, 175, 12), List.copyOf(q.options().keySet()), "options keep the sender's order");
        assertEquals("52:54:00:77:00:c1", q.mac().toString());
        assertTrue(q.broadcastFlag());
        assertEquals(DhcpOption.ACK, q.messageType());
        assertEquals(Ipv4.parse("10.77.0.1"), q.optionAddress(DhcpOption.SERVER_ID));
        assertEquals(0, q.option(DhcpOption.HOSTNAME).length);
        assertArrayEquals(wire, q.encode(), "encode is stable");
    }

    @Test
    void encodeIntoAReusedBufferWritesTheSameBytesAsEncode() throws Exception {
        DhcpPacket small = new DhcpPacket();
        small.op = DhcpPacket.BOOTREPLY;
        small.xid = 7;
        small.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.OFFER);
        DhcpPacket large = new DhcpPacket();
        large.op = DhcpPacket.BOOTREPLY;
        large.xid = 8;
        large.file = "pxelinux.0";
        large.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.ACK);
        large.put(DhcpOption.VENDOR_SPECIFIC, new byte[400]);
        byte[] buf = new byte[DhcpPacket.MAX_LENGTH];
        Arrays.fill(buf, (byte) 0x5a); // stale bytes from an earlier reply must never leak into the next
        int n = large.encodeInto(buf);
        assertEquals(large.encodedLength(), n);
        assertArrayEquals(large.encode(), Arrays.copyOf(buf, n));
        int m = small.encodeInto(buf);
        assertEquals(300, m, "padded to the BOOTP minimum");
        assertArrayEquals(small.encode(), Arrays.copyOf(buf, m));
        assertEquals(0, buf[108], "no file name left over from the previous packet");
        assertEquals(7, DhcpPacket.decode(buf, 0, m).xid);
        assertThrows(IllegalArgumentException.class, () -> large.encodeInto(new byte[300]), "a buffer too small is refused, not overrun");
    }

    @Test
    void fixedFieldsAreCutToTheirSizeAndKeepATerminatingNul() throws Exception {
        DhcpPacket p = new DhcpPacket();
        p.op = DhcpPacket.BOOTREPLY;
        p.sname = "s".repeat(100);
        p.file = "f".repeat(200);
        p.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.ACK);
        byte[] wire = p.encode();
        DhcpPacket q = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("s".repeat(63), q.sname);
        assertEquals("f".repeat(127), q.file);
    }

    @Test
    void decodeReadsAtAnOffsetOfALargerBuffer() throws Exception {
        DhcpPacket p = new DhcpPacket();
        p.op = 1;
        p.xid = 42;
        p.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DISCOVER);
        byte[] wire = p.encode();
        byte[] buf = new byte[wire.length + 100];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(wire, 0, buf, 37, wire.length);
        DhcpPacket q = DhcpPacket.decode(buf, 37, wire.length);
        assertEquals(42, q.xid);
        assertEquals(DhcpOption.DISCOVER, q.messageType());
    }

    @Test
    void shortPacketsArePaddedTo300BytesAndEndWithTheEndOption() {
        DhcpPacket p = new DhcpPacket();
        p.op = 2;
        p.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.OFFER);
        byte[] wire = p.encode();
        assertEquals(300, wire.length);
        assertEquals(DhcpOption.MESSAGE_TYPE, wire[240] & 0xff);
        assertEquals(1, wire[241]);
        assertEquals(DhcpOption.OFFER, wire[242]);
        assertEquals(255, wire[243] & 0xff);
        for (int i = 244; i < 300; i++) assertEquals(0, wire[i], "pad at " + i);
        // a longer packet is not padded further
        p.put(DhcpOption.MESSAGE, "x".repeat(200));
        byte[] longer = p.encode();
        assertEquals(240 + 3 + 202 + 1, longer.length);
        assertEquals(255, longer[longer.length - 1] & 0xff);
    }

    @Test
    void longFieldsAreCutToFitAndKeepANulTerminator() throws Exception {
        DhcpPacket p = new DhcpPacket();
        p.op = 2;
        p.sname = "s".repeat(100);
        p.file = "f".repeat(200);
        byte[] wire = p.encode();
        DhcpPacket q = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("s".repeat(63), q.sname);
        assertEquals("f".repeat(127), q.file);
        assertEquals(0, wire[44 + 63]);
        assertEquals(0, wire[108 + 127]);
    }

    @Test
    void optionStringDropsTrailingNuls() throws Exception {
        ByteArrayOutputStream b = request();
        b.writeBytes(opt(53, new byte[] {1}));
        b.writeBytes(opt(60, "PXEClient\0\0"));
        b.write(255);
        byte[] wire = b.toByteArray();
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("PXEClient", p.optionString(60));
        assertEquals(11, p.option(60).length, "the raw value is kept");
        assertNull(p.optionString(61));
    }

    @Test
    void messageTypeIsZeroForBootpAndOddLengths() throws Exception {
        ByteArrayOutputStream b = request();
        b.write(255);
        byte[] bootp = b.toByteArray();
        assertEquals(0, DhcpPacket.decode(bootp, 0, bootp.length).messageType());
        ByteArrayOutputStream c = request();
        c.writeBytes(opt(53, new byte[] {1, 1}));
        c.write(255);
        byte[] two = c.toByteArray();
        assertEquals(0, DhcpPacket.decode(two, 0, two.length).messageType());
    }

    @Test
    void putRefusesPadAndEndCodes() {
        DhcpPacket p = new DhcpPacket();
        assertThrows(IllegalArgumentException.class, () -> p.put(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> p.put(255, new byte[1]));
    }

    // ---- RFC 3396 and option overload ----

    @Test
    void repeatedOptionsAreConcatenatedInOrder() throws Exception {
        ByteArrayOutputStream b = request();
        b.writeBytes(opt(53, new byte[] {1}));
        b.writeBytes(opt(43, "first-"));
        b.writeBytes(opt(60, "PXEClient"));
        b.write(0); // pads in between are skipped
        b.writeBytes(opt(43, "second-"));
        b.writeBytes(opt(43, "third"));
        b.write(255);
        byte[] wire = b.toByteArray();
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("first-second-third", p.optionString(43));
        assertEquals(List.of(53, 43, 60), List.copyOf(p.options().keySet()));
    }

    @Test
    void valuesLongerThan255BytesAreSplitOnEncodeAndJoinedOnDecode() throws Exception {
        byte[] big = new byte[600];
        new Random(7).nextBytes(big);
        DhcpPacket p = new DhcpPacket();
        p.op = 2;
        p.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.ACK);
        p.put(DhcpOption.VENDOR_SPECIFIC, big);
        byte[] wire = p.encode();
        // 53 (3 bytes), then 43 in pieces of 255, 255 and 90
        int at = 240 + 3;
        assertEquals(43, wire[at] & 0xff);
        assertEquals(255, wire[at + 1] & 0xff);
        at += 2 + 255;
        assertEquals(43, wire[at] & 0xff);
        assertEquals(255, wire[at + 1] & 0xff);
        at += 2 + 255;
        assertEquals(43, wire[at] & 0xff);
        assertEquals(90, wire[at + 1] & 0xff);
        at += 2 + 90;
        assertEquals(255, wire[at] & 0xff);
        DhcpPacket q = DhcpPacket.decode(wire, 0, wire.length);
        assertArrayEquals(big, q.option(DhcpOption.VENDOR_SPECIFIC));
        // exactly 255 bytes: one piece
        p.put(DhcpOption.VENDOR_SPECIFIC, Arrays.copyOf(big, 255));
        byte[] one = p.encode();
        assertEquals(43, one[243] & 0xff);
        assertEquals(255, one[244] & 0xff);
        assertEquals(255, one[243 + 2 + 255] & 0xff, "end option right after the single piece");
    }

    /** Builds a request whose file and/or sname fields carry options (option 52). */
    static byte[] overloaded(int overload, byte[] mainOptions, byte[] fileField, byte[] snameField) {
        ByteArrayOutputStream b = request();
        byte[] all = b.toByteArray();
        if (fileField != null) System.arraycopy(fileField, 0, all, 108, fileField.length);
        if (snameField != null) System.arraycopy(snameField, 0, all, 44, snameField.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(all);
        out.writeBytes(opt(53, new byte[] {1}));
        out.writeBytes(mainOptions);
        if (overload >= 0) out.writeBytes(opt(52, new byte[] {(byte) overload}));
        out.write(255);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void overloadedFileAndSnameFieldsAreReadAsOptions() throws Exception {
        byte[] file = concat(opt(67, "ipxe.efi"), opt(43, "-file"), new byte[] {(byte) 255});
        byte[] sname = concat(opt(66, "10.77.0.1"), opt(43, "-sname"), new byte[] {(byte) 255});
        byte[] wire = overloaded(3, opt(43, "main"), file, sname);
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("ipxe.efi", p.optionString(67));
        assertEquals("10.77.0.1", p.optionString(66));
        assertEquals("main-file-sname", p.optionString(43), "RFC 3396: options area, then file, then sname");
        assertEquals("", p.file, "the file field held options, not a name");
        assertEquals("", p.sname);
    }

    @Test
    void overloadOfTheFileFieldOnlyKeepsSnameAsText() throws Exception {
        byte[] file = concat(opt(67, "undionly.kpxe"), new byte[] {(byte) 255});
        byte[] wire = overloaded(1, new byte[0], file, "bootserver".getBytes(StandardCharsets.ISO_8859_1));
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("undionly.kpxe", p.optionString(67));
        assertEquals("", p.file);
        assertEquals("bootserver", p.sname);
        // overload 2: sname only
        byte[] sname = concat(opt(66, "10.0.0.9"), new byte[] {(byte) 255});
        byte[] w2 = overloaded(2, new byte[0], "pxelinux.0".getBytes(StandardCharsets.ISO_8859_1), sname);
        DhcpPacket q = DhcpPacket.decode(w2, 0, w2.length);
        assertEquals("pxelinux.0", q.file);
        assertEquals("10.0.0.9", q.optionString(66));
        assertEquals("", q.sname);
    }

    @Test
    void withoutOverloadFileAndSnameAreText() throws Exception {
        byte[] wire = overloaded(-1, new byte[0], concat(opt(67, "x"), new byte[] {(byte) 255}), null);
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        assertNull(p.option(67), "file bytes are not options unless option 52 says so");
        assertFalse(p.file.isEmpty());
    }

    @Test
    void overloadIsReadAfterConcatenation() throws Exception {
        // option 52 in two fragments: its value is two bytes, not an overload flag; the file field stays a name
        byte[] file = "d~pxelinux.0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = overloaded(-1, concat(opt(52, new byte[] {0x50}), opt(52, new byte[] {0x4d})), file, null);
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        assertEquals("d~pxelinux.0", p.file);
        assertNull(p.option(52), "option 52 is framing: it is never kept as an option");
        assertNull(p.option('d'), "the file field was not read as options");
        // an option 52 put by hand is never sent: file and sname always go out as fields
        DhcpPacket q = new DhcpPacket();
        q.op = 1;
        q.file = "d~";
        byte[] big = new byte[256];
        big[255] = 1;
        q.put(52, big);
        byte[] again = q.encode();
        DhcpPacket r = DhcpPacket.decode(again, 0, again.length);
        assertEquals("d~", r.file);
        assertNull(r.option(52));
    }

    @Test
    void overloadedPacketsReencodeToTheSameOptions() throws Exception {
        byte[] file = concat(opt(67, "ipxe.efi"), new byte[] {(byte) 255});
        byte[] wire = overloaded(1, opt(60, "PXEClient"), file, null);
        DhcpPacket p = DhcpPacket.decode(wire, 0, wire.length);
        byte[] again = p.encode();
        DhcpPacket q = DhcpPacket.decode(again, 0, again.length);
        assertEquals("ipxe.efi", q.optionString(67));
        assertEquals("PXEClient", q.optionString(60));
    }

    // ---- malformations: always MalformedPacketException ----

    @Test
    void truncatedPacketsAreRefused() {
        byte[] ok = concat(request().toByteArray(), new byte[] {(byte) 255});
        for (int n = 0; n < 240; n++) assertMalformed(Arrays.copyOf(ok, n), "truncated to " + n);
    }

    @Test
    void optionRunningPastTheEndIsRefused() {
        assertMalformed(concat(request().toByteArray(), opt(53, new byte[] {1}), new byte[] {60, 20}, "PXEClient".getBytes(StandardCharsets.ISO_8859_1)),
                "option 60 claims 20 bytes, 9 follow");
    }

    @Test
    void optionWithNoLengthByteIsRefused() {
        assertMalformed(concat(request().toByteArray(), opt(53, new byte[] {1}), new byte[] {61}), "option 61 is the last byte");
    }

    @Test
    void missingEndOptionIsRefused() {
        assertMalformed(concat(request().toByteArray(), opt(53, new byte[] {1})), "no end option");
        assertMalformed(concat(request().toByteArray(), opt(53, new byte[] {1}), new byte[40]), "only pads after the options");
    }

    @Test
    void wrongMagicCookieIsRefused() {
        byte[] b = concat(request().toByteArray(), new byte[] {(byte) 255});
        for (int i = 0; i < 4; i++) {
            byte[] bad = b.clone();
            bad[236 + i] ^= 1;
            assertMalformed(bad, "cookie byte " + i);
        }
    }

    @Test
    void nonEthernetHardwareIsRefused() {
        assertMalformed(concat(header(1, 1, 16).toByteArray(), new byte[] {(byte) 255}), "hlen 16");
        assertMalformed(concat(header(1, 1, 0).toByteArray(), new byte[] {(byte) 255}), "hlen 0");
        assertMalformed(concat(header(1, 6, 6).toByteArray(), new byte[] {(byte) 255}), "htype 6 (IEEE 802)");
        assertMalformed(concat(header(1, 32, 6).toByteArray(), new byte[] {(byte) 255}), "htype 32 (InfiniBand)");
    }

    @Test
    void opOtherThanRequestOrReplyIsRefused() {
        for (int op : new int[] {0, 3, 255}) assertMalformed(concat(header(op, 1, 6).toByteArray(), new byte[] {(byte) 255}), "op " + op);
    }

    @Test
    void absurdLengthIsRefused() {
        byte[] b = concat(request().toByteArray(), new byte[] {(byte) 255});
        assertMalformed(Arrays.copyOf(b, DhcpPacket.MAX_LENGTH + 1), "16385 bytes");
        assertMalformed(Arrays.copyOf(b, 65535), "a full UDP datagram");
    }

    @Test
    void overloadedFieldsWithGarbageAreRefused() {
        // option 52 says the file field holds options; its option 67 claims more bytes than the field has
        byte[] file = {67, (byte) 200, 'i', 'p', 'x', 'e'};
        assertMalformed(overloaded(1, new byte[0], file, null), "option runs past the file field");
        byte[] sname = {66, 70, '1', '0'};
        assertMalformed(overloaded(2, new byte[0], null, sname), "option runs past the sname field");
        byte[] lastByte = new byte[128];
        lastByte[127] = 67;
        assertMalformed(overloaded(1, new byte[0], lastByte, null), "option code in the last byte of the file field");
    }

    @Test
    void badBufferBoundsAreRefusedNotThrownAsIndexErrors() {
        byte[] wire = concat(request().toByteArray(), new byte[] {(byte) 255}, new byte[59]);
        assertEquals(300, wire.length);
        for (int[] bounds : new int[][] {{-1, 300}, {0, -1}, {1, 300}, {0, 301}, {Integer.MAX_VALUE, 300}, {Integer.MAX_VALUE - 100, 300},
                {300, Integer.MAX_VALUE}, {Integer.MIN_VALUE, 300}}) {
            try {
                DhcpPacket.decode(wire, bounds[0], bounds[1]);
                fail("decoded with offset " + bounds[0] + " length " + bounds[1]);
            } catch (MalformedPacketException expected) {
                // refused
            } catch (RuntimeException e) {
                fail("offset " + bounds[0] + " length " + bounds[1] + " threw " + e, e);
            }
        }
    }

    /** Every prefix and thousands of mutations of real packets: decoded, or refused with MalformedPacketException; nothing else. */
    @Test
    void mutatedRealPacketsNeverThrowAnythingElse() throws Exception {
        Random r = new Random(20261121);
        List<byte[]> seeds;
        try (Stream<Path> files = Files.list(CORPUS)) {
            seeds = files.filter(f -> f.getFileName().toString().startsWith("capture-")).map(DhcpPacketTest::read).toList();
        }
        assertTrue(seeds.size() >= 5);
        int decoded = 0, refused = 0;
        for (byte[] seed : seeds) {
            for (int n = 0; n <= seed.length; n++) {
                if (tryDecode(Arrays.copyOf(seed, n))) decoded++;
                else refused++;
            }
            for (int i = 0; i < 3000; i++) {
                byte[] m = seed.clone();
                int flips = 1 + r.nextInt(4);
                for (int k = 0; k < flips; k++) m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                if (tryDecode(m)) decoded++;
                else refused++;
            }
        }
        assertTrue(decoded > 0 && refused > 0, decoded + " decoded, " + refused + " refused");
    }

    private static boolean tryDecode(byte[] b) {
        try {
            DhcpPacket p = DhcpPacket.decode(b, 0, b.length);
            ClientInfo c = ClientInfo.of(p);
            dev.bootbench.engine.boot.BootPolicy.decide(dev.bootbench.publish.EngineSetup.bootConfig(new dev.bootbench.workspace.Settings(),
                    java.nio.file.Path.of("templates/boot.ipxe"), null, null), c, "http://10.77.0.1/boot.ipxe");
            byte[] again = p.encode();
            DhcpPacket.decode(again, 0, again.length);
            return true;
        } catch (MalformedPacketException e) {
            return false;
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** The fuzz test's regression inputs also run here: malformed-* are refused, everything else decodes and re-encodes. */
    @Test
    void regressionCorpus() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 20, "corpus present: " + files.size());
        for (Path f : files) {
            String name = f.getFileName().toString();
            byte[] b = Files.readAllBytes(f);
            if (name.startsWith("malformed-")) {
                assertMalformed(b, name);
            } else {
                DhcpPacket p = DhcpPacket.decode(b, 0, b.length);
                byte[] again = p.encode();
                if (name.equals("valid-max-length-overloaded")) {
                    // the known edge: options moved out of file/sname push the re-encoded packet past MAX_LENGTH
                    assertTrue(again.length > DhcpPacket.MAX_LENGTH);
                    assertEquals(62 + 255, p.option(101).length, "sname's option 101 joined to the options area's");
                    continue;
                }
                CaptureGoldenTest.assertSamePacket(p, DhcpPacket.decode(again, 0, again.length), name);
            }
        }
    }
}
