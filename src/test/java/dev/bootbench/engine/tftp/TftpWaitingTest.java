package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.files.TransferReporter;
import dev.bootbench.testlab.Events;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * How a transfer waits for its client's answer, on a simulated clock: the transfer's own code
 * ({@link TftpTransfer}) runs against a {@link TransferLink} whose time moves only when the transfer
 * sleeps, polls or works, and whose client answers each burst after a delay the test chooses per
 * answer (firmware under emulation: 1 to 6 ms, with jitter). Time passing in this test is
 * simulated, none of it is measured on a real clock.
 *
 * <p>What a user relies on: the next block goes out as soon as the ACK has come (within
 * {@link #WORK} of the transfer's own work, never after a sleep of its own), and the round-trip
 * estimate follows the client's real answer times, whatever came before (it never grows from the
 * server's own delay).
 */
class TftpWaitingTest {
    /** The most a transfer may take from an ACK's arrival to its next block: its work, no waiting. */
    static final long WORK = 200_000;
    static final long MS = 1_000_000;
    static final long US = 1_000;
    static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

    @TempDir Path root;
    EventBus bus = new EventBus();
    Events events = new Events(bus);

    @AfterEach
    void close() throws Exception {
        events.close();
    }

    /** One phase of a client's behaviour: for this many bursts, answers after these delays. */
    record Phase(int bursts, LongUnaryOperator delay, String what) {
        static Phase steady(int bursts, long delay) {
            return new Phase(bursts, r -> delay, "steady " + delay / US + " us");
        }

        static Phase jitter(int bursts, long min, long max) {
            return new Phase(bursts, r -> min + Math.floorMod(r, max - min + 1), "jitter " + min / US + "-" + max / US + " us");
        }
    }

    @Test
    void firmwareUnderEmulationAnsweringIn1To6MsIsAnsweredAtOnce() throws Exception {
        run(512, 1, 7, List.of(Phase.jitter(600, 1 * MS, 6 * MS)));
    }

    @Test
    void aSteadyClientThatStartsToJitterIsStillAnsweredAtOnce() throws Exception {
        // 2 ms steady long enough for the answer to be predicted, then emulated firmware
        run(512, 1, 11, List.of(Phase.steady(200, 2 * MS), Phase.jitter(400, 1 * MS, 6 * MS), Phase.steady(200, 3 * MS)));
    }

    @Test
    void theEstimateComesDownWhenASlowClientGetsFast() throws Exception {
        run(1428, 1, 13, List.of(Phase.jitter(200, 4 * MS, 7 * MS), Phase.steady(150, 1 * MS),
                Phase.jitter(150, 300 * US, 900 * US), Phase.steady(150, 50 * US)));
    }

    @Test
    void windowedClientsWithJitterAreAnsweredAtOnce() throws Exception {
        run(1428, 8, 17, List.of(Phase.steady(100, 1 * MS), Phase.jitter(200, 1 * MS, 6 * MS), Phase.jitter(200, 20 * US, 400 * US)));
    }

    @Test
    void aSteadyClientsAnswerFindsTheTransferAwake() throws Exception {
        // a window's ACK at 1 ms RTT: slept for until just before it is due, then polled for
        SimulatedClient sim = run(1428, 16, 23, List.of(Phase.steady(600, 1 * MS)));
        // all but the phases that measure, now and then, what sleeping would give (one in nine at most)
        assertTrue(sim.foundPolling >= sim.answers * 8 / 10, sim.foundPolling + " of " + sim.answers + " answers were found polling");
        assertTrue(sim.spinning < sim.now / 2 - sim.start / 2, "polled for " + sim.spinning / MS + " of " + (sim.now - sim.start) / MS + " ms");
    }

    @Test
    void aFastClientOnAnotherCpuIsPolledFor() throws Exception {
        // curl on this machine, or a client on another one: polling takes the wake-up (30 us here) out of every block
        TftpServer server = server(200 * US);
        SimulatedClient polled = run(server, 512, 1, 31, List.of(Phase.jitter(3000, 20 * US, 60 * US)), 0);
        PollChoice choice = server.pollChoice(CLIENT.getAddress());
        assertTrue(choice.polling(), "polling kept: " + choice);
        SimulatedClient slept = run(server(0), 512, 1, 31, List.of(Phase.jitter(3000, 20 * US, 60 * US)), 0);
        long withPolling = polled.now - polled.start, without = slept.now - slept.start;
        assertTrue(withPolling < without * 85 / 100, "polling made the transfer faster: " + withPolling / US + " us against " + without / US + " us; " + choice);
    }

    @Test
    void aClientThatNeedsTheCpuWeWouldSpinOnIsSleptFor() throws Exception {
        // firmware under QEMU's emulation: it answers in 100-500 us and our spinning takes the CPU its
        // emulator needs, so polling makes its answers later (here by half the time spun) than a wake-up costs
        TftpServer server = server(200 * US);
        List<Phase> firmware = List.of(Phase.jitter(3000, 100 * US, 500 * US));
        SimulatedClient first = run(server, 1408, 1, 37, firmware, 500);
        PollChoice choice = server.pollChoice(CLIENT.getAddress());
        assertTrue(!choice.polling(), "sleeping chosen: " + choice);
        SimulatedClient slept = run(server(0), 1408, 1, 37, firmware, 500);
        long learned = first.now - first.start, sleeping = slept.now - slept.start;
        assertTrue(learned < sleeping * 104 / 100, "within 4% of never polling: " + learned / US + " us against " + sleeping / US + " us; " + choice);
        // the client's next transfer starts with what its first one learned
        SimulatedClient next = run(server, 1408, 1, 41, List.of(Phase.jitter(200, 100 * US, 500 * US)), 500);
        assertTrue(next.spinning == 0, "the next transfer did not poll: spun " + next.spinning / US + " us");
    }

    @Test
    void aJitteryClientIsNotPolledFor() throws Exception {
        // polling would mostly miss its answer, and take the CPU an emulated firmware needs
        SimulatedClient sim = run(512, 1, 29, List.of(Phase.jitter(500, 1 * MS, 6 * MS)));
        assertTrue(sim.spinning <= (sim.now - sim.start) / 50, "polled for " + sim.spinning / MS + " of " + (sim.now - sim.start) / MS + " ms");
    }

    @Test
    void whateverTheHistory() throws Exception {
        Random r = new Random(19);
        for (int run = 0; run < 30; run++) {
            List<Phase> phases = new ArrayList<>();
            for (int i = 0, n = 2 + r.nextInt(4); i < n; i++) {
                int bursts = 30 + r.nextInt(120);
                long a = randomDelay(r), b = randomDelay(r);
                phases.add(r.nextBoolean() ? Phase.steady(bursts, a) : Phase.jitter(bursts, Math.min(a, b), Math.max(a, b)));
            }
            int[] blocks = {512, 1428, 1468};
            int[] windows = {1, 1, 4, 8, 16};
            run(blocks[r.nextInt(blocks.length)], windows[r.nextInt(windows.length)], r.nextLong(), phases);
        }
    }

    /** Between 20 us and 8 ms, spread evenly on a log scale. */
    private static long randomDelay(Random r) {
        return (long) (20 * US * Math.pow(400, r.nextDouble()));
    }

    /**
     * A transfer of as many bursts as the phases have, the client answering each burst after its
     * phase's delay, with the server's default polling (200 us, this transfer allowed to poll).
     * Checks every ACK's reply and the estimate after every sample.
     */
    SimulatedClient run(int blk, int window, long seed, List<Phase> phases) throws Exception {
        return run(server(200 * US), blk, window, seed, phases, 0);
    }

    TftpServer server(long pollNanos) throws IOException {
        var cfg = TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false))
                .withPolling(Duration.ofNanos(pollNanos), 4);
        return new TftpServer(cfg, bus, null, null);
    }

    /** The same, through this server (which remembers what polling did for the client), the client slowed by the server's spinning. */
    SimulatedClient run(TftpServer server, int blk, int window, long seed, List<Phase> phases, long spinSteals) throws Exception {
        int bursts = phases.stream().mapToInt(Phase::bursts).sum();
        long size = (long) bursts * window * blk - blk / 2; // the last burst ends on a short block
        Path f = root.resolve("file-" + seed);
        Files.write(f, new byte[(int) size]);
        Map<String, String> options = new LinkedHashMap<>();
        if (blk != 512) options.put("blksize", Integer.toString(blk));
        if (window != 1) options.put("windowsize", Integer.toString(window));
        var request = new TftpPacket.Request(false, f.getFileName().toString(), "octet", options, null);
        Transfer t = new Transfer(Transfer.nextId(), Transfer.Protocol.TFTP, CLIENT, null, request.filename(), -1, 0, -1, 512, 1, "octet");
        SimulatedClient sim = new SimulatedClient(blk, window, phases, new Random(seed), options.isEmpty());
        sim.spinSteals = spinSteals;
        TftpTransfer transfer = new TftpTransfer(server, request, CLIENT,
                new TransferReporter(bus, LoggerFactory.getLogger("tftp"), t), () -> sim);
        sim.transfer = transfer;
        transfer.run();
        String where = "blksize " + blk + ", window " + window + ", seed " + seed + ", " + phases.stream().map(p -> p.bursts + " x " + p.what).toList();
        assertEquals(Outcome.OK, events.finished(request.filename()).outcome(), where);
        events.clear();
        assertEquals(size, sim.received, where);
        assertEquals(0, sim.duplicates, "no block was sent twice (no retransmission timer fired): " + where);
        assertTrue(sim.worstReply <= WORK, "the server answered an ACK " + sim.worstReply / US + " us after it came (at answer "
                + sim.worstReplyAt + "), more than its work (" + WORK / US + " us) allows: " + where);
        assertTrue(sim.worstEstimateExcess <= WORK, "the round-trip estimate was " + sim.worstEstimateExcess / US
                + " us above the client's real round trips (at answer " + sim.worstEstimateAt + "): " + where);
        return sim;
    }

    /**
     * The simulated socket, clock and client. The clock moves only when the transfer works (a few
     * microseconds a call), polls, or sleeps; a sleep on {@link #awaitReadable} ends when the next
     * answer arrives, as epoll's does.
     */
    static final class SimulatedClient implements TransferLink {
        static final long SEND = 4 * US, RECEIVE = 2 * US, SPIN = 1 * US;
        /** From a datagram's arrival to the sleeping transfer running again: the wake-up polling avoids. */
        static final long WAKE = 30 * US;

        final int blk, window;
        final List<Phase> phases;
        final Random random;
        TftpTransfer transfer;
        final long start = 1_000_000 * MS;
        long now = start;
        long spinning;       // time spent polling
        int foundPolling;    // answers read while polling (the transfer was awake when they came)
        boolean polling;
        final PriorityQueue<long[]> arrivals = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0])); // {time, ackedBlock}
        final Map<Long, Long> sentAt = new HashMap<>(); // block (unwrapped) -> first send time
        long expected = 1; // next block the client wants
        long acked;        // last block the client acknowledged (0: the OACK)
        long received;
        int duplicates;
        int answers;
        boolean oackPending;
        /** Each microsecond the server spins delays a pending answer by this many nanoseconds (the client needs that CPU). */
        long spinSteals;
        // what the checks found
        long pendingArrival = -1; // an ACK arrived and not answered yet
        long worstReply;
        int worstReplyAt;
        double estimate = -1; // the server's estimator applied to the real round trips
        long worstEstimateExcess = Long.MIN_VALUE;
        int worstEstimateAt;

        SimulatedClient(int blk, int window, List<Phase> phases, Random random, boolean lockStepFromStart) {
            this.blk = blk;
            this.window = window;
            this.phases = phases;
            this.random = random;
            this.oackPending = !lockStepFromStart;
        }

        long nextDelay() {
            int n = answers++;
            for (Phase p : phases) {
                if (n < p.bursts) return p.delay.applyAsLong(random.nextLong() & Long.MAX_VALUE);
                n -= p.bursts;
            }
            return phases.get(phases.size() - 1).delay.applyAsLong(random.nextLong() & Long.MAX_VALUE);
        }

        /** The client's answer, due {@code delay} from now: queued, and the real round trip noted for the estimate. */
        void answer(long block, long firstSentAt) {
            long at = now + nextDelay();
            arrivals.add(new long[] {at, block});
            long rtt = at - firstSentAt;
            estimate = estimate < 0 ? rtt : (7 * estimate + rtt) / 8;
        }

        /** Called on every packet the transfer sends: this is where the checks happen. */
        @Override
        public boolean send(ByteBuffer datagram, InetSocketAddress to) {
            ByteBuffer b = datagram.duplicate();
            int op = b.getShort() & 0xffff;
            now += SEND;
            polling = false;
            if (op == 3) {
                long block = unwrap(b.getShort() & 0xffff);
                int len = b.remaining();
                if (pendingArrival >= 0) {
                    long reply = now - SEND - pendingArrival;
                    if (reply > worstReply) {
                        worstReply = reply;
                        worstReplyAt = answers;
                    }
                    pendingArrival = -1;
                }
                check();
                sentAt.putIfAbsent(block, now);
                if (block != expected) {
                    duplicates++;
                    return true;
                }
                expected++;
                received += len;
                if (len < blk || block - acked == window) {
                    long first = sentAt.get(acked + 1);
                    answer(block, first);
                    acked = block;
                }
            } else if (op == 6) {
                if (!oackPending) duplicates++;
                oackPending = false;
                answer(0, now);
            }
            datagram.position(datagram.limit());
            return true;
        }

        /** The server's estimate against what its estimator would make of the real round trips. */
        void check() {
            long srtt = transfer.smoothedRtt();
            if (srtt < 0 || estimate < 0) return;
            long excess = srtt - (long) estimate;
            if (excess > worstEstimateExcess) {
                worstEstimateExcess = excess;
                worstEstimateAt = answers;
            }
        }

        /** The block number with these low 16 bits nearest to the one expected. */
        private long unwrap(int low) {
            return expected + (short) (low - (expected & 0xffff));
        }

        @Override
        public SocketAddress receive(ByteBuffer into) {
            now += RECEIVE;
            long[] head = arrivals.peek();
            if (head == null || head[0] > now) return null;
            arrivals.poll();
            if (pendingArrival < 0) pendingArrival = head[0];
            if (polling) foundPolling++;
            into.putShort((short) 4).putShort((short) head[1]);
            return CLIENT;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void awaitReadable(long until) {
            long[] head = arrivals.peek();
            long end = head == null || head[0] >= until ? until : head[0] + WAKE;
            now = Math.max(now, end);
            polling = false;
        }

        @Override
        public void awaitWritable(long until) {
            // the simulated socket always takes a datagram
        }

        @Override
        public void spin() {
            now += SPIN;
            spinning += SPIN;
            polling = true;
            long[] head = arrivals.peek();
            if (spinSteals > 0 && head != null && head[0] > now) {
                // the client's answer is not ready yet, and our spinning slows the CPU it needs
                arrivals.poll();
                head[0] += spinSteals;
                arrivals.add(head);
            }
        }

        @Override
        public void wakeup() {
            // single-threaded: nothing to wake
        }

        @Override
        public void close() throws IOException {
            // nothing open
        }
    }
}
