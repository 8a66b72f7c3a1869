package dev.bootbench.ui.clients;

import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The clients table's live cells: they show their property's value as it changes, without re-laying out the rows. */
@ExtendWith(ApplicationExtension.class)
class LiveCellTest {
    static final class Item {
        final StringProperty file = new SimpleStringProperty();
        final DoubleProperty progress = new SimpleDoubleProperty();
        final DoubleProperty rate = new SimpleDoubleProperty();

        Item(String f, double p, double r) {
            file.set(f);
            progress.set(p);
            rate.set(r);
        }
    }

    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private TableView<Item> table;
    private TableColumn<Item, String> plain;

    @Start
    void start(Stage stage) {
        for (int i = 0; i < 5; i++) items.add(new Item("file" + i, i / 10.0, 1000 - i));
        table = new TableView<>(items);
        table.setFixedCellSize(28);
        table.getColumns().add(LiveCell.textColumn("File", 120, (Item it) -> it.file, v -> v, Comparator.<String>naturalOrder()));
        table.getColumns().add(LiveCell.progressColumn("Progress", 100, (Item it) -> it.progress));
        table.getColumns().add(LiveCell.textColumn("Rate", 80, (Item it) -> it.rate, v -> String.format("%.0f B/s", v.doubleValue()),
                Comparator.comparingDouble(Number::doubleValue)));
        plain = new TableColumn<>("Plain");
        plain.setCellValueFactory(cd -> cd.getValue().file);
        stage.setScene(new Scene(table, 500, 300));
        stage.show();
    }

    private List<LiveCell<?, ?, ?>> cells(int column) {
        List<LiveCell<?, ?, ?>> out = new ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof LiveCell<?, ?, ?> c && c.isVisible() && c.getTableColumn() == table.getColumns().get(column) && c.getItem() != null) out.add(c);
        }
        return out;
    }

    private LiveCell<?, ?, ?> cellOf(int column, Item item) {
        return cells(column).stream().filter(c -> c.getItem() == item).findFirst().orElseThrow();
    }

    private List<TableRow<?>> rows() {
        List<TableRow<?>> out = new ArrayList<>();
        for (Node n : table.lookupAll(".table-row-cell")) if (n instanceof TableRow<?> r && r.getItem() != null) out.add(r);
        return out;
    }

    @Test
    void aNewValueIsShownAtOnceAndNoRowNeedsLayout() {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, fx(() -> cells(0).size()));
        Item second = items.get(1);
        // changed and looked at in one go on the FX thread: no layout pass can come in between
        boolean rowNeedsLayout = fx(() -> {
            second.file.set("debian/initrd.gz");
            second.progress.set(0.75);
            second.rate.set(12_345);
            return rows().stream().anyMatch(javafx.scene.Parent::isNeedsLayout);
        });
        assertFalse(rowNeedsLayout, "no row was asked to lay out again (that would rebuild every visible row)");
        assertEquals("debian/initrd.gz", fx(() -> ((Label) cellOf(0, second).content()).getText()));
        assertEquals(0.75, fx(() -> ((LightBar) cellOf(1, second).content()).getProgress()), 1e-9);
        assertEquals("12345 B/s", fx(() -> ((Label) cellOf(2, second).content()).getText()));
        assertEquals("12345 B/s", fx(() -> cellOf(2, second).queryAccessibleAttribute(javafx.scene.AccessibleAttribute.TEXT)),
                "screen readers hear what is shown");
        assertEquals("75 %", fx(() -> cellOf(1, second).queryAccessibleAttribute(javafx.scene.AccessibleAttribute.TEXT)));
        assertEquals(null, fx(() -> cellOf(2, second).getText()), "the cell's own text stays empty: setting it would lay out its row again");
        assertEquals("file0", fx(() -> ((Label) cellOf(0, items.get(0)).content()).getText()), "the other rows keep their values");
    }

    @Test
    void aColumnSizedToFitItsContentIsAsWideAsItsWidestValue() {
        WaitForAsyncUtils.waitForFxEvents();
        double before = fx(() -> table.getColumns().get(0).getWidth());
        fx(() -> {
            items.get(3).file.set("a/rather/long/path/to/the/kernel/vmlinuz-6.1.0-28-amd64");
            // what a double click on the column's right edge does
            javafx.scene.control.skin.TableColumnHeader header = null;
            for (Node n : table.lookupAll(".column-header")) {
                if (n instanceof javafx.scene.control.skin.TableColumnHeader h && h.getTableColumn() == table.getColumns().get(0)) header = h;
            }
            var m = javafx.scene.control.skin.TableColumnHeader.class.getDeclaredMethod("resizeColumnToFitContent", int.class);
            m.setAccessible(true);
            m.invoke(header, -1);
            return null;
        });
        double after = fx(() -> table.getColumns().get(0).getWidth());
        assertTrue(after > before + 100, "the column grew to the long value: " + before + " -> " + after);
    }

    @Test
    void theEmptyRowsThatFillTheTableGetNoLabelsOrBars() {
        WaitForAsyncUtils.waitForFxEvents();
        int[] counts = fx(() -> {
            int empty = 0, emptyWithContent = 0, filledWithout = 0;
            for (Node n : table.lookupAll(".table-cell")) {
                if (!(n instanceof LiveCell<?, ?, ?> c) || !c.isVisible()) continue;
                if (c.isEmpty()) {
                    empty++;
                    if (c.content() != null) emptyWithContent++;
                } else if (c.content() == null) {
                    filledWithout++;
                }
            }
            return new int[] {empty, emptyWithContent, filledWithout};
        });
        assertTrue(counts[0] >= 3, "the table fills its height with empty rows: " + counts[0] + " empty cells");
        assertEquals(0, counts[1], "an empty row's cells have nothing inside");
        assertEquals(0, counts[2], "a row's cells show it");
    }

    @Test
    void aPlainCellBoundThroughItsValueMarksItsRowForLayout() {
        // the cost the live cells avoid: shows this test would notice if they went through the cell value again
        fx(() -> {
            table.getColumns().add(plain);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> {
            items.get(1).file.set("changed");
            return rows().stream().anyMatch(javafx.scene.Parent::isNeedsLayout);
        }));
        fx(() -> {
            table.getColumns().remove(plain);
            return null;
        });
    }

    @Test
    void aReusedCellFollowsItsNewRowOnly() {
        WaitForAsyncUtils.waitForFxEvents();
        Item first = items.get(0);
        LiveCell<?, ?, ?> cell = fx(() -> cellOf(0, first));
        fx(() -> {
            items.remove(first); // every cell moves up one row
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            first.file.set("gone");
            return null;
        });
        assertFalse(fx(() -> cells(0).stream().anyMatch(c -> "gone".equals(((Label) c.content()).getText()))), "a cell no longer shows a removed row's value");
        assertTrue(fx(() -> cell.getItem() != first));
    }

    @Test
    void columnsSortByTheValueNotTheRow() {
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            TableColumn<Item, ?> rate = table.getColumns().get(2);
            rate.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(List.of(rate));
            return null;
        });
        List<Double> rates = fx(() -> table.getItems().stream().map(i -> i.rate.get()).toList());
        assertEquals(List.of(996.0, 997.0, 998.0, 999.0, 1000.0), rates);
    }
}
