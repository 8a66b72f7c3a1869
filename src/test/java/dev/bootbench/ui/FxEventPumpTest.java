package dev.bootbench.ui;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.bench.BootReplay;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** A stand-in for a transfer's progress report: coalesces per id. */
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
    void oneDrainHandsOverEverythingInOneBatchAndCoalescesProgress() {
        EventBus bus = new EventBus();
        FxEventPump pump = new FxEventPump(bus, e -> e instanceof Progress p ? p.id() : null);
        List<List<EngineEvent>> batches = new ArrayList<>();
        pump.addListener(b -> batches.add(List.copyOf(b)));
        bus.publish(new ServiceEvent(Instant.now(), "tftp", ServiceEvent.State.LISTENING, "a"));
        for (int i = 1; i <= 1000; i++) {
            bus.publish(new Progress(Instant.now(), 1, i));
            bus.publish(new Progress(Instant.now(), 2, i * 2L));
        }
        bus.publish(new ServiceEvent(Instant.now(), "http", ServiceEvent.State.LISTENING, "b"));
        assertEquals(4, pump.pending(), "two plain events and the latest progress of two transfers");
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(1, batches.size());
        List<EngineEvent> b = batches.get(0);
        assertEquals(4, b.size());
        assertEquals("a", ((ServiceEvent) b.get(0)).detail());
        assertEquals("b", ((ServiceEvent) b.get(1)).detail());
        assertTrue(b.contains(new Progress(b.get(2).time(), ((Progress) b.get(2)).id(), ((Progress) b.get(2)).id() == 1 ? 1000 : 2000)));
        assertEquals(1998, pump.coalesced());
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(1, batches.size(), "nothing new: no batch");
        pump.close();
    }

    /** A clock the listeners move: each batch "costs" what the test says, so the budget is reached without timing anything. */
    private static final class FakeClock {
        long now = 1_000_000_000L;
    }

    private static ServiceEvent plain(int n) {
        return new ServiceEvent(Instant.now(), "tftp", ServiceEvent.State.LISTENING, Integer.toString(n));
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
        FxEventPump pump = new FxEventPump(bus, e -> e instanceof Progress p ? p.id() : null, () -> clock.now, 6_000_000L);
        List<List<EngineEvent>> batches = new ArrayList<>();
        List<Integer> batchesPerDrain = new ArrayList<>();
        pump.addListener(b -> {
            batches.add(List.copyOf(b));
            clock.now += 4_000_000L; // each batch takes 4 ms: two fit in a 6 ms budget
        });
        int[] ticks = {0};
        pump.addTicker(() -> ticks[0]++);
        int n = 3 * FxEventPump.CHUNK + 10;
        for (int i = 0; i < n; i++) {
            bus.publish(plain(i));
            bus.publish(new Progress(Instant.now(), 7, i)); // keeps replacing the one pending progress report
        }
        fx(() -> {
            pump.drain();
            return null;
        });
        batchesPerDrain.add(batches.size());
        assertTrue(pump.hasBacklog(), "events are left for the next pulse");
        assertEquals(n - 2 * FxEventPump.CHUNK + 1, pump.pending(), "what did not fit waits (and the coalesced progress)");
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
        assertEquals(expected, details(all), "every plain event, once, in the order published");
        assertEquals(n + 1, all.size());
        assertEquals(new Progress(((Progress) all.get(n)).time(), 7, n - 1), all.get(n), "one progress report, the latest, after the plain events");
        assertTrue(batches.subList(0, 3).stream().noneMatch(b -> b.stream().anyMatch(e -> e instanceof Progress)),
                "no progress report overtakes the plain events published before it");
        assertEquals(n - 1, pump.coalesced());
        pump.close();
    }

    @Test
    void aDrainWithinItsBudgetHandsEverythingOverAndAlwaysAtLeastOneBatch() {
        EventBus bus = new EventBus();
        FakeClock clock = new FakeClock();
        FxEventPump pump = new FxEventPump(bus, e -> null, () -> clock.now, 0);
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
    void eventsPublishedDuringADrainWaitForTheNextOneButDoNotHoldBackTheCoalesced() {
        EventBus bus = new EventBus();
        FakeClock clock = new FakeClock();
        FxEventPump pump = new FxEventPump(bus, e -> e instanceof Progress p ? p.id() : null, () -> clock.now, 6_000_000L);
        List<List<EngineEvent>> batches = new ArrayList<>();
        pump.addListener(b -> {
            if (batches.isEmpty()) bus.publish(plain(99)); // a server goes on publishing while the FX thread works
            batches.add(List.copyOf(b));
        });
        bus.publish(plain(1));
        bus.publish(new Progress(Instant.now(), 3, 50));
        fx(() -> {
            pump.drain();
            return null;
        });
        assertEquals(1, batches.size());
        assertEquals(List.of("1"), details(batches.get(0)));
        assertTrue(batches.get(0).contains(new Progress(((Progress) batches.get(0).get(1)).time(), 3, 50)), "the progress report is not held back");
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
        FxEventPump pump = new FxEventPump(bus, e -> null, () -> clock.now, 6_000_000L);
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
