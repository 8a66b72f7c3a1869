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
 */
public record BootSession(long id, MacAddress mac, String address, Instant started, Instant updated, Firmware firmware,
                          String vendorClass, IpxeInfo ipxe, String bootFile, String scriptFile, Stage stage,
                          List<StageReached> stages, List<SessionTransfer> transfers, List<TimelineEntry> timeline,
                          boolean current, int failures, boolean dhcpSeen, boolean thisHost, int boot) {

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
