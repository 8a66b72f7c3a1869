package dev.bootbench.ui.clients;

import dev.bootbench.engine.net.MacAddress;
import java.time.Instant;

/**
 * One step of a TFTP or HTTP transfer as the clients view takes it: the engine's transfer events
 * are mapped onto this so the view model does not depend on their exact shape.
 *
 * @param outcome null until finished; then OK, NOT_FOUND, DENIED, FAILED or ABORTED_AFTER_OACK
 */
public record TransferUpdate(Instant time, long id, String protocol, MacAddress mac, String clientAddress, String file,
                             long size, long bytesDone, Phase phase, String outcome, String message) {
    public enum Phase { STARTED, PROGRESS, FINISHED }
}
