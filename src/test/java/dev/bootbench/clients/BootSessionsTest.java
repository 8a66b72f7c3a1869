package dev.bootbench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.bootbench.engine.http.ApiJson;
import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Session folding, fed with event sequences as the servers publish them for real boots. */
class BootSessionsTest {
    static final MacAddress MAC = MacAddress.parse("52:54:00:77:00:10");
    static final InetAddress IP = addr("10.77.0.100");
    static final IpxeInfo IPXE = new IpxeInfo("1.21.1", null, Map.of("http", 1, "efi", 0));
    final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    long ms;
    long transferIds = 1000;
    BootSessions sessions = new BootSessions(ClientDirectory.NONE);
    List<BootSession.StageReached> logged = new ArrayList<>();

    BootSessionsTest() {
        sessions.addListener(new SessionListener() {
            @Override public void sessionChanged(BootSession s) {}

            @Override public void stageReached(BootSession s, BootSession.StageReached st) {
                logged.add(st);
            }
        });
        sessions.addListener(new SessionLogger());
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Instant t() {
        return t0.plusMillis(ms += 100);
    }

    void dhcp(MacAddress mac, DhcpMessageType req, DhcpMessageType reply, boolean ipxe, String bootFile) {
        sessions.accept(new DhcpEvent(t(), "bench0", mac, 42, req, reply, ipxe ? Firmware.UEFI_X64 : Firmware.BIOS,
                ipxe ? "PXEClient:Arch:00000" : "PXEClient:Arch:00000:UNDI:002001", ipxe ? "iPXE" : null, ipxe ? IPXE : null,
                reply == null ? null : IP, bootFile, false, null));
    }

    /** A whole transfer: started, some progress, finished. */
    long transfer(Transfer.Protocol p, MacAddress mac, InetAddress ip, String file, long size, Outcome outcome, String message) {
        Transfer t = new Transfer(++transferIds, p, new InetSocketAddress(ip, 2000), mac, file, size, 0, size,
                p == Transfer.Protocol.TFTP ? 1468 : 0, p == Transfer.Protocol.TFTP ? 1 : 0, "");
        if (outcome == Outcome.OK || outcome == Outcome.FAILED || outcome == Outcome.ABORTED_AFTER_OACK) {
            sessions.accept(new TransferStarted(t(), t));
            sessions.accept(new TransferProgress(t(), t, size / 2));
        }
        sessions.accept(new TransferFinished(t(), t, outcome, outcome == Outcome.OK ? size : 0, Duration.ofMillis(500), message));
        return t.id();
    }

    BootSession only() {
        List<BootSession> all = sessions.snapshot();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    static List<Stage> stages(BootSession s) {
        return s.stages().stream().map(BootSession.StageReached::stage).toList();
    }

    void biosChainToIpxe() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, false, "undionly.kpxe");
        transfer(Transfer.Protocol.TFTP, null, IP, "undionly.kpxe", 70_000, Outcome.OK, null);
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, null, IP, "vmlinuz", 12_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, null, IP, "initrd.img", 60_000_000, Outcome.OK, null);
        sessions.accept(new StageBeacon(t(), MAC, "booting", IP));
    }

    /** The events of a DHCP exchange as the server publishes them, with every field given. */
    void dhcpRaw(DhcpMessageType req, DhcpMessageType reply, Firmware fw, String vendor, String userClass, IpxeInfo ipxe, InetAddress addr, String file, boolean proxy) {
        sessions.accept(new DhcpEvent(t(), "bench0", MAC, 7, req, reply, fw, vendor, userClass, ipxe, addr, file, proxy, null));
    }

    @Test
    void aLongTimelineKeepsItsFirstEntriesInOrderUpToTheCap() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, false, "undionly.kpxe");
        for (int i = 0; i < BootSessions.MAX_ENTRIES; i++) {
            sessions.accept(new StageBeacon(t(), MAC, "progress-" + i, IP));
        }
        BootSession s = sessions.current(MAC).orElseThrow();
        List<BootSession.TimelineEntry> tl = s.timeline();
        assertEquals(BootSessions.MAX_ENTRIES, tl.size());
        assertTrue(tl.get(0).text().startsWith("DISCOVER -> OFFER"), tl.get(0).text());
        assertEquals("stage progress-0", tl.get(3).text(), "after the two exchanges and the DHCP stage");
        assertEquals("stage progress-" + (BootSessions.MAX_ENTRIES - 4), tl.get(tl.size() - 1).text());
        for (int i = 1; i < tl.size(); i++) {
            assertTrue(tl.get(i).at().compareTo(tl.get(i - 1).at()) >= 0, "offsets never go back");
        }
        assertEquals(Duration.ofMillis(100 * (BootSessions.MAX_ENTRIES - 4 + 2)), tl.get(tl.size() - 1).at(), "offset from the first event, to the ms");
    }

    @Test
    void aStageOnlyListenerHearsStagesButNoOtherChange() {
        List<String> stagesHeard = new ArrayList<>();
        List<Long> changesHeard = new ArrayList<>();
        List<Long> everyChange = new ArrayList<>();
        sessions.addListener(new SessionListener() {
            @Override public void sessionChanged(BootSession s) {
                changesHeard.add(s.id());
            }

            @Override public void stageReached(BootSession s, BootSession.StageReached st) {
                stagesHeard.add(st.stage() + "@" + s.mac());
            }

            @Override public boolean followsEveryChange() {
                return false;
            }
        });
        sessions.addListener(s -> everyChange.add(s.id()));
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, false, "undionly.kpxe");
        transfer(Transfer.Protocol.TFTP, null, IP, "undionly.kpxe", 70_000, Outcome.OK, null);
        assertEquals(List.of("DHCP@" + MAC, "BOOT_PROGRAM@" + MAC), stagesHeard);
        assertTrue(changesHeard.isEmpty(), "no snapshot for a listener that follows stages only");
        assertEquals(5, everyChange.size(), "two DHCP exchanges and three transfer events: " + everyChange);
    }

    @Test
    void qemusIpxeRomSentToPxelinuxIsAtItsBootProgramNotAScript() {
        // the iPXE rule off: QEMU's ROM (iPXE) gets lpxelinux.0 like any PXE ROM
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.BIOS, "PXEClient:Arch:00000:UNDI:002001", "iPXE", IPXE, IP, "lpxelinux.0", false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.BIOS, "PXEClient:Arch:00000:UNDI:002001", "iPXE", IPXE, IP, "lpxelinux.0", false);
        transfer(Transfer.Protocol.TFTP, null, IP, "lpxelinux.0", 90_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "ldlinux.c32", 120_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "pxelinux.cfg/default", 300, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "vmlinuz", 8_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "initrd.img", 1_000_000, Outcome.OK, null);
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.SCRIPT, Stage.KERNEL, Stage.INITRD, Stage.BOOTING), stages(s));
        assertEquals("lpxelinux.0", s.bootFile());
    }

    @Test
    void syslinuxEfisPlainDhcpAfterTheBootProgramIsTheSameBoot() {
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003000", null, null, IP, "efi64/syslinux.efi", false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003000", null, null, IP, "efi64/syslinux.efi", false);
        transfer(Transfer.Protocol.TFTP, null, IP, "efi64/syslinux.efi", 170_000, Outcome.OK, null);
        // the firmware's own IP stack asks again, with no PXE options at all
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UNKNOWN, null, null, null, IP, null, false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.UNKNOWN, null, null, null, IP, null, false);
        transfer(Transfer.Protocol.TFTP, null, IP, "efi64/ldlinux.e64", 130_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "efi64/pxelinux.cfg/default", 300, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "efi64/vmlinuz", 8_000_000, Outcome.OK, null);
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.SCRIPT, Stage.KERNEL), stages(s));
        // but the PXE ROM asking again after its boot program is a restart
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003000", null, null, IP, "efi64/syslinux.efi", false);
        assertEquals(2, sessions.snapshot().size());
    }

    @Test
    void aUefiHttpBootIsNamedSoAndItsHttpBootProgramIsTheBootProgramStage() {
        String url = "http://10.77.0.1/ipxe.efi";
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64_HTTP, "HTTPClient:Arch:00016:UNDI:003000", null, null, IP, url, false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.UEFI_X64_HTTP, "HTTPClient:Arch:00016:UNDI:003000", null, null, IP, url, false);
        transfer(Transfer.Protocol.HTTP, null, IP, "ipxe.efi", 850_000, Outcome.OK, null);
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003010", "iPXE", IPXE, IP, "http://10.77.0.1/boot.ipxe?mac=" + MAC, false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003010", "iPXE", IPXE, IP, "http://10.77.0.1/boot.ipxe?mac=" + MAC, false);
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, null, IP, "vmlinuz", 12_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, null, IP, "initrd.img", 60_000_000, Outcome.OK, null);
        sessions.accept(new StageBeacon(t(), MAC, "booting", IP));
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.IPXE_DHCP, Stage.SCRIPT, Stage.KERNEL, Stage.INITRD, Stage.BOOTING), stages(s));
        assertEquals(Firmware.UEFI_X64_HTTP, s.firmware(), "the firmware's own DHCP says what booted, not iPXE's");
        assertEquals("UEFI HTTP Boot x64", s.firmware().label(), "what the Clients view shows");
        assertEquals("UEFI HTTP Boot x64", s.stages().get(0).detail());
        assertEquals(url, s.bootFile());
        assertEquals(List.of(FileKind.BOOT_PROGRAM, FileKind.SCRIPT, FileKind.KERNEL, FileKind.INITRD),
                s.transfers().stream().map(BootSession.SessionTransfer::kind).toList());
    }

    @Test
    void aUBootBootIsNamedSoAndGoesScriptMenuInitrdKernelBooting() {
        // as U-Boot arm64 boots (measured under QEMU): DHCP, boot.scr.uimg, pxe get's lookup (misses, then default), then
        // pxe boot loads the initrd before the kernel
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UBOOT_ARM64, "U-Boot.armv8", null, null, IP, "boot.scr.uimg", false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.UBOOT_ARM64, "U-Boot.armv8", null, null, IP, "boot.scr.uimg", false);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "boot.scr.uimg", 560, Outcome.OK, null);
        for (String probe : List.of("pxelinux.cfg/01-52-54-00-77-00-10", "pxelinux.cfg/0A4D0064", "pxelinux.cfg/0", "pxelinux.cfg/default-arm"))
            transfer(Transfer.Protocol.TFTP, MAC, IP, probe, -1, Outcome.NOT_FOUND, "no such file");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "pxelinux.cfg/default", 300, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "initrd.img", 1_500_000, Outcome.OK, null);
        assertEquals(Stage.INITRD, only().stage(), "the initrd alone is not booting");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "vmlinuz", 33_000_000, Outcome.OK, null);
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.SCRIPT, Stage.INITRD, Stage.KERNEL, Stage.BOOTING), stages(s));
        assertEquals(Firmware.UBOOT_ARM64, s.firmware());
        assertEquals("U-Boot arm64", s.stages().get(0).detail(), "what the Clients view shows");
        assertEquals("TFTP boot.scr.uimg", s.stages().get(1).detail());
        assertEquals("TFTP pxelinux.cfg/default", s.stages().get(2).detail(), "the menu, after the lookup's misses (no failure)");
        assertEquals("kernel and initrd loaded", s.stages().get(5).detail());
        assertEquals(List.of("U-Boot script", "initrd", "kernel", "booting"), s.path());
        assertEquals(FileKind.BOOT_PROGRAM, s.transfers().get(0).kind());
    }

    @Test
    void uBootsScriptIsItsBootProgramEvenWhenAnotherServerGaveTheLease() {
        // no DHCP of ours: the address only, as in proxy mode or beside another server
        transfer(Transfer.Protocol.TFTP, null, IP, "boot.scr.uimg", 560, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "pxelinux.cfg/default", 300, Outcome.OK, null);
        BootSession s = only();
        assertEquals(List.of(Stage.BOOT_PROGRAM, Stage.SCRIPT), stages(s));
        assertEquals(List.of("U-Boot script"), s.path());
    }

    @Test
    void inProxyModeTransfersJoinTheMacThroughTheAddressItRequestedFromTheOtherServer() {
        InetAddress fromDnsmasq = addr("10.77.0.198");
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003000", null, null, null, "ipxe.efi", true);
        dhcpRaw(DhcpMessageType.REQUEST, null, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003000", null, null, fromDnsmasq, null, true);
        transfer(Transfer.Protocol.TFTP, null, fromDnsmasq, "ipxe.efi", 1_000_000, Outcome.OK, null);
        BootSession s = only();
        assertEquals(MAC, s.mac());
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM), stages(s));
    }

    @Test
    void biosPxeChainloadingIpxeIsOneSessionThroughEveryStage() {
        biosChainToIpxe();
        BootSession s = only();
        assertEquals(MAC, s.mac());
        assertEquals("10.77.0.100", s.address());
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.IPXE_DHCP, Stage.SCRIPT, Stage.KERNEL, Stage.INITRD, Stage.BOOTING), stages(s));
        assertEquals(Stage.BOOTING, s.stage());
        assertEquals(Firmware.BIOS, s.firmware(), "the firmware's own DHCP says what booted, not iPXE's");
        assertEquals(IPXE, s.ipxe());
        assertEquals("undionly.kpxe", s.bootFile());
        assertEquals(List.of(FileKind.BOOT_PROGRAM, FileKind.SCRIPT, FileKind.KERNEL, FileKind.INITRD),
                s.transfers().stream().map(BootSession.SessionTransfer::kind).toList());
        assertTrue(s.transfers().stream().allMatch(x -> x.outcome() == Outcome.OK && x.bytesDone() == x.size()));
        assertTrue(s.current());
        // offsets grow along the timeline
        for (int i = 1; i < s.timeline().size(); i++) assertTrue(s.timeline().get(i).at().compareTo(s.timeline().get(i - 1).at()) >= 0);
        assertEquals(7, logged.size());
    }

    @Test
    void aNewDiscoverAfterBootingStartsANewSession() {
        biosChainToIpxe();
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        List<BootSession> all = sessions.snapshot();
        assertEquals(2, all.size());
        assertFalse(all.get(0).current());
        assertEquals(Stage.BOOTING, all.get(0).stage());
        assertTrue(all.get(1).current());
        assertEquals(List.of(Stage.DHCP), stages(all.get(1)));
        assertEquals(all.get(1), sessions.current(MAC).orElseThrow());
    }

    /** Boots are numbered per client: the log's "boot #2" is this machine's second boot, whatever others did (#24). */
    @Test
    void eachClientsBootsAreNumberedFromOne() {
        MacAddress other = MacAddress.parse("52:54:00:99:99:99");
        dhcp(other, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        biosChainToIpxe();
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        assertEquals(List.of(1, 1, 2), sessions.snapshot().stream().map(BootSession::boot).toList());
        assertEquals(2, sessions.current(MAC).orElseThrow().boot());
        assertTrue(SessionLogger.line(sessions.current(MAC).orElseThrow(), sessions.current(MAC).orElseThrow().stages().get(0)).contains("boot #2:"));
    }

    @Test
    void firmwareRetryingDhcpStaysInTheSession() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, false, "undionly.kpxe");
        assertEquals(1, sessions.snapshot().size());
    }

    @Test
    void aMachineRestartedAfterTheBootProgramIsANewSession() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "undionly.kpxe", 70_000, Outcome.OK, null);
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        assertEquals(2, sessions.snapshot().size());
    }

    @Test
    void silentDhcpMakesNoSession() {
        dhcp(MAC, DhcpMessageType.DISCOVER, null, false, null);
        assertTrue(sessions.snapshot().isEmpty());
    }

    @Test
    void uefiTsizeProbeIsNoFailure() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "ipxe.efi");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "ipxe.efi", 1_000_000, Outcome.ABORTED_AFTER_OACK, "error 8");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "ipxe.efi", 1_000_000, Outcome.OK, null);
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM), stages(s));
        assertEquals(2, s.transfers().size());
        assertEquals(Outcome.ABORTED_AFTER_OACK, s.transfers().get(0).outcome());
    }

    @Test
    void pxelinuxConfigProbesAreNoFailure() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "pxelinux.0");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "pxelinux.0", 40_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "ldlinux.c32", 120_000, Outcome.OK, null);
        for (String probe : List.of("pxelinux.cfg/01-52-54-00-77-00-10", "pxelinux.cfg/0A4D0064", "pxelinux.cfg/0A4D006", "pxelinux.cfg/0A"))
            transfer(Transfer.Protocol.TFTP, MAC, IP, probe, -1, Outcome.NOT_FOUND, "no such file");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "pxelinux.cfg/default", 300, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "menu.c32", 30_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "debian/linux", 8_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "debian/initrd.gz", 30_000_000, Outcome.OK, null);
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.SCRIPT, Stage.KERNEL, Stage.INITRD, Stage.BOOTING), stages(s));
        assertEquals("kernel and initrd loaded", s.stages().get(5).detail(), "pxelinux cannot report it: the loaded initrd tells");
        assertEquals(FileKind.OTHER, s.transfers().get(1).kind());
    }

    /** iPXE's script loads wimboot and the BCD, a WinPE boot's first two files. */
    private void wimbootUpToBcd() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, MAC, IP, "win/wimboot", 60_000, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, MAC, IP, "win/boot/BCD", 30_000, Outcome.OK, null);
    }

    @Test
    void anIpxeScriptsBootWaitsForItsBeaconNotForTheInitrd() {
        wimbootUpToBcd();
        // wimboot's first "initrd" is small; boot.wim is still to come: not booting yet
        assertEquals(Stage.INITRD, only().stage());
        transfer(Transfer.Protocol.HTTP, MAC, IP, "win/sources/boot.wim", 500_000_000, Outcome.OK, null);
        assertEquals(Stage.INITRD, only().stage());
        sessions.accept(new StageBeacon(t(), MAC, "booting", IP));
        assertEquals(Stage.BOOTING, only().stage());
        assertEquals("the script boots what it loaded", only().stages().get(only().stages().size() - 1).detail());
    }

    @Test
    void anIsoSanbootedByRangesIsOneTimelineLineAndNoKernelOrInitrd() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        sessions.accept(new StageBeacon(t(), MAC, "booting", IP));
        long size = 20_000_000;
        for (int i = 0; i < 50; i++) {
            Transfer t = new Transfer(++transferIds, Transfer.Protocol.HTTP, new InetSocketAddress(IP, 2000 + i), null, "tiny.iso", size,
                    i * 65_536L, 65_536, 0, 0, "GET bytes " + i * 65_536L + "-" + (i * 65_536L + 65_535) + "/" + size);
            sessions.accept(new TransferStarted(t(), t));
            sessions.accept(new TransferFinished(t(), t, Outcome.OK, 65_536, Duration.ofMillis(5), null));
        }
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.SCRIPT, Stage.BOOTING), stages(s));
        long isoLines = s.timeline().stream().filter(e -> e.text().contains("tiny.iso")).count();
        assertEquals(1, isoLines, s.timeline().toString());
        assertTrue(s.timeline().stream().anyMatch(e -> e.text().contains("tiny.iso read by ranges")), s.timeline().toString());
    }

    @Test
    void aKernelWithoutItsInitrdIsNotBooting() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "pxelinux.0");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "pxelinux.0", 40_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "debian/linux", 8_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "debian/initrd.gz", 30_000_000, Outcome.FAILED, "client stopped acknowledging");
        assertEquals(Stage.FAILED, only().stage());
    }

    @Test
    void aMissingKernelFailsTheBoot() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, MAC, IP, "vmlinuz", -1, Outcome.NOT_FOUND, "no such file");
        BootSession s = only();
        assertEquals(List.of(Stage.DHCP, Stage.SCRIPT, Stage.FAILED), stages(s));
        assertTrue(s.stages().get(2).detail().contains("vmlinuz"));
    }

    @Test
    void aFailedBootTriedAgainWalksItsStagesAgainAndCountsItsFailuresUntilOneGetsThrough() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, MAC, IP, "vmlinuz", 12_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, MAC, IP, "initrd.img", -1, Outcome.NOT_FOUND, "no such file");
        assertEquals(Stage.FAILED, only().stage());
        assertEquals(1, only().failures());
        assertEquals("initrd.img: no such file", only().failure());
        // the menu comes back and the user picks the entry again: the kernel comes again, then the initrd fails again
        transfer(Transfer.Protocol.HTTP, MAC, IP, "vmlinuz", 12_000_000, Outcome.OK, null);
        assertEquals(Stage.KERNEL, only().stage(), "trying again: the row shows what it does now");
        assertEquals(1, only().failures());
        transfer(Transfer.Protocol.HTTP, MAC, IP, "initrd.img", -1, Outcome.NOT_FOUND, "no such file");
        assertEquals(Stage.FAILED, only().stage());
        assertEquals(2, only().failures());
        // the script's beacon after the missing file adds iPXE's word to the same failure, counts no other
        sessions.accept(new StageBeacon(t(), MAC, "failed", "0x2d12608a", IP));
        assertEquals(2, only().failures());
        assertEquals("initrd.img: no such file; iPXE error 0x2d12608a (https://ipxe.org/err/2d12608a)", only().failure());
        // the machine is restarted: a new boot, still counting
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        BootSession next = sessions.current(MAC).orElseThrow();
        assertEquals(2, next.failures());
        assertEquals(null, next.failure(), "this boot has not failed (yet)");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        sessions.accept(new StageBeacon(t(), MAC, "booting", IP));
        assertEquals(Stage.BOOTING, sessions.current(MAC).orElseThrow().stage());
        assertEquals(0, sessions.current(MAC).orElseThrow().failures(), "a boot that gets through ends the count");
    }

    @Test
    void theScriptsOwnWordsOnHowTheBootEnds() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        sessions.accept(new StageBeacon(t(), MAC, "local", IP));
        assertEquals(Stage.LOCAL, only().stage());
        assertTrue(Stage.LOCAL.finished());
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        transfer(Transfer.Protocol.HTTP, MAC, IP, "boot.ipxe", 900, Outcome.OK, null);
        sessions.accept(new StageBeacon(t(), MAC, "chain", IP));
        assertEquals(Stage.BOOTING, sessions.current(MAC).orElseThrow().stage(), "handed over to another program");
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, true, "http://10.77.0.1/boot.ipxe");
        sessions.accept(new StageBeacon(t(), MAC, "failed", null, IP));
        BootSession s = sessions.current(MAC).orElseThrow();
        assertEquals(Stage.FAILED, s.stage());
        assertEquals("the boot script reported a failure", s.failure());
    }

    @Test
    void requestsWithoutDhcpAreMarkedAndThoseFromThisComputerSaySo() {
        transfer(Transfer.Protocol.HTTP, MAC, addr("127.0.0.1"), "boot.ipxe", 900, Outcome.OK, null);
        BootSession s = only();
        assertFalse(s.dhcpSeen());
        assertTrue(s.thisHost(), "a browser on this computer");
        MacAddress other = MacAddress.parse("52:54:00:77:00:99");
        transfer(Transfer.Protocol.HTTP, other, addr("10.77.0.150"), "boot.ipxe", 900, Outcome.OK, null);
        BootSession o = sessions.current(other).orElseThrow();
        assertFalse(o.dhcpSeen());
        assertFalse(o.thisHost());
        dhcp(other, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        assertTrue(sessions.current(other).orElseThrow().dhcpSeen());
    }

    @Test
    void aBrokenTransferFailsTheBoot() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "undionly.kpxe", 70_000, Outcome.FAILED, "client stopped acknowledging");
        assertEquals(Stage.FAILED, only().stage());
    }

    @Test
    void windowsFilesAndUnnamedBigFiles() {
        wimbootUpToBcd();
        transfer(Transfer.Protocol.HTTP, MAC, IP, "win/sources/boot.wim", 500_000_000, Outcome.OK, null);
        assertEquals(List.of(FileKind.SCRIPT, FileKind.KERNEL, FileKind.INITRD, FileKind.INITRD),
                only().transfers().stream().map(BootSession.SessionTransfer::kind).toList());

        var other = MacAddress.parse("52:54:00:77:00:11");
        transfer(Transfer.Protocol.HTTP, other, IP, "custom.ipxe", 100, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, other, IP, "blob-a", 5_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, other, IP, "blob-b", 5_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.HTTP, other, IP, "blob-c", 5_000_000, Outcome.OK, null);
        BootSession s = sessions.current(other).orElseThrow();
        assertEquals(List.of(FileKind.SCRIPT, FileKind.KERNEL, FileKind.INITRD, FileKind.OTHER),
                s.transfers().stream().map(BootSession.SessionTransfer::kind).toList());
        assertNull(s.firmware(), "no DHCP seen for it");
    }

    @Test
    void clientsWithoutAKnownMacGetASessionByAddress() {
        var sessionsWithDirectory = new BootSessions(a -> a.equals(addr("10.77.0.5")) ? Optional.of(MAC) : Optional.empty());
        Transfer t = new Transfer(1, Transfer.Protocol.TFTP, new InetSocketAddress(addr("10.77.0.5"), 1), null, "pxelinux.0", 10, 0, 10, 512, 1, "");
        sessionsWithDirectory.accept(new TransferStarted(t(), t));
        Transfer u = new Transfer(2, Transfer.Protocol.TFTP, new InetSocketAddress(addr("10.77.0.6"), 1), null, "pxelinux.0", 10, 0, 10, 512, 1, "");
        sessionsWithDirectory.accept(new TransferStarted(t(), u));
        List<BootSession> all = sessionsWithDirectory.snapshot();
        assertEquals(2, all.size());
        assertEquals(MAC, all.get(0).mac(), "the directory knew this one");
        assertNull(all.get(1).mac());
        assertEquals("10.77.0.6", all.get(1).address());
    }

    @Test
    void runningTransfersShowProgress() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        Transfer t = new Transfer(7, Transfer.Protocol.TFTP, new InetSocketAddress(IP, 1), MAC, "undionly.kpxe", 1000, 0, 1000, 512, 1, "");
        sessions.accept(new TransferStarted(t(), t));
        sessions.accept(new TransferProgress(t(), t, 512));
        var x = only().transfers().get(0);
        assertTrue(x.running());
        assertEquals(512, x.bytesDone());
        assertTrue(x.rate() > 0);
    }

    @Test
    void snapshotsSerializeToJson() throws Exception {
        biosChainToIpxe();
        var tree = ApiJson.MAPPER.readTree(ApiJson.MAPPER.writeValueAsBytes(sessions.snapshot()));
        assertEquals("52:54:00:77:00:10", tree.get(0).get("mac").asText());
        assertEquals("BOOTING", tree.get(0).get("stage").asText());
        assertEquals("KERNEL", tree.get(0).get("transfers").get(2).get("kind").asText());
        assertEquals(12_000_000, tree.get(0).get("transfers").get(2).get("bytesDone").asLong());
        assertEquals("BIOS", tree.get(0).get("firmware").asText());
        var timeline = tree.get(0).get("timeline");
        assertEquals("dhcp", timeline.get(0).get("kind").asText(), "the API names the kinds as it always did: " + timeline.get(0));
        var tftp = timeline.get(3);
        assertEquals("transfer", tftp.get("kind").asText(), tftp.toString());
        assertEquals("TFTP", tftp.get("protocol").asText(), tftp.toString());
        assertEquals("stage", timeline.get(1).get("kind").asText());
        assertEquals("beacon", timeline.get(timeline.size() - 2).get("kind").asText());
    }

    /** What the timeline marks as a problem comes from what happened (a NAK, a transfer's outcome, a failure), not from its words. */
    @Test
    void theTimelineMarksProblemsByWhatHappened() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.NAK, false, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "failed-once/undionly.kpxe", 70_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, null, IP, "pxelinux.cfg/default", -1, Outcome.NOT_FOUND, "no such file");
        transfer(Transfer.Protocol.HTTP, null, IP, "vmlinuz", 1000, Outcome.DENIED, "outside the root");
        sessions.accept(new StageBeacon(t(), MAC, "error", "0x3e11623b", IP));
        List<BootSession.TimelineEntry> tl = only().timeline();
        java.util.Map<String, Boolean> problem = new java.util.LinkedHashMap<>();
        for (BootSession.TimelineEntry e : tl) problem.put(e.kind() + " " + e.text(), e.problem());
        assertEquals(java.util.List.of(false, true), tl.stream().filter(e -> e.kind() == TimelineKind.DHCP).map(BootSession.TimelineEntry::problem).toList(),
                "the NAK: " + problem);
        assertTrue(tl.stream().filter(e -> e.text().startsWith("TFTP failed-once/undionly.kpxe")).noneMatch(BootSession.TimelineEntry::problem),
                "a file whose name says failed, fetched fine: " + problem);
        assertTrue(tl.stream().filter(e -> e.text().startsWith("TFTP pxelinux.cfg/default")).allMatch(BootSession.TimelineEntry::problem), problem.toString());
        assertTrue(tl.stream().filter(e -> e.text().startsWith("HTTP vmlinuz")).allMatch(BootSession.TimelineEntry::problem), problem.toString());
        assertTrue(tl.stream().filter(e -> e.kind() == TimelineKind.BEACON).allMatch(BootSession.TimelineEntry::problem), "the script's error: " + problem);
        assertTrue(tl.stream().filter(e -> e.kind() == TimelineKind.STAGE && e.text().startsWith("FAILED")).allMatch(BootSession.TimelineEntry::problem));
        assertTrue(tl.stream().filter(e -> e.kind() == TimelineKind.STAGE && !e.text().startsWith("FAILED")).noneMatch(BootSession.TimelineEntry::problem));
        assertEquals(java.util.Set.of(Transfer.Protocol.TFTP, Transfer.Protocol.HTTP),
                tl.stream().filter(e -> e.kind() == TimelineKind.TRANSFER).map(BootSession.TimelineEntry::protocol).collect(java.util.stream.Collectors.toSet()));
        assertTrue(tl.stream().filter(e -> e.kind() != TimelineKind.TRANSFER).allMatch(e -> e.protocol() == null));
    }

    static MacAddress mac(int n) {
        return MacAddress.of(new byte[] {0x52, 0x54, 0x01, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    }

    /**
     * Every HTTP request with a new {@code ?mac=} makes a session: a flood of them keeps at most
     * MAX_CURRENT current sessions and MAX_HISTORY past ones, the newest clients among them.
     */
    @Test
    void aFloodOfNewClientsKeepsTheSessionsBounded() {
        int n = 3 * BootSessions.MAX_CURRENT + 500;
        for (int i = 0; i < n; i++) transfer(Transfer.Protocol.HTTP, mac(i), addr("10.77.0.9"), "boot.ipxe", 300, Outcome.OK, null);
        List<BootSession> all = sessions.snapshot();
        assertTrue(all.size() <= BootSessions.MAX_CURRENT + BootSessions.MAX_HISTORY, all.size() + " sessions kept");
        assertEquals(BootSessions.MAX_CURRENT, all.stream().filter(BootSession::current).count());
        assertTrue(sessions.current(mac(n - 1)).isPresent(), "the newest client is current");
        assertTrue(sessions.current(mac(0)).isEmpty(), "the oldest one was retired");
    }

    /** A client heard of for the last time more than FORGET_AFTER ago is retired: its session is past, and its address forgotten. */
    @Test
    void aSessionIdleForLongIsRetired() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, false, "undionly.kpxe");
        ms += BootSessions.FORGET_AFTER.toMillis() + 1000;
        transfer(Transfer.Protocol.TFTP, mac(1), addr("10.77.0.101"), "undionly.kpxe", 1000, Outcome.OK, null);
        assertTrue(sessions.current(MAC).isEmpty(), "retired after " + BootSessions.FORGET_AFTER);
        BootSession past = sessions.snapshot().stream().filter(x -> MAC.equals(x.mac())).findFirst().orElseThrow();
        assertFalse(past.current());
        // a transfer from its old address is not tied to the forgotten client any more
        transfer(Transfer.Protocol.TFTP, null, IP, "pxelinux.cfg/default", 10, Outcome.OK, null);
        assertTrue(sessions.current(MAC).isEmpty(), "the forgotten client's address no longer makes it current");
    }

    // ---- UEFI boot paths: shim → GRUB, and iPXE refused by Secure Boot ----

    static final String PXE_X64 = "PXEClient:Arch:00007:UNDI:003016";

    void uefiDhcp(String bootFile) {
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, PXE_X64, null, null, IP, bootFile, false);
        dhcpRaw(DhcpMessageType.REQUEST, DhcpMessageType.ACK, Firmware.UEFI_X64, PXE_X64, null, null, IP, bootFile, false);
    }

    @Test
    void theSecureBootPathIsShownAsShimGrubKernelInitrdAndShimsOptionalFilesAreNoFailure() throws Exception {
        uefiDhcp("shimx64.efi");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "shimx64.efi", 1_048_504, Outcome.OK, null);
        // what shim 16 asks for before GRUB, and GRUB before its configuration: all optional
        for (String f : List.of("revocations_sku.efi", "revocations_sbat.efi", "shim_certificate_0.efi", "grub/x86_64-efi/command.lst")) {
            if (f.startsWith("grub/")) transfer(Transfer.Protocol.TFTP, MAC, IP, "grubx64.efi", 3_843_520, Outcome.OK, null);
            transfer(Transfer.Protocol.TFTP, MAC, IP, f, -1, Outcome.NOT_FOUND, "no such file");
        }
        transfer(Transfer.Protocol.TFTP, MAC, IP, "grub/grub.cfg", 700, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "vmlinuz", 8_000_000, Outcome.OK, null);
        transfer(Transfer.Protocol.TFTP, MAC, IP, "initrd.img", 1_500_000, Outcome.OK, null);
        BootSession b = only();
        assertEquals(List.of(Stage.DHCP, Stage.BOOT_PROGRAM, Stage.SCRIPT, Stage.KERNEL, Stage.INITRD, Stage.BOOTING), stages(b));
        assertEquals(List.of("shim", "GRUB", "kernel", "initrd", "booting"), b.path());
        assertEquals(0, b.failures(), "shim's revocation lists and certificate are optional: " + b.failure());
        assertNull(b.hint());
        assertEquals(FileKind.BOOT_PROGRAM, b.transfers().stream().filter(t -> t.file().equals("grubx64.efi")).findFirst().orElseThrow().kind());
        assertEquals("[\"shim\",\"GRUB\",\"kernel\",\"initrd\",\"booting\"]",
                ApiJson.MAPPER.readTree(ApiJson.MAPPER.writeValueAsString(b)).get("path").toString(), "the sessions API carries the path");
    }

    @Test
    void aUefiClientThatLoadedIpxeAndStartedOverIsToldSecureBootMayHaveRefusedIt() throws Exception {
        uefiDhcp("ipxe.efi");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "ipxe.efi", 1_100_000, Outcome.OK, null);
        sessions.clock = java.time.Clock.fixed(only().updated().plusSeconds(1), java.time.ZoneOffset.UTC);
        assertNull(only().hint(), "loaded just now: nothing to say yet");
        // "Access Denied": the firmware goes on to its next boot option, HTTP boot
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64_HTTP, "HTTPClient:Arch:00016:UNDI:003001", null, null, IP, "http://10.77.0.1/ipxe.efi", false);
        List<BootSession> all = sessions.snapshot();
        assertEquals(2, all.size());
        assertEquals(BootSession.SECURE_BOOT_HINT, all.get(0).hint(), "the boot that loaded ipxe.efi");
        assertEquals(BootSession.SECURE_BOOT_HINT, all.get(1).hint(), "and the client's try after it");
        assertTrue(all.get(1).timeline().stream().anyMatch(e -> e.kind() == TimelineKind.HINT && e.text().contains("Secure Boot")));
        assertEquals(BootSession.SECURE_BOOT_HINT, ApiJson.MAPPER.readTree(ApiJson.MAPPER.writeValueAsString(all.get(1))).get("hint").asText(),
                "the sessions API carries the advice");
        assertTrue(BootSession.SECURE_BOOT_HINT.contains("use the Secure Boot path"));
        // still refused over HTTP, and the firmware starts over again: the advice stays
        transfer(Transfer.Protocol.HTTP, MAC, IP, "ipxe.efi", 1_100_000, Outcome.OK, null);
        uefiDhcp("shimx64.efi");
        BootSession next = sessions.current(MAC).orElseThrow();
        assertEquals(BootSession.SECURE_BOOT_HINT, next.hint());
        // the advice taken (the Secure Boot path set): shim runs, and the advice goes
        transfer(Transfer.Protocol.TFTP, MAC, IP, "shimx64.efi", 1_048_504, Outcome.OK, null);
        assertNull(sessions.current(MAC).orElseThrow().hint());
    }

    @Test
    void aUefiClientSilentSinceLoadingIpxeIsAdvisedAfterAMinuteAndNoOtherIs() {
        uefiDhcp("ipxe.efi");
        transfer(Transfer.Protocol.TFTP, MAC, IP, "ipxe.efi", 1_100_000, Outcome.OK, null);
        Instant loaded = only().updated();
        sessions.clock = java.time.Clock.fixed(loaded.plusSeconds(30), java.time.ZoneOffset.UTC);
        assertNull(only().hint(), "iPXE takes a while to start under emulation");
        sessions.clock = java.time.Clock.fixed(loaded.plus(BootSession.SILENCE), java.time.ZoneOffset.UTC);
        assertEquals(BootSession.SECURE_BOOT_HINT, only().hint());
        assertEquals(BootSession.SECURE_BOOT_HINT, sessions.current(MAC).orElseThrow().hint());
        // iPXE heard from (its own DHCP): it runs, no advice however long it is quiet after
        dhcpRaw(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003010", "iPXE", IPXE, IP, "http://10.77.0.1/boot.ipxe", false);
        sessions.clock = java.time.Clock.fixed(loaded.plusSeconds(3600), java.time.ZoneOffset.UTC);
        assertNull(only().hint());
        assertEquals(List.of("iPXE"), only().path());
    }

    @Test
    void aBiosClientSilentAfterUndionlyGetsNoSecureBootAdvice() {
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        dhcp(MAC, DhcpMessageType.REQUEST, DhcpMessageType.ACK, false, "undionly.kpxe");
        transfer(Transfer.Protocol.TFTP, null, IP, "undionly.kpxe", 70_000, Outcome.OK, null);
        sessions.clock = java.time.Clock.fixed(t0.plusSeconds(3600), java.time.ZoneOffset.UTC);
        assertNull(only().hint());
        dhcp(MAC, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, false, "undionly.kpxe");
        assertTrue(sessions.snapshot().stream().allMatch(b -> b.hint() == null), "a BIOS has no Secure Boot");
    }

    @Test
    void theIpxeChainsPathStartsWithIpxe() {
        biosChainToIpxe();
        assertEquals(List.of("iPXE", "kernel", "initrd", "booting"), only().path());
    }
}
