package dev.bootbench.ui.servers;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.dhcp.LeaseStore;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The leases the workspace holds are listed while DHCP is stopped, not "No leases yet". */
@ExtendWith(ApplicationExtension.class)
class StoredLeasesTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path ws = UiTestSupport.workspace("\"dhcpMode\":\"FULL\",\"iface\":\"\"");
        // two clients got addresses in an earlier run; the second one's lease is only in the journal (a crash)
        LeasePool pool = new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.110")),
                Ipv4.toInt(Ipv4.parse("10.77.0.1")), Map.of(), System::currentTimeMillis);
        LeaseStore store = new LeaseStore(new Workspace(ws), pool);
        store.open();
        MacAddress a = MacAddress.parse("52:54:00:77:00:01"), b = MacAddress.parse("52:54:00:77:00:02");
        int ia = pool.offer(a, 0, "pc1");
        pool.bind(a, ia, 3_600_000, "pc1");
        pool.commit();
        store.close(); // compacted into leases.json
        LeaseStore again = new LeaseStore(new Workspace(ws), pool);
        again.open();
        int ib = pool.offer(b, 0, null);
        pool.bind(b, ib, 3_600_000, null);
        pool.commit(); // in the journal only: the process "stops" here without closing
        window = UiTestSupport.open(stage, ws);
        window.show("servers");
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    @Test
    void theSavedLeasesAreShownWhileDhcpIsStopped() {
        TableView<?> table = fx(() -> (TableView<?>) window.view("servers").lookup("#leases-table"));
        await("the saved leases listed", () -> table.getItems().size() == 2);
        List<String> macs = fx(() -> window.servers().leases().stream().map(LeaseRow::mac).toList());
        assertEquals(List.of("52:54:00:77:00:01", "52:54:00:77:00:02"), macs);
        assertEquals("pc1", fx(() -> window.servers().leases().get(0).hostname()));
    }
}
