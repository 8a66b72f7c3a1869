package dev.bootbench.clients;

import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.net.MacAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One boot of one client, as seen so far: an immutable snapshot (for the UI and the JSON API).
 *
 * @param id          unique in this process, increasing
 * @param mac         the client's MAC, null when only its address is known (no DHCP or lease seen)
 * @param address     its IPv4 address as text, or null
 * @param started     the first event of the session
 * @param updated     the latest event
 * @param firmware    from the firmware's DHCP (option 93), null before any DHCP
 * @param vendorClass option 60 of the first DHCP message (e.g. PXEClient:Arch:00007:UNDI:003016)
 * @param ipxe        iPXE's version and features once iPXE did DHCP, else null
 * @param bootFile    the boot program DHCP gave, or null
 * @param scriptFile  what DHCP gave to iPXE (its script URL), or null
 * @param stage       the latest stage reached, null before any
 * @param stages      the stages reached, in order (see {@link StageReached})
 * @param transfers   every TFTP and HTTP transfer, in start order
 * @param timeline    what happened, with offsets from {@code started}
 * @param current     false once a newer session of the same client has begun
 * @param failures    how many times in a row this client's boot failed, counting its earlier boots that ended
 *                    failed; 0 once a boot gets through (booting or local disk)
 * @param dhcpSeen    whether the client did DHCP with us (a session only from HTTP/TFTP requests may be a browser
 *                    or a test tool rather than a machine booting)
 * @param thisHost    the requests came from an address of this computer (a browser or curl beside Bootbench)
 * @param boot        which boot of this client it is since the server started: 1 for its first, 2 for the next
 *                    ({@code id} numbers every session of every client)
 * @param path        what the boot went through so far, e.g. {@code shim, GRUB, kernel, initrd, booting} (see {@link #pathOf})
 * @param hint        advice on what went wrong that the stages cannot say, or null: {@link #SECURE_BOOT_HINT} when a UEFI
 *                    client loaded iPXE and then started over (or, in a snapshot, fell silent: see {@link #hint(Instant)})
 */
public record BootSession(long id, MacAddress mac, String address, Instant started, Instant updated, Firmware firmware,
                          String vendorClass, IpxeInfo ipxe, String bootFile, String scriptFile, Stage stage,
                          List<StageReached> stages, List<SessionTransfer> transfers, List<TimelineEntry> timeline,
                          boolean current, int failures, boolean dhcpSeen, boolean thisHost, int boot, List<String> path, String hint) {

    /**
     * What a UEFI client that loaded iPXE and then started over, or fell silent, is told: its firmware probably refused
     * to run the unsigned ipxe.efi (Secure Boot), and the way around it.
     */
    public static final String SECURE_BOOT_HINT = "Secure Boot may have refused ipxe.efi — use the Secure Boot path "
            + "(Servers: UEFI x64 boot → Secure Boot: shim → GRUB)";

    /** How long a UEFI client that loaded iPXE may stay silent before iPXE not running is suspected. */
    public static final Duration SILENCE = Duration.ofSeconds(60);

    /** The same session as it was before the boot number, path and hint were known (tests and tools that make sessions): a first boot. */
    public BootSession(long id, MacAddress mac, String address, Instant started, Instant updated, Firmware firmware,
                       String vendorClass, IpxeInfo ipxe, String bootFile, String scriptFile, Stage stage,
                       List<StageReached> stages, List<SessionTransfer> transfers, List<TimelineEntry> timeline,
                       boolean current, int failures, boolean dhcpSeen, boolean thisHost) {
        this(id, mac, address, started, updated, firmware, vendorClass, ipxe, bootFile, scriptFile, stage, stages, transfers, timeline,
                current, failures, dhcpSeen, thisHost, 1, pathOf(ipxe, stage, transfers), null);
    }

    public BootSession {
        path = path == null ? List.of() : List.copyOf(path);
    }

    /**
     * The advice for this session as of {@code now}: {@link #hint()}, else {@link #SECURE_BOOT_HINT} when it is a UEFI
     * client whose last event was loading iPXE ({@code ipxe.efi}, {@code snponly.efi}) and iPXE has not been heard of
     * for {@link #SILENCE} (it never did its own DHCP). Null: no advice.
     */
    public String hint(Instant now) {
        if (hint != null) return hint;
        Instant since = ipxeLoadedUnheard();
        return since != null && Duration.between(since, now).compareTo(SILENCE) >= 0 ? SECURE_BOOT_HINT : null;
    }

    /** When a UEFI client finished loading iPXE with nothing heard from it after (iPXE's own DHCP), or null. */
    public Instant ipxeLoadedUnheard() {
        if (firmware == null || !firmware.isUefi() || stage != Stage.BOOT_PROGRAM || reached(Stage.IPXE_DHCP) || transfers.isEmpty()) return null;
        SessionTransfer last = transfers.get(transfers.size() - 1);
        if (last.kind() != FileKind.BOOT_PROGRAM || last.outcome() != TransferFinished.Outcome.OK || !isIpxeProgram(last.file())) return null;
        return updated;
    }

    /** An iPXE build for UEFI by its name: {@code ipxe.efi}, {@code snponly.efi}, {@code snp.efi}, {@code ipxe-x86_64.efi}. */
    public static boolean isIpxeProgram(String file) {
        String f = file.replace('\\', '/').toLowerCase(java.util.Locale.ROOT);
        String base = f.substring(f.lastIndexOf('/') + 1);
        return base.endsWith(".efi") && (base.contains("ipxe") || base.startsWith("snp"));
    }

    /**
     * What a boot went through, for the eye: the boot programs loaded by what they are ({@code shim}, {@code GRUB},
     * {@code iPXE}, {@code pxelinux}, {@code syslinux}, {@code U-Boot script}, else their file name), {@code kernel}, {@code initrd}, and how it
     * ended ({@code booting}, {@code local disk}, {@code failed}). An iPXE ROM (no program loaded) starts with {@code iPXE}.
     */
    public static List<String> pathOf(IpxeInfo ipxe, Stage stage, List<SessionTransfer> transfers) {
        List<String> p = new java.util.ArrayList<>();
        for (SessionTransfer t : transfers) {
            if (t.outcome() != TransferFinished.Outcome.OK && t.outcome() != null) continue;
            String step = switch (t.kind()) {
                case BOOT_PROGRAM -> programName(t.file());
                case KERNEL -> "kernel";
                case INITRD -> "initrd";
                default -> null;
            };
            if (step == null || !p.isEmpty() && p.get(p.size() - 1).equals(step)) continue;
            p.add(step);
        }
        if (ipxe != null && !p.contains("iPXE")) p.add(0, "iPXE");
        if (stage == Stage.BOOTING) p.add("booting");
        else if (stage == Stage.LOCAL) p.add("local disk");
        else if (stage == Stage.FAILED) p.add("failed");
        return p;
    }

    /** A boot program by what it is: shim, GRUB, iPXE, pxelinux, syslinux, U-Boot script; else its file name. */
    static String programName(String file) {
        String f = file.replace('\\', '/').toLowerCase(java.util.Locale.ROOT);
        String base = f.substring(f.lastIndexOf('/') + 1);
        if (base.startsWith("shim")) return "shim";
        if (base.contains("grub")) return "GRUB";
        if (isIpxeProgram(base) || base.endsWith(".kpxe") || base.endsWith(".kkpxe") || base.contains("ipxe")) return "iPXE";
        if (base.endsWith("pxelinux.0")) return "pxelinux";
        if (base.startsWith("syslinux")) return "syslinux";
        if (base.equals("boot.scr.uimg") || base.equals("boot.scr")) return "U-Boot script";
        return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    }

    /**
     * A stage, when it was reached (offset from the session start) and what reached it. A stage is reached once,
     * except that a boot that failed and then tries again (iPXE's menu chosen again) goes through its stages again.
     */
    public record StageReached(Stage stage, Duration at, String detail) {}

    /**
     * A transfer of the session: progress while it runs ({@code outcome} null), the result after.
     *
     * @param startedAt offset from the session start
     * @param rate      average bytes per second so far (or over the whole transfer once finished)
     */
    public record SessionTransfer(long id, Transfer.Protocol protocol, String file, FileKind kind, long size, long length,
                                  long bytesDone, Duration startedAt, Duration duration, double rate,
                                  TransferFinished.Outcome outcome, String message, String detail) {
        public boolean running() {
            return outcome == null;
        }
    }

    /**
     * A line of the timeline.
     *
     * @param protocol a transfer's protocol (TFTP or HTTP), null for the other kinds
     * @param problem  the line tells of something that went wrong: a NAK, a file not found, refused or failed, a
     *                 failure the boot script reported, the FAILED stage
     */
    public record TimelineEntry(Duration at, TimelineKind kind, Transfer.Protocol protocol, String text, boolean problem) {}

    public boolean reached(Stage s) {
        return stages.stream().anyMatch(r -> r.stage() == s);
    }

    /** Why the latest failure happened (the file and what went wrong, or iPXE's error), or null when the boot has not failed. */
    public String failure() {
        for (int i = stages.size() - 1; i >= 0; i--) if (stages.get(i).stage() == Stage.FAILED) return stages.get(i).detail();
        return null;
    }
}
