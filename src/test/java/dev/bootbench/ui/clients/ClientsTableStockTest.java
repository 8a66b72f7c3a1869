package dev.bootbench.ui.clients;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
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

/** The clients table makes the rows that fill it while it has no client, and shows the first clients in them. */
@ExtendWith(ApplicationExtension.class)
class ClientsTableStockTest {
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

    @Test
    void theFirstClientIsShownInARowMadeBeforeItCame() {
        // as many rows as the table's height shows, made once it is on screen
        await("the rows are made", () -> rows().stream().mapToDouble(TableRow::getHeight).sum() >= table.getHeight());
        Set<TableRow<?>> before = fx(() -> {
            Set<TableRow<?>> s = Collections.newSetFromMap(new IdentityHashMap<>());
            s.addAll(rows());
            return s;
        });
        assertTrue(fx(() -> table.getItems().isEmpty()), "no client yet");
        int[] prepared = fx(() -> {
            int live = 0, withContent = 0;
            for (TableRow<?> r : before) {
                for (Node c : r.getChildrenUnmodifiable()) {
                    if (c instanceof LiveCell<?, ?, ?> l) {
                        live++;
                        // a label with its skin, or a bar (a plain region, no skin) that has been styled
                        if (l.content() instanceof javafx.scene.control.Control k && k.getSkin() != null
                                || l.content() instanceof LightBar b && b.getBackground() != null) withContent++;
                    }
                }
            }
            return new int[] {live, withContent};
        });
        assertTrue(prepared[0] >= before.size() * 10, "each row made ahead has its cells: " + prepared[0]);
        assertEquals(prepared[0], prepared[1], "and each cell its label (skinned) or bar (styled)");
        // each row made ahead already has the index the table will give it (rows 0, 1, 2...), and is as wide as the table
        List<Integer> indices = fx(() -> before.stream().filter(r -> r.getIndex() >= 0).map(TableRow::getIndex).sorted().toList());
        assertTrue(indices.size() >= before.size() - 1, "all but the measuring row have an index: " + indices);
        for (int i = 0; i < indices.size(); i++) assertEquals(i, indices.get(i), "indices 0.." + (indices.size() - 1) + ": " + indices);
        assertTrue(fx(() -> before.stream().filter(r -> r.getIndex() >= 0).allMatch(r -> r.getWidth() >= table.getWidth() - 4)),
                "as wide as the table");

        fx(() -> {
            window.clients().onStage(MacAddress.parse("52:54:00:12:34:56"), "10.77.0.20", "booting");
            return null;
        });
        await("the client's row", () -> rows().stream().anyMatch(r -> r.getItem() != null && r.isVisible()));
        List<TableRow<?>> after = fx(this::rows);
        for (TableRow<?> r : after) assertTrue(before.contains(r), "no row was made when the client came: " + r);
        TableRow<?> shown = fx(() -> rows().stream().filter(r -> r.getItem() != null && r.isVisible()).findFirst().orElseThrow());
        String mac = fx(() -> {
            for (Node c : shown.getChildrenUnmodifiable()) {
                if (c instanceof LiveCell<?, ?, ?> l && l.getTableColumn().getText().equals("MAC")) return ((Label) l.content()).getText();
            }
            return null;
        });
        assertEquals("52:54:00:12:34:56", mac);
        assertFalse(fx(() -> shown.isEmpty()));
    }
}
