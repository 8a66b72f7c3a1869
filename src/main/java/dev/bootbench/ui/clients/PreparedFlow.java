package dev.bootbench.ui.clients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;

/**
 * A {@link VirtualFlow} whose rows can be finished (their cells' labels and bars made, styled and
 * laid out) while the table is still empty, so that the first clients are shown in rows that are
 * ready.
 *
 * <p>An empty table's flow already has the rows that fill its height (the striped empty rows), but
 * their cells make their labels and bars only when they first get a client: all visible rows at
 * once, in the pulse in which the first clients appear, while that code still runs interpreted.
 * {@link #prepareShown} does that work ahead, a few rows per call, at moments the caller picks.
 *
 * <p>This only helps if the flow keeps those rows when the first clients come. A flow whose height
 * goes from 0 to more, or whose cell factory changes, recreates all its cells; the table that owns
 * it must therefore give it its size while it is empty (see {@code ClientsView}).
 *
 * @param <T> the cell type
 */
final class PreparedFlow<T extends IndexedCell<?>> extends VirtualFlow<T> {
    private final Set<T> prepared = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Finishes up to {@code max} of the rows the flow shows now that were not finished yet: styles
     * the row, gives it to {@code prepare} (which makes what its cells show), styles it again and
     * lays it out. FX thread.
     *
     * @return true while rows the flow shows remain unfinished
     */
    boolean prepareShown(Consumer<? super T> prepare, int max) {
        List<T> shown = new ArrayList<>();
        collectShown(this, shown);
        int done = 0;
        for (T cell : shown) {
            if (prepared.contains(cell)) continue;
            if (done == max) return true;
            cell.applyCss();
            prepare.accept(cell);
            cell.applyCss();
            cell.layout();
            prepared.add(cell);
            done++;
        }
        return false;
    }

    /** The visible cells on the flow's sheet (not the cells inside them: a table row's cells are cells too). */
    @SuppressWarnings("unchecked") // the flow's own cells, made by its cell factory
    private static <T> void collectShown(Parent parent, List<T> out) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof IndexedCell<?> c) {
                if (c.isVisible()) out.add((T) c);
            } else if (n instanceof Parent p) {
                collectShown(p, out);
            }
        }
    }

    /** How many rows were finished ahead. */
    int prepared() {
        return prepared.size();
    }
}
