package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.boot.BootPolicy;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.workspace.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden decoding: every DHCP packet of the reference boots recorded with real firmware and clients
 * ({@code src/test/resources/captures}, copied from the test bench's reference captures), read by our
 * codec, described by {@link ClientInfo}, and answered by {@link BootPolicy} as a user expects.
 */
class CaptureGoldenTest {
    static final String SCRIPT = "http://10.77.0.1/boot.ipxe";
    static final List<String> CAPTURES = List.of("bios-ipxe-e1000-direct", "uefi-ipxe-virtio-fwpxe", "uefi-snponly-virtio-fwpxe",
            "pxelinux-efi64-virtio", "plain-clients", "bios-ipxe-loop-diagnostic");

    /** What the BIOS iPXE ROM of QEMU (e1000) and its chainloaded undionly.kpxe announce in option 175. */
    static final Map<String, Integer> BIOS_IPXE_FEATURES = Map.ofEntries(Map.entry("dns", 1), Map.entry("elf", 1), Map.entry("http", 1),
            Map.entry("iscsi", 1), Map.entry("menu", 1), Map.entry("multiboot", 1), Map.entry("nfs", 1), Map.entry("pxeext", 2),
            Map.entry("pxe", 1), Map.entry("tftp", 1), Map.entry("bzimage", 1), Map.entry("aoe", 1));
    /** ipxe.efi on virtio-net. */
    static final Map<String, Integer> UEFI_IPXE_FEATURES = Map.of("dns", 1, "efi", 1, "http", 1, "iscsi", 1, "menu", 1, "nfs", 1,
            "tftp", 1, "srp", 1, "aoe", 1);
    /** snponly.efi on virtio-net: like ipxe.efi without SRP. */
    static final Map<String, Integer> SNPONLY_FEATURES = Map.of("dns", 1, "efi", 1, "http", 1, "iscsi", 1, "menu", 1, "nfs", 1,
            "tftp", 1, "aoe", 1);

    record Captured(Pcap.Udp udp, DhcpPacket packet) {
        ClientInfo client() {
            return ClientInfo.of(packet);
        }
    }

    static byte[] captureBytes(String name) throws IOException {
        try (InputStream in = CaptureGoldenTest.class.getResourceAsStream("/captures/" + name + ".pcap")) {
            assertNotNull(in, "capture " + name + " is in the test resources");
            return in.readAllBytes();
        }
    }

    static List<Captured> all(String name) throws Exception {
        List<Captured> out = new ArrayList<>();
        for (Pcap.Udp u : Pcap.dhcp(Pcap.udp(captureBytes(name)))) {
            out.add(new Captured(u, DhcpPacket.decode(u.payload(), 0, u.payload().length)));
        }
        assertFalse(out.isEmpty(), name + " has DHCP packets");
        return out;
    }

    static List<Captured> requests(String name) throws Exception {
        return all(name).stream().filter(c -> c.packet().op == DhcpPacket.BOOTREQUEST).toList();
    }

    static List<Captured> replies(String name) throws Exception {
        return all(name).stream().filter(c -> c.packet().op == DhcpPacket.BOOTREPLY).toList();
    }

    static BootDecision decide(Settings s, ClientInfo c) {
        return BootPolicy.decide(EngineSetup.bootConfig(s, java.nio.file.Path.of("templates/boot.ipxe"), null, null), c, SCRIPT);
    }

    static BootDecision decide(ClientInfo c) {
        return decide(new Settings(), c);
    }

    static List<String> types(List<Captured> cs) {
        return cs.stream().map(c -> DhcpMessageType.of(c.packet().messageType()).name()).toList();
    }

    static Stream<String> captures() {
        return CAPTURES.stream();
    }

    // ---- the pcap reader itself ----

    @Test
    void theCapturesAreEthernetAndTheReaderFindsEveryBootpDatagram() throws Exception {
        byte[] pcap = captureBytes("plain-clients");
        assertEquals(Pcap.LINKTYPE_ETHERNET, Pcap.linkType(pcap));
        // tcpdump -r plain-clients.pcap 'udp port 67 or udp port 68' lists 18 datagrams: 9 requests, 9 replies
        List<Captured> cs = all("plain-clients");
        assertEquals(18, cs.size());
        assertEquals(9, cs.stream().filter(c -> c.udp().srcPort() == 68 && c.udp().dstPort() == 67).count());
        assertEquals(9, cs.stream().filter(c -> c.udp().srcPort() == 67 && c.udp().dstPort() == 68).count());
        assertEquals(Ipv4.toInt(Ipv4.parse("255.255.255.255")), cs.get(0).udp().dstIp());
        assertEquals(Ipv4.toInt(Ipv4.parse("10.77.0.1")), cs.get(1).udp().srcIp());
    }

    @Test
    void theReaderHandlesLinuxCookedCaptures() throws Exception {
        // re-frame the Ethernet capture as Linux SLL (link type 113): 16-byte header, protocol at 14
        byte[] eth = captureBytes("uefi-ipxe-virtio-fwpxe");
        byte[] sll = toSll(eth);
        assertEquals(Pcap.LINKTYPE_LINUX_SLL, Pcap.linkType(sll));
        List<Pcap.Udp> a = Pcap.dhcp(Pcap.udp(eth)), b = Pcap.dhcp(Pcap.udp(sll));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).payload(), b.get(i).payload());
    }

    private static byte[] toSll(byte[] eth) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(eth).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] global = java.util.Arrays.copyOf(eth, 24);
        java.nio.ByteBuffer.wrap(global).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(20, Pcap.LINKTYPE_LINUX_SLL);
        out.writeBytes(global);
        int pos = 24;
        while (pos + 16 <= eth.length) {
            int incl = h.getInt(pos + 8);
            byte[] frame = java.util.Arrays.copyOfRange(eth, pos + 16, pos + 16 + incl);
            byte[] sllFrame = new byte[16 + frame.length - 14];
            sllFrame[1] = 0; // packet type: to us
            sllFrame[3] = 1; // ARPHRD_ETHER
            sllFrame[5] = 6;
            System.arraycopy(frame, 6, sllFrame, 6, 6); // source MAC
            sllFrame[14] = frame[12];
            sllFrame[15] = frame[13];
            System.arraycopy(frame, 14, sllFrame, 16, frame.length - 14);
            byte[] rec = java.util.Arrays.copyOfRange(eth, pos, pos + 16);
            java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(rec).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            r.putInt(8, sllFrame.length);
            r.putInt(12, sllFrame.length);
            out.writeBytes(rec);
            out.writeBytes(sllFrame);
            pos += 16 + incl;
        }
        return out.toByteArray();
    }

    // ---- every packet of every capture ----

    @ParameterizedTest
    @MethodSource("captures")
    void everyPacketDecodesAndSurvivesEncodeDecode(String capture) throws Exception {
        for (Captured c : all(capture)) {
            DhcpPacket p = c.packet();
            assertEquals(c.udp().srcPort() == 67 ? DhcpPacket.BOOTREPLY : DhcpPacket.BOOTREQUEST, p.op, capture);
            assertTrue(p.messageType() >= DhcpOption.DISCOVER && p.messageType() <= DhcpOption.INFORM, capture);
            byte[] again = p.encode();
            assertTrue(again.length >= 300, "padded to the BOOTP minimum");
            assertSamePacket(p, DhcpPacket.decode(again, 0, again.length), capture + " xid " + Long.toHexString(p.xid));
            ClientInfo.of(p); // never throws on real traffic
        }
    }

    static void assertSamePacket(DhcpPacket a, DhcpPacket b, String what) {
        assertEquals(a.op, b.op, what);
        assertEquals(a.htype, b.htype, what);
        assertEquals(a.hlen, b.hlen, what);
        assertEquals(a.hops, b.hops, what);
        assertEquals(a.xid, b.xid, what);
        assertEquals(a.secs, b.secs, what);
        assertEquals(a.flags, b.flags, what);
        assertEquals(a.ciaddr, b.ciaddr, what);
        assertEquals(a.yiaddr, b.yiaddr, what);
        assertEquals(a.siaddr, b.siaddr, what);
        assertEquals(a.giaddr, b.giaddr, what);
        assertArrayEquals(a.chaddr, b.chaddr, what);
        assertEquals(a.sname, b.sname, what);
        assertEquals(a.file, b.file, what);
        assertEquals(List.copyOf(a.options().keySet()), List.copyOf(b.options().keySet()), what + ": options and their order");
        for (int code : a.options().keySet()) assertArrayEquals(a.option(code), b.option(code), what + ": option " + code);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void serverRepliesDecodeWithTheirFields(String capture) throws Exception {
        List<Captured> replies = replies(capture);
        assertFalse(replies.isEmpty());
        for (Captured c : replies) {
            DhcpPacket p = c.packet();
            int t = p.messageType();
            assertTrue(t == DhcpOption.OFFER || t == DhcpOption.ACK, capture);
            assertEquals(Ipv4.parse("10.77.0.1"), p.optionAddress(DhcpOption.SERVER_ID), capture);
            assertEquals(Ipv4.toInt(Ipv4.parse("10.77.0.1")), p.siaddr, capture);
            assertEquals(Ipv4.parse("255.255.255.0"), p.optionAddress(DhcpOption.SUBNET_MASK), capture);
            assertTrue(Ipv4.format(p.yiaddr).startsWith("10.77.0."), capture);
            assertEquals(4, p.option(DhcpOption.LEASE_TIME).length, capture);
            // the reply goes to the request's xid and MAC
            List<Captured> sameXid = requests(capture).stream().filter(r -> r.packet().xid == p.xid).toList();
            assertFalse(sameXid.isEmpty(), "a request with xid " + Long.toHexString(p.xid));
            assertEquals(sameXid.get(0).packet().mac(), p.mac());
        }
    }

    @Test
    void referenceServerRepliesCarryTheBootFileAsCaptured() throws Exception {
        List<Captured> r = replies("bios-ipxe-e1000-direct");
        assertEquals(List.of("OFFER", "OFFER", "ACK"), types(r));
        for (Captured c : r) {
            assertEquals("10.77.0.130", Ipv4.format(c.packet().yiaddr));
            assertEquals(SCRIPT, c.packet().optionString(DhcpOption.BOOTFILE)); // sent NUL-terminated
            assertEquals(SCRIPT.length() + 1, c.packet().option(DhcpOption.BOOTFILE).length);
            assertEquals("", c.packet().file);
        }
        // dnsmasq put lpxelinux.0 in the BOOTP file field for syslinux.efi's second exchange
        List<Captured> px = replies("pxelinux-efi64-virtio");
        assertEquals("efi64/syslinux.efi", px.get(0).packet().optionString(DhcpOption.BOOTFILE));
        assertEquals("lpxelinux.0", px.get(2).packet().file);
        assertNull(px.get(2).packet().option(DhcpOption.BOOTFILE));
    }

    // ---- iPXE BIOS ROM ----

    @Test
    void biosIpxeRom() throws Exception {
        List<Captured> rq = requests("bios-ipxe-e1000-direct");
        assertEquals(List.of("DISCOVER", "DISCOVER", "REQUEST"), types(rq));
        for (Captured r : rq) {
            ClientInfo c = r.client();
            assertEquals("52:54:00:77:00:01", c.mac().toString());
            assertEquals(Firmware.BIOS, c.firmware());
            assertEquals(0, c.archCode());
            assertEquals("PXEClient:Arch:00000:UNDI:002001", c.vendorClass());
            assertEquals("iPXE", c.userClass());
            assertTrue(c.isPxe());
            assertTrue(c.isIpxe());
            assertNotNull(c.ipxe());
            assertEquals("1.0.0", c.ipxe().version());
            assertEquals("PCI 8086:100e", c.ipxe().busId());
            assertEquals(BIOS_IPXE_FEATURES, c.ipxe().features());
            assertTrue(c.ipxe().has("pxeext"));
            assertFalse(c.ipxe().has("efi"));
            assertEquals("4c414242-0000-4000-8000-525400770001", c.guid());
            assertEquals(0, r.packet().flags, "the ROM does not set the broadcast flag");

            BootDecision d = decide(c);
            assertEquals(SCRIPT + "?mac=52:54:00:77:00:01", d.bootFile());
            assertTrue(d.ipxeScript());
            assertFalse(d.pxelinux());
        }
        assertEquals("10.77.0.130", Ipv4.format(Ipv4.toInt(rq.get(2).packet().optionAddress(DhcpOption.REQUESTED_IP))));
        assertEquals(Ipv4.parse("10.77.0.1"), rq.get(2).packet().optionAddress(DhcpOption.SERVER_ID));
    }

    @Test
    void biosIpxeRomWithTheIpxeRuleOffGetsUndionly() throws Exception {
        Settings s = new Settings();
        s.ipxeScript = "";
        for (Captured r : requests("bios-ipxe-e1000-direct")) {
            BootDecision d = decide(s, r.client());
            assertEquals("undionly.kpxe", d.bootFile());
            assertFalse(d.ipxeScript());
        }
    }

    @Test
    void biosIpxeRomWithPxelinuxAsBiosBootGetsPxelinuxOptions() throws Exception {
        Settings s = new Settings();
        s.ipxeScript = "";
        s.biosBoot = "lpxelinux.0";
        s.pxelinuxConfigFile = "pxelinux.cfg/default";
        s.pxelinuxPathPrefix = "/";
        ClientInfo c = requests("bios-ipxe-e1000-direct").get(0).client();
        BootDecision d = decide(s, c);
        assertEquals("lpxelinux.0", d.bootFile());
        assertTrue(d.pxelinux());
        assertEquals("pxelinux.cfg/default", d.pxelinuxConfigFile());
        assertEquals("/", d.pxelinuxPathPrefix());
        // without the pxelinux settings, no pxelinux options
        s.pxelinuxConfigFile = null;
        s.pxelinuxPathPrefix = "";
        BootDecision plain = decide(s, c);
        assertEquals("lpxelinux.0", plain.bootFile());
        assertFalse(plain.pxelinux());
        // the iPXE rule still wins while it is on
        s.ipxeScript = null;
        assertTrue(decide(s, c).ipxeScript());
    }

    @Test
    void scriptSettingsShapeTheUrlAndKeepTheMac() throws Exception {
        ClientInfo c = requests("bios-ipxe-e1000-direct").get(0).client();
        Settings s = new Settings();
        s.ipxeScript = "menus/lab.ipxe";
        assertEquals("http://10.77.0.1/menus/lab.ipxe?mac=52:54:00:77:00:01", decide(s, c).bootFile());
        s.ipxeScript = "/lab.ipxe";
        assertEquals("http://10.77.0.1/lab.ipxe?mac=52:54:00:77:00:01", decide(s, c).bootFile());
        s.ipxeScript = "http://boot.example/x.ipxe?room=3";
        assertEquals("http://boot.example/x.ipxe?room=3&mac=52:54:00:77:00:01", decide(s, c).bootFile());
        s.ipxeScript = "http://boot.example/x.ipxe?mac=${net0/mac}";
        assertEquals("http://boot.example/x.ipxe?mac=${net0/mac}", decide(s, c).bootFile());
    }

    // ---- the loop diagnostic: ROM and chainloaded undionly.kpxe look the same ----

    @Test
    void loopDiagnosticRomAndUndionlyAreBothIpxeSoBothGetTheScript() throws Exception {
        List<Captured> rq = requests("bios-ipxe-loop-diagnostic");
        assertEquals(12, rq.size());
        assertEquals(List.of("DISCOVER", "DISCOVER", "REQUEST"), types(rq.subList(0, 3)));
        byte[] romOptions = null;
        for (Captured r : rq) {
            ClientInfo c = r.client();
            assertTrue(c.isIpxe());
            assertEquals(Firmware.BIOS, c.firmware());
            assertEquals("1.0.0", c.ipxe().version());
            assertEquals(BIOS_IPXE_FEATURES, c.ipxe().features());
            assertEquals("00000000-0000-0000-0000-000000000000", c.guid());
            BootDecision d = decide(c);
            assertEquals(SCRIPT + "?mac=52:54:00:77:00:01", d.bootFile(), "the iPXE rule breaks the loop");
            if (r.packet().messageType() == DhcpOption.DISCOVER) {
                byte[] o = r.packet().encode();
                byte[] opts = java.util.Arrays.copyOfRange(o, DhcpPacket.FIXED_LENGTH, o.length);
                if (romOptions == null) romOptions = opts;
                else assertArrayEquals(romOptions, opts, "ROM and undionly.kpxe send identical options");
            }
        }
        assertFalse(rq.get(0).packet().broadcastFlag(), "ROM");
        assertTrue(rq.get(3).packet().broadcastFlag(), "chainloaded undionly.kpxe");
        // without the iPXE rule every stage gets undionly.kpxe again: the loop users report
        Settings off = new Settings();
        off.ipxeScript = "";
        for (Captured r : rq) assertEquals("undionly.kpxe", decide(off, r.client()).bootFile());
    }

    // ---- OVMF PXE, then ipxe.efi ----

    @Test
    void uefiFirmwarePxeThenIpxeEfi() throws Exception {
        List<Captured> rq = requests("uefi-ipxe-virtio-fwpxe");
        assertEquals(List.of("DISCOVER", "REQUEST", "DISCOVER", "DISCOVER", "REQUEST"), types(rq));
        for (Captured r : rq.subList(0, 2)) { // OVMF's own PXE
            ClientInfo c = r.client();
            assertEquals("52:54:00:77:00:02", c.mac().toString());
            assertEquals(Firmware.UEFI_X64, c.firmware());
            assertEquals(7, c.archCode());
            assertEquals("PXEClient:Arch:00007:UNDI:003000", c.vendorClass());
            assertNull(c.userClass());
            assertNull(c.ipxe());
            assertTrue(c.isPxe());
            assertFalse(c.isIpxe());
            assertEquals("4c414242-0000-4000-8000-525400770002", c.guid());
            assertTrue(r.packet().broadcastFlag());
            BootDecision d = decide(c);
            assertEquals("ipxe.efi", d.bootFile());
            assertFalse(d.ipxeScript());
        }
        for (Captured r : rq.subList(2, 5)) { // ipxe.efi
            ClientInfo c = r.client();
            assertEquals("52:54:00:77:00:02", c.mac().toString());
            assertEquals(Firmware.UEFI_X64, c.firmware());
            assertEquals("PXEClient:Arch:00007:UNDI:003010", c.vendorClass());
            assertEquals("iPXE", c.userClass());
            assertTrue(c.isPxe());
            assertTrue(c.isIpxe());
            assertEquals("1.0.0", c.ipxe().version());
            assertEquals("PCI 1af4:1000", c.ipxe().busId());
            assertEquals(UEFI_IPXE_FEATURES, c.ipxe().features());
            assertTrue(c.ipxe().has("efi"));
            assertTrue(c.ipxe().has("http"));
            assertFalse(c.ipxe().has("pxeext"));
            assertEquals("4c414242-0000-4000-8000-525400770002", c.guid());
            assertEquals(SCRIPT + "?mac=52:54:00:77:00:02", decide(c).bootFile());
        }
    }

    @Test
    void uefiFirmwarePxeThenSnponly() throws Exception {
        List<Captured> rq = requests("uefi-snponly-virtio-fwpxe");
        assertEquals(List.of("DISCOVER", "REQUEST", "DISCOVER", "DISCOVER", "REQUEST"), types(rq));
        Settings s = new Settings();
        s.uefiBoot = "snponly.efi";
        ClientInfo fw = rq.get(0).client();
        assertFalse(fw.isIpxe());
        assertEquals("ipxe.efi", decide(fw).bootFile());
        assertEquals("snponly.efi", decide(s, fw).bootFile());
        for (Captured r : rq.subList(2, 5)) {
            ClientInfo c = r.client();
            assertTrue(c.isIpxe());
            assertEquals(Firmware.UEFI_X64, c.firmware());
            assertEquals("1.0.0", c.ipxe().version());
            assertEquals(SNPONLY_FEATURES, c.ipxe().features());
            assertEquals(SCRIPT + "?mac=52:54:00:77:00:02", decide(s, c).bootFile());
            s.ipxeScript = "";
            assertEquals("snponly.efi", decide(s, c).bootFile(), "iPXE rule off: the UEFI boot program");
            s.ipxeScript = null;
        }
    }

    // ---- OVMF PXE loading syslinux.efi, which then makes a plain DHCP exchange ----

    @Test
    void pxelinuxEfi64() throws Exception {
        List<Captured> rq = requests("pxelinux-efi64-virtio");
        assertEquals(List.of("DISCOVER", "REQUEST", "DISCOVER", "REQUEST"), types(rq));
        ClientInfo fw = rq.get(0).client();
        assertEquals("52:54:00:77:00:04", fw.mac().toString());
        assertEquals(Firmware.UEFI_X64, fw.firmware());
        assertEquals("4c414242-0000-4000-8000-525400770004", fw.guid());
        assertEquals("ipxe.efi", decide(fw).bootFile());
        Settings s = new Settings();
        s.uefiBoot = "efi64/syslinux.efi";
        s.pxelinuxConfigFile = "pxelinux.cfg/default";
        BootDecision d = decide(s, fw);
        assertEquals("efi64/syslinux.efi", d.bootFile());
        assertTrue(d.pxelinux(), "syslinux.efi is pxelinux: gets 209");
        assertEquals("pxelinux.cfg/default", d.pxelinuxConfigFile());
        assertNull(d.pxelinuxPathPrefix());

        for (Captured r : rq.subList(2, 4)) { // syslinux.efi's own exchange: no PXE options at all
            ClientInfo c = r.client();
            assertEquals("52:54:00:77:00:04", c.mac().toString());
            assertEquals(Firmware.UNKNOWN, c.firmware());
            assertNull(c.archCode());
            assertNull(c.vendorClass());
            assertNull(c.userClass());
            assertNull(c.guid());
            assertFalse(c.isPxe());
            assertFalse(c.isIpxe());
            for (int pxeOption : new int[] {DhcpOption.VENDOR_CLASS, DhcpOption.USER_CLASS, DhcpOption.CLIENT_ARCH, DhcpOption.CLIENT_NDI,
                    DhcpOption.CLIENT_GUID, DhcpOption.IPXE_ENCAP}) {
                assertFalse(r.packet().has(pxeOption), "option " + pxeOption);
            }
            assertNull(decide(c).bootFile());
            assertNull(decide(s, c).bootFile());
        }
    }

    // ---- plain clients: dhclient, udhcpc (plain, as UEFI PXE, as iPXE), nmap ----

    @Test
    void plainClients() throws Exception {
        List<Captured> rq = requests("plain-clients");
        assertEquals(9, rq.size());
        // dhclient
        for (Captured r : rq.subList(0, 2)) {
            ClientInfo c = r.client();
            assertEquals("52:54:00:77:00:c1", c.mac().toString());
            assertNull(c.vendorClass());
            assertFalse(c.isPxe());
            assertFalse(c.isIpxe());
            assertEquals(Firmware.UNKNOWN, c.firmware());
            assertNull(decide(c).bootFile());
        }
        assertEquals(List.of("DISCOVER", "REQUEST"), types(rq.subList(0, 2)));
        // udhcpc plain
        for (Captured r : rq.subList(2, 4)) {
            ClientInfo c = r.client();
            assertEquals("udhcp 1.35.0", c.vendorClass());
            assertFalse(c.isPxe());
            // it asks for 67 (its option 55 has it); the reference dnsmasq answered with its default boot file
            assertTrue(c.asksBootFile());
            assertEquals("undionly.kpxe", decide(c).bootFile(), "a client asking for a boot file gets one, as from dnsmasq");
            assertEquals("asked for a boot file (option 67): the BIOS boot program", decide(c).reason());
            Settings none = new Settings();
            none.biosBoot = null;
            assertNull(decide(none, c).bootFile(), "no BIOS boot program set: none");
        }
        for (Captured r : rq.subList(0, 2)) assertFalse(r.client().asksBootFile(), "dhclient does not ask for 67: no boot file, as before");
        // udhcpc posing as UEFI PXE (93 = 7, no 97)
        for (Captured r : rq.subList(4, 6)) {
            ClientInfo c = r.client();
            assertEquals(Firmware.UEFI_X64, c.firmware());
            assertEquals("PXEClient:Arch:00007:UNDI:003000", c.vendorClass());
            assertTrue(c.isPxe());
            assertFalse(c.isIpxe());
            assertNull(c.guid());
            assertEquals("ipxe.efi", decide(c).bootFile());
        }
        // udhcpc posing as iPXE: user class only, no 175
        for (Captured r : rq.subList(6, 8)) {
            ClientInfo c = r.client();
            assertEquals(Firmware.BIOS, c.firmware());
            assertEquals("iPXE", c.userClass());
            assertNull(c.ipxe());
            assertTrue(c.isIpxe());
            assertEquals(SCRIPT + "?mac=52:54:00:77:00:c1", decide(c).bootFile());
        }
        // nmap broadcast-dhcp-discover: its own chaddr, broadcast flag
        ClientInfo nmap = rq.get(8).client();
        assertEquals("de:ad:c0:de:ca:fe", nmap.mac().toString());
        assertEquals(DhcpOption.DISCOVER, nmap.messageType());
        assertTrue(rq.get(8).packet().broadcastFlag());
        assertFalse(nmap.isPxe());
        assertTrue(nmap.asksBootFile());
        assertEquals("undionly.kpxe", decide(nmap).bootFile(), "nmap asks for 67 too; the reference dnsmasq answered it undionly.kpxe");
    }

    // ---- variations on real packets: fallbacks, other architectures, per-MAC overrides ----

    private static DhcpPacket ovmfDiscover() throws Exception {
        return requests("uefi-ipxe-virtio-fwpxe").get(0).packet();
    }

    @Test
    void option60ArchIsTheFallbackWhen93IsMissing() throws Exception {
        DhcpPacket p = ovmfDiscover();
        p.remove(DhcpOption.CLIENT_ARCH);
        ClientInfo c = ClientInfo.of(p);
        assertEquals(7, c.archCode());
        assertEquals(Firmware.UEFI_X64, c.firmware());
        assertTrue(c.isPxe());
        assertEquals("ipxe.efi", decide(c).bootFile());
        p.put(DhcpOption.VENDOR_CLASS, "PXEClient:Arch:00000:UNDI:002001");
        assertEquals("undionly.kpxe", decide(ClientInfo.of(p)).bootFile());
        // option 93 wins over option 60
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 7});
        assertEquals("ipxe.efi", decide(ClientInfo.of(p)).bootFile());
    }

    @Test
    void arm64GetsTheArm64BootProgram() throws Exception {
        DhcpPacket p = ovmfDiscover();
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 11});
        p.put(DhcpOption.VENDOR_CLASS, "PXEClient:Arch:00011:UNDI:003000");
        ClientInfo c = ClientInfo.of(p);
        assertEquals(Firmware.UEFI_ARM64, c.firmware());
        BootDecision grub = decide(c);
        assertEquals("grubaa64.efi", grub.bootFile(), "no arm64 program set: arm64's GRUB by default (Debian has no arm64 iPXE), never the x64 program");
        Settings s = new Settings();
        s.arm64Boot = "arm64-efi/ipxe.efi";
        assertEquals("arm64-efi/ipxe.efi", decide(s, c).bootFile());
        // only the option 60 fallback
        p.remove(DhcpOption.CLIENT_ARCH);
        assertEquals("arm64-efi/ipxe.efi", decide(s, ClientInfo.of(p)).bootFile());
    }

    @Test
    void httpBootArch16GetsTheUefiBootProgramAsAUrlOfOurs() throws Exception {
        DhcpPacket p = ovmfDiscover();
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 16});
        p.put(DhcpOption.VENDOR_CLASS, "HTTPClient:Arch:00016:UNDI:003000");
        ClientInfo c = ClientInfo.of(p);
        assertEquals(Firmware.UEFI_X64_HTTP, c.firmware());
        assertTrue(c.isHttpBoot());
        assertEquals("UEFI HTTP Boot x64", c.firmware().label());
        BootDecision d = decide(c);
        assertEquals("http://10.77.0.1/ipxe.efi", d.bootFile(), "the x64 UEFI boot program, over our HTTP server");
        assertFalse(d.ipxeScript());
        assertFalse(d.pxelinux());
        // its own setting wins; a URL stays as it is; a path with a space is escaped
        Settings s = new Settings();
        s.httpBoot = "/x64/snp only.efi";
        assertEquals("http://10.77.0.1/x64/snp%20only.efi", decide(s, c).bootFile());
        s.httpBoot = "http://10.77.0.9:8080/ipxe.efi";
        assertEquals("http://10.77.0.9:8080/ipxe.efi", decide(s, c).bootFile());
        // no x64 program at all: nothing, and why
        s = new Settings();
        s.uefiBoot = null;
        BootDecision none = decide(s, c);
        assertNull(none.bootFile());
        assertTrue(none.reason().contains("no HTTP Boot program set for UEFI x64"), none.reason());
        // option 60 alone says HTTP Boot and the architecture
        p.remove(DhcpOption.CLIENT_ARCH);
        ClientInfo only60 = ClientInfo.of(p);
        assertEquals(Firmware.UEFI_X64_HTTP, only60.firmware());
        assertEquals("http://10.77.0.1/ipxe.efi", decide(only60).bootFile());
    }

    @Test
    void httpBootArm64GetsItsArm64ProgramOrNothingWithAReason() throws Exception {
        DhcpPacket p = ovmfDiscover();
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 19});
        p.put(DhcpOption.VENDOR_CLASS, "HTTPClient:Arch:00019:UNDI:003000");
        ClientInfo c = ClientInfo.of(p);
        assertEquals(Firmware.UEFI_ARM64_HTTP, c.firmware());
        assertTrue(c.isHttpBoot());
        assertEquals("http://10.77.0.1/grubaa64.efi", decide(c).bootFile(), "arm64's default path, GRUB: never the x64 program");
        Settings ipxeWithout = new Settings();
        ipxeWithout.arm64Path = "ipxe";
        BootDecision none = decide(ipxeWithout, c);
        assertNull(none.bootFile(), "the iPXE path with no arm64 program set: nothing");
        assertEquals("no HTTP Boot program set for UEFI arm64 (nor an arm64 boot program)", none.reason());
        Settings s = new Settings();
        s.arm64Boot = "arm64-efi/ipxe.efi";
        assertEquals("http://10.77.0.1/arm64-efi/ipxe.efi", decide(s, c).bootFile());
        s.arm64HttpBoot = "arm64-efi/snponly.efi";
        assertEquals("http://10.77.0.1/arm64-efi/snponly.efi", decide(s, c).bootFile());
    }

    @Test
    void httpBootPerMacBootFileIsAUrlTooAndChainloadedIpxeGetsTheScript() throws Exception {
        DhcpPacket p = ovmfDiscover();
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 16});
        p.put(DhcpOption.VENDOR_CLASS, "HTTPClient:Arch:00016:UNDI:003000");
        Settings s = new Settings();
        Settings.Host h = new Settings.Host();
        h.bootFile = "special/snponly.efi";
        s.hosts.put(p.mac().toString().toLowerCase(java.util.Locale.ROOT), h);
        assertEquals("http://10.77.0.1/special/snponly.efi", decide(s, ClientInfo.of(p)).bootFile());
        // the iPXE it loaded asks with user class iPXE: the script, as for any iPXE
        p.put(DhcpOption.USER_CLASS, "iPXE");
        BootDecision ipxe = decide(ClientInfo.of(p));
        assertTrue(ipxe.ipxeScript());
        assertTrue(ipxe.bootFile().startsWith(SCRIPT + "?mac="), ipxe.bootFile());
    }

    @Test
    void ia32AndUnknownArchitectures() throws Exception {
        DhcpPacket p = ovmfDiscover();
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 6});
        Settings s = new Settings();
        assertNull(decide(s, ClientInfo.of(p)).bootFile());
        s.uefiIa32Boot = "i386-efi/ipxe.efi";
        assertEquals("i386-efi/ipxe.efi", decide(s, ClientInfo.of(p)).bootFile());
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 0x19});
        ClientInfo odd = ClientInfo.of(p);
        assertEquals(Firmware.UNKNOWN, odd.firmware());
        assertNull(decide(s, odd).bootFile(), "an unknown architecture gets no guessed boot program");
    }

    @Test
    void perMacOverridesWin() throws Exception {
        ClientInfo ovmf = ClientInfo.of(ovmfDiscover());
        ClientInfo ipxe = requests("bios-ipxe-e1000-direct").get(0).client();
        ClientInfo dhclient = requests("plain-clients").get(0).client();
        Settings s = new Settings();
        Settings.Host h2 = new Settings.Host();
        h2.bootFile = "special/snponly.efi";
        s.hosts.put("52:54:00:77:00:02", h2);
        Settings.Host h1 = new Settings.Host();
        h1.ipxeScript = "http://10.77.0.9/one.ipxe";
        s.hosts.put("52:54:00:77:00:01", h1);
        Settings.Host hc1 = new Settings.Host();
        hc1.bootFile = "pxelinux.0";
        s.hosts.put("52:54:00:77:00:c1", hc1);

        assertEquals("special/snponly.efi", decide(s, ovmf).bootFile());
        assertEquals("http://10.77.0.9/one.ipxe?mac=52:54:00:77:00:01", decide(s, ipxe).bootFile());
        assertEquals("pxelinux.0", decide(s, dhclient).bootFile(), "a per-MAC boot file even for a non-PXE client");
        // a per-MAC empty script turns the iPXE rule off for that MAC only
        h1.ipxeScript = "";
        h1.bootFile = "lpxelinux.0";
        s.pxelinuxConfigFile = "pxelinux.cfg/lab";
        BootDecision d = decide(s, ipxe);
        assertEquals("lpxelinux.0", d.bootFile());
        assertEquals("pxelinux.cfg/lab", d.pxelinuxConfigFile());
        DhcpPacket op = requests("bios-ipxe-loop-diagnostic").get(0).packet();
        op.chaddr[5] = 0x55; // another MAC: the global rule still applies
        ClientInfo other = ClientInfo.of(op);
        assertTrue(decide(s, other).ipxeScript());
        // the global empty script with a per-MAC script: that MAC still gets its script
        s.ipxeScript = "";
        h1.ipxeScript = "http://10.77.0.9/one.ipxe";
        assertEquals("http://10.77.0.9/one.ipxe?mac=52:54:00:77:00:01", decide(s, ipxe).bootFile());
        assertEquals("undionly.kpxe", decide(s, other).bootFile());
    }

    // ---- U-Boot arm64 (u-boot-qemu's qemu_arm64, e1000; its requests captured under QEMU) ----

    @Test
    void uBootArm64() throws Exception {
        List<Captured> rq = requests("uboot-arm64-e1000");
        assertEquals(List.of("DISCOVER", "DISCOVER", "DISCOVER", "REQUEST"), types(rq));
        for (Captured r : rq) {
            ClientInfo c = r.client();
            assertEquals("52:54:00:77:00:99", c.mac().toString());
            assertEquals("U-Boot.armv8", c.vendorClass());
            assertEquals(22, c.archCode(), "93 = 22: arm64 U-Boot in IANA's registry");
            assertNull(c.guid(), "no 97");
            assertEquals(Firmware.UBOOT_ARM64, c.firmware());
            assertEquals("U-Boot arm64", c.firmware().label());
            assertTrue(c.isUBoot());
            assertFalse(c.isPxe(), "not a PXE ROM, though it sends 93");
            assertFalse(c.isIpxe());
            assertFalse(c.asksBootFile(), "its option 55 is 1, 3, 6, 12, 17");
            assertEquals("boot.scr.uimg", r.packet().file, "it names the file it fetches in its own request");
            BootDecision d = decide(c);
            assertEquals("boot.scr.uimg", d.bootFile());
            assertFalse(d.ipxeScript());
            assertFalse(d.pxelinux(), "no pxelinux options: U-Boot's pxe command finds its files by itself");
            assertEquals("U-Boot arm64 boot script", d.reason());
        }
        ClientInfo c = rq.get(0).client();
        Settings s = new Settings();
        s.ubootBoot = "arm64/boot.scr.uimg";
        assertEquals("arm64/boot.scr.uimg", decide(s, c).bootFile(), "the U-Boot boot file set");
        s.ubootBoot = null;
        assertNull(decide(s, c).bootFile());
        assertEquals("no boot file set for U-Boot arm64", decide(s, c).reason());
        s.ubootBoot = "boot.scr.uimg";
        s.hosts.put("52:54:00:77:00:99", new Settings.Host());
        s.hosts.get("52:54:00:77:00:99").bootFile = "board7/boot.scr.uimg";
        assertEquals("board7/boot.scr.uimg", decide(s, c).bootFile(), "the per-MAC boot file wins");
    }

    @Test
    void uBootIsKnownByItsVendorClassOrItsArchitectureAlone() throws Exception {
        DhcpPacket p = requests("uboot-arm64-e1000").get(0).packet();
        DhcpPacket noArch = DhcpServerRepliesTest.copy(p);
        noArch.remove(DhcpOption.CLIENT_ARCH);
        assertEquals(Firmware.UBOOT_ARM64, ClientInfo.of(noArch).firmware(), "U-Boot.armv8 without 93");
        noArch.put(DhcpOption.VENDOR_CLASS, "U-Boot.armv7");
        assertEquals(Firmware.UBOOT_ARM32, ClientInfo.of(noArch).firmware());
        noArch.put(DhcpOption.VENDOR_CLASS, "U-Boot.riscv64");
        assertEquals(Firmware.UBOOT, ClientInfo.of(noArch).firmware());
        assertEquals("boot.scr.uimg", decide(ClientInfo.of(noArch)).bootFile());
        DhcpPacket noVendor = DhcpServerRepliesTest.copy(p);
        noVendor.remove(DhcpOption.VENDOR_CLASS);
        noVendor.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 21});
        assertEquals(Firmware.UBOOT_ARM32, ClientInfo.of(noVendor).firmware(), "93 = 21: 32-bit ARM U-Boot");
        assertTrue(ClientInfo.of(noVendor).isUBoot());
        assertEquals("boot.scr.uimg", decide(ClientInfo.of(noVendor)).bootFile());
        // its EFI step asks like AAVMF (93 = 11, PXEClient): a UEFI arm64 client, as before
        DhcpPacket efi = DhcpServerRepliesTest.copy(p);
        efi.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 11});
        efi.put(DhcpOption.VENDOR_CLASS, "PXEClient:Arch:00011:UNDI:003000");
        assertEquals(Firmware.UEFI_ARM64, ClientInfo.of(efi).firmware());
        assertTrue(ClientInfo.of(efi).isPxe());
        assertEquals("grubaa64.efi", decide(ClientInfo.of(efi)).bootFile());
    }
}
