package dev.bootbench.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The end of a transfer.
 *
 * @param bytesDone bytes acknowledged by the client (TFTP) or written to it (HTTP)
 * @param message   null when OK; else what went wrong, in words for a log line
 */
public record TransferFinished(Instant time, Transfer transfer, Outcome outcome, long bytesDone,
                               Duration duration, String message) implements TransferEvent {
    public enum Outcome {
        /** Every byte was sent (and, for TFTP, acknowledged). */
        OK,
        /**
         * The TFTP client ended the transfer right after our OACK (error 8): it asked only to learn
         * the size (tsize), as UEFI firmware does before asking again. Normal, not a failure.
         */
        ABORTED_AFTER_OACK,
        /** No such file (TFTP error 1, HTTP 404). Normal for pxelinux's config probes. */
        NOT_FOUND,
        /** Refused: outside the root, a write request, an unsupported mode or method. */
        DENIED,
        /** Started but did not complete: timeout, client error or disconnect, read error. */
        FAILED
    }

    /** Average rate in bytes per second over the whole transfer (0 when it took no measurable time). */
    public double averageRate() {
        double s = duration.toNanos() / 1e9;
        return s <= 0 ? 0 : bytesDone / s;
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
