package dev.bootbench.engine.dhcp;

import static dev.bootbench.engine.dhcp.DhcpResponderTest.BROADCAST_67;
import static dev.bootbench.engine.dhcp.DhcpResponderTest.SCRIPT_02;
import static dev.bootbench.engine.dhcp.DhcpResponderTest.onlyEvent;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.BENCH;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.SERVER;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.copy;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The PXE firmware menu on the wire: the requests of the reference captures (QEMU's BIOS iPXE ROM, OVMF's own PXE and
 * the ipxe.efi it chainloads) go in; the offer's option 43 (6 discovery control, 8 boot servers, 9 menu, 10 prompt), the
 * port-4011 boot item answer (43.71 echoed, the item's boot file) and the refusals come out, byte for byte.
 */
class FirmwareMenuDhcpTest {
    static final Inet4Address CLIENT = Ipv4.parse("10.77.0.131");
    static final Inet4Address WDS = Ipv4.parse("10.77.0.9");

    final Settings settings = new Settings();
    final AtomicLong clock = new AtomicLong(1_000_000);
    LeasePool pool;

    FirmwareMenuDhcpTest() {
        settings.pxeMenu = new Settings.PxeMenu();
        settings.pxeMenu.prompt = "Bootbench PXE menu";
        settings.pxeMenu.timeout = 3;
        settings.pxeMenu.defaultItem = "Boot iPXE";
        settings.pxeMenu.items = new ArrayList<>(List.of(
                new Settings.PxeItem("bios", "Boot iPXE", "undionly.kpxe", null, null, null),   // 0x8001
                new Settings.PxeItem("bios", "Local disk", null, null, null, true),             // 0
                new Settings.PxeItem("bios", "WDS", null, "10.77.0.9", null, null),             // 0x8002
                new Settings.PxeItem("x64", "syslinux", "efi64/syslinux.efi", null, null, null),// 0x8003
                new Settings.PxeItem("x64", "iPXE EFI", "ipxe.efi", null, null, null)));        // 0x8004
    }

    DhcpResponder responder(DhcpMode mode) {
        pool = mode == DhcpMode.FULL
                ? new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.199")), Ipv4.toInt(SERVER), Map.of(), System::currentTimeMillis)
                : null;
        DhcpConfig cfg = new DhcpConfig(mode, "bench0", null, 3600, null, null, List.of(), null, false, 67, 4011);
        BootCore boot = new BootCore(EngineSetup.bootConfig(settings, Path.of("templates/boot.ipxe"), null, null), new EventBus(), clock::get);
        return new DhcpResponder(cfg, boot, pool, OtherServerProbe.probeMac("bench0"));
    }

    // ---- the bytes, written out by hand from PXE 2.1 ----

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** BIOS: discovery control 3; boot servers 0x8001 at us, 0x8002 at the WDS; the menu, default first; prompt, 3 s. */
    static final byte[] BIOS_43 = cat(
            bytes(6, 1, 3),
            bytes(8, 14, 0x80, 0x01, 1, 10, 77, 0, 1, 0x80, 0x02, 1, 10, 77, 0, 9),
            bytes(9, 3 + 9 + 3 + 10 + 3 + 3), bytes(0x80, 0x01, 9), ascii("Boot iPXE"), bytes(0, 0, 10), ascii("Local disk"),
            bytes(0x80, 0x02, 3), ascii("WDS"),
            bytes(10, 19, 3), ascii("Bootbench PXE menu"),
            bytes(255));

    /** x64 UEFI: the default is not among its items, so its first goes first. */
    static final byte[] X64_43 = cat(
            bytes(6, 1, 3),
            bytes(8, 14, 0x80, 0x03, 1, 10, 77, 0, 1, 0x80, 0x04, 1, 10, 77, 0, 1),
            bytes(9, 3 + 8 + 3 + 8), bytes(0x80, 0x03, 8), ascii("syslinux"), bytes(0x80, 0x04, 8), ascii("iPXE EFI"),
            bytes(10, 19, 3), ascii("Bootbench PXE menu"),
            bytes(255));

    /** A PXE ROM's request to the boot server on port 4011 for a boot item (43.71: type, layer). */
    static DhcpPacket bootItemRequest(DhcpPacket discover, byte[] option43) {
        DhcpPacket r = copy(discover);
        r.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.REQUEST);
        r.ciaddr = Ipv4.toInt(CLIENT);
        r.put(DhcpOption.VENDOR_SPECIFIC, option43);
        return r;
    }

    static Arrival from4011() {
        return new Arrival(true, CLIENT, 68);
    }

    @Test
    void fullModeOffersTheBiosIpxeRomAnAddressAndTheMenuInsteadOfABootFile() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        Answer a = r.answer(request("bios-ipxe-e1000-direct", 0), BENCH, BROADCAST_67);
        assertEquals(Outcome.REPLY, a.outcome());
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertTrue(pool.inRange(o.yiaddr));
        assertEquals(Ipv4.toInt(SERVER), o.siaddr);
        assertEquals("", o.file, "no boot file: the firmware asks the boot server of the item it chose");
        assertNull(o.option(DhcpOption.BOOTFILE));
        assertNull(o.option(DhcpOption.TFTP_SERVER));
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertArrayEquals(BIOS_43, o.option(DhcpOption.VENDOR_SPECIFIC));
        assertArrayEquals(bytes(176, 1, 1), o.option(DhcpOption.IPXE_ENCAP), "175.176 still: iPXE skips its ProxyDHCP wait");
        DhcpEvent e = onlyEvent(a);
        assertNull(e.bootFile());
        assertEquals("firmware menu: 3 items for BIOS, 'Boot iPXE' after 3 s", e.note());
        // the whole packet, as encoded: 43 goes out as one option of 74 bytes
        byte[] wire = o.encode();
        assertEquals(74, BIOS_43.length);
        assertTrue(indexOf(wire, cat(bytes(43, 74), BIOS_43)) > 0, "43 on the wire in one piece");
    }

    @Test
    void ovmfIsOfferedItsOwnItemsAndTheBootServerAnswersItsChoiceOnPort4011() throws Exception {
        settings.pxelinuxConfigFile = "pxelinux.cfg/lab";
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        DhcpPacket o = r.answer(fw, BENCH, BROADCAST_67).reply();
        assertArrayEquals(X64_43, o.option(DhcpOption.VENDOR_SPECIFIC));
        assertNull(o.option(DhcpOption.IPXE_ENCAP), "the firmware is not iPXE");
        DhcpPacket ack = r.answer(DhcpServerRepliesTest.requestFor(fw, o), BENCH, BROADCAST_67).reply();
        assertEquals(DhcpOption.ACK, ack.messageType());
        assertArrayEquals(X64_43, ack.option(DhcpOption.VENDOR_SPECIFIC), "the ACK carries the menu too");

        // after the prompt's timeout OVMF asks for the first item, syslinux (0x8003), layer 0
        DhcpPacket req = bootItemRequest(fw, bytes(71, 4, 0x80, 0x03, 0, 0, 255));
        Answer a = r.answer(req, BENCH, from4011());
        assertEquals(Outcome.REPLY, a.outcome());
        DhcpPacket b = a.reply();
        assertEquals(DhcpOption.ACK, b.messageType());
        assertEquals(CLIENT, a.destination(), "straight back to the client");
        assertEquals(68, a.port());
        assertEquals(Ipv4.toInt(CLIENT), b.ciaddr);
        assertEquals(0, b.yiaddr);
        assertEquals(Ipv4.toInt(SERVER), b.siaddr);
        assertEquals("efi64/syslinux.efi", b.file);
        assertEquals("efi64/syslinux.efi", b.optionString(DhcpOption.BOOTFILE));
        assertEquals("10.77.0.1", b.optionString(DhcpOption.TFTP_SERVER));
        assertEquals("PXEClient", b.optionString(DhcpOption.VENDOR_CLASS));
        assertArrayEquals(fw.option(DhcpOption.CLIENT_GUID), b.option(DhcpOption.CLIENT_GUID));
        assertArrayEquals(bytes(0xf1, 0x00, 0x74, 0x7e), b.option(DhcpOption.PXELINUX_MAGIC), "syslinux.efi gets pxelinux's 208");
        assertEquals("pxelinux.cfg/lab", b.optionString(DhcpOption.PXELINUX_CONFIGFILE));
        assertArrayEquals(cat(bytes(71, 4, 0x80, 0x03, 0, 0), bytes(209, 16), ascii("pxelinux.cfg/lab"), bytes(255)),
                b.option(DhcpOption.VENDOR_SPECIFIC), "43.71 echoed, and 209 inside 43 as pxelinux reads it");
        assertEquals(SERVER, b.optionAddress(DhcpOption.SERVER_ID));
        DhcpEvent e = onlyEvent(a);
        assertTrue(e.proxy(), "a port-4011 exchange");
        assertEquals("efi64/syslinux.efi", e.bootFile());
        assertEquals("boot server: firmware menu item 'syslinux' (0x8003)", e.note());

        // the other item
        DhcpPacket ipxe = r.answer(bootItemRequest(fw, bytes(71, 4, 0x80, 0x04, 0, 0, 255)), BENCH, from4011()).reply();
        assertEquals("ipxe.efi", ipxe.optionString(DhcpOption.BOOTFILE));
        assertNull(ipxe.option(DhcpOption.PXELINUX_MAGIC));
        assertArrayEquals(bytes(71, 4, 0x80, 0x04, 0, 0, 255), ipxe.option(DhcpOption.VENDOR_SPECIFIC));
    }

    @Test
    void theIpxeChainloadedFromAChoiceGetsTheScriptNotTheMenuAgain() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        DhcpPacket chained = request("uefi-ipxe-virtio-fwpxe", 2); // ipxe.efi's DISCOVER, same MAC
        // before any choice, an iPXE is shown the menu (QEMU's iPXE ROM sends this very request at power-on)
        assertArrayEquals(X64_43, r.answer(chained, BENCH, BROADCAST_67).reply().option(DhcpOption.VENDOR_SPECIFIC));

        r.answer(bootItemRequest(fw, bytes(71, 4, 0x80, 0x04, 0, 0, 255)), BENCH, from4011());
        clock.addAndGet(30_000);
        DhcpPacket o = r.answer(chained, BENCH, BROADCAST_67).reply();
        assertEquals(SCRIPT_02, o.optionString(DhcpOption.BOOTFILE), "the iPXE rule: the script");
        assertArrayEquals(bytes(6, 1, 8, 255), o.option(DhcpOption.VENDOR_SPECIFIC), "no menu");
        // the firmware itself (not iPXE) still gets the menu after its choice: a reboot
        assertArrayEquals(X64_43, r.answer(fw, BENCH, BROADCAST_67).reply().option(DhcpOption.VENDOR_SPECIFIC));

        // long after, an iPXE asking is a firmware at power-on again
        clock.addAndGet(BootCore.CHOICE_MEMORY_MILLIS);
        assertArrayEquals(X64_43, r.answer(chained, BENCH, BROADCAST_67).reply().option(DhcpOption.VENDOR_SPECIFIC));
    }

    @Test
    void proxyModeOffersTheMenuWithoutAnAddressAndAnswersBothPort4011Requests() throws Exception {
        DhcpResponder r = responder(DhcpMode.PROXY);
        DhcpPacket rom = request("bios-ipxe-e1000-direct", 0);
        Answer a = r.answer(rom, BENCH, BROADCAST_67);
        DhcpPacket o = a.reply();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertEquals(0, o.yiaddr);
        assertEquals(Ipv4.toInt(SERVER), o.siaddr);
        assertEquals("", o.file);
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertArrayEquals(BIOS_43, o.option(DhcpOption.VENDOR_SPECIFIC));
        assertNull(o.option(DhcpOption.IPXE_ENCAP), "proxy mode: iPXE is to wait for us");
        assertNull(o.option(DhcpOption.LEASE_TIME));
        assertTrue(onlyEvent(a).proxy());
        assertEquals("proxyDHCP: firmware menu: 3 items for BIOS, 'Boot iPXE' after 3 s", onlyEvent(a).note());

        // iPXE's ProxyDHCP REQUEST to 4011 (no 43): the proxy answer again, with the menu
        DhcpPacket proxyReq = copy(rom);
        proxyReq.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.REQUEST);
        proxyReq.ciaddr = Ipv4.toInt(CLIENT);
        DhcpPacket pa = r.answer(proxyReq, BENCH, from4011()).reply();
        assertEquals(DhcpOption.ACK, pa.messageType());
        assertArrayEquals(BIOS_43, pa.option(DhcpOption.VENDOR_SPECIFIC));

        // then its boot item request: undionly.kpxe (the ROM is iPXE: its choice is what it asked for)
        Answer b = r.answer(bootItemRequest(rom, bytes(71, 4, 0x80, 0x01, 0, 0, 255)), BENCH, from4011());
        assertEquals("undionly.kpxe", b.reply().file);
        assertArrayEquals(bytes(71, 4, 0x80, 0x01, 0, 0, 255), b.reply().option(DhcpOption.VENDOR_SPECIFIC));
        // and undionly.kpxe's iPXE, asking next, gets the script
        DhcpPacket again = r.answer(rom, BENCH, BROADCAST_67).reply();
        assertTrue(again.optionString(DhcpOption.BOOTFILE).startsWith("http://10.77.0.1/boot.ipxe?mac="), again.optionString(DhcpOption.BOOTFILE));
    }

    @Test
    void bootItemsThatAreNotOursOrNotInTheMenuAreNotAnsweredAndSayWhy() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket rom = request("bios-ipxe-e1000-direct", 0);
        record Case(byte[] v43, String note) {}
        for (Case c : List.of(
                new Case(bytes(71, 4, 0x80, 0x02, 0, 0, 255), "boot item 0x8002 'WDS' is served by 10.77.0.9, not by us"),
                new Case(bytes(71, 4, 0, 0, 0, 0, 255), "boot item 0x0000 'Local disk' is the local disk: nothing to serve"),
                new Case(bytes(71, 4, 0x80, 0x04, 0, 0, 255), "boot item 0x8004 is not in the firmware menu for BIOS"),
                new Case(bytes(71, 4, 0x80, 0x01, 0, 1, 255), "boot item 0x8001 'Boot iPXE': layer 1 asked for, only layer 0 is served"),
                new Case(bytes(71, 4, 0x80, 0x01, 0x80, 0, 255), "boot item 0x8001 'Boot iPXE': layer 0 with credentials (BIS) asked for, only layer 0 is served"))) {
            Answer a = r.answer(bootItemRequest(rom, c.v43()), BENCH, from4011());
            assertEquals(Outcome.SILENT, a.outcome(), c.note());
            assertNull(a.reply());
            assertEquals(c.note(), onlyEvent(a).note());
        }
        // none of these was a choice: the iPXE ROM still gets the menu
        assertArrayEquals(BIOS_43, r.answer(rom, BENCH, BROADCAST_67).reply().option(DhcpOption.VENDOR_SPECIFIC));
    }

    @Test
    void malformedOption43OnPort4011IsLoggedAndNotAnswered() throws Exception {
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket rom = request("bios-ipxe-e1000-direct", 0);
        record Case(byte[] v43, String note) {}
        for (Case c : List.of(
                new Case(bytes(71, 3, 0x80, 0x01, 0), "malformed option 43: sub-option 71 (boot item) is 3 bytes, not 4"),
                new Case(bytes(71, 4, 0x80, 0x01), "malformed option 43: sub-option 71 (4 bytes) runs past the end of the option"),
                new Case(bytes(6, 1, 3, 71), "malformed option 43: sub-option 71 has no length byte"),
                new Case(bytes(71, 200, 1, 2, 3, 4), "malformed option 43: sub-option 71 (200 bytes) runs past the end of the option"))) {
            Answer a = r.answer(bootItemRequest(rom, c.v43()), BENCH, from4011());
            assertEquals(Outcome.SILENT, a.outcome());
            assertEquals(c.note(), onlyEvent(a).note());
        }
        // pads and other sub-options around 71 are fine; 43 without 71 is a plain ProxyDHCP request
        Answer ok = r.answer(bootItemRequest(rom, bytes(0, 6, 1, 3, 0, 71, 4, 0x80, 0x01, 0, 0)), BENCH, from4011());
        assertEquals("undionly.kpxe", ok.reply().file);
        Answer plain = r.answer(bootItemRequest(rom, bytes(6, 1, 3, 255)), BENCH, from4011());
        assertEquals(DhcpOption.ACK, plain.reply().messageType());
        // every byte string as 43 on 4011: an answer or a refusal, never an exception
        java.util.Random rnd = new java.util.Random(23);
        for (int i = 0; i < 2000; i++) {
            byte[] v = new byte[rnd.nextInt(12)];
            rnd.nextBytes(v);
            if (rnd.nextBoolean() && v.length > 1) v[0] = 71;
            Answer x = r.answer(bootItemRequest(rom, v), BENCH, from4011());
            assertEquals(1, x.events().size());
        }
    }

    @Test
    void clientsTheMenuIsNotForKeepTheirBootProgram() throws Exception {
        // only BIOS items: OVMF gets ipxe.efi and discovery control 8, as without a menu
        settings.pxeMenu.items.removeIf(i -> i.system.equals("x64"));
        DhcpResponder r = responder(DhcpMode.FULL);
        DhcpPacket o = r.answer(request("uefi-ipxe-virtio-fwpxe", 0), BENCH, BROADCAST_67).reply();
        assertEquals("ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertArrayEquals(bytes(6, 1, 8, 255), o.option(DhcpOption.VENDOR_SPECIFIC));
        // a UEFI HTTP Boot client reads no PXE menu
        settings.pxeMenu.items.add(new Settings.PxeItem("x64", "iPXE EFI", "ipxe.efi", null, null, null));
        r = responder(DhcpMode.FULL);
        DhcpPacket h = r.answer(DhcpResponderTest.ovmfHttpBootDiscover(), BENCH, BROADCAST_67).reply();
        assertEquals("HTTPClient", h.optionString(DhcpOption.VENDOR_CLASS));
        assertNull(h.option(DhcpOption.VENDOR_SPECIFIC));
        // a client with its own boot file keeps it
        Settings.Host host = new Settings.Host();
        host.bootFile = "pxelinux.0";
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        settings.hosts.put(fw.mac().toString().toLowerCase(java.util.Locale.ROOT), host);
        r = responder(DhcpMode.FULL);
        DhcpPacket p = r.answer(fw, BENCH, BROADCAST_67).reply();
        assertEquals("pxelinux.0", p.optionString(DhcpOption.BOOTFILE));
        assertArrayEquals(bytes(6, 1, 8, 255), p.option(DhcpOption.VENDOR_SPECIFIC));
        // a plain client (no PXE) gets its address only
        DhcpPacket plain = r.answer(request("plain-clients", 0), BENCH, BROADCAST_67).reply();
        assertNull(plain.option(DhcpOption.VENDOR_SPECIFIC));
    }

    @Test
    void aRequestForABootItemWithoutAMenuIsNotAnswered() throws Exception {
        settings.pxeMenu = null;
        DhcpResponder r = responder(DhcpMode.PROXY);
        Answer a = r.answer(bootItemRequest(request("bios-ipxe-e1000-direct", 0), bytes(71, 4, 0x80, 0x01, 0, 0, 255)), BENCH, from4011());
        assertEquals(Outcome.SILENT, a.outcome());
        assertEquals("boot item 0x8001 asked for, but no firmware menu is set", onlyEvent(a).note());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
