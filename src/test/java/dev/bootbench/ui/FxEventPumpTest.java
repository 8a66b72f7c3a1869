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

    @Test
    void aBatchIsCappedAndTheRestWaitsForTheNextOne() {
        EventBus bus = new EventBus();
        FxEventPump pump = new FxEventPump(bus, e -> null);
        List<Integer> sizes = new ArrayList<>();
        pump.addListener(b -> sizes.add(b.size()));
        for (int i = 0; i < FxEventPump.MAX_BATCH + 10; i++) bus.publish(new ServiceEvent(Instant.now(), "tftp", ServiceEvent.State.LISTENING, "x"));
        fx(() -> {
            pump.drain();
            pump.drain();
            return null;
        });
        assertEquals(List.of(FxEventPump.MAX_BATCH, 10), sizes);
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
        assertTrue(fx(() -> window.clients().rows().stream().allMatch(r -> r.getStage() == dev.bootbench.ui.clients.BootStage.IPXE_DHCP)));
    }
}
