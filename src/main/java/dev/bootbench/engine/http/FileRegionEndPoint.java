package dev.bootbench.engine.http;

import dev.bootbench.engine.files.OpenFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's socket endpoint, except that a response body buffer registered with {@link #sendFromFile}
 * as a slice of a file leaves through {@link OpenFiles.Handle#transferTo} (sendfile(2) on Linux:
 * the kernel sends the file's pages, nothing is copied through this process) instead of a write
 * of the buffer's memory.
 *
 * <p>Jetty still does all the HTTP: it generates the headers, counts the body bytes by the buffer's
 * {@code remaining()}, and hands the buffer to {@link #flush} as it would for any write; only the
 * system call that moves the bytes differs, and it consumes the buffer exactly as a write would
 * (its position advances by the bytes sent). A registered buffer that does not reach
 * {@code flush} as the same object (were Jetty to copy or slice it) is written from memory as
 * usual, and its bytes are the same, so correctness never depends on the sendfile path.
 */
final class FileRegionEndPoint extends SocketChannelEndPoint {
    /** At most this much per sendfile call, as nginx's {@code sendfile_max_chunk}: a call holds the socket. */
    static final int MAX_CALL = 4 << 20;

    /**
     * {@code offset}: the file position of the buffer's index 0; {@code sent}: told the file position
     * reached after each call that moved bytes (null: nobody asks).
     */
    private record Region(ByteBuffer buffer, OpenFiles.Handle file, long offset, LongConsumer sent) {}

    /**
     * When the socket is full, a flush may keep retrying instead of going back to the selector, for as
     * long as the client drains it fast: a client reading at gigabytes a second empties the socket within
     * a millisecond, and on a virtual machine the selector's sleep and wake-up in between cost more than
     * waiting awake (the CPU the sender ran on goes idle, and waking it goes through the hypervisor).
     * It gives up after {@code nanos} without progress, or once it has retried for {@code nanos} and the
     * bytes moved meanwhile come to less than {@code minBytesPerSecond}: a slower client (gigabit
     * Ethernet's ~118 MB/s and below) leaves milliseconds between refills, where a wake-up costs
     * little, and must not keep a CPU busy for its whole download. At most {@code maxBodies} bodies
     * retry at a time among the endpoints sharing one Spin, leaving the other CPUs to the clients.
     */
    static final class Spin {
        /**
         * 500 µs; {@code -Dbootbench.http.spinMicros=N} changes it (0: never), for measuring. One client's
         * brief pauses are often longer than 100 µs, the earlier setting, which came out further behind nginx
         * in the transfer benchmark (figures: src/bench/README.md, TFTP and HTTP transfers).
         */
        static final long DEFAULT_NANOS = Long.getLong("bootbench.http.spinMicros", 500) * 1000L;
        /** 256 MiB/s, above any client on gigabit Ethernet; {@code -Dbootbench.http.spinMinMiBs=N} changes it. */
        static final long DEFAULT_MIN_RATE = Long.getLong("bootbench.http.spinMinMiBs", 256) << 20;

        final long nanos;
        final int maxBodies;
        final long minBytesPerSecond;
        final AtomicInteger bodies = new AtomicInteger();

        Spin(long nanos, int maxBodies, long minBytesPerSecond) {
            this.nanos = nanos;
            this.maxBodies = maxBodies;
            this.minBytesPerSecond = minBytesPerSecond;
        }

        Spin(long nanos, int maxBodies) {
            this(nanos, maxBodies, DEFAULT_MIN_RATE);
        }

        /** The default time and rate, by one body per CPU but one. */
        static Spin defaults() {
            return new Spin(DEFAULT_NANOS, Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
        }

        boolean allowed() {
            return nanos > 0 && bodies.get() <= maxBodies;
        }

        /** Retrying since {@code start}, last progress at {@code progress}, {@code moved} bytes meanwhile: go on? */
        boolean goOn(long now, long start, long progress, long moved) {
            if (now - progress > nanos) return false;
            long spun = now - start;
            // moved / spun (ns) against minBytesPerSecond, without overflow for any sane figures
            return spun <= nanos || moved >= (double) minBytesPerSecond * spun / 1e9;
        }
    }

    /**
     * How long a request may take to send its headers, from its first byte (see
     * {@link HttpBootServer.Config#headerTimeout()}), shared by a server's endpoints; logs the connections
     * it closes, a few lines a second at most whatever a flood of them brings.
     */
    static final class HeaderDeadline {
        final long nanos;
        private final org.slf4j.Logger log;
        private long lastLog = System.nanoTime() - 1_000_000_000L;
        private int unlogged;

        HeaderDeadline(java.time.Duration timeout, org.slf4j.Logger log) {
            this.nanos = timeout.toNanos();
            this.log = log;
        }

        synchronized void closed(java.net.InetSocketAddress client) {
            long now = System.nanoTime();
            if (now - lastLog < 200_000_000L) {
                unlogged++;
                return;
            }
            lastLog = now;
            log.warn("closed a connection from {}: its request headers were not complete {} s after they began{}",
                    client == null ? "?" : client.getAddress().getHostAddress(), nanos / 1_000_000_000L,
                    unlogged > 0 ? " (and " + unlogged + " more such connections not logged)" : "");
            unlogged = 0;
        }
    }

    /** At most one body write is in flight on an HTTP/1.1 connection, so one region at a time. */
    private volatile Region region;
    private final Spin spin;
    private final HeaderDeadline deadline;
    private final Scheduler scheduler;
    /** Counts the requests begun on this connection (by fill, the selector's thread); a deadline is for one of them. */
    private volatile long requests;

    FileRegionEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler, Spin spin, HeaderDeadline deadline) {
        super(channel, selector, key, scheduler);
        this.spin = spin;
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    FileRegionEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler, Spin spin) {
        this(channel, selector, key, scheduler, spin, null);
    }

    /**
     * Reads as Jetty's endpoint does. Bytes read while the connection's parser waits for a new request
     * are that request's first: its headers must then be complete within the deadline, or the
     * connection is closed. The idle timeout alone cannot do this: a client sending a byte now and
     * then is never idle.
     */
    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        boolean begins = deadline != null && deadline.nanos > 0 && parser() != null && parser().isStart();
        int n = super.fill(buffer);
        if (n > 0 && begins) {
            long request = ++requests;
            scheduler.schedule(() -> headerDeadline(request), deadline.nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return n;
    }

    private org.eclipse.jetty.http.HttpParser parser() {
        return getConnection() instanceof org.eclipse.jetty.server.internal.HttpConnection c ? c.getParser() : null;
    }

    /** The request begun as number {@code request} is still the one being read, and still in its headers: close. */
    private void headerDeadline(long request) {
        org.eclipse.jetty.http.HttpParser p = parser();
        if (request != requests || !isOpen() || p == null || p.isStart() || !p.inHeaderState()) return;
        deadline.closed(getRemoteSocketAddress() instanceof java.net.InetSocketAddress a ? a : null);
        close(new java.util.concurrent.TimeoutException("request headers not complete within " + deadline.nanos / 1_000_000 + " ms"));
    }

    /** A body that may be sent with {@link #sendFromFile} begins (it counts for {@link Spin#maxBodies}) or ends. */
    void body(boolean begins) {
        if (begins) spin.bodies.incrementAndGet();
        else spin.bodies.decrementAndGet();
    }

    /**
     * The next write of {@code body} may be sent from {@code file}: {@code body}'s remaining bytes are
     * the file's bytes from {@code filePosition} on. Call before handing {@code body} to the response.
     * {@code sent}, if not null, is told the file position reached each time bytes leave this way (on
     * the thread that flushes, so it must be quick), for progress within a long body.
     */
    void sendFromFile(ByteBuffer body, OpenFiles.Handle file, long filePosition, LongConsumer sent) {
        region = new Region(body, file, filePosition - body.position(), sent);
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        Region r = region;
        int at = -1;
        if (r != null) {
            for (int i = 0; i < buffers.length; i++) {
                if (buffers[i] == r.buffer) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) return super.flush(buffers);
        // what goes before the body (the response headers), as Jetty would write it
        if (at > 0 && !super.flush(Arrays.copyOf(buffers, at))) return false;
        ByteBuffer body = r.buffer;
        boolean spinning = false;
        long spinStart = 0;
        long lastProgress = 0;
        long moved = 0;
        while (body.hasRemaining()) {
            int want = Math.min(body.remaining(), MAX_CALL);
            long sent;
            try {
                sent = r.file.transferTo(r.offset + body.position(), want, getChannel());
            } catch (ClosedChannelException e) {
                if (!getChannel().isOpen()) throw new EofException(e);
                // The file was closed under this flush: its writer gave up on the body (the write failed,
                // e.g. at the idle timeout, while Jetty already had this flush under way). The mapping
                // the buffer is a slice of outlives the file channel: finish as a plain write would.
                if (region == r) region = null;
                return super.flush(buffers);
            } catch (IOException e) {
                throw new EofException(e);
            }
            if (sent > 0) {
                body.position(body.position() + (int) sent);
                notIdle();
                if (r.sent != null) r.sent.accept(r.offset + body.position());
            }
            if (sent < want) {
                // the socket is full: Jetty waits until it can write, then flushes again; or retry awhile (see Spin)
                if (!spin.allowed()) return false;
                long now = System.nanoTime();
                if (!spinning) {
                    spinning = true;
                    spinStart = now;
                    lastProgress = now;
                } else if (sent > 0) {
                    lastProgress = now;
                    moved += sent;
                }
                if (!spin.goOn(now, spinStart, lastProgress, moved)) return false;
                Thread.onSpinWait();
            }
        }
        if (region == r) region = null;
        return at + 1 == buffers.length || super.flush(Arrays.copyOfRange(buffers, at + 1, buffers.length));
    }

    @Override
    public void onClose(Throwable cause) {
        region = null;
        super.onClose(cause);
    }
}
