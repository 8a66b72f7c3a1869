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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
     * whichever comes first; it may also return early for no reason (the caller checks). There is no
     * sleep that a datagram's arrival does not end.
     */
    void awaitReadable(long until) throws IOException;

    /** Sleeps until a datagram can be sent or until {@code until}, whichever comes first (or earlier). */
    void awaitWritable(long until) throws IOException;

    /** One turn of polling: a hint to the CPU that we are spinning. */
    void spin();

    /** Ends any wait at once (from another thread: the server is stopping). */
    void wakeup();

    /** A transfer's own non-blocking UDP socket, with a selector of its own for waiting. */
    final class Socket implements TransferLink {
        /** For {@link Selector#select(Consumer, long)}: waiting is all we want, the key has one channel. */
        private static final Consumer<SelectionKey> NOTHING = k -> { };

        /** Sleeps shorter than this end on time (see {@link #awaitReadable}); longer ones up to a millisecond late. */
        static final long SHARP_BELOW = 20_000_000L;
        /** Wakes the selectors of short sleeps on time: one thread for all transfers, started when first needed. */
        private static final ScheduledThreadPoolExecutor WAKER = waker();

        private static ScheduledThreadPoolExecutor waker() {
            ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "tftp-waker");
                t.setDaemon(true);
                return t;
            });
            w.setRemoveOnCancelPolicy(true);
            return w;
        }

        private final DatagramChannel channel;
        /**
         * Made at the first wait: a request answered with an error (pxelinux asks for up to ten names of its
         * configuration that are not there) never waits, and making one (an epoll instance and its wake-up
         * descriptor) took a good part of such an answer's time.
         */
        private volatile Selector selector;
        private SelectionKey key;

        Socket(DatagramChannel channel) throws IOException {
            this.channel = channel;
            try {
                channel.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /** The selector, made on first use; throws once the channel is closed (the transfer was ended from outside). */
        private Selector selector() throws IOException {
            Selector sel = selector;
            if (sel != null) return sel;
            sel = Selector.open();
            try {
                key = channel.register(sel, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                sel.close();
                throw e;
            }
            selector = sel; // published before the channel's state is looked at again: see wakeup()
            return sel;
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
            long left = until - System.nanoTime();
            if (left <= 0 || left >= SHARP_BELOW) {
                select(until);
                return;
            }
            // The selector counts in whole milliseconds (rounded up here): a short sleep, such as one until
            // just before a steady client's answer is due, is ended on time by a wakeup from the waker thread.
            Selector sel = selector();
            ScheduledFuture<?> alarm = WAKER.schedule(sel::wakeup, left, TimeUnit.NANOSECONDS);
            try {
                select(until + 1_000_000L);
            } finally {
                alarm.cancel(false);
            }
        }

        @Override
        public void awaitWritable(long until) throws IOException {
            selector();
            key.interestOps(SelectionKey.OP_WRITE);
            try {
                select(until);
            } finally {
                if (key.isValid()) key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void select(long until) throws IOException {
            Selector sel = selector();
            if (!channel.isOpen()) throw new ClosedChannelException();
            long left = until - System.nanoTime();
            if (left <= 0) return;
            // select(0) would wait for ever: at least 1 ms, rounded up
            sel.select(NOTHING, Math.max(1, (left + 999_999) / 1_000_000));
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
            Selector sel = selector;
            if (sel != null) sel.wakeup(); // one made after this was read sees the channel closed before it waits
        }

        /** The selector first (it lets go of the channel), then the channel. */
        @Override
        public void close() throws IOException {
            try {
                Selector sel = selector;
                if (sel != null) sel.close();
            } finally {
                channel.close();
            }
        }
    }
}
