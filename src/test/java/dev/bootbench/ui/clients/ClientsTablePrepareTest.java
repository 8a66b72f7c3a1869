package dev.bootbench.ui.clients;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.DhcpMessageType;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The clients table finishes the rows that fill it while it has no client, and shows the first clients in them. */
@ExtendWith(ApplicationExtension.class)
class ClientsTablePrepareTest {
    private MainWindow window;
    private TableView<?> table;

    @Start
    void start(Stage stage) throws Exception {
        window = UiTestSupport.open(stage, UiTestSupport.workspace(""));
        window.show("clients");
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private List<TableRow<?>> rows() {
        if (table == null) table = (TableView<?>) window.view("clients").lookup("#clients-table"); // there once the view is skinned
        List<TableRow<?>> out = new ArrayList<>();
        for (Node n : table.lookupAll(".table-row-cell")) if (n instanceof TableRow<?> r) out.add(r);
        return out;
    }

    /** The live cells of the rows the table shows, by row. */
    private static List<LiveCell<?, ?, ?>> liveCells(TableRow<?> r) {
        List<LiveCell<?, ?, ?>> out = new ArrayList<>();
        for (Node c : r.getChildrenUnmodifiable()) if (c instanceof LiveCell<?, ?, ?> l) out.add(l);
        return out;
    }

    @Test
    void theFirstClientIsShownInARowFinishedBeforeItCame() {
        // the empty rows that fill the table's height, finished (labels and bars made and styled) once it is on screen
        await("the rows are finished", () -> {
            List<TableRow<?>> shown = rows().stream().filter(TableRow::isVisible).toList();
            return shown.stream().mapToDouble(TableRow::getHeight).sum() >= table.getHeight() - 40
                    && shown.stream().allMatch(r -> liveCells(r).stream().allMatch(l -> l.content() != null));
        });
        assertTrue(fx(() -> table.getItems().isEmpty()), "no client yet");
        // then the rows have shown two sample clients (styles of rows with a client worked out) and let them go again
        await("the sample clients came and went", () -> window.clientsView().ready());
        assertTrue(fx(() -> table.getItems().isEmpty() && table.getSelectionModel().isEmpty() && table.getFocusModel().getFocusedIndex() == -1),
                "the table is empty again, nothing selected or focused");
        assertTrue(fx(() -> window.clients().selectedProperty().get() == null), "no sample reached the model's selection");
        assertTrue(fx(() -> rows().stream().allMatch(r -> r.getItem() == null && r.isEmpty()
                && r.getPseudoClassStates().stream().noneMatch(p -> p.getPseudoClassName().equals("filled"))
                && liveCells(r).stream().allMatch(l -> l.getText() == null || l.getText().isEmpty()))),
                "no row shows anything of the samples");
        assertTrue(fx(() -> table.getItems() instanceof javafx.collections.transformation.SortedList<?>),
                "the table shows the view's own (filtered, sorted) list again");
        List<TableRow<?>> before = fx(() -> rows().stream().filter(TableRow::isVisible).toList());
        Set<Object> contentBefore = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] cells = fx(() -> {
            int live = 0, styled = 0;
            for (TableRow<?> r : before) {
                for (LiveCell<?, ?, ?> l : liveCells(r)) {
                    live++;
                    contentBefore.add(l.content());
                    // a label with its skin, or a bar (a plain region, no skin) that has been styled
                    if (l.content() instanceof javafx.scene.control.Control k && k.getSkin() != null
                            || l.content() instanceof LightBar b && b.getBackground() != null) styled++;
                }
            }
            return new int[] {live, styled};
        });
        assertTrue(cells[0] >= before.size() * 10, "each row has its ten cells: " + cells[0]);
        assertEquals(cells[0], cells[1], "and each cell its label (skinned) or bar (styled)");
        assertTrue(fx(() -> before.stream().allMatch(r -> r.getWidth() >= table.getWidth() - 4)), "rows as wide as the table");
        // a row that leaves the table's sheet and comes back is styled again from scratch: none may
        List<TableRow<?>> detached = java.util.Collections.synchronizedList(new ArrayList<>());
        fx(() -> {
            for (TableRow<?> r : before) r.parentProperty().addListener((o, a, b) -> {
                if (b == null) detached.add(r);
            });
            return null;
        });

        // the client's first DHCP exchange, published as the DHCP server does (from its own thread): the
        // boot sessions fold it, the clients view shows the session on the next pulse
        window.context().bus().publish(new DhcpEvent(Instant.now(), "eth1", MacAddress.parse("52:54:00:12:34:56"), 1, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER,
                Firmware.BIOS, "PXEClient:Arch:00000:UNDI:002001", null, null, Ipv4.parse("10.77.0.20"), "undionly.kpxe", false, null));
        await("the client's row", () -> rows().stream().anyMatch(r -> r.getItem() != null && r.isVisible()));
        TableRow<?> shown = fx(() -> rows().stream().filter(r -> r.getItem() != null && r.isVisible()).findFirst().orElseThrow());
        assertTrue(before.contains(shown), "the client is shown in a row finished before it came");
        assertTrue(detached.isEmpty(), "no row left the table's sheet when the client came: " + detached.size());
        String mac = fx(() -> {
            for (LiveCell<?, ?, ?> l : liveCells(shown)) {
                assertTrue(contentBefore.contains(l.content()), "the cell shows the client in the label or bar made before: " + l.getTableColumn().getText());
                if (l.getTableColumn().getText().equals("MAC")) return ((Label) l.content()).getText();
            }
            return null;
        });
        assertEquals("52:54:00:12:34:56", mac);
        assertFalse(fx(() -> shown.isEmpty()));
    }
}
