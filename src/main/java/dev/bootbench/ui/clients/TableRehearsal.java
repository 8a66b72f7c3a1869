package dev.bootbench.ui.clients;

import dev.bootbench.engine.net.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * Takes a hidden copy of the clients table, in a scene of its own that is never shown, through what
 * the first clients will make the real one do: rows appearing, every stage, progress known and
 * unknown, rates and files changing, rows fading and going. One small step per pulse, while the
 * window is idle before the first client.
 *
 * <p>Why: the first clients used to arrive at a table whose row code had never run with a client
 * in it. In the pulses in which they appeared, the FX thread loaded classes, ran the cell and CSS
 * code interpreted and matched every row's nodes against the style sheets for the first time
 * (JavaFX caches the style of each kind of node per state once it has matched it), and the JIT
 * compilers, busy with that same code, took the other core. After the rehearsal the code is
 * loaded and compiled and the styles are cached; the real table only repeats it. Nothing of the
 * rehearsal is shown or kept: its rows are not clients, and the table is dropped at the end.
 */
final class TableRehearsal {
    /** Rows of the hidden table (about a screenful). */
    static final int ROWS = 24;
    /** Steps, one per pulse. */
    static final int STEPS = 12;

    private final Scene realScene;
    private final Consumer<TableView<ClientRow>> setUp;
    private TableView<ClientRow> table;
    private final ObservableList<ClientRow> items = FXCollections.observableArrayList();
    private int step;
    private boolean stopped;

    /**
     * @param realScene the window's scene: its style sheets (and theme) are the hidden scene's
     * @param setUp     gives a table the clients table's columns, row factory and id
     */
    TableRehearsal(Scene realScene, Consumer<TableView<ClientRow>> setUp) {
        this.realScene = realScene;
        this.setUp = setUp;
    }

    /** Steps made so far. */
    int steps() {
        return step;
    }

    /** True once every step ran or {@link #stop()} ended it. */
    boolean done() {
        return stopped || step >= STEPS;
    }

    /** Ends the rehearsal now and lets go of the hidden table. */
    void stop() {
        stopped = true;
        if (table != null) table.setItems(FXCollections.observableArrayList());
        table = null;
        items.clear();
    }

    /** One step (FX thread); does nothing once done. */
    void step() {
        if (done()) return;
        if (table == null) {
            table = new TableView<>();
            setUp.accept(table);
            VBox root = new VBox(table);
            root.getStyleClass().add("view");
            root.setId("clients-view");
            Scene scene = new Scene(root, Math.max(800, realScene.getWidth()), Math.max(400, realScene.getHeight() * 0.6));
            scene.getStylesheets().setAll(realScene.getStylesheets());
            table.setItems(items);
        }
        BootStage[] stages = BootStage.values();
        if (step < 3) {
            // rows appear a few at a time, as the feed adds them
            for (int i = 0; i < ROWS / 3; i++) items.add(row(items.size()));
        }
        List<ClientRow> rows = new ArrayList<>(items);
        for (int i = 0; i < rows.size(); i++) {
            ClientRow r = rows.get(i);
            int k = i + step;
            r.stageProperty().set(stages[k % stages.length]);
            r.progressProperty().set(k % 5 == 0 ? -1 : (k % 10) / 10.0);
            r.rateProperty().set(k % 4 == 0 ? 0 : 1_000_000.0 * (k % 7));
            r.fileProperty().set(k % 3 == 0 ? "undionly.kpxe" : "debian/amd64/initrd.gz");
            r.elapsedProperty().set((k % 60) + "." + (k % 10) + " s");
            r.staleProperty().set(step == STEPS - 3 && i % 2 == 0);
        }
        if (step == STEPS - 2) items.remove(0, items.size() / 2); // rows go
        table.getParent().applyCss();
        table.getParent().layout();
        step++;
        if (done()) stop();
    }

    private static ClientRow row(int i) {
        ClientRow r = new ClientRow("rehearsal-" + i, MacAddress.parse(String.format("02:00:00:00:%02x:%02x", i >> 8 & 0xff, i & 0xff)), 0);
        r.vendorProperty().set(i % 2 == 0 ? "QEMU/KVM" : "Intel");
        r.firmwareProperty().set(i % 3 == 0 ? "BIOS" : "UEFI x64");
        r.ipxeProperty().set(i % 2 == 0 ? "1.21.1 bzimage efi http" : "");
        r.addressProperty().set("10.77.0." + (100 + i % 100));
        return r;
    }
}
