package dev.bootbench.ui.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The boot monitor's folding of events, on a clock the test moves. */
class ClientsViewModelTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ClientsViewModel vm = new ClientsViewModel(null, clock::get);
    private final List<String> notices = new ArrayList<>();
    private static final MacAddress QEMU = MacAddress.parse("52:54:00:12:34:56");
    private long ids = 100;

    ClientsViewModelTest() {
        vm.setNotifier((t, x) -> notices.add(t + ": " + x));
    }

    private void dhcp(MacAddress mac, String req, String reply, IpxeInfo ipxe, String addr) {
        vm.onDhcp(new DhcpEvent(Instant.now(), "eth1", mac, 1, req, reply, Firmware.UEFI_X64, "PXEClient:Arch:00007", ipxe != null ? "iPXE" : null,
                ipxe, addr == null ? null : Ipv4.parse(addr), "ipxe.efi", false, null));
    }

    private long transfer(MacAddress mac, String proto, String file, long size, long... progress) {
        long id = ids++;
        vm.onTransfer(new TransferUpdate(Instant.now(), id, proto, mac, "10.77.0.100", file, size, 0, TransferUpdate.Phase.STARTED, null, null));
        for (long p : progress) {
            advance(100);
            vm.onTransfer(new TransferUpdate(Instant.now(), id, proto, mac, "10.77.0.100", file, size, p, TransferUpdate.Phase.PROGRESS, null, null));
        }
        return id;
    }

    private void finish(long id, MacAddress mac, String proto, String file, long size, String outcome) {
        vm.onTransfer(new TransferUpdate(Instant.now(), id, proto, mac, "10.77.0.100", file, size, "OK".equals(outcome) ? size : 0,
                TransferUpdate.Phase.FINISHED, outcome, null));
    }

    private void advance(long ms) {
        clock.addAndGet(ms);
    }

    @Test
    void aWholeBootGoesThroughTheStagesWithATimeline() {
        dhcp(QEMU, "DISCOVER", "OFFER", null, "10.77.0.100");
        ClientRow r = vm.find(QEMU.toString());
        assertNotNull(r);
        assertEquals("QEMU/KVM", r.vendorProperty().get());
        assertEquals("UEFI x64", r.firmwareProperty().get());
        assertEquals(BootStage.DHCP, r.getStage());
        assertEquals("10.77.0.100", r.addressProperty().get());

        long boot = transfer(QEMU, "TFTP", "ipxe.efi", 1_000_000, 500_000);
        assertEquals(BootStage.BOOT_PROGRAM, r.getStage());
        assertEquals("ipxe.efi", r.fileProperty().get());
        assertEquals(0.5, r.progressProperty().get(), 1e-9);
        finish(boot, QEMU, "TFTP", "ipxe.efi", 1_000_000, "OK");
        assertEquals(1.0, r.progressProperty().get(), 1e-9);

        advance(200);
        dhcp(QEMU, "DISCOVER", "OFFER", new IpxeInfo("1.21.1", null, Map.of("http", 1, "efi", 1, "iscsi", 0)), "10.77.0.100");
        assertEquals(BootStage.IPXE_DHCP, r.getStage());
        assertEquals("1.21.1  efi http", r.ipxeProperty().get());

        long script = transfer(QEMU, "HTTP", "boot.ipxe", 400);
        finish(script, QEMU, "HTTP", "boot.ipxe", 400, "OK");
        assertEquals(BootStage.SCRIPT, r.getStage());
        long kernel = transfer(QEMU, "HTTP", "debian/linux", 8_000_000, 4_000_000);
        assertEquals(BootStage.KERNEL, r.getStage());
        finish(kernel, QEMU, "HTTP", "debian/linux", 8_000_000, "OK");
        long initrd = transfer(QEMU, "HTTP", "debian/initrd.gz", 30_000_000, 10_000_000, 20_000_000);
        assertEquals(BootStage.INITRD, r.getStage());
        assertEquals(2 / 3.0, r.progressProperty().get(), 1e-9);
        assertTrue(notices.isEmpty());
        finish(initrd, QEMU, "HTTP", "debian/initrd.gz", 30_000_000, "OK");
        assertEquals(BootStage.BOOTING, r.getStage());

        List<String> kinds = r.timeline().stream().map(TimelineEntry::kind).toList();
        assertEquals(List.of("dhcp", "tftp", "tftp", "ipxe dhcp", "http", "http", "http", "http", "http", "http", "stage"), kinds);
        assertTrue(r.timeline().get(2).text().contains("done"));
        assertTrue(r.timeline().get(2).offsetMillis() >= 100);
        assertEquals(4, r.transfers().size());
        advance(1000);
        vm.tick();
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("Client booting"), notices.get(0));
    }

    @Test
    void aMissingKernelFailsTheBootButAPxelinuxProbeDoesNot() {
        dhcp(QEMU, "DISCOVER", "OFFER", null, "10.77.0.100");
        ClientRow r = vm.find(QEMU.toString());
        finish(ids++, QEMU, "TFTP", "pxelinux.cfg/01-52-54-00-12-34-56", -1, "NOT_FOUND");
        assertEquals(BootStage.DHCP, r.getStage());
        assertTrue(r.timeline().get(r.timeline().size() - 1).problem());
        finish(ids++, QEMU, "HTTP", "debian/vmlinuz", -1, "NOT_FOUND");
        assertEquals(BootStage.FAILED, r.getStage());
        advance(1000);
        vm.tick();
        assertTrue(notices.get(0).startsWith("Client failed"), notices.toString());
        assertTrue(notices.get(0).contains("vmlinuz not found"), notices.toString());
    }

    @Test
    void ratesComeFromTheBytesBetweenSamples() {
        long id = transfer(QEMU, "HTTP", "initrd.img", 10_000_000);
        ClientRow r = vm.find(QEMU.toString());
        vm.tick();
        advance(500);
        vm.onTransfer(new TransferUpdate(Instant.now(), id, "HTTP", QEMU, "10.77.0.100", "initrd.img", 10_000_000, 1_000_000, TransferUpdate.Phase.PROGRESS, null, null));
        vm.tick();
        assertEquals(2_000_000, r.rateProperty().get(), 1);
        assertEquals(2_000_000, vm.totalRateProperty().get(), 1);
        assertEquals(2_000_000, r.transfers().get(0).rateProperty().get(), 1);
        assertEquals(1, vm.bootingProperty().get());
        advance(500);
        vm.tick();
        assertEquals(0, r.rateProperty().get(), 1);
        assertTrue(r.transfers().get(0).samples().length >= 2);
        assertFalse(vm.throughput().isEmpty());
    }

    @Test
    void quietClientsFadeAndCanBeCleared() {
        MacAddress other = MacAddress.parse("08:00:27:00:00:01");
        dhcp(QEMU, "DISCOVER", "OFFER", null, "10.77.0.100");
        advance(ClientsViewModel.STALE_MILLIS / 2);
        dhcp(other, "DISCOVER", "OFFER", null, "10.77.0.101");
        advance(ClientsViewModel.STALE_MILLIS / 2 + 1);
        vm.tick();
        assertTrue(vm.find(QEMU.toString()).staleProperty().get());
        assertFalse(vm.find(other.toString()).staleProperty().get());
        assertEquals(1, vm.clearStale());
        assertEquals(1, vm.rows().size());
        assertEquals("VirtualBox", vm.rows().get(0).vendorProperty().get());
    }

    @Test
    void aClientKnownOnlyByAddressGetsItsMacLater() {
        long id = transfer(null, "HTTP", "vmlinuz", 100);
        assertEquals("?", vm.rows().get(0).mac());
        finish(id, null, "HTTP", "vmlinuz", 100, "OK");
        dhcp(QEMU, "REQUEST", "ACK", null, "10.77.0.100");
        assertEquals(1, vm.rows().size());
        assertEquals(QEMU.toString(), vm.rows().get(0).mac());
    }

    @Test
    void aNewDiscoverAfterABootStartsAFreshTimeline() {
        dhcp(QEMU, "DISCOVER", "OFFER", null, "10.77.0.100");
        finish(ids++, QEMU, "HTTP", "vmlinuz", -1, "NOT_FOUND");
        ClientRow r = vm.find(QEMU.toString());
        assertEquals(BootStage.FAILED, r.getStage());
        advance(60_000);
        dhcp(QEMU, "DISCOVER", "OFFER", null, "10.77.0.100");
        assertEquals(BootStage.DHCP, r.getStage());
        assertEquals(1, r.timeline().size());
        assertEquals(0, r.timeline().get(0).offsetMillis());
        assertTrue(r.transfers().isEmpty());
    }

    @Test
    void manyFinishesAtOnceMakeOneSummaryNotice() {
        for (int i = 0; i < 10; i++) {
            MacAddress m = MacAddress.parse(String.format("52:54:00:00:00:%02x", i));
            dhcp(m, "DISCOVER", "OFFER", null, null);
            finish(ids++, m, "HTTP", "vmlinuz", -1, "NOT_FOUND");
        }
        advance(1000);
        vm.tick();
        assertEquals(List.of("Clients: 0 clients booting, 10 failed"), notices);
    }

    @Test
    void theFilterMatchesMacVendorAddressAndFile() {
        dhcp(QEMU, "DISCOVER", "OFFER", null, "10.77.0.100");
        ClientRow r = vm.find(QEMU.toString());
        assertTrue(ClientsView.matches(r, "52:54:00:12"));
        assertTrue(ClientsView.matches(r, "qemu"));
        assertTrue(ClientsView.matches(r, "10.77.0.100"));
        assertTrue(ClientsView.matches(r, "uefi x64"));
        assertFalse(ClientsView.matches(r, "vmware"));
    }

    @Test
    void stagesFromFileNames() {
        assertEquals(BootStage.BOOT_PROGRAM, BootStage.forFile("undionly.kpxe"));
        assertEquals(BootStage.BOOT_PROGRAM, BootStage.forFile("pxelinux.0"));
        assertEquals(BootStage.SCRIPT, BootStage.forFile("pxelinux.cfg/default"));
        assertEquals(BootStage.SCRIPT, BootStage.forFile("boot.ipxe"));
        assertEquals(BootStage.KERNEL, BootStage.forFile("ubuntu/casper/vmlinuz"));
        assertEquals(BootStage.INITRD, BootStage.forFile("ubuntu/casper/initrd"));
        assertEquals(BootStage.INITRD, BootStage.forFile("images/initramfs-6.1.img"));
        assertEquals(null, BootStage.forFile("ldlinux.c32"));
    }

    @Test
    void sessionsBeyondADrainsTimeFollowOnTheNextPulsesOldestFirstAndNewestSnapshotOnly() {
        dev.bootbench.clients.BootSessions sessions = new dev.bootbench.clients.BootSessions(dev.bootbench.engine.ClientDirectory.NONE);
        vm.attachSessions(sessions);
        int[] agains = {0};
        vm.setBudget(() -> true, () -> agains[0]++); // every drain is out of time at once: one session each
        List<MacAddress> macs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MacAddress m = MacAddress.parse(String.format("52:54:00:00:01:%02x", i));
            macs.add(m);
            sessions.accept(new DhcpEvent(Instant.now(), "eth1", m, 1, "DISCOVER", "OFFER", Firmware.BIOS, "PXEClient:Arch:00000", null, null,
                    Ipv4.parse("10.77.0." + (100 + i)), "undionly.kpxe", false, null));
        }
        // the first client goes on while it waits: its newer snapshot replaces the waiting one
        sessions.accept(new DhcpEvent(Instant.now(), "eth1", macs.get(0), 1, "DISCOVER", "OFFER", Firmware.UEFI_X64, "PXEClient:Arch:00007", "iPXE",
                new IpxeInfo("1.21.1", null, Map.of()), Ipv4.parse("10.77.0.100"), "ipxe.efi", false, null));
        List<String> seen = new ArrayList<>();
        for (int drain = 1; drain <= 4; drain++) {
            boolean done = vm.drainSessions();
            assertEquals(drain == 4, done, "drain " + drain);
            assertEquals(drain, vm.rows().size(), "one session per drain");
            seen.add(vm.rows().get(drain - 1).mac());
        }
        assertEquals(macs.stream().map(MacAddress::toString).toList(), seen, "oldest session first");
        assertEquals(3, agains[0], "asked for the next pulse while sessions were left");
        assertTrue(vm.find(macs.get(0).toString()).ipxeProperty().get().startsWith("1.21.1"), "the newest snapshot of the first client, not the one that waited");
        assertTrue(vm.drainSessions(), "nothing left");
        assertEquals(3, agains[0]);
    }
}
