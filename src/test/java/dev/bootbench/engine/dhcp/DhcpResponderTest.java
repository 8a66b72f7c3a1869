package dev.bootbench.engine.dhcp;

import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.BENCH;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.SERVER;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.copy;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.dhcp.DhcpResponder.Answer;
import dev.bootbench.engine.dhcp.DhcpResponder.Arrival;
import dev.bootbench.engine.dhcp.DhcpResponder.Outcome;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.workspace.Settings;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The responder alone: the requests of the reference captures (real firmware, iPXE and plain clients) go in,
 * and the reply, where it goes, the boot decision and the event come out, with no socket and no thread.
 */
class DhcpResponderTest {
    static final Arrival BROADCAST_67 = new Arrival(false, Ipv4.ANY, 68);
    static final String SCRIPT_01 = "http://10.77.0.1/boot.ipxe?mac=52:54:00:77:00:01";
    static final String SCRIPT_02 = "http://10.77.0.1/boot.ipxe?mac=52:54:00:77:00:02";

    final Settings settings = new Settings();
    LeasePool pool;

    DhcpResponder responder(DhcpMode mode) {
        pool = mode == DhcpMode.FULL
                ? new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.199")), Ipv4.toInt(SERVER), Map.of(), System::currentTimeMillis)
                : null;
        DhcpConfig cfg = new DhcpConfig(mode, "bench0", null, 3600, null, null, List.of(), null, false, 67, 4011);
        BootCore boot = new BootCore(EngineSetup.bootConfig(settings, Path.of("templates/boot.ipxe"), null, null), new EventBus());
        return new DhcpResponder(cfg, boot, pool, OtherServerProbe.probeMac("bench0"));
    }

    static DhcpEvent onlyEvent(Answer a) {
        assertEquals(1, a.events().size(), "one event per exchange: " + a.events());
        return a.events().get(0);
    }

    @Test
    void fullModeOffersTheBiosIpxeRomAnAddressAndTheScriptWithoutItsProxyDhcpWait() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket discover = request("bios-ipxe-e1000-direct", 0);
        Answer a = r.answer(discover, BENCH, BROADCAST_67);
        assertEquals(Outcome.REPLY, a.outcome());
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertEquals(discover.xid, o.xid);
        assertTrue(pool.inRange(o.yiaddr), Ipv4.format(o.yiaddr));
        assertEquals(Ipv4.toInt(SERVER), o.siaddr, "siaddr: the TFTP/next server");
        assertEquals(SCRIPT_01, o.file);
        assertEquals(SCRIPT_01, o.optionString(DhcpOption.BOOTFILE), "option 67");
        assertEquals("10.77.0.1", o.optionString(DhcpOption.TFTP_SERVER), "option 66");
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS), "option 60");
        assertArrayEquals(new byte[] {(byte) 176, 1, 1}, o.option(DhcpOption.IPXE_ENCAP), "175.176: iPXE skips its ProxyDHCP wait");
        assertArrayEquals(new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8, (byte) 255}, o.option(DhcpOption.VENDOR_SPECIFIC),
                "43: discovery control 8 beside 60 PXEClient");
        assertEquals(Ipv4.BROADCAST, a.destination(), "no address yet: broadcast");
        assertEquals(68, a.port());

        assertNotNull(a.decision());
        assertEquals(SCRIPT_01, a.decision().bootFile());
        assertTrue(a.decision().ipxeScript());
        DhcpEvent e = onlyEvent(a);
        assertEquals(DhcpMessageType.DISCOVER, e.request());
        assertEquals(DhcpMessageType.OFFER, e.reply());
        assertEquals(Ipv4.fromInt(o.yiaddr), e.address());
        assertEquals(SCRIPT_01, e.bootFile());
        assertEquals(a.decision().reason(), e.note());
        assertEquals(Firmware.BIOS, e.firmware());
        assertTrue(e.isIpxe());
        assertFalse(e.proxy());
    }

    @Test
    void fullModeGivesOvmfIpxeEfiAndAcksTheAddressItOffered() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        DhcpPacket o = r.answer(fw, BENCH, BROADCAST_67).reply();
        assertEquals("ipxe.efi", o.file);
        assertEquals("ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertNull(o.option(DhcpOption.IPXE_ENCAP), "the firmware is not iPXE");
        assertArrayEquals(new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8, (byte) 255}, o.option(DhcpOption.VENDOR_SPECIFIC),
                "43: discovery control 8, or OVMF asks a boot server on port 4011 before it loads ipxe.efi");

        Answer ack = r.answer(DhcpServerRepliesTest.requestFor(fw, o), BENCH, BROADCAST_67);
        assertEquals(DhcpOption.ACK, ack.reply().messageType());
        assertEquals(o.yiaddr, ack.reply().yiaddr);
        assertEquals(Ipv4.format(o.yiaddr), pool.boundLease(fw.mac()).address());
        assertEquals(DhcpMessageType.REQUEST, onlyEvent(ack).request());
        assertEquals(DhcpMessageType.ACK, onlyEvent(ack).reply());

        // iPXE, loaded by the firmware, asks again: the same address, now the script
        Answer ipxe = r.answer(request("uefi-ipxe-virtio-fwpxe", 2), BENCH, BROADCAST_67);
        assertEquals(o.yiaddr, ipxe.reply().yiaddr);
        assertEquals(SCRIPT_02, ipxe.reply().optionString(DhcpOption.BOOTFILE));
        assertArrayEquals(new byte[] {(byte) 176, 1, 1}, ipxe.reply().option(DhcpOption.IPXE_ENCAP));
    }

    @Test
    void proxyModeOffersBootInformationOnlyWithPxeDiscoveryControl() throws Exception {
        DhcpResponder r = responder(DhcpMode.PROXY);
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        Answer a = r.answer(fw, BENCH, BROADCAST_67);
        assertEquals(Outcome.REPLY, a.outcome());
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertEquals(0, o.yiaddr, "proxyDHCP gives no address");
        assertEquals(Ipv4.toInt(SERVER), o.siaddr);
        assertEquals("ipxe.efi", o.file);
        assertEquals("ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertEquals("10.77.0.1", o.optionString(DhcpOption.TFTP_SERVER));
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertArrayEquals(new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8, (byte) 255}, o.option(DhcpOption.VENDOR_SPECIFIC),
                "43: discovery control 8, boot from the file given, no boot server discovery");
        assertArrayEquals(fw.option(DhcpOption.CLIENT_GUID), o.option(DhcpOption.CLIENT_GUID), "97 echoed");
        assertNull(o.option(DhcpOption.LEASE_TIME));
        assertNull(o.option(DhcpOption.SUBNET_MASK), "no network options: another server gives those");
        DhcpEvent e = onlyEvent(a);
        assertTrue(e.proxy());
        assertEquals("proxyDHCP: " + a.decision().reason(), e.note());

        // its REQUEST on port 67 is for the other server: silence, but the address it takes is in the event
        DhcpPacket req = DhcpServerRepliesTest.requestFor(fw, o);
        req.putInt(DhcpOption.REQUESTED_IP, Ipv4.toInt(Ipv4.parse("10.77.0.198")));
        Answer silent = r.answer(req, BENCH, BROADCAST_67);
        assertEquals(Outcome.SILENT, silent.outcome());
        assertNull(silent.reply());
        assertEquals(Ipv4.parse("10.77.0.198"), onlyEvent(silent).address());
        assertNull(onlyEvent(silent).reply());

        // iPXE gets its script, and no 175.176 (the other server hands out the address)
        DhcpPacket ipxe = r.answer(request("uefi-ipxe-virtio-fwpxe", 2), BENCH, BROADCAST_67).reply();
        assertEquals(SCRIPT_02, ipxe.optionString(DhcpOption.BOOTFILE));
        assertNull(ipxe.option(DhcpOption.IPXE_ENCAP));
    }

    @Test
    void port4011IsAnsweredWithAnAckDirectlyToTheSender() throws Exception {
        DhcpResponder r = responder(DhcpMode.PROXY);
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        DhcpPacket req = DhcpServerRepliesTest.requestFor(fw, r.answer(fw, BENCH, BROADCAST_67).reply());
        req.remove(DhcpOption.SERVER_ID);
        req.ciaddr = Ipv4.toInt(Ipv4.parse("10.77.0.131"));
        Inet4Address sender = Ipv4.parse("10.77.0.131");
        Answer a = r.answer(req, BENCH, new Arrival(true, sender, 4011));
        assertEquals(DhcpOption.ACK, a.reply().messageType());
        assertEquals(req.ciaddr, a.reply().ciaddr);
        assertEquals("ipxe.efi", a.reply().optionString(DhcpOption.BOOTFILE));
        assertEquals(sender, a.destination());
        assertEquals(4011, a.port());
        assertTrue(onlyEvent(a).proxy());
        // a DISCOVER has no business on 4011
        Answer none = r.answer(fw, BENCH, new Arrival(true, sender, 4011));
        assertEquals(Outcome.SILENT, none.outcome());
        assertTrue(none.events().isEmpty());
    }

    @Test
    void pxelinuxGetsItsOptionsAlsoInsideOption43() throws Exception {
        settings.ipxeScript = "";
        settings.biosBoot = "lpxelinux.0";
        settings.pxelinuxConfigFile = "pxelinux.cfg/lab";
        settings.pxelinuxPathPrefix = "http://10.77.0.1/";
        byte[] sub = {(byte) 209, 16, 'p', 'x', 'e', 'l', 'i', 'n', 'u', 'x', '.', 'c', 'f', 'g', '/', 'l', 'a', 'b',
                (byte) 210, 17, 'h', 't', 't', 'p', ':', '/', '/', '1', '0', '.', '7', '7', '.', '0', '.', '1', '/'};

        DhcpPacket full = responder(DhcpMode.FULL).answer(request("bios-ipxe-e1000-direct", 0), BENCH, BROADCAST_67).reply();
        assertEquals("lpxelinux.0", full.optionString(DhcpOption.BOOTFILE));
        assertArrayEquals(new byte[] {(byte) 0xf1, 0x00, 0x74, 0x7e}, full.option(DhcpOption.PXELINUX_MAGIC));
        assertEquals("pxelinux.cfg/lab", full.optionString(DhcpOption.PXELINUX_CONFIGFILE));
        assertEquals("http://10.77.0.1/", full.optionString(DhcpOption.PXELINUX_PATHPREFIX));
        byte[] end = {(byte) 255};
        assertArrayEquals(concat(new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8}, sub, end), full.option(DhcpOption.VENDOR_SPECIFIC),
                "43: discovery control first, then 209 and 210 encapsulated");

        DhcpPacket proxy = responder(DhcpMode.PROXY).answer(request("bios-ipxe-e1000-direct", 0), BENCH, BROADCAST_67).reply();
        assertEquals(0, proxy.yiaddr);
        assertArrayEquals(concat(new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8}, sub, end), proxy.option(DhcpOption.VENDOR_SPECIFIC),
                "the same 43 in proxy mode");
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    @Test
    void plainClientsGetAnAddressInFullModeAndAreLeftAloneInProxyMode() throws Exception {
        DhcpPacket dhclient = request("plain-clients", 0);
        Answer full = responder(DhcpMode.FULL).answer(dhclient, BENCH, BROADCAST_67);
        DhcpPacket o = full.reply();
        assertNotEquals(0, o.yiaddr);
        assertNull(o.option(DhcpOption.BOOTFILE));
        assertNull(o.option(DhcpOption.TFTP_SERVER));
        assertNull(o.option(DhcpOption.VENDOR_CLASS));
        assertEquals("", o.file);
        assertEquals(0, o.siaddr);
        assertEquals(Ipv4.parse("255.255.255.0"), o.optionAddress(DhcpOption.SUBNET_MASK));
        assertNull(onlyEvent(full).bootFile());

        Answer proxy = responder(DhcpMode.PROXY).answer(dhclient, BENCH, BROADCAST_67);
        assertEquals(Outcome.SILENT, proxy.outcome());
        assertNull(proxy.reply());
        assertNull(proxy.decision(), "not a PXE client: the boot policy is not asked");
        assertEquals("not a PXE client: left to the DHCP server", onlyEvent(proxy).note());
    }

    @Test
    void repliesOurOwnProbeAndBootpAreNotAnswered() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket discover = request("plain-clients", 0);
        DhcpPacket reply = copy(r.answer(discover, BENCH, BROADCAST_67).reply());
        Answer a = r.answer(reply, BENCH, BROADCAST_67);
        assertEquals(Outcome.NOT_A_REQUEST, a.outcome());
        assertTrue(a.events().isEmpty());

        DhcpPacket probe = copy(discover);
        probe.chaddr = java.util.Arrays.copyOf(OtherServerProbe.probeMac("bench0").bytes(), 16);
        Answer ours = r.answer(probe, BENCH, BROADCAST_67);
        assertEquals(Outcome.IGNORED, ours.outcome());
        assertTrue(ours.events().isEmpty());

        DhcpPacket bootp = copy(discover);
        bootp.remove(DhcpOption.MESSAGE_TYPE);
        Answer b = r.answer(bootp, BENCH, BROADCAST_67);
        assertEquals(Outcome.IGNORED, b.outcome());
        assertEquals(DhcpMessageType.BOOTP, onlyEvent(b).request());
        assertEquals("BOOTP requests are not served", onlyEvent(b).note());
    }

    @Test
    void relayedAndRenewingClientsAreAnsweredWhereRfc2131Says() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket relayed = copy(request("plain-clients", 0));
        relayed.giaddr = Ipv4.toInt(Ipv4.parse("10.77.0.2"));
        Answer viaRelay = r.answer(relayed, BENCH, BROADCAST_67);
        assertEquals(Ipv4.parse("10.77.0.2"), viaRelay.destination());
        assertEquals(67, viaRelay.port());

        DhcpPacket inform = copy(request("plain-clients", 8));
        inform.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.INFORM);
        inform.ciaddr = Ipv4.toInt(Ipv4.parse("10.77.0.20"));
        Answer ack = r.answer(inform, BENCH, BROADCAST_67);
        assertEquals(DhcpOption.ACK, ack.reply().messageType());
        assertEquals(Ipv4.parse("10.77.0.20"), ack.destination(), "unicast to the address the client has");
        assertEquals(68, ack.port());
        assertNull(ack.reply().option(DhcpOption.LEASE_TIME), "INFORM: options, no lease");
    }

    /**
     * The responder keeps nothing of a request between calls: clients answered at the same time on several threads
     * each get their own boot file, and each event carries the reason of its own decision.
     */
    @Test
    void clientsAnsweredAtOnceOnSeveralThreadsGetTheirOwnAnswers() throws Exception {
        DhcpResponder r = responder(DhcpMode.PROXY);
        List<DhcpPacket> requests = List.of(request("bios-ipxe-e1000-direct", 0), request("uefi-ipxe-virtio-fwpxe", 0),
                request("uefi-ipxe-virtio-fwpxe", 2), request("plain-clients", 0));
        List<Answer> alone = new ArrayList<>();
        for (DhcpPacket p : requests) alone.add(r.answer(p, BENCH, BROADCAST_67));
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    int k = (first + i) % requests.size();
                    Answer a = r.answer(requests.get(k), BENCH, BROADCAST_67);
                    String want = alone.get(k).events().get(0).note(), got = a.events().get(0).note();
                    if (!want.equals(got)) wrong.add(k + ": " + got + " instead of " + want);
                    String wantFile = alone.get(k).reply() == null ? null : alone.get(k).reply().optionString(DhcpOption.BOOTFILE);
                    String gotFile = a.reply() == null ? null : a.reply().optionString(DhcpOption.BOOTFILE);
                    if (!java.util.Objects.equals(wantFile, gotFile)) wrong.add(k + ": boot file " + gotFile + " instead of " + wantFile);
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) th.join();
        assertTrue(wrong.isEmpty(), wrong.size() + " answers mixed up, e.g. " + wrong.peek());
        List<String> files = alone.stream().map(a -> a.reply() == null ? "none" : a.reply().optionString(DhcpOption.BOOTFILE)).toList();
        assertEquals(List.of(SCRIPT_01, "ipxe.efi", SCRIPT_02, "none"), files, "four clients, four answers");
    }

    /**
     * OVMF's DISCOVER for UEFI HTTP Boot: the same network stack as its PXE one (the captured DISCOVER: 97 GUID, 94,
     * 57), with the HTTP Boot driver's 93 = 16 and 60 {@code HTTPClient:Arch:00016:UNDI:003000}, as measured under QEMU.
     */
    static DhcpPacket ovmfHttpBootDiscover() throws Exception {
        DhcpPacket p = copy(request("uefi-ipxe-virtio-fwpxe", 0));
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 16});
        p.put(DhcpOption.VENDOR_CLASS, "HTTPClient:Arch:00016:UNDI:003000");
        return p;
    }

    static java.util.SortedSet<Integer> codes(DhcpPacket p) {
        return new java.util.TreeSet<>(p.options().keySet());
    }

    @Test
    void fullModeOffersAnHttpBootClientHttpClientAndTheUrlOfIpxeEfi() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket fw = ovmfHttpBootDiscover();
        assertArrayEquals(new byte[] {0, 16}, fw.option(DhcpOption.CLIENT_ARCH));
        assertEquals(17, fw.option(DhcpOption.CLIENT_GUID).length, "97: type and GUID, as OVMF sends it");
        Answer a = r.answer(fw, BENCH, BROADCAST_67);
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertTrue(pool.inRange(o.yiaddr));
        assertEquals("HTTPClient", o.optionString(DhcpOption.VENDOR_CLASS), "60: without it OVMF fails (\"Could not retrieve NBP file size\")");
        assertEquals("http://10.77.0.1/ipxe.efi", o.file, "the boot file is a URL of our HTTP server");
        assertEquals("http://10.77.0.1/ipxe.efi", o.optionString(DhcpOption.BOOTFILE), "option 67");
        assertNull(o.option(DhcpOption.VENDOR_SPECIFIC), "no 43: PXE discovery control means nothing to HTTP Boot");
        assertNull(o.option(DhcpOption.IPXE_ENCAP));
        assertEquals(java.util.Set.of(DhcpOption.MESSAGE_TYPE, DhcpOption.SERVER_ID, DhcpOption.LEASE_TIME, DhcpOption.RENEWAL_T1,
                DhcpOption.REBINDING_T2, DhcpOption.SUBNET_MASK, DhcpOption.BROADCAST, DhcpOption.TFTP_SERVER, DhcpOption.BOOTFILE,
                DhcpOption.VENDOR_CLASS), codes(o), "the OFFER's options, all of them");
        // what goes on the wire reads back the same
        DhcpPacket wire = copy(o);
        assertEquals("HTTPClient", wire.optionString(DhcpOption.VENDOR_CLASS));
        assertEquals("http://10.77.0.1/ipxe.efi", wire.file);
        DhcpEvent e = onlyEvent(a);
        assertEquals(Firmware.UEFI_X64_HTTP, e.firmware());
        assertEquals("http://10.77.0.1/ipxe.efi", e.bootFile());
        assertEquals("UEFI HTTP Boot x64 boot program over HTTP", e.note());

        Answer ack = r.answer(DhcpServerRepliesTest.requestFor(fw, o), BENCH, BROADCAST_67);
        assertEquals(DhcpOption.ACK, ack.reply().messageType());
        assertEquals(o.yiaddr, ack.reply().yiaddr);
        assertEquals("HTTPClient", ack.reply().optionString(DhcpOption.VENDOR_CLASS));
        assertEquals("http://10.77.0.1/ipxe.efi", ack.reply().optionString(DhcpOption.BOOTFILE));
        assertNull(ack.reply().option(DhcpOption.VENDOR_SPECIFIC));

        // ipxe.efi, fetched over HTTP, asks again as iPXE (the capture's iPXE DISCOVER): the script, as today
        Answer ipxe = r.answer(request("uefi-ipxe-virtio-fwpxe", 2), BENCH, BROADCAST_67);
        assertEquals(o.yiaddr, ipxe.reply().yiaddr);
        assertEquals(SCRIPT_02, ipxe.reply().optionString(DhcpOption.BOOTFILE));
        assertEquals("PXEClient", ipxe.reply().optionString(DhcpOption.VENDOR_CLASS));
    }

    @Test
    void httpBootUrlCarriesOurHttpPortAndTheHttpBootProgramSet() throws Exception {
        settings.httpPort = 8080;
        settings.httpBoot = "x64/snponly.efi";
        DhcpPacket o = responder(DhcpMode.FULL).answer(ovmfHttpBootDiscover(), BENCH, BROADCAST_67).reply();
        assertEquals("http://10.77.0.1:8080/x64/snponly.efi", o.optionString(DhcpOption.BOOTFILE));
        assertEquals("HTTPClient", o.optionString(DhcpOption.VENDOR_CLASS));
    }

    @Test
    void proxyModeOffersAnHttpBootClientTheUrlWithoutAddressOr43() throws Exception {
        DhcpResponder r = responder(DhcpMode.PROXY);
        DhcpPacket fw = ovmfHttpBootDiscover();
        Answer a = r.answer(fw, BENCH, BROADCAST_67);
        assertEquals(Outcome.REPLY, a.outcome());
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertEquals(0, o.yiaddr, "proxyDHCP gives no address");
        assertEquals("HTTPClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertEquals("http://10.77.0.1/ipxe.efi", o.file);
        assertEquals("http://10.77.0.1/ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertArrayEquals(fw.option(DhcpOption.CLIENT_GUID), o.option(DhcpOption.CLIENT_GUID), "97 echoed");
        assertEquals(java.util.Set.of(DhcpOption.MESSAGE_TYPE, DhcpOption.SERVER_ID, DhcpOption.TFTP_SERVER, DhcpOption.BOOTFILE,
                DhcpOption.VENDOR_CLASS, DhcpOption.CLIENT_GUID), codes(o), "the proxy OFFER's options, all of them: no 43");
        assertTrue(onlyEvent(a).proxy());

        // and the chainloaded iPXE gets the script
        DhcpPacket ipxe = r.answer(request("uefi-ipxe-virtio-fwpxe", 2), BENCH, BROADCAST_67).reply();
        assertEquals(SCRIPT_02, ipxe.optionString(DhcpOption.BOOTFILE));
    }

    @Test
    void arm64HttpBootWithoutAnArm64ProgramGetsAnAddressAndNoBootFile() throws Exception {
        DhcpPacket fw = ovmfHttpBootDiscover();
        fw.put(DhcpOption.CLIENT_ARCH, new byte[] {0, 19});
        fw.put(DhcpOption.VENDOR_CLASS, "HTTPClient:Arch:00019:UNDI:003000");
        assertEquals("http://10.77.0.1/grubaa64.efi", responder(DhcpMode.FULL).answer(fw, BENCH, BROADCAST_67).reply().optionString(DhcpOption.BOOTFILE),
                "arm64's default path is GRUB: never the x64 program");
        settings.arm64Path = "ipxe"; // iPXE's path, and no arm64 iPXE set
        Answer full = responder(DhcpMode.FULL).answer(fw, BENCH, BROADCAST_67);
        assertTrue(pool.inRange(full.reply().yiaddr));
        assertNull(full.reply().option(DhcpOption.BOOTFILE), "never the x64 program");
        assertNull(full.reply().option(DhcpOption.VENDOR_CLASS));
        assertEquals("no HTTP Boot program set for UEFI arm64 (nor an arm64 boot program)", onlyEvent(full).note());
        Answer proxy = responder(DhcpMode.PROXY).answer(fw, BENCH, BROADCAST_67);
        assertEquals(Outcome.SILENT, proxy.outcome());

        settings.arm64Boot = "arm64/ipxe.efi";
        DhcpPacket o = responder(DhcpMode.FULL).answer(fw, BENCH, BROADCAST_67).reply();
        assertEquals("http://10.77.0.1/arm64/ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertEquals("HTTPClient", o.optionString(DhcpOption.VENDOR_CLASS));
    }

    // ---- U-Boot (the requests of u-boot-qemu's qemu_arm64 on e1000) ----

    @Test
    void fullModeGivesUBootAnAddressTheNextServerAndItsBootScriptWithoutPxeOptions() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket discover = request("uboot-arm64-e1000", 0);
        Answer a = r.answer(discover, BENCH, BROADCAST_67);
        assertEquals(Outcome.REPLY, a.outcome());
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertTrue(pool.inRange(o.yiaddr), Ipv4.format(o.yiaddr));
        assertEquals(Ipv4.toInt(SERVER), o.siaddr, "siaddr: U-Boot's serverip, where it fetches boot.scr.uimg (else 'serverip not set')");
        assertEquals("boot.scr.uimg", o.file, "the file field");
        assertEquals("boot.scr.uimg", o.optionString(DhcpOption.BOOTFILE), "option 67");
        assertEquals("10.77.0.1", o.optionString(DhcpOption.TFTP_SERVER), "option 66");
        assertEquals(java.util.Set.of(DhcpOption.MESSAGE_TYPE, DhcpOption.SERVER_ID, DhcpOption.LEASE_TIME, DhcpOption.RENEWAL_T1,
                DhcpOption.REBINDING_T2, DhcpOption.SUBNET_MASK, DhcpOption.BROADCAST, DhcpOption.TFTP_SERVER, DhcpOption.BOOTFILE),
                codes(o), "the OFFER's options, all of them: no 60 PXEClient, no 43, no 175");
        DhcpPacket wire = copy(o);
        assertEquals("boot.scr.uimg", wire.file);
        assertEquals(o.siaddr, wire.siaddr);
        DhcpEvent e = onlyEvent(a);
        assertEquals(Firmware.UBOOT_ARM64, e.firmware());
        assertEquals("U-Boot.armv8", e.vendorClass());
        assertEquals("boot.scr.uimg", e.bootFile());
        assertEquals("U-Boot arm64 boot script", e.note());

        // its REQUEST, as captured, asks for the address it was offered by another server: built for ours instead
        Answer ack = r.answer(DhcpServerRepliesTest.requestFor(request("uboot-arm64-e1000", 3), o), BENCH, BROADCAST_67);
        assertEquals(DhcpOption.ACK, ack.reply().messageType());
        assertEquals(o.yiaddr, ack.reply().yiaddr);
        assertEquals(Ipv4.toInt(SERVER), ack.reply().siaddr);
        assertEquals("boot.scr.uimg", ack.reply().file);
        assertNull(ack.reply().option(DhcpOption.VENDOR_CLASS));
        assertNull(ack.reply().option(DhcpOption.VENDOR_SPECIFIC));
    }

    @Test
    void uBootBootFileIsTheOneSetAndNoneLeavesItAnAddressOnly() throws Exception {
        settings.ubootBoot = "boards/boot.scr.uimg";
        DhcpPacket o = responder(DhcpMode.FULL).answer(request("uboot-arm64-e1000", 0), BENCH, BROADCAST_67).reply();
        assertEquals("boards/boot.scr.uimg", o.optionString(DhcpOption.BOOTFILE));
        settings.ubootBoot = null;
        Answer a = responder(DhcpMode.FULL).answer(request("uboot-arm64-e1000", 0), BENCH, BROADCAST_67);
        assertTrue(pool.inRange(a.reply().yiaddr));
        assertEquals(0, a.reply().siaddr);
        assertNull(a.reply().option(DhcpOption.BOOTFILE));
        assertEquals("no boot file set for U-Boot arm64", onlyEvent(a).note());
    }

    @Test
    void proxyModeLeavesUBootToTheDhcpServer() throws Exception {
        Answer a = responder(DhcpMode.PROXY).answer(request("uboot-arm64-e1000", 0), BENCH, BROADCAST_67);
        assertEquals(Outcome.SILENT, a.outcome(), "a proxy offer has no address, and U-Boot takes the first offer it gets");
        assertNull(a.reply());
        assertEquals("U-Boot reads no proxyDHCP answers: left to the DHCP server (its next-server)", onlyEvent(a).note());
    }

    @Test
    void aClientAskingForOption67WithoutAPxeVendorClassGetsTheBootFile() throws Exception {
        DhcpPacket udhcpc = request("plain-clients", 2); // udhcpc, 60 "udhcp 1.35.0", 67 in its 55
        Answer a = responder(DhcpMode.FULL).answer(udhcpc, BENCH, BROADCAST_67);
        DhcpPacket o = a.reply();
        assertEquals("undionly.kpxe", o.optionString(DhcpOption.BOOTFILE), "as the reference dnsmasq answered it");
        assertEquals("undionly.kpxe", o.file);
        assertEquals(Ipv4.toInt(SERVER), o.siaddr);
        assertNull(o.option(DhcpOption.VENDOR_CLASS), "not a PXE client: no 60 PXEClient");
        assertNull(o.option(DhcpOption.VENDOR_SPECIFIC));
        assertEquals("asked for a boot file (option 67): the BIOS boot program", onlyEvent(a).note());
        // without 67 in its list: no boot file, as before
        DhcpPacket quiet = copy(udhcpc);
        quiet.put(DhcpOption.PARAMETER_LIST, new byte[] {1, 3, 6, 12, 15, 28, 42});
        assertNull(responder(DhcpMode.FULL).answer(quiet, BENCH, BROADCAST_67).reply().option(DhcpOption.BOOTFILE));
        // proxy mode still leaves it to the DHCP server
        assertEquals(Outcome.SILENT, responder(DhcpMode.PROXY).answer(udhcpc, BENCH, BROADCAST_67).outcome());
    }
}
