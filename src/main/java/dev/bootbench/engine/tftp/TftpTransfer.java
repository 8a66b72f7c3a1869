package dev.bootbench.engine.tftp;

import static dev.bootbench.engine.TransferFinished.Outcome.ABORTED_AFTER_OACK;
import static dev.bootbench.engine.TransferFinished.Outcome.DENIED;
import static dev.bootbench.engine.TransferFinished.Outcome.FAILED;
import static dev.bootbench.engine.TransferFinished.Outcome.NOT_FOUND;
import static dev.bootbench.engine.TransferFinished.Outcome.OK;

import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.files.GeneratedFiles;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.files.TransferReporter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * One read request, from the first answer to the last ACK, on a socket of its own.
 *
 * <p>Sending: a window of blocks goes out, then we wait for an ACK. An ACK for the last block sent
 * slides the window on; an ACK for an earlier block of the window means the blocks after it were
 * lost, so sending goes back to the first unacknowledged block at once. An ACK for a block already
 * acknowledged (a duplicate) never makes us send anything (the Sorcerer's Apprentice bug of RFC
 * 1123 4.2.3.1): only our retransmission timer does, which adapts to the measured round trip and
 * backs off, and the transfer is given up when nothing new is acknowledged for the stall time.
 * Block numbers wrap from 65535 to 0.
 *
 * <p>The socket is non-blocking, with a selector of its own for waiting with a timeout (a
 * blocking socket with a timeout would be switched between modes around every receive); the
 * transfer reaches it, and the clock, through a {@link TransferLink}. Every sleep ends when a
 * datagram arrives: an answer never waits for the server's own sleep, and the round trip measured
 * never includes it. A client that answers within {@link TftpServer.Config#poll()} is polled for
 * instead, a few transfers at a time (see there); a steady one a few milliseconds away is slept for
 * until just before its answer is due, then polled for. Whether polling makes a client's blocks
 * faster at all is measured for each client, both ways, and the faster kept ({@link PollChoice}).
 * The transfer's start is published once its first packet has gone, as DHCP's events are after its reply.
 */
final class TftpTransfer implements Runnable {
    private static final ThreadLocal<ByteBuffer> SEND_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(TftpCodec.MAX_PACKET));
    /** Round trips up to this long are predicted (see {@link #receive}); beyond, waking costs little in comparison. */
    static final long PREDICT_MAX = 5_000_000L;

    private final TftpServer server;
    private final TftpPacket.Request request;
    private final InetSocketAddress client;
    private final TransferReporter reporter;
    private final byte[] rxBuf = new byte[2048];
    private final ByteBuffer rx = ByteBuffer.wrap(rxBuf);
    private final Opener opener;
    private volatile TransferLink link;
    private TftpPacket.Request duplicate;
    private boolean ended;
    private volatile boolean aborted;
    private boolean probeEnded;

    // round-trip estimate (RFC 6298 style), in nanoseconds
    private long srtt = -1;
    private long rttvar;
    private long rtoBase;
    private int backoff = 1;
    private long bytesDone;
    private int sendFailures;
    /** Whether polling pays for this client (learned across its transfers); null until the first wait that could poll. */
    private PollChoice pollChoice;
    /** How {@link #receive} waited last: -1 it could not poll (or was not asked to), 0 it slept, 1 it polled. */
    private int lastWait = -1;
    /** The transfer's start is to be published once its first packet has gone. */
    private boolean announce;

    /** Opens the transfer's socket (as a {@link TransferLink}). */
    interface Opener {
        TransferLink open() throws IOException;
    }

    TftpTransfer(TftpServer server, TftpPacket.Request request, InetSocketAddress client, TransferReporter reporter) {
        this(server, request, client, reporter, () -> new TransferLink.Socket(server.openTransferChannel()));
    }

    TftpTransfer(TftpServer server, TftpPacket.Request request, InetSocketAddress client, TransferReporter reporter, Opener opener) {
        this.opener = opener;
        this.server = server;
        this.request = request;
        this.client = client;
        this.reporter = reporter;
        this.rtoBase = server.config().initialTimeout().toNanos();
    }

    /** The smoothed round trip measured so far, in nanoseconds; -1 before the first sample. */
    long smoothedRtt() {
        return srtt;
    }

    TransferReporter reporter() {
        return reporter;
    }

    boolean isSameRequest(TftpPacket.Request r) {
        return r.equals(request);
    }

    /**
     * The client asked again (same port, same request) while this transfer runs. Returns false when
     * this transfer has already ended: then the request is a new one.
     */
    synchronized boolean duplicateRequest(TftpPacket.Request r) {
        if (ended) return false;
        duplicate = r;
        return true;
    }

    private synchronized TftpPacket.Request endAndTakeDuplicate() {
        ended = true;
        return duplicate;
    }

    /** Ends the transfer from another thread (server stopping). */
    void abort() {
        aborted = true;
        TransferLink l = link;
        if (l != null) l.wakeup();
    }

    @Override
    public void run() {
        OpenFiles.Handle file = null;
        try (TransferLink ch = opener.open()) {
            link = ch;
            if (aborted || server.isClosed()) {
                reporter.finish(FAILED, 0, "server stopped");
                return;
            }
            file = serve(ch);
        } catch (ClosedChannelException e) {
            reporter.finish(FAILED, bytesDone, aborted ? "server stopped" : "socket closed");
        } catch (IOException e) {
            reporter.finish(FAILED, bytesDone, aborted ? "server stopped" : "I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            TftpServer.log.error("transfer of {} to {} failed unexpectedly", reporter.transfer().file(), client, e);
            reporter.finish(FAILED, bytesDone, "internal error: " + e);
        } finally {
            if (file != null) file.close();
            TftpPacket.Request again = endAndTakeDuplicate();
            server.ended(this, client);
            if (pollChoice != null) TftpServer.log.debug("{}: {}", client, pollChoice);
            // The client gave up on this transfer right after our first answer (a tsize probe) and
            // already asked again from the same port: serve that request now.
            if (again != null && !aborted && probeEnded) {
                server.startTransfer(again, client);
            }
        }
    }

    /** Returns the open file (for the caller to close) once the transfer has ended, or null. */
    private OpenFiles.Handle serve(TransferLink ch) throws IOException {
        if (request.write()) {
            sendError(ch, client, TftpPacket.Errors.ACCESS_VIOLATION, "Bootbench serves files read-only: write requests are refused");
            reporter.finish(DENIED, 0, "write request refused (read-only server)");
            return null;
        }
        boolean netascii;
        switch (request.mode()) {
            case "octet" -> netascii = false;
            case "netascii" -> netascii = true;
            default -> {
                sendError(ch, client, TftpPacket.Errors.ILLEGAL_OPERATION, "transfer mode '" + clip(request.mode()) + "' is not supported (octet or netascii)");
                reporter.finish(DENIED, 0, "unsupported transfer mode '" + PathResolver.printable(clip(request.mode())) + "'");
                return null;
            }
        }
        PathResolver.Resolution res = server.config().paths().resolve(request.filename());
        if (res instanceof PathResolver.Denied d) {
            sendError(ch, client, TftpPacket.Errors.ACCESS_VIOLATION, "access violation: " + d.reason());
            reporter.finish(DENIED, 0, d.reason());
            return null;
        }
        if (res instanceof PathResolver.NotFound nf) {
            GeneratedFiles.Generated made;
            try {
                made = server.generated().generate(nf.name(), reporter.transfer().mac());
            } catch (IOException | RuntimeException e) {
                TftpServer.log.error("{} for {}: could not be made: {}", nf.name(), client.getAddress().getHostAddress(), e.toString(), e);
                sendError(ch, client, TftpPacket.Errors.ACCESS_VIOLATION, "cannot make the file");
                reporter.update(withFile(nf.name(), -1));
                reporter.finish(FAILED, 0, "could not be made: " + e.getMessage());
                return null;
            }
            if (made != null) {
                sendGenerated(ch, nf.name(), made, netascii);
                return null;
            }
            sendError(ch, client, TftpPacket.Errors.FILE_NOT_FOUND, "file not found");
            reporter.update(withFile(nf.name(), -1));
            reporter.finish(NOT_FOUND, 0, nf.reason());
            return null;
        }
        PathResolver.Found found = (PathResolver.Found) res;
        OpenFiles.Handle file;
        try {
            file = server.files().open(found.file(), server.config().paths().root());
        } catch (IOException e) {
            sendError(ch, client, TftpPacket.Errors.ACCESS_VIOLATION, "cannot read the file");
            reporter.update(withFile(found.name(), -1));
            reporter.finish(DENIED, 0, "cannot open " + found.file() + ": " + e.getMessage());
            return null;
        }
        transfer(ch, found.name(), BlockSource.Content.of(file), netascii, null);
        return file;
    }

    /** Sends a file made for this client (see {@link GeneratedFiles}); tells the maker once the client has all of it. */
    private void sendGenerated(TransferLink ch, String name, GeneratedFiles.Generated made, boolean netascii) throws IOException {
        if (transfer(ch, name, BlockSource.Content.of(made.content()), netascii, made.source())) {
            try {
                made.sent().run();
            } catch (RuntimeException e) {
                TftpServer.log.error("{} sent to {}: {}", name, client.getAddress().getHostAddress(), e.toString(), e);
            }
        }
    }

    /** Negotiates and sends; true when the client acknowledged the whole content. */
    private boolean transfer(TransferLink ch, String name, BlockSource.Content content, boolean netascii, String generatedFrom) throws IOException {
        long size = content.size();
        TftpServer.Negotiated n = TftpServer.negotiate(request.options(), netascii ? -1 : size, server.config());
        StringBuilder detail = new StringBuilder(request.mode());
        if (n.oack().containsKey("blksize")) detail.append(" blksize=").append(n.blockSize());
        if (n.oack().containsKey("windowsize")) detail.append(" windowsize=").append(n.windowSize());
        if (n.tsize()) detail.append(" tsize");
        if (n.timeoutSeconds() > 0) detail.append(" timeout=").append(n.timeoutSeconds());
        if (generatedFrom != null) detail.append(", generated from ").append(generatedFrom);
        Transfer t = reporter.transfer();
        reporter.update(new Transfer(t.id(), t.protocol(), t.client(), t.mac(), name, size, 0,
                netascii ? -1 : size, n.blockSize(), n.windowSize(), detail.toString()));
        announce = true; // with the first packet out (the OACK or block 1): the client never waits for the event's subscribers
        if (n.timeoutSeconds() > 0) rtoBase = Math.min(rtoBase, n.timeoutSeconds() * 1_000_000_000L);
        if (!n.oack().isEmpty() && !negotiate(ch, n)) return false;
        BlockSource source = netascii ? BlockSource.netascii(content, n.blockSize()) : BlockSource.octet(content, n.blockSize());
        return send(ch, source, n.blockSize(), n.windowSize(), n.timeoutSeconds());
    }

    private Transfer withFile(String name, long size) {
        Transfer t = reporter.transfer();
        return new Transfer(t.id(), t.protocol(), t.client(), t.mac(), name, size, 0, -1, t.blockSize(), t.windowSize(), t.detail());
    }

    /** Sends the OACK until the client acknowledges it (block 0). False when the transfer ended here. */
    private boolean negotiate(TransferLink ch, TftpServer.Negotiated n) throws IOException {
        ByteBuffer oack = ByteBuffer.wrap(TftpCodec.encode(new TftpPacket.Oack(n.oack())));
        long progressAt = ch.nanoTime();
        boolean resent = false;
        while (true) {
            oack.rewind();
            transmit(ch, oack);
            long sentAt = ch.nanoTime();
            while (true) {
                TftpPacket p = receive(ch, sentAt + rto(n.timeoutSeconds()), 0);
                if (p == null) break; // timeout: send again
                if (p instanceof TftpPacket.Ack a && a.block() == 0) {
                    if (!resent) sample(ch.nanoTime() - sentAt);
                    return true;
                }
                if (p instanceof TftpPacket.Error e) {
                    probeEnded = true;
                    reporter.finish(ABORTED_AFTER_OACK, 0, "client ended the transfer after the OACK with error "
                            + e.code() + (e.message().isEmpty() ? "" : " '" + clip(e.message()) + "'"));
                    return false;
                }
                // anything else (a stray ACK, a DATA) is ignored
            }
            if (ch.nanoTime() - progressAt > server.config().stallTimeout().toNanos()) {
                reporter.finish(FAILED, 0, "no ACK for the OACK in " + server.config().stallTimeout().toSeconds() + " s");
                return false;
            }
            backoff = Math.min(backoff * 2, 64);
            resent = true;
        }
    }

    /** Sends every block; true when the last one was acknowledged. */
    private boolean send(TransferLink ch, BlockSource source, int blk, int window, int timeoutSeconds) throws IOException {
        ByteBuffer pkt = SEND_BUFFER.get();
        long base = 1;          // first block not yet acknowledged
        long next = 1;          // next block to send
        long last = Long.MAX_VALUE; // the final (short) block, once we have read it
        int lastLength = -1;
        long highestSent = 0;
        long sampleBlock = -1;  // block whose ACK gives an RTT sample (Karn: only if never resent)
        long sampleSentAt = 0;
        long progressAt = ch.nanoTime();
        int timeouts = 0;
        long stallNanos = server.config().stallTimeout().toNanos();
        while (true) {
            long sentAt = 0;
            long burstAt = 0; // when the first block of this burst went
            while (next < base + window && next <= last) {
                pkt.clear();
                TftpCodec.putDataHeader(pkt, next);
                int len = source.read(next, pkt);
                pkt.flip();
                transmit(ch, pkt);
                sentAt = ch.nanoTime();
                if (burstAt == 0) burstAt = sentAt;
                if (len < blk) {
                    last = next;
                    lastLength = len;
                }
                if (next > highestSent) {
                    highestSent = next;
                    if (sampleBlock < 0) {
                        sampleBlock = next;
                        sampleSentAt = sentAt;
                    }
                }
                next++;
            }
            if (sentAt == 0) sentAt = ch.nanoTime(); // window full: we are waiting for an ACK only
            // the answer to a whole burst is due one measured round trip (first block to ACK) after it began
            TftpPacket p = receive(ch, sentAt + rto(timeoutSeconds), burstAt != 0 && srtt > 0 ? burstAt + srtt : 0);
            if (p == null) {
                if (ch.nanoTime() - progressAt > stallNanos) {
                    reporter.finish(FAILED, bytesDone, "client stopped acknowledging: no ACK for block " + base
                            + " in " + server.config().stallTimeout().toSeconds() + " s (" + timeouts + " retransmissions)");
                    return false;
                }
                timeouts++;
                backoff = Math.min(backoff * 2, 64);
                next = base;
                sampleBlock = -1;
                continue;
            }
            if (p instanceof TftpPacket.Ack a) {
                // the one block in [base-1, base-1+65535] with these low 16 bits
                long acked = base - 1 + ((a.block() - (base - 1)) & 0xffff);
                if (acked < base || acked > highestSent) continue; // duplicate, or a block never sent: ignore
                long now = ch.nanoTime();
                if (lastWait >= 0 && burstAt != 0 && acked == highestSent && acked == next - 1) {
                    // a whole burst answered, waited for one way or the other: what each way costs a block
                    pollChoice.answered(lastWait == 1, now - burstAt, (int) (acked - base + 1));
                }
                base = acked + 1;
                source.acknowledgedBelow(base);
                if (sampleBlock >= 0 && acked >= sampleBlock) {
                    sample(now - sampleSentAt);
                    sampleBlock = -1;
                }
                backoff = 1;
                progressAt = now;
                bytesDone = base > last ? (last - 1) * (long) blk + lastLength : (base - 1) * (long) blk;
                if (base > last) {
                    reporter.finish(OK, bytesDone, null);
                    return true;
                }
                reporter.progress(bytesDone);
                if (acked < next - 1) {
                    // the client has a gap after 'acked': send again from there, now
                    next = base;
                    sampleBlock = -1;
                } else if (next < base) {
                    next = base;
                }
            } else if (p instanceof TftpPacket.Error e) {
                reporter.finish(FAILED, bytesDone, "client aborted with error " + e.code()
                        + (e.message().isEmpty() ? "" : " '" + clip(e.message()) + "'"));
                return false;
            }
            // DATA, requests, OACKs from the client on this port mean nothing here: ignored
        }
    }

    private long rto(int timeoutSeconds) {
        var c = server.config();
        long max = Math.max(c.maxTimeout().toNanos(), timeoutSeconds * 1_000_000_000L);
        long base = Math.max(rtoBase, c.minTimeout().toNanos());
        return Math.min(max, base * backoff);
    }

    private void sample(long rtt) {
        if (srtt < 0) {
            srtt = rtt;
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
        rtoBase = srtt + Math.max(1_000_000L, 4 * rttvar);
    }

    /**
     * The next packet from our client, or null at the deadline. Packets from anyone else get an
     * "unknown transfer ID" error (RFC 1350) and do not disturb the transfer; undecodable ones are dropped.
     *
     * <p>Every sleep here ends when a datagram arrives (the selector: epoll), so the client's answer
     * never waits for our own sleep and the round trip measured from it never includes it. Only
     * polling keeps us from sleeping: for a fast client, and for a steady one around its answer's
     * due time.
     *
     * @param dueAt when the answer we wait for is expected (the last burst's start plus the measured
     *              round trip), 0 if unknown: a client slower than the polling time but within
     *              {@link #PREDICT_MAX}, whose round trips vary by less than the polling time, is
     *              slept for until shortly before then (or until its answer, if earlier), then polled
     *              for around it
     */
    private TftpPacket receive(TransferLink ch, long deadline, long dueAt) throws IOException {
        // Right after a send the answer is rarely there yet: poll for it a little (a fast client) or wait
        // (epoll returns at once when it is there). After a packet that was not the one wanted, more are
        // likely queued: read first.
        boolean readFirst = false;
        long pollUntil = 0;
        long wakeAt = 0;
        long poll = server.config().poll().toNanos();
        lastWait = -1;
        if (poll > 0 && srtt >= 0 && server.activeTransfers() <= server.config().pollers()
                && (srtt < poll || dueAt != 0 && srtt <= PREDICT_MAX && rttvar <= server.steadyWithinNanos())) {
            // polling could take the wake-up out of this wait: whether it does for this client is measured
            if (pollChoice == null) pollChoice = server.pollChoice(client.getAddress());
            lastWait = pollChoice.polling() ? 1 : 0;
        }
        if (lastWait == 1) {
            long now = ch.nanoTime();
            if (srtt < poll) {
                // a fast client: its answer is due within the polling time, so poll for it (never past the deadline)
                pollUntil = now + Math.min(Math.min(poll, 2 * srtt), Math.max(0, deadline - now));
                readFirst = true;
            } else if (dueAt != 0 && srtt <= PREDICT_MAX && rttvar <= server.steadyWithinNanos() && dueAt + poll - now > 0) {
                // a steady client a round trip of up to a few milliseconds away (a window's ACK at 1 ms RTT):
                // sleep until a polling time before its answer is due, then poll until a polling time after
                // it, so the answer finds us awake instead of having to wake us. A jittery one (firmware under
                // emulation: 1-6 ms) is only slept for: polling would mostly miss its answer and take the CPU
                // it needs.
                wakeAt = Math.min(dueAt - poll, deadline);
                pollUntil = Math.min(dueAt + poll, deadline);
                readFirst = true;
            }
        }
        while (true) {
            SocketAddress a = null;
            if (readFirst) {
                rx.clear();
                a = ch.receive(rx);
            }
            if (a == null && wakeAt != 0) {
                if (wakeAt - ch.nanoTime() > 0) {
                    ch.awaitReadable(wakeAt); // ends early when the answer comes: then it is read at once
                    if (aborted) throw new ClosedChannelException();
                } else {
                    wakeAt = 0;
                }
                readFirst = true;
                continue;
            }
            if (a == null && pollUntil != 0) {
                if (aborted) throw new ClosedChannelException();
                if (ch.nanoTime() - pollUntil < 0) {
                    ch.spin();
                    continue;
                }
                pollUntil = 0;
            }
            if (a == null) {
                if (deadline - ch.nanoTime() <= 0) return null;
                ch.awaitReadable(deadline);
                if (aborted) throw new ClosedChannelException();
                rx.clear();
                a = ch.receive(rx);
                if (a == null) continue; // woken without a datagram (timeout or wakeup): check the deadline
            }
            readFirst = true;
            if (!(a instanceof InetSocketAddress from)) continue;
            if (!sameEndpoint(from, client)) {
                sendError(ch, from, TftpPacket.Errors.UNKNOWN_TID, "unknown transfer ID");
                continue;
            }
            try {
                return TftpCodec.decode(rxBuf, 0, rx.position());
            } catch (TftpFormatException e) {
                TftpServer.log.debug("dropped a malformed packet from {}: {}", client, e.getMessage());
            }
        }
    }

    /**
     * Sends one datagram to the client. A non-blocking UDP socket takes a datagram whole or not at all
     * (0: its send buffer is full): then wait until it can take it, at most one retransmission timeout;
     * a datagram that still cannot go counts as lost on the way, which retransmission repairs.
     */
    private void transmit(TransferLink ch, ByteBuffer pkt) throws IOException {
        try {
            if (sendOrLose(ch, pkt)) return;
        } finally {
            if (announce) {
                announce = false;
                reporter.started();
            }
        }
        long deadline = ch.nanoTime() + rto(0);
        while (true) {
            if (deadline - ch.nanoTime() <= 0) return;
            ch.awaitWritable(deadline);
            if (aborted) throw new ClosedChannelException();
            if (sendOrLose(ch, pkt)) return;
        }
    }

    /**
     * One send; true when it is done with. An error of the network ("Network is unreachable" while the
     * link is down for a moment, no route, no buffer space) counts as the datagram lost on the way:
     * retransmission sends it again, and the stall timeout ends the transfer if the network does not
     * come back. The first failure and the recovery are logged once each.
     */
    private boolean sendOrLose(TransferLink ch, ByteBuffer pkt) throws IOException {
        boolean sent;
        try {
            sent = ch.send(pkt, client);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            if (aborted) throw e;
            if (sendFailures++ == 0) {
                TftpServer.log.warn("sending {} to {} failed ({}); retrying until the client answers or {} s pass", reporter.transfer().file(),
                        TftpServer.hostPort(client), e.getMessage(), server.config().stallTimeout().toSeconds());
            }
            return true;
        }
        if (sent && sendFailures > 0) {
            TftpServer.log.info("sending {} to {} works again after {} failed sends", reporter.transfer().file(), TftpServer.hostPort(client), sendFailures);
            sendFailures = 0;
        }
        return sent;
    }

    private static boolean sameEndpoint(InetSocketAddress a, InetSocketAddress b) {
        return a.getPort() == b.getPort() && Objects.equals(a.getAddress(), b.getAddress());
    }

    private static void sendError(TransferLink ch, InetSocketAddress to, int code, String message) {
        try {
            ch.send(ByteBuffer.wrap(TftpCodec.encode(new TftpPacket.Error(code, message))), to);
        } catch (IOException e) {
            TftpServer.log.debug("cannot send error to {}: {}", to, e.toString());
        }
    }

    private static String clip(String s) {
        return PathResolver.printable(s.length() > 60 ? s.substring(0, 60) + "..." : s);
    }
}
