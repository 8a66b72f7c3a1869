package dev.bootbench.ui;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Carries engine events onto the FX thread in batches: the bus's threads only enqueue (lock free),
 * and an {@link AnimationTimer} hands what arrived to the view models about 20 times a second.
 * Events that have a coalescing key (transfer progress: the transfer's id) replace the previous
 * pending one with the same key, so a flood of progress reports costs one update per transfer per
 * batch. Each batch is capped so one frame never does unbounded work; the rest waits for the next.
 */
public final class FxEventPump implements AutoCloseable {
    public static final long PERIOD_NANOS = 50_000_000L;
    static final int MAX_BATCH = 4000;

    private final ConcurrentLinkedQueue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<Object, EngineEvent> latest = new ConcurrentHashMap<>();
    private final Function<EngineEvent, Object> coalesceKey;
    private final List<Consumer<List<EngineEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> tickers = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private long delivered;
    private long batches;
    private long maxDrainNanos;
    private long totalDrainNanos;
    private final AutoCloseable subscription;
    private final AnimationTimer timer;
    private long last;

    public FxEventPump(EventBus bus, Function<EngineEvent, Object> coalesceKey) {
        this.coalesceKey = coalesceKey;
        this.subscription = bus.subscribe(this::offer);
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - last >= PERIOD_NANOS) {
                    last = now;
                    drain();
                }
            }
        };
    }

    /** Called on any thread (the bus's publishers). */
    void offer(EngineEvent e) {
        received.incrementAndGet();
        Object key = coalesceKey.apply(e);
        if (key != null) {
            if (latest.put(key, e) != null) coalesced.incrementAndGet();
            return;
        }
        queue.add(e);
        queued.incrementAndGet();
    }

    public void start() {
        Platform.runLater(timer::start);
    }

    /** Hands pending events to the listeners, then runs the tickers. FX thread only. */
    public void drain() {
        long t0 = System.nanoTime();
        List<EngineEvent> batch = new ArrayList<>(Math.min(queued.get(), MAX_BATCH) + latest.size());
        for (EngineEvent e; batch.size() < MAX_BATCH && (e = queue.poll()) != null; ) {
            batch.add(e);
            queued.decrementAndGet();
        }
        for (Iterator<Map.Entry<Object, EngineEvent>> it = latest.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object, EngineEvent> en = it.next();
            if (latest.remove(en.getKey(), en.getValue())) batch.add(en.getValue());
        }
        if (!batch.isEmpty()) {
            batches++;
            delivered += batch.size();
            for (Consumer<List<EngineEvent>> l : listeners) l.accept(batch);
        }
        for (Runnable t : tickers) t.run();
        long took = System.nanoTime() - t0;
        totalDrainNanos += took;
        if (took > maxDrainNanos) maxDrainNanos = took;
    }

    /** The longest time one drain (listeners and tickers) took on the FX thread, in nanoseconds. */
    public long maxDrainNanos() {
        return maxDrainNanos;
    }

    public long totalDrainNanos() {
        return totalDrainNanos;
    }

    /** {@code listener} gets each batch on the FX thread, in arrival order (coalesced events last). */
    public void addListener(Consumer<List<EngineEvent>> listener) {
        listeners.add(listener);
    }

    /** Runs after every drain (about 20 times a second) on the FX thread, also when nothing arrived. */
    public void addTicker(Runnable ticker) {
        tickers.add(ticker);
    }

    public long received() {
        return received.get();
    }

    public long coalesced() {
        return coalesced.get();
    }

    public long delivered() {
        return delivered;
    }

    public long batches() {
        return batches;
    }

    public int pending() {
        return queued.get() + latest.size();
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
