package dev.bootbench.engine.tftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What one {@link TftpTransfer} does with time and its socket: the clock, sending, reading what has
 * come, and waiting. The transfer's waiting logic sees nothing else, so that a test can run it on a
 * simulated clock against a simulated client ({@code TftpWaitingTest}). {@link Socket} is the real one.
 */
interface TransferLink extends Closeable {
    /** The clock, in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Sends one datagram whole, or nothing (false) when the socket's send buffer is full. */
    boolean send(ByteBuffer datagram, InetSocketAddress to) throws IOException;

    /** A datagram that has come (into {@code into}, from its position), or null at once when none has. */
    SocketAddress receive(ByteBuffer into) throws IOException;

    /**
     * Sleeps until a datagram can be read or until {@code until} (on {@link #nanoTime()}'s clock),
     * whichever comes first; it may also return early for no reason (the caller checks).
     */
    void awaitReadable(long until) throws IOException;

    /** Sleeps until a datagram can be sent or until {@code until}, whichever comes first (or earlier). */
    void awaitWritable(long until) throws IOException;

    /** Sleeps until {@code until}, whatever comes meanwhile. */
    void sleepUntil(long until);

    /** One turn of polling: a hint to the CPU that we are spinning. */
    void spin();

    /** Ends any wait at once (from another thread: the server is stopping). */
    void wakeup();

    /** A transfer's own non-blocking UDP socket, with a selector of its own for waiting. */
    final class Socket implements TransferLink {
        /** For {@link Selector#select(Consumer, long)}: waiting is all we want, the key has one channel. */
        private static final Consumer<SelectionKey> NOTHING = k -> { };

        private final DatagramChannel channel;
        private final Selector selector;
        private final SelectionKey key;

        Socket(DatagramChannel channel) throws IOException {
            this.channel = channel;
            Selector sel = null;
            try {
                channel.configureBlocking(false);
                sel = Selector.open();
                this.key = channel.register(sel, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                if (sel != null) sel.close();
                channel.close();
                throw e;
            }
            this.selector = sel;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean send(ByteBuffer datagram, InetSocketAddress to) throws IOException {
            return channel.send(datagram, to) > 0 || !datagram.hasRemaining();
        }

        @Override
        public SocketAddress receive(ByteBuffer into) throws IOException {
            return channel.receive(into);
        }

        @Override
        public void awaitReadable(long until) throws IOException {
            select(until);
        }

        @Override
        public void awaitWritable(long until) throws IOException {
            key.interestOps(SelectionKey.OP_WRITE);
            try {
                select(until);
            } finally {
                if (key.isValid()) key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void select(long until) throws IOException {
            if (!channel.isOpen()) throw new ClosedChannelException();
            long left = until - System.nanoTime();
            if (left <= 0) return;
            // select(0) would wait for ever: at least 1 ms, rounded up
            selector.select(NOTHING, Math.max(1, (left + 999_999) / 1_000_000));
        }

        @Override
        public void sleepUntil(long until) {
            for (long left; channel.isOpen() && (left = until - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
        }

        @Override
        public void spin() {
            Thread.onSpinWait();
        }

        @Override
        public void wakeup() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to lose
            }
            selector.wakeup();
        }

        /** The selector first (it lets go of the channel), then the channel. */
        @Override
        public void close() throws IOException {
            try {
                selector.close();
            } finally {
                channel.close();
            }
        }
    }
}
