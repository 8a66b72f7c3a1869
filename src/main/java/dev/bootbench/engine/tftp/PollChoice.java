package dev.bootbench.engine.tftp;

/**
 * Whether polling for one client's answers makes its transfers faster, learned from its transfers.
 *
 * <p>Polling (spinning on the socket instead of sleeping in epoll) takes the wake-up out of every
 * block, which pays when something else has the CPUs to spare: a client on another machine, or curl
 * on this one. It costs when the client needs the CPU we spin on: firmware under QEMU's emulation
 * (TCG keeps one CPU busy for the guest and needs another for its I/O thread), where it made the
 * client answer later (median 158 against 146 us a block, p90 469 against 208) and a 7.9 MiB kernel
 * took 1.67 s against dnsmasq's 1.21 (issue #19). No rule read off the client tells the two apart,
 * so each client's transfers measure both ways and keep the faster: in phases of {@link #PHASE_ANSWERS}
 * answered bursts, each costed as the time from a burst's first send to its ACK in hand per block
 * (everything a block takes but our work between ACK and send, which is the same either way). After
 * one phase of each, the cheaper way runs for {@link #EXPLOIT_PHASES} phases (twice as many when it
 * is cheaper by more than a fifth, four times when by half), then the other is measured again, since a
 * machine's load moves. (On the veth bench's lock-step 32 MiB, where polling is three times cheaper, measuring
 * sleeping one phase in 17 cost about a tenth of the rate; one in 33 costs half that.)
 *
 * <p>Thread-safe (a client's transfers may overlap); the server keeps one per client address.
 */
final class PollChoice {
    /** Answers (bursts: a block each in lock-step) in a phase. */
    static final int PHASE_ANSWERS = 64;
    static final int EXPLOIT_PHASES = 8;

    private boolean polling = true;
    private final long[] sum = new long[2];   // nanoseconds recorded in the current phase of each way
    private final int[] blocks = new int[2];  // blocks recorded in the current phase of each way
    private final int[] answers = new int[2]; // answers recorded in the current phase of each way
    private final double[] cost = {Double.NaN, Double.NaN}; // nanoseconds a block, smoothed over phases
    private int phasesLeft = 1;               // phases of the current way before choosing again
    private long pollPhases, sleepPhases;

    /** Whether the next wait should poll (when polling is allowed at all). */
    synchronized boolean polling() {
        return polling;
    }

    /**
     * One burst answered without loss: {@code nanos} from its first send to its ACK in hand, {@code n}
     * blocks acknowledged, waited for by polling or not.
     */
    synchronized void answered(boolean polled, long nanos, int n) {
        if (n <= 0 || nanos <= 0) return;
        int w = polled ? 1 : 0;
        sum[w] += nanos;
        blocks[w] += n;
        answers[w]++;
        if (polled != polling || answers[w] < PHASE_ANSWERS) return;
        double c = (double) sum[w] / blocks[w];
        cost[w] = Double.isNaN(cost[w]) ? c : (cost[w] + c) / 2;
        sum[w] = 0;
        blocks[w] = 0;
        answers[w] = 0;
        if (polled) pollPhases++;
        else sleepPhases++;
        if (--phasesLeft > 0) return;
        int other = 1 - w;
        if (Double.isNaN(cost[other])) {
            polling = !polling; // the other way has never been measured for this client
            phasesLeft = 1;
            return;
        }
        boolean pollBetter = cost[1] < cost[0];
        double ratio = Math.max(cost[0], cost[1]) / Math.min(cost[0], cost[1]);
        if (pollBetter == polled) {
            // the current way stays the better: measure the other again for one phase
            polling = !polling;
            phasesLeft = 1;
        } else {
            polling = pollBetter;
            phasesLeft = ratio > 2 ? 4 * EXPLOIT_PHASES : ratio > 1.2 ? 2 * EXPLOIT_PHASES : EXPLOIT_PHASES;
        }
    }

    @Override
    public synchronized String toString() {
        return String.format(java.util.Locale.ROOT, "%s (polling %.1f us a block over %d phases, sleeping %.1f over %d)", polling ? "polling" : "sleeping",
                cost[1] / 1000, pollPhases, cost[0] / 1000, sleepPhases);
    }
}
