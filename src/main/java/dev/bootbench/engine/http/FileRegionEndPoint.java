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
         * brief pauses are often longer than 100 µs: in the transfer benchmark (256 MiB, one curl, runs of
         * 25 rounds, paired against nginx) 100 µs gave 0.89 over 225 rounds and 500 µs, with the rate
         * floor, 0.94 over 475 (src/bench/README.md).
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

    /** At most one body write is in flight on an HTTP/1.1 connection, so one region at a time. */
    private volatile Region region;
    private final Spin spin;

    FileRegionEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler, Spin spin) {
        super(channel, selector, key, scheduler);
        this.spin = spin;
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
