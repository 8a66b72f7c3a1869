package dev.bootbench.engine;

import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.time.Instant;

/**
 * A boot script told us how far it got: an HTTP fetch of {@code /_/event?mac=...&stage=...}
 * (for example {@code stage=booting} just before iPXE's {@code boot}, or
 * {@code stage=failed&reason=${errno}} when a kernel, initrd or chain failed).
 *
 * @param mac    the client's MAC: the {@code mac} parameter, else from the client directory, else null
 * @param stage  lower-case word, {@code [a-z0-9_-]{1,32}}
 * @param detail what the script added ({@code reason}: for a failure, iPXE's error number), printable, or null
 * @param client the address the beacon came from
 */
public record StageBeacon(Instant time, MacAddress mac, String stage, String detail, InetAddress client) implements EngineEvent {
    public StageBeacon(Instant time, MacAddress mac, String stage, InetAddress client) {
        this(time, mac, stage, null, client);
    }
}
