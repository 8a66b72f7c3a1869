package dev.bootbench.engine.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a target appender's lines on a thread of its own, a batch at a time, so that a server's thread only queues
 * them. Logback's {@code AsyncAppender} does the same, but its writer waits on the queue itself: every line a server
 * queues while the writer is waiting wakes it, a system call and a thread switch per line, one to three lines per DHCP
 * exchange. This writer, while lines keep coming, looks at the queue every {@link #BATCH_MILLIS} ms instead, and
 * writes what has come (at once again when the queue was full); after {@link #IDLE_MILLIS} ms without a line it sleeps
 * until the next line wakes it (so an idle server has no timer of its own), and that line is written at once.
 *
 * <p>No line is dropped: a full queue makes the server's thread wait for room. {@link #stop()} writes what is queued
 * and then stops the target.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final long BATCH_MILLIS = 5;
    static final long IDLE_MILLIS = 100;

    private final Appender<ILoggingEvent> target;
    private final ArrayBlockingQueue<ILoggingEvent> queue;
    private final int capacity;
    private volatile boolean asleep;
    private volatile boolean stopping;
    private Thread writer;

    public BatchingAppender(Appender<ILoggingEvent> target, int capacity) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
    }

    public Appender<ILoggingEvent> target() {
        return target;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void start() {
        if (isStarted()) return;
        stopping = false;
        writer = new Thread(this::write, "log-writer-" + getName());
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // the message, thread name and MDC as they are now, on the caller's thread
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(event);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a line is never lost: queue it, then leave the interrupt to the caller
            }
        }
        if (asleep) LockSupport.unpark(writer);
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void write() {
        List<ILoggingEvent> batch = new ArrayList<>(256);
        long lastLine = System.nanoTime();
        while (true) {
            queue.drainTo(batch);
            if (!batch.isEmpty()) {
                boolean full = batch.size() >= capacity; // a server's thread may be waiting for room: no pause then
                for (ILoggingEvent e : batch) {
                    try {
                        target.doAppend(e);
                    } catch (RuntimeException ex) {
                        addError("could not write a log line", ex);
                    }
                }
                batch.clear();
                flushTarget();
                lastLine = System.nanoTime();
                if (!full) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
                continue;
            }
            if (stopping) return;
            if (System.nanoTime() - lastLine < TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
                continue;
            }
            asleep = true; // then look at the queue: a line queued after that look sees asleep and wakes this thread
            if (queue.isEmpty() && !stopping) LockSupport.park(this);
            asleep = false;
            lastLine = System.nanoTime();
        }
    }

    /** A target that leaves flushing to its caller ({@code immediateFlush} off) gets one flush per batch. */
    private void flushTarget() {
        if (target instanceof OutputStreamAppender<ILoggingEvent> o && !o.isImmediateFlush()
                && o.getOutputStream() != null) {
            try {
                o.getOutputStream().flush();
            } catch (java.io.IOException | RuntimeException e) {
                addError("could not flush the log", e);
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) return;
        super.stop();
        stopping = true;
        LockSupport.unpark(writer);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        target.stop();
        if (interrupted) Thread.currentThread().interrupt();
    }
}
