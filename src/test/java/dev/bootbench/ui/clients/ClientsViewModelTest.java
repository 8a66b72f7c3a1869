package dev.bootbench.ui.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.clients.BootSessions;
import dev.bootbench.clients.Stage;
import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.DhcpMessageType;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.Widgets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The boot monitor showing the engine's boot sessions: real engine events go into {@link BootSessions},
 * the view model applies the sessions on its ticks, on a clock the test moves (the events carry the
 * same clock's time).
 */
class ClientsViewModelTest {
    private static final MacAddress QEMU = MacAddress.parse("52:54:00:12:34:56");
    private static final String ADDR = "10.77.0.100";
    /** What the DHCP server gives iPXE: its script. */
    private static final String SCRIPT_URL = "http://10.77.0.1/boot.ipxe";

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ClientsViewModel vm = new ClientsViewModel(null, clock::get);
    private final BootSessions sessions = new BootSessions(ClientDirectory.NONE);
    private final List<String> notices = new ArrayList<>();
    private long ids = 100;

    ClientsViewModelTest() {
        vm.setNotifier((t, x, failure) -> notices.add(t + ": " + x));
        vm.attachSessions(sessions);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.get());
    }

    private void advance(long ms) {
        clock.addAndGet(ms);
    }

    /** The next sessions tick: the changed sessions are applied to the rows. */
    private void show() {
        advance(ClientsViewModel.SESSION_MILLIS);
        vm.tick();
    }

    /** A DHCP exchange as the server publishes it: the firmware's (given ipxe.efi) or, with iPXE's info, iPXE's (given its script). */
    private void dhcp(MacAddress mac, DhcpMessageType req, DhcpMessageType reply, IpxeInfo ipxe, String addr) {
        sessions.accept(new DhcpEvent(now(), "eth1", mac, 1, req, reply, Firmware.UEFI_X64, "PXEClient:Arch:00007", ipxe != null ? "iPXE" : null,
                ipxe, addr == null ? null : Ipv4.parse(addr), ipxe != null ? SCRIPT_URL : "ipxe.efi", false, null));
    }

    private Transfer transferOf(MacAddress mac, String addr, Transfer.Protocol p, String file, long size) {
        boolean tftp = p == Transfer.Protocol.TFTP;
        return new Transfer(ids++, p, new InetSocketAddress(Ipv4.parse(addr), 2000), mac, file, size, 0, size, tftp ? 1468 : 0, tftp ? 1 : 0, "");
    }

    /** Starts a transfer from {@link #ADDR} and reports its progress, 100 ms apart. */
    private Transfer transfer(MacAddress mac, Transfer.Protocol p, String file, long size, long... progress) {
        Transfer t = transferOf(mac, ADDR, p, file, size);
        sessions.accept(new TransferStarted(now(), t));
        for (long b : progress) {
            advance(100);
            sessions.accept(new TransferProgress(now(), t, b));
        }
        return t;
    }

    private void finishOk(Transfer t) {
        sessions.accept(new TransferFinished(now(), t, Outcome.OK, t.size(), Duration.ofMillis(100), null));
    }

    /** A file the server does not have: only the finish is published, as the TFTP and HTTP servers do. */
    private void notFound(MacAddress mac, String addr, Transfer.Protocol p, String file) {
        sessions.accept(new TransferFinished(now(), transferOf(mac, addr, p, file, -1), Outcome.NOT_FOUND, 0, Duration.ZERO, "no such file"));
    }

    @Test
    void aWholeBootGoesThroughTheStagesWithATimeline() {
        long start = clock.get();
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertNotNull(r);
        assertEquals("QEMU/KVM", r.vendorProperty().get());
        assertEquals("UEFI x64", r.firmwareProperty().get());
        assertEquals(Stage.DHCP, r.getStage());
        assertEquals(ADDR, r.addressProperty().get());

        Transfer boot = transfer(QEMU, Transfer.Protocol.TFTP, "ipxe.efi", 1_000_000, 500_000);
        show();
        assertEquals(Stage.BOOT_PROGRAM, r.getStage());
        assertEquals("ipxe.efi", r.fileProperty().get());
        assertEquals(0.5, r.progressProperty().get(), 1e-9);
        finishOk(boot);
        long bootDoneAt = clock.get() - start;
        show();
        assertEquals(1.0, r.progressProperty().get(), 1e-9);

        advance(200);
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, new IpxeInfo("1.21.1", null, Map.of("http", 1, "efi", 1, "iscsi", 0)), ADDR);
        show();
        assertEquals(Stage.IPXE_DHCP, r.getStage());
        assertEquals("1.21.1", r.ipxeProperty().get());
        assertEquals("efi http", r.ipxeFeaturesProperty().get(), "what it has, in name order; not iscsi, which it says it lacks");

        Transfer script = transfer(QEMU, Transfer.Protocol.HTTP, "boot.ipxe", 400);
        finishOk(script);
        show();
        assertEquals(Stage.SCRIPT, r.getStage());
        Transfer kernel = transfer(QEMU, Transfer.Protocol.HTTP, "debian/linux", 8_000_000, 4_000_000);
        show();
        assertEquals(Stage.KERNEL, r.getStage());
        assertEquals("debian/linux", r.fileProperty().get());
        finishOk(kernel);
        Transfer initrd = transfer(QEMU, Transfer.Protocol.HTTP, "debian/initrd.gz", 30_000_000, 10_000_000, 20_000_000);
        show();
        assertEquals(Stage.INITRD, r.getStage());
        assertEquals(2 / 3.0, r.progressProperty().get(), 1e-9);
        finishOk(initrd);
        show();
        assertEquals(Stage.INITRD, r.getStage(), "every file fetched: that it boots is the script's word (its beacon)");
        assertTrue(notices.isEmpty(), notices.toString());
        sessions.accept(new StageBeacon(now(), QEMU, "booting", Ipv4.parse(ADDR)));
        long bootedAt = clock.get() - start;
        show();
        assertEquals(Stage.BOOTING, r.getStage());

        List<String> kinds = r.timeline().stream().map(TimelineEntry::kind).toList();
        assertEquals(List.of("dhcp", "stage", "tftp", "stage", "tftp", "dhcp", "stage", "http", "stage", "http",
                "http", "stage", "http", "http", "stage", "http", "beacon", "stage"), kinds);
        TimelineEntry bootDone = r.timeline().get(4);
        assertTrue(bootDone.text().startsWith("TFTP ipxe.efi ok"), bootDone.text());
        assertEquals(bootDoneAt, bootDone.offsetMillis(), "offsets from the boot's first DHCP, by the events' time");
        assertTrue(r.timeline().stream().noneMatch(TimelineEntry::problem), "a clean boot has no problem in its timeline");
        assertEquals(4, r.transfers().size());
        assertTrue(r.transfers().stream().allMatch(t -> t.finished() && "OK".equals(t.outcomeProperty().get())));
        advance(1000);
        vm.tick();
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("Client booting: 52:54:00:12:34:56 (QEMU/KVM) is booting, " + Widgets.elapsed(bootedAt) + " after its first DHCP message", notices.get(0));
    }

    @Test
    void aMissingKernelFailsTheBootButAPxelinuxProbeDoesNot() {
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        notFound(QEMU, ADDR, Transfer.Protocol.TFTP, "pxelinux.cfg/01-52-54-00-12-34-56");
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertEquals(Stage.DHCP, r.getStage());
        TimelineEntry probe = r.timeline().get(r.timeline().size() - 1);
        assertEquals("TFTP pxelinux.cfg/01-52-54-00-12-34-56 not found", probe.text());
        assertTrue(probe.problem());
        notFound(QEMU, ADDR, Transfer.Protocol.HTTP, "debian/vmlinuz");
        show();
        assertEquals(Stage.FAILED, r.getStage());
        assertTrue(r.timeline().get(r.timeline().size() - 1).problem());
        advance(1000);
        vm.tick();
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("Client failed: 52:54:00:12:34:56 (QEMU/KVM) failed: debian/vmlinuz: no such file", notices.get(0));
    }

    @Test
    void aFailedRowSaysWhyAndCountsTheFailuresInARow() {
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        notFound(QEMU, ADDR, Transfer.Protocol.HTTP, "debian/vmlinuz");
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertEquals("✖  failed", r.stageProperty().get().text());
        assertEquals("debian/vmlinuz: no such file", r.failureProperty().get());
        assertEquals("Failed: debian/vmlinuz: no such file", ClientsView.rowHint(r));
        notFound(QEMU, ADDR, Transfer.Protocol.HTTP, "debian/vmlinuz");
        show();
        assertEquals("✖  failed", r.stageProperty().get().text(), "the same missing file again, before the client tried anything new");
        transfer(QEMU, Transfer.Protocol.HTTP, "debian/initrd.gz", 100);
        show();
        assertEquals("▦  initrd · retry 1", r.stageProperty().get().text());
        notFound(QEMU, ADDR, Transfer.Protocol.HTTP, "debian/initrd.gz");
        show();
        assertEquals("✖  failed ×2", r.stageProperty().get().text());
        assertTrue(ClientsView.rowHint(r).startsWith("Failed 2 times in a row: debian/initrd.gz"), ClientsView.rowHint(r));
        advance(1000);
        vm.tick();
        assertEquals(2, notices.size(), "each failure is news: " + notices);
    }

    @Test
    void rowsOfRequestsWithoutDhcpAreSetApartAndGoWithClearInactive() {
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        Transfer browser = transferOf(MacAddress.parse("52:54:00:ab:cd:ef"), "127.0.0.1", Transfer.Protocol.HTTP, "boot.ipxe", 900);
        sessions.accept(new TransferStarted(now(), browser));
        show();
        ClientRow b = vm.find("52:54:00:ab:cd:ef");
        assertEquals(ClientRow.Unverified.THIS_COMPUTER, b.getUnverified());
        assertEquals("this computer", b.unverifiedProperty().get());
        assertTrue(ClientsView.rowHint(b).startsWith("Requests from this computer (a browser or curl)"), ClientsView.rowHint(b));
        assertEquals(ClientRow.Unverified.NO, vm.find(QEMU.toString()).getUnverified());
        assertEquals("", vm.find(QEMU.toString()).unverifiedProperty().get());
        assertEquals(null, ClientsView.rowHint(vm.find(QEMU.toString())));
        advance(500);
        vm.tick();
        assertEquals(1, vm.bootingProperty().get(), "only the machine counts as booting now");
        assertEquals(0, vm.clearStale(), "not while its request runs");
        sessions.accept(new TransferFinished(now(), browser, Outcome.OK, 900, Duration.ofMillis(5), null));
        show();
        assertEquals(1, vm.clearStale());
        assertEquals(List.of(QEMU.toString()), vm.rows().stream().map(ClientRow::mac).toList());
    }

    @Test
    void ratesComeFromTheBytesBetweenSamples() {
        Transfer t = transfer(QEMU, Transfer.Protocol.HTTP, "initrd.img", 10_000_000);
        vm.tick();
        ClientRow r = vm.find(QEMU.toString());
        assertNotNull(r, "a transfer with its MAC makes the client's row, no DHCP needed");
        advance(500);
        sessions.accept(new TransferProgress(now(), t, 1_000_000));
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
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        show();
        long qemuSeen = clock.get();
        advance(ClientsViewModel.STALE_MILLIS / 2);
        dhcp(other, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, "10.77.0.101");
        show();
        clock.set(qemuSeen + ClientsViewModel.STALE_MILLIS);
        vm.tick();
        assertTrue(vm.find(QEMU.toString()).staleProperty().get());
        assertFalse(vm.find(other.toString()).staleProperty().get());
        assertEquals(1, vm.clearStale());
        assertEquals(1, vm.rows().size());
        assertEquals("VirtualBox", vm.rows().get(0).vendorProperty().get());
    }

    @Test
    void aClientKnownOnlyByAddressGetsItsMacLater() {
        Transfer t = transfer(null, Transfer.Protocol.HTTP, "vmlinuz", 100);
        show();
        assertEquals(1, vm.rows().size());
        assertEquals("?", vm.rows().get(0).mac());
        assertEquals(ADDR, vm.rows().get(0).addressProperty().get());
        finishOk(t);
        dhcp(QEMU, DhcpMessageType.REQUEST, DhcpMessageType.ACK, null, ADDR);
        show();
        assertEquals(1, vm.rows().size());
        assertEquals(QEMU.toString(), vm.rows().get(0).mac());
        assertSame(vm.rows().get(0), vm.find(ADDR));
        assertEquals("QEMU/KVM", vm.rows().get(0).vendorProperty().get());
    }

    @Test
    void aClientWhoseAddressTheLeasesKnowIsShownByItsMacAtOnce() {
        // the app's sessions ask the engine's leases (a ClientDirectory) for the MAC of an address
        BootSessions withLeases = new BootSessions(a -> a.equals(Ipv4.parse(ADDR)) ? Optional.of(QEMU) : Optional.empty());
        ClientsViewModel leased = new ClientsViewModel(null, clock::get);
        leased.attachSessions(withLeases);
        withLeases.accept(new TransferStarted(now(), transferOf(null, ADDR, Transfer.Protocol.TFTP, "undionly.kpxe", 70_000)));
        withLeases.accept(new TransferStarted(now(), transferOf(null, "10.77.0.101", Transfer.Protocol.TFTP, "undionly.kpxe", 70_000)));
        assertTrue(leased.drainSessions());
        assertEquals(List.of(QEMU.toString(), "?"), leased.rows().stream().map(ClientRow::mac).toList());
        assertEquals(Stage.BOOT_PROGRAM, leased.find(QEMU.toString()).getStage());
        assertEquals("10.77.0.101", leased.rows().get(1).addressProperty().get());
    }

    @Test
    void aNewDiscoverAfterABootStartsAFreshTimeline() {
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        notFound(QEMU, ADDR, Transfer.Protocol.HTTP, "vmlinuz");
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertEquals(Stage.FAILED, r.getStage());
        assertEquals(1, r.transfers().size());
        advance(60_000);
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        show();
        assertSame(r, vm.find(QEMU.toString()), "the same row");
        assertEquals(1, vm.rows().size());
        assertEquals(Stage.DHCP, r.getStage());
        assertEquals(List.of("dhcp", "stage"), r.timeline().stream().map(TimelineEntry::kind).toList(), "the new boot's DHCP and its stage only");
        assertTrue(r.timeline().get(0).text().startsWith("DISCOVER -> OFFER"), r.timeline().get(0).text());
        assertTrue(r.timeline().stream().allMatch(e -> e.offsetMillis() == 0), "offsets from the new boot's start");
        assertTrue(r.transfers().isEmpty());
        assertEquals("", r.fileProperty().get());
    }

    @Test
    void manyFinishesAtOnceMakeOneSummaryNotice() {
        for (int i = 0; i < 10; i++) {
            MacAddress m = MacAddress.parse(String.format("52:54:00:00:00:%02x", i));
            dhcp(m, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, null);
            notFound(m, "10.77.0." + (10 + i), Transfer.Protocol.HTTP, "vmlinuz");
        }
        show();
        assertEquals(10, vm.rows().size());
        assertTrue(vm.rows().stream().allMatch(r -> r.getStage() == Stage.FAILED));
        advance(1000);
        vm.tick();
        assertEquals(List.of("Clients: 0 clients booting, 10 failed"), notices);
    }

    @Test
    void theFilterMatchesMacVendorAddressFirmwareAndFile() {
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        transfer(QEMU, Transfer.Protocol.TFTP, "ipxe.efi", 1_000_000);
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertTrue(ClientsView.matches(r, "52:54:00:12"));
        assertTrue(ClientsView.matches(r, "qemu"));
        assertTrue(ClientsView.matches(r, ADDR));
        assertTrue(ClientsView.matches(r, "uefi x64"));
        assertTrue(ClientsView.matches(r, "ipxe.efi"));
        assertFalse(ClientsView.matches(r, "vmware"));
    }

    @Test
    void sessionsBeyondADrainsTimeFollowOnTheNextPulsesOldestFirstAndNewestSnapshotOnly() {
        int[] agains = {0};
        vm.setBudget(() -> true, () -> agains[0]++); // every drain is out of time at once: one session each
        List<MacAddress> macs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MacAddress m = MacAddress.parse(String.format("52:54:00:00:01:%02x", i));
            macs.add(m);
            sessions.accept(new DhcpEvent(now(), "eth1", m, 1, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.BIOS, "PXEClient:Arch:00000", null, null,
                    Ipv4.parse("10.77.0." + (100 + i)), "undionly.kpxe", false, null));
        }
        // the first client goes on while it waits: its newer snapshot replaces the waiting one
        sessions.accept(new DhcpEvent(now(), "eth1", macs.get(0), 1, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, "PXEClient:Arch:00007", "iPXE",
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

    @Test
    void aUefiHttpBootClientIsNamedSoAndItsProgramOverHttpIsItsBootProgram() {
        String url = "http://10.77.0.1/ipxe.efi";
        sessions.accept(new DhcpEvent(now(), "eth1", QEMU, 1, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64_HTTP,
                "HTTPClient:Arch:00016:UNDI:003000", null, null, Ipv4.parse(ADDR), url, false, null));
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertNotNull(r);
        assertEquals("UEFI HTTP Boot x64", r.firmwareProperty().get());
        assertEquals(Stage.DHCP, r.getStage());
        finishOk(transfer(QEMU, Transfer.Protocol.HTTP, "ipxe.efi", 1_000_000, 500_000));
        show();
        assertEquals(Stage.BOOT_PROGRAM, r.getStage());
        // the iPXE it loaded does not rename the firmware
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, new IpxeInfo("1.21.1", null, java.util.Map.of()), ADDR);
        show();
        assertEquals(Stage.IPXE_DHCP, r.getStage());
        assertEquals("UEFI HTTP Boot x64", r.firmwareProperty().get());
    }

    @Test
    void aUefiClientSilentAfterLoadingIpxeIsAdvisedToTakeTheSecureBootPath() {
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, null, ADDR);
        dhcp(QEMU, DhcpMessageType.REQUEST, DhcpMessageType.ACK, null, ADDR);
        finishOk(transfer(QEMU, Transfer.Protocol.TFTP, "ipxe.efi", 1_000_000, 500_000));
        show();
        ClientRow r = vm.find(QEMU.toString());
        assertEquals("", r.adviceProperty().get(), "iPXE was loaded just now");
        assertEquals("iPXE", r.pathProperty().get());
        advance(dev.bootbench.clients.BootSession.SILENCE.toMillis() - 1000);
        vm.tick();
        assertEquals("", r.adviceProperty().get(), "under emulation iPXE may take a while");
        advance(2000);
        vm.tick();
        assertEquals(dev.bootbench.clients.BootSession.SECURE_BOOT_HINT, r.adviceProperty().get(), "silent for a minute: no event needed to say so");
        assertTrue(ClientsView.rowHint(r).contains("Secure Boot may have refused ipxe.efi — use the Secure Boot path"), ClientsView.rowHint(r));
        // iPXE speaks after all: the advice goes
        dhcp(QEMU, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, new IpxeInfo("1.21.1", null, Map.of("efi", 1)), ADDR);
        show();
        assertEquals("", r.adviceProperty().get());
    }
}
