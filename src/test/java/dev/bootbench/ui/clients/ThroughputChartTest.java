package dev.bootbench.ui.clients;

import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bootbench.clients.BootSessions;
import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.net.MacAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.chart.AreaChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The throughput chart draws what the view model measured: the model keeps plain points, the chart's series follows
 * them as they are added each second and as the oldest are dropped after {@value ClientsViewModel#CHART_SECONDS} s.
 */
@ExtendWith(ApplicationExtension.class)
class ThroughputChartTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ClientsViewModel vm = new ClientsViewModel(null, clock::get);
    private final BootSessions sessions = new BootSessions(ClientDirectory.NONE);
    private AreaChart<?, ?> chart;

    @Start
    void start(Stage stage) {
        vm.attachSessions(sessions);
        ClientsView view = new ClientsView(vm);
        stage.setScene(new Scene(view.node(), 1000, 700));
        stage.show();
        chart = (AreaChart<?, ?>) view.node().lookup("#throughput-chart");
    }

    /** The chart's points as (seconds, MB/s). FX thread. */
    private List<List<Double>> drawn() {
        return chart.getData().get(0).getData().stream()
                .map(d -> List.of(((Number) d.getXValue()).doubleValue(), ((Number) d.getYValue()).doubleValue())).toList();
    }

    private List<List<Double>> measured() {
        return vm.throughput().stream().map(p -> List.of(p.seconds(), p.megabytesPerSecond())).toList();
    }

    /** {@code seconds} one-second ticks; a transfer moves {@code bytesPerSecond} in each. FX thread. */
    private void run(Transfer t, int seconds, long bytesPerSecond, long[] done) {
        for (int i = 0; i < seconds; i++) {
            clock.addAndGet(1000);
            done[0] += bytesPerSecond;
            sessions.accept(new TransferProgress(Instant.ofEpochMilli(clock.get()), t, done[0]));
            vm.tick();
        }
    }

    @Test
    void theSeriesFollowsThePointsAddedAndDropped() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        Transfer t = new Transfer(Transfer.nextId(), Transfer.Protocol.HTTP, new InetSocketAddress("10.77.0.20", 2000), mac, "vmlinuz",
                Long.MAX_VALUE / 2, 0, Long.MAX_VALUE / 2, 0, 0, "");
        long[] done = {0};
        fx(() -> {
            sessions.accept(new TransferStarted(Instant.ofEpochMilli(clock.get()), t));
            run(t, 3, 2_000_000, done);
            return null;
        });
        List<List<Double>> first = fx(this::drawn);
        assertEquals(3, first.size(), "one point a second");
        assertEquals(fx(this::measured), first);
        assertEquals(2.0, first.get(2).get(1), 0.01, "2 MB in the last second");

        fx(() -> {
            run(t, ClientsViewModel.CHART_SECONDS + 10, 5_000_000, done);
            return null;
        });
        List<List<Double>> later = fx(this::drawn);
        assertEquals(ClientsViewModel.CHART_SECONDS, later.size(), "the oldest points are dropped");
        assertEquals(fx(this::measured), later);
        assertEquals(5.0, later.get(0).get(1), 0.01, "the 2 MB/s of the first seconds are gone");
    }
}
