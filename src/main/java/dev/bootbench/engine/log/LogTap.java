package dev.bootbench.engine.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Logback appender that keeps the last {@code capacity} log lines in memory for the app's log
 * view and tells listeners about each new one. Listeners run on the logging thread and must be
 * quick (set a flag, count); readers fetch batches with {@link #since(long)}.
 */
public final class LogTap extends AppenderBase<ILoggingEvent> {
    private static final Pattern MAC = Pattern.compile("\\b([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})\\b");

    /**
     * One log line.
     *
     * @param seq     increasing number, starting at 1
     * @param service dhcp, proxydhcp, tftp, http, ra, serve, clients (boot sessions), menu or app
     * @param mac     the first MAC address the message names, lower case, or null
     */
    public record Entry(long seq, Instant time, String level, String service, String logger, String message, String mac) {}

    private final int capacity;
    private final ArrayDeque<Entry> ring;
    private final CopyOnWriteArrayList<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private long seq;
    private long dropped;

    public LogTap(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 4096));
        setName("tap");
    }

    @Override
    protected void append(ILoggingEvent e) {
        String msg = e.getFormattedMessage();
        if (e.getThrowableProxy() != null) msg = msg + " (" + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage() + ")";
        add(Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel(), e.getLoggerName(), msg);
    }

    /** Adds a line as if it had been logged (also used by tests and replays). */
    public Entry add(Instant time, Level level, String logger, String message) {
        Matcher m = MAC.matcher(message == null ? "" : message);
        String mac = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
        Entry entry;
        synchronized (ring) {
            entry = new Entry(++seq, time, level.toString(), serviceOf(logger), logger, message, mac);
            if (ring.size() == capacity) {
                ring.removeFirst();
                dropped++;
            }
            ring.addLast(entry);
        }
        for (Consumer<Entry> l : listeners) {
            try {
                l.accept(entry);
            } catch (RuntimeException ignored) {
                // a listener must never break logging
            }
        }
        return entry;
    }

    /** The server a logger belongs to: the short logger names the engine uses, else "app". */
    public static String serviceOf(String logger) {
        if (logger == null) return "app";
        String l = logger.toLowerCase(Locale.ROOT);
        if (l.equals("proxydhcp")) return "proxydhcp";
        if (l.contains("dhcp")) return "dhcp";
        if (l.contains("tftp")) return "tftp";
        if (l.contains("http") || l.contains("jetty")) return "http";
        if (l.equals("ra") || l.endsWith(".routeradvertiser")) return "ra";
        if (l.equals("serve")) return "serve";
        if (l.equals("sessions")) return "clients";
        if (l.equals("menu") || l.startsWith("dev.bootbench.menu")) return "menu";
        return "app";
    }

    /** The kept lines newer than {@code afterSeq}, oldest first (at most {@code capacity}). */
    public List<Entry> since(long afterSeq) {
        synchronized (ring) {
            if (ring.isEmpty() || ring.peekLast().seq() <= afterSeq) return List.of();
            // the ring holds consecutive numbers: take the newest ones from its end, not a walk over all of it
            int n = (int) Math.min(ring.size(), ring.peekLast().seq() - afterSeq);
            Entry[] out = new Entry[n];
            Iterator<Entry> it = ring.descendingIterator();
            for (int i = n - 1; i >= 0; i--) out[i] = it.next();
            return Arrays.asList(out);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Lines that fell out of the ring since the start. */
    public long dropped() {
        synchronized (ring) {
            return dropped;
        }
    }

    public AutoCloseable addListener(Consumer<Entry> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
