package dev.bootbench.ui.servers;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.BootEngine.Service;
import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Full DHCP on loopback (needs the privilege to bind port 67): the leases table, release and reserve. */
@ExtendWith(ApplicationExtension.class)
class LeasesTableTest {
    private MainWindow window;
    private Path ws;

    @Start
    void start(Stage stage) throws Exception {
        ws = UiTestSupport.workspace("\"iface\":\"lo\",\"address\":\"127.0.0.1\",\"dhcpMode\":\"FULL\",\"range\":\"127.0.0.100-127.0.0.110\","
                + "\"detectOtherServers\":false,\"routerAdvertisements\":false");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
        window.context().close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void releaseAndReserveALease(FxRobot robot) throws Exception {
        robot.clickOn("#dhcp-toggle");
        Label state = robot.lookup("#dhcp-state").query();
        await("dhcp started or failed", () -> !state.getText().equals("starting") && !state.getText().equals("stopped"));
        // skipped where port 67 cannot be bound (an ordinary user); in CI it must run
        dev.bootbench.testlab.Lab.require(state.getText().equals("running"),
                "DHCP could not listen on lo here (" + ((Label) robot.lookup("#dhcp-detail").query()).getText() + ")");

        LeasePool pool = window.context().engine().pool();
        MacAddress a = MacAddress.parse("52:54:00:00:00:aa"), b = MacAddress.parse("08:00:27:00:00:bb");
        int ia = pool.offer(a, 0, "vm-a");
        assertTrue(pool.bind(a, ia, 3_600_000, "vm-a"));
        int ib = pool.offer(b, 0, null);
        assertTrue(pool.bind(b, ib, 3_600_000, null));
        TableView<LeaseRow> table = robot.lookup("#leases-table").query();
        await("two leases", () -> table.getItems().size() == 2);
        LeaseRow rowA = fx(() -> table.getItems().stream().filter(r -> r.mac().equals(a.toString())).findFirst().orElseThrow());
        assertEquals("QEMU/KVM", rowA.vendor());
        assertEquals(Ipv4.format(ia), rowA.address());
        assertEquals("bound", rowA.state());

        robot.interact(() -> table.getSelectionModel().select(rowA));
        robot.clickOn("#lease-reserve");
        await("reserved in the settings", () -> Files.readString(ws.resolve("settings.json")).contains(Ipv4.format(ia)));
        assertEquals(Ipv4.format(ia), new Workspace(ws).loadSettings().hosts.get(a.toString()).address);
        await("marked reserved", () -> table.getItems().stream().anyMatch(r -> r.mac().equals(a.toString()) && r.reserved()));

        LeaseRow rowB = fx(() -> table.getItems().stream().filter(r -> r.mac().equals(b.toString())).findFirst().orElseThrow());
        robot.interact(() -> table.getSelectionModel().select(rowB));
        robot.clickOn("#lease-release");
        await("released", () -> table.getItems().size() == 1);
        assertEquals(null, pool.lease(b));
        // at 1280x800 the MAC is shown whole (it was cut at "52:54:00:00:0…", hiding the part that differs) (#24)
        robot.interact(() -> {
            table.getScene().getWindow().setWidth(1280);
            table.getScene().getWindow().setHeight(800);
        });
        robot.interact(() -> table.getScene().getRoot().layout());
        List<String> shown = fx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (javafx.scene.Node n : table.lookupAll(".table-cell"))
                if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getItem() != null && "MAC".equals(c.getTableColumn().getText()))
                    out.add(((javafx.scene.text.Text) c.lookup(".text")).getText());
            return out;
        });
        assertEquals(List.of(a.toString()), shown, "the MAC cells as drawn");
        // and no column header is cut (it was "Host na…"), none pushed out of sight
        List<String> headers = fx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (javafx.scene.Node n : table.lookupAll(".column-header .label"))
                if (n.lookup(".text") instanceof javafx.scene.text.Text t) out.add(t.getText());
            return out;
        });
        assertTrue(headers.contains("Host") && headers.stream().noneMatch(h -> h.contains("…") || h.endsWith("...")), "headers as drawn: " + headers);
        double columns = fx(() -> table.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum());
        double width = fx(() -> table.getWidth());
        assertTrue(columns <= width, "the columns (" + columns + " px) fit the table (" + width + " px): none out of sight");

        robot.clickOn("#dhcp-toggle");
        await("stopped", () -> state.getText().equals("stopped"));
        assertTrue(!window.context().engine().isRunning(Service.DHCP));
    }
}
