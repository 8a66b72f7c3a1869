package dev.bootbench.ui;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Carries engine events onto the FX thread in batches: the bus's threads only enqueue (lock free),
 * and an {@link AnimationTimer} hands what arrived to the view models about 20 times a second. Only
 * the kinds of events some listener reads are queued: a flood of transfer progress reports (which
 * the Clients view reads from the sessions, not from here) costs the bus's threads one type check each.
 *
 * <p>Each drain is bounded by time, not by a count: events are handed over in chunks while the
 * drain is within its budget (at least one chunk each time), and what is left waits for the next
 * pulse (about 16 ms later, not the next period), in the order it arrived. Events that arrive during
 * a drain wait for the next one. Tickers that have more work than fits ask for the next pulse with
 * {@link #again()}.
 */
public final class FxEventPump implements AutoCloseable {
    public static final long PERIOD_NANOS = 50_000_000L;
    /** How long one drain may hand events over before leaving the rest for the next pulse. */
    public static final long BUDGET_NANOS = 6_000_000L;
    /** Events handed to the listeners in one call, between two looks at the clock. */
    static final int CHUNK = 256;

    private final ConcurrentLinkedQueue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Named<Runnable>> tickers = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final LongSupplier nanoClock;
    private final long budgetNanos;
    private long delivered;
    private long batches;
    private long maxDrainNanos;
    private long totalDrainNanos;
    private long deadline;
    private boolean again;
    private final AutoCloseable subscription;
    private final AnimationTimer timer;
    private long last;

    /** A listener or ticker with a name, and the longest it took in one drain. */
    private static class Named<T> {
        final String name;
        final T what;
        long longestNanos;

        Named(String name, T what) {
            this.name = name;
            this.what = what;
        }
    }

    /** A listener and the kinds of events it reads. */
    private static final class Listener extends Named<Consumer<List<EngineEvent>>> {
        final List<Class<? extends EngineEvent>> kinds;
        final boolean all;

        Listener(String name, Set<Class<? extends EngineEvent>> kinds, Consumer<List<EngineEvent>> what) {
            super(name, what);
            this.kinds = List.copyOf(kinds);
            this.all = kinds.contains(EngineEvent.class);
        }

        boolean reads(EngineEvent e) {
            if (all) return true;
            for (Class<? extends EngineEvent> k : kinds) if (k.isInstance(e)) return true;
            return false;
        }

        /** The batch, or the part of it this listener reads. */
        List<EngineEvent> part(List<EngineEvent> batch) {
            if (all) return batch;
            List<EngineEvent> mine = null;
            for (int i = 0; i < batch.size(); i++) {
                EngineEvent e = batch.get(i);
                if (reads(e)) {
                    if (mine != null) mine.add(e);
                } else if (mine == null) {
                    mine = new ArrayList<>(batch.subList(0, i));
                }
            }
            return mine == null ? batch : mine;
        }
    }

    public FxEventPump(EventBus bus) {
        this(bus, System::nanoTime, BUDGET_NANOS);
    }

    /** With the clock the budget is measured on (tests move it themselves) and the budget per drain. */
    FxEventPump(EventBus bus, LongSupplier nanoClock, long budgetNanos) {
        this.nanoClock = nanoClock;
        this.budgetNanos = budgetNanos;
        this.subscription = bus.subscribe(this::offer);
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - last >= PERIOD_NANOS || hasBacklog()) {
                    last = now;
                    drain();
                }
            }
        };
    }

    /** Called on any thread (the bus's publishers). */
    void offer(EngineEvent e) {
        received.incrementAndGet();
        if (!read(e)) {
            skipped.incrementAndGet();
            return;
        }
        queue.add(e);
        queued.incrementAndGet();
    }

    public void start() {
        Platform.runLater(timer::start);
    }

    /**
     * Hands pending events to the listeners, in chunks while within the budget, then runs the
     * tickers (always, also when nothing arrived). FX thread only.
     */
    public void drain() {
        long t0 = nanoClock.getAsLong();
        deadline = t0 + budgetNanos;
        again = false;
        int before = queued.get(); // the events that arrived before this drain: later ones wait for the next
        int polled = 0;
        boolean first = true;
        while (first || nanoClock.getAsLong() < deadline) {
            first = false;
            List<EngineEvent> batch = new ArrayList<>(Math.min(queued.get(), CHUNK));
            for (EngineEvent e; batch.size() < CHUNK && (e = queue.poll()) != null; ) {
                batch.add(e);
                queued.decrementAndGet();
                polled++;
            }
            boolean queueDone = polled >= before || queue.isEmpty();
            if (batch.isEmpty()) break;
            batches++;
            delivered += batch.size();
            for (Listener l : listeners) {
                List<EngineEvent> part = l.part(batch);
                if (part.isEmpty()) continue;
                long a = nanoClock.getAsLong();
                l.what.accept(part);
                took(l, a);
            }
            if (queueDone) break;
        }
        for (Named<Runnable> t : tickers) {
            long a = nanoClock.getAsLong();
            t.what.run();
            took(t, a);
        }
        long took = nanoClock.getAsLong() - t0;
        totalDrainNanos += took;
        if (took > maxDrainNanos) maxDrainNanos = took;
    }

    private void took(Named<?> n, long since) {
        long d = nanoClock.getAsLong() - since;
        if (d > n.longestNanos) n.longestNanos = d;
    }

    /** True while a drain is running and its budget is spent: tickers that can split their work stop here and call {@link #again()}. */
    public boolean overBudget() {
        return nanoClock.getAsLong() >= deadline;
    }

    /** A ticker left work for later: the next drain runs on the next pulse instead of after {@link #PERIOD_NANOS}. FX thread only. */
    public void again() {
        again = true;
    }

    /** Events wait that did not fit in the last drain, or a ticker asked to run again. */
    public boolean hasBacklog() {
        return again || queued.get() > 0;
    }

    /** The longest time one drain (listeners and tickers) took on the FX thread, in nanoseconds. */
    public long maxDrainNanos() {
        return maxDrainNanos;
    }

    public long totalDrainNanos() {
        return totalDrainNanos;
    }

    /** The longest time each listener ("name events") and ticker ("name tick") took in one drain, in nanoseconds. */
    public Map<String, Long> longestByPart() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Named<?> l : listeners) out.merge(l.name + " events", l.longestNanos, Math::max);
        for (Named<?> t : tickers) out.merge(t.name + " tick", t.longestNanos, Math::max);
        return out;
    }

    /** {@code listener} gets every event, in batches on the FX thread, in arrival order. */
    public void addListener(Consumer<List<EngineEvent>> listener) {
        addListener("listener" + (listeners.size() + 1), Set.of(EngineEvent.class), listener);
    }

    /**
     * {@code listener} gets the events of the given kinds (and their subtypes), in batches on the FX thread, in
     * arrival order; {@code name} is for {@link #longestByPart()}. Events of a kind no listener reads are not queued:
     * add the listeners before {@link #start()}.
     */
    public void addListener(String name, Set<Class<? extends EngineEvent>> kinds, Consumer<List<EngineEvent>> listener) {
        listeners.add(new Listener(name, kinds, listener));
    }

    private boolean read(EngineEvent e) {
        for (Listener l : listeners) if (l.reads(e)) return true;
        return false;
    }

    /** Runs after every drain (about 20 times a second) on the FX thread, also when nothing arrived. */
    public void addTicker(Runnable ticker) {
        addTicker("ticker" + (tickers.size() + 1), ticker);
    }

    /** The same, with a name for {@link #longestByPart()}. */
    public void addTicker(String name, Runnable ticker) {
        tickers.add(new Named<>(name, ticker));
    }

    public long received() {
        return received.get();
    }

    /** Events no listener reads: not queued. */
    public long skipped() {
        return skipped.get();
    }

    public long delivered() {
        return delivered;
    }

    public long batches() {
        return batches;
    }

    public int pending() {
        return queued.get();
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // the bus's unsubscribe does not fail
        }
        if (Platform.isFxApplicationThread()) timer.stop();
        else Platform.runLater(timer::stop);
    }
}
