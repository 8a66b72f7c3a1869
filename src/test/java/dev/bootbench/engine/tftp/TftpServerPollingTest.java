package dev.bootbench.engine.tftp;

import java.time.Duration;

/**
 * Every test of {@link TftpServerTest} again, with transfers polling for the client's answer (as they
 * do by default for a fast client on a machine with CPUs to spare) before they sleep: acknowledgements,
 * duplicates, losses, retransmission, strangers, errors, stalls and stopping must work the same way.
 * The polling time is far above the loopback round trip, so every wait polls first; the transfer
 * polls for at most twice the round trip it measured, and never past its retransmission deadline.
 */
class TftpServerPollingTest extends TftpServerTest {
    @Override
    TftpServer.Config polling(TftpServer.Config c) {
        return c.withPolling(Duration.ofSeconds(10), 1000);
    }
}
