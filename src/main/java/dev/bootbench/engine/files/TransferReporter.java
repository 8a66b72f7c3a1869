package dev.bootbench.engine.files;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Publishes one transfer's events: started, progress at most every {@link #PROGRESS_INTERVAL_NANOS}
 * (about ten a second), finished exactly once, and logs one line when it finishes. Used by one
 * thread at a time (the transfer's), except {@link #finish} which is idempotent and may race.
 */
public final class TransferReporter {
    public static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final EventBus bus;
    private final Logger log;
    private volatile Transfer transfer;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos = startNanos;
    private long lastProgressBytes = -1;
    private boolean started;
    private boolean finished;

    public TransferReporter(EventBus bus, Logger log, Transfer transfer) {
        this.bus = bus;
        this.log = log;
        this.transfer = transfer;
    }

    public Transfer transfer() {
        return transfer;
    }

    /** Replaces the description before {@link #started()} (once the file is open and options are settled). */
    public void update(Transfer t) {
        this.transfer = t;
    }

    public synchronized void started() {
        if (started || finished) return;
        started = true;
        bus.publish(new TransferStarted(Instant.now(), transfer));
    }

    /** Reports progress unless the last report was less than 100 ms ago. */
    public void progress(long bytesDone) {
        long now = System.nanoTime();
        if (now - lastProgressNanos < PROGRESS_INTERVAL_NANOS || bytesDone == lastProgressBytes) return;
        synchronized (this) {
            if (finished) return;
            lastProgressNanos = now;
            lastProgressBytes = bytesDone;
            bus.publish(new TransferProgress(Instant.now(), transfer, bytesDone));
        }
    }

    /** Publishes the finished event and logs it; later calls do nothing. Returns false if it was already finished. */
    public boolean finish(TransferFinished.Outcome outcome, long bytesDone, String message) {
        TransferFinished event;
        synchronized (this) {
            if (finished) return false;
            finished = true;
            event = new TransferFinished(Instant.now(), transfer, outcome, bytesDone,
                    Duration.ofNanos(System.nanoTime() - startNanos), message);
        }
        bus.publish(event);
        String line = describe(event);
        switch (outcome) {
            case OK, ABORTED_AFTER_OACK, NOT_FOUND -> log.info(line);
            default -> log.warn(line);
        }
        return true;
    }

    public synchronized boolean isFinished() {
        return finished;
    }

    /** One log line: who, what, how it ended, how much, how fast. */
    public static String describe(TransferFinished e) {
        Transfer t = e.transfer();
        StringBuilder b = new StringBuilder();
        b.append(t.client().getAddress().getHostAddress()).append(':').append(t.client().getPort());
        if (t.mac() != null) b.append(" (").append(t.mac()).append(')');
        b.append(' ').append(t.file());
        if (t.detail() != null && !t.detail().isEmpty()) b.append(" [").append(t.detail()).append(']');
        b.append(": ").append(e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (e.message() != null) b.append(" (").append(e.message()).append(')');
        b.append(", ").append(bytes(e.bytesDone()));
        if (t.length() > 0 && e.bytesDone() != t.length()) b.append(" of ").append(bytes(t.length()));
        b.append(String.format(Locale.ROOT, " in %.3f s", e.duration().toNanos() / 1e9));
        if (e.bytesDone() > 0) b.append(", ").append(bytes((long) e.averageRate())).append("/s");
        return b.toString();
    }

    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        return String.format(Locale.ROOT, "%.2f GiB", n / 1073741824.0);
    }
}
