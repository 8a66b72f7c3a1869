package dev.bootbench.ui;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.bench.BootReplay;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class FxEventPumpTest {
    private MainWindow window;

    /** A stand-in for a transfer's progress report. */
    record Progress(Instant time, long id, long bytes) implements EngineEvent {}

    @Start
    void start(Stage stage) throws Exception {
        window = UiTestSupport.open(stage, UiTestSupport.workspace(""));
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    @Test
    void oneDrainHandsOverWhatTheListenersReadInOneBatchAndSkipsTheRest() {
        EventBus bus = new EventBus();
        FxEventPump pump = new FxEventPump(bus);
        List<List<EngineEvent>> batches = new ArrayList<>();
        pump.addListener("services", Set.of(ServiceEvent.class), b -> batches.add(List.copyOf(b)));
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.LISTENING, "a"));
        for (int i = 1; i <= 1000; i++) bus.publish(new Progress(Instant.now(), 1, i));
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.HTTP, ServiceEvent.State.LISTENING, "b"));
        assertEquals(2, pump.pending(), "the progress reports no listener reads are not queued");
        assertEquals(1000, pump.skipped());
        assertEquals(1002, pump.received());
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(1, batches.size());
        assertEquals(List.of("a", "b"), details(batches.get(0)));
        assertEquals(2, batches.get(0).size());
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(1, batches.size(), "nothing new: no batch");

        // a listener of progress reports: they are queued now, and only it gets them
        List<List<EngineEvent>> progress = new ArrayList<>();
        pump.addListener("progress", Set.of(Progress.class), b -> progress.add(List.copyOf(b)));
        bus.publish(new Progress(Instant.now(), 2, 7));
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.DHCP, ServiceEvent.State.LISTENING, "c"));
        assertEquals(2, pump.pending());
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(List.of("c"), details(batches.get(1)));
        assertEquals(1, batches.get(1).size(), "the services listener does not see the progress report");
        assertEquals(1, progress.size());
        assertEquals(1, progress.get(0).size());
        assertEquals(7, ((Progress) progress.get(0).get(0)).bytes());
        pump.close();
    }

    /** A clock the listeners move: each batch "costs" what the test says, so the budget is reached without timing anything. */
    private static final class FakeClock {
        long now = 1_000_000_000L;
    }

    private static ServiceEvent plain(int n) {
        return new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.LISTENING, Integer.toString(n));
    }

    private static List<String> details(List<EngineEvent> events) {
        List<String> out = new ArrayList<>();
        for (EngineEvent e : events) if (e instanceof ServiceEvent s) out.add(s.detail());
        return out;
    }

    @Test
    void aDrainStopsAtItsTimeBudgetAndTheRestFollowsInOrderOnTheNextOnes() {
        EventBus bus = new EventBus();
        FakeClock clock = new FakeClock();
        FxEventPump pump = new FxEventPump(bus, () -> clock.now, 6_000_000L);
        List<List<EngineEvent>> batches = new ArrayList<>();
        List<Integer> batchesPerDrain = new ArrayList<>();
        pump.addListener(b -> {
            batches.add(List.copyOf(b));
            clock.now += 4_000_000L; // each batch takes 4 ms: two fit in a 6 ms budget
        });
        int[] ticks = {0};
        pump.addTicker(() -> ticks[0]++);
        int n = 3 * FxEventPump.CHUNK + 10;
        for (int i = 0; i < n; i++) bus.publish(plain(i));
        fx(() -> {
            pump.drain();
            return null;
        });
        batchesPerDrain.add(batches.size());
        assertTrue(pump.hasBacklog(), "events are left for the next pulse");
        assertEquals(n - 2 * FxEventPump.CHUNK, pump.pending(), "what did not fit waits");
        assertEquals(1, ticks[0], "the tickers run on every drain, also one that used its budget");
        fx(() -> {
            pump.drain();
            return null;
        });
        batchesPerDrain.add(batches.size());
        assertEquals(List.of(2, 4), batchesPerDrain, "two batches fit in each drain's budget");
        assertTrue(!pump.hasBacklog());
        assertEquals(0, pump.pending());
        List<EngineEvent> all = new ArrayList<>();
        batches.forEach(all::addAll);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) expected.add(Integer.toString(i));
        assertEquals(expected, details(all), "every event, once, in the order published");
        assertEquals(n, all.size());
        pump.close();
    }

    @Test
    void aDrainWithinItsBudgetHandsEverythingOverAndAlwaysAtLeastOneBatch() {
        EventBus bus = new EventBus();
        FakeClock clock = new FakeClock();
        FxEventPump pump = new FxEventPump(bus, () -> clock.now, 0);
        List<Integer> sizes = new ArrayList<>();
        pump.addListener(b -> sizes.add(b.size()));
        for (int i = 0; i < FxEventPump.CHUNK + 10; i++) bus.publish(plain(i));
        fx(() -> {
            pump.drain(); // no budget at all: still one batch, so the UI never stalls
            return null;
        });
        assertEquals(List.of(FxEventPump.CHUNK), sizes);
        fx(() -> {
            pump.drain();
            pump.drain();
            return null;
        });
        assertEquals(List.of(FxEventPump.CHUNK, 10), sizes, "nothing new: no empty batch");
        pump.close();
    }

    @Test
    void eventsPublishedDuringADrainWaitForTheNextOne() {
        EventBus bus = new EventBus();
        FakeClock clock = new FakeClock();
        FxEventPump pump = new FxEventPump(bus, () -> clock.now, 6_000_000L);
        List<List<EngineEvent>> batches = new ArrayList<>();
        pump.addListener(b -> {
            if (batches.isEmpty()) bus.publish(plain(99)); // a server goes on publishing while the FX thread works
            batches.add(List.copyOf(b));
        });
        bus.publish(plain(1));
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(1, batches.size());
        assertEquals(List.of("1"), details(batches.get(0)));
        assertTrue(pump.hasBacklog());
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(List.of("99"), details(batches.get(1)));
        pump.close();
    }

    @Test
    void aTickerWithWorkLeftAsksForTheNextPulse() {
        EventBus bus = new EventBus();
        FakeClock clock = new FakeClock();
        FxEventPump pump = new FxEventPump(bus, () -> clock.now, 6_000_000L);
        int[] left = {3};
        boolean[] overBudget = new boolean[3];
        pump.addTicker("work", () -> {
            overBudget[0] = pump.overBudget();
            clock.now += 10_000_000L;
            overBudget[1] = pump.overBudget();
            left[0]--;
            if (left[0] > 0) pump.again();
        });
        fx(() -> {
            pump.drain();
            return null;
        });
        assertTrue(!overBudget[0] && overBudget[1], "the ticker sees its budget run out");
        assertTrue(pump.hasBacklog());
        fx(() -> {
            pump.drain();
            pump.drain();
            return null;
        });
        assertEquals(0, left[0]);
        assertTrue(!pump.hasBacklog(), "done: back to the normal period");
        assertEquals(10_000_000L, pump.longestByPart().get("work tick"));
        pump.close();
    }

    @Test
    void twoHundredClientsBootingAtOnceArriveInBatches() throws Exception {
        BootReplay replay = new BootReplay(window.context().bus());
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * 50;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = first; i < first + 50; i++) {
                    replay.pxeDhcp(i);
                    replay.ipxeDhcp(i);
                }
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) th.join();
        FxEventPump pump = window.context().pump();
        assertEquals(800, pump.received());
        await("200 rows", () -> window.clients().rows().size() == 200);
        await("all delivered", () -> pump.delivered() == 800);
        assertTrue(pump.batches() < 800 / 4, "events were handed over in batches, not one by one: " + pump.batches() + " batches");
        assertTrue(fx(() -> window.clients().rows().stream().allMatch(r -> r.getStage() == dev.bootbench.clients.Stage.IPXE_DHCP)));
    }
}
