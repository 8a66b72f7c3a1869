package dev.bootbench.engine.tftp;

import java.time.Duration;

/**
 * Every test of {@link TftpServerTest} again, with transfers that predict when the client's answer is
 * due (as they do by default for a steady client a round trip of up to a few milliseconds away, such
 * as a window's ACK at 1 ms RTT): they sleep until a polling time before it (a sleep that the answer
 * ends if it comes earlier), poll until a polling time after it, then wait in the selector. A 1 µs
 * polling time is far below the loopback round trip, and any client counts as steady here, so every
 * wait after a burst goes through all three: the answer comes during the sleep, the polling or the
 * wait, and acknowledgements, duplicates, losses, retransmission, strangers, errors, stalls and
 * stopping must work the same way.
 */
class TftpServerPredictingTest extends TftpServerTest {
    @Override
    TftpServer.Config polling(TftpServer.Config c) {
        return c.withPolling(Duration.ofNanos(1000), 1000);
    }

    @Override
    void tune(TftpServer s) {
        s.steadyWithin = Long.MAX_VALUE;
    }
}
