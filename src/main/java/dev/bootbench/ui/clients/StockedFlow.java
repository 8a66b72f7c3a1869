package dev.bootbench.ui.clients;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.util.Callback;

/**
 * A {@link VirtualFlow} that can make its cells before it has anything to show, so that the first
 * rows it shows are cells it made earlier instead of new ones.
 *
 * <p>A table's flow makes its cells in the layout pass that first has rows: for the row of the
 * first client and for all the empty rows that fill the rest of the table, each with its skin, its
 * cells and their labels and bars, all styled by CSS and laid out for the first time, while that
 * code still runs interpreted. With the clients table that was one pulse of a hundred milliseconds
 * and more, in front of the technician, when the first client appeared. {@link #stock} makes a cell
 * the way the flow does (its cell factory, on its sheet) at a moment the caller picks, keeps it
 * hidden as the flow keeps the cells it has no row for, and, once {@link #takeStockFirst()} was
 * called, hands it out before the factory makes a new one.
 *
 * @param <T> the cell type
 */
final class StockedFlow<T extends IndexedCell<?>> extends VirtualFlow<T> {
    /** Cells made ahead, not yet handed out. */
    private final Deque<T> stock = new ArrayDeque<>();
    private boolean sizingCellMade;
    /** True while {@link #stock} has the flow make a cell: then the factory makes a new one. */
    private boolean making;

    /**
     * Has the flow take its cells from the stock before it makes new ones with the cell factory it
     * has now (a skin calls this once it set the factory). A cell from the stock is taken the way
     * the flow takes a new cell: it is styled when it gets its index, and put back on the flow's
     * sheet if the flow cleared that since (it does so when the number of rows changes).
     */
    void takeStockFirst() {
        Callback<VirtualFlow<T>, T> factory = getCellFactory();
        setCellFactory(flow -> {
            T cell = making ? null : stock.pollFirst();
            return cell != null ? cell : factory.call(flow);
        });
    }

    /**
     * Makes one cell now and keeps it for when the flow needs a cell: styled (which makes its skin
     * and, for a table row, its cells), then given to {@code prepare}, styled again and laid out.
     * FX thread; the flow must be in a scene and have no cells in use or put aside.
     *
     * @return the cell made
     */
    T stock(Consumer<? super T> prepare) {
        T cell;
        making = true;
        try {
            cell = getAvailableCell(-1); // a new one, put on the flow's sheet (its cells get their style there)
        } finally {
            making = false;
        }
        cell.setVisible(false); // as the flow keeps the cells it has no row for
        // The index the flow will give it: the flow takes stocked cells in order for rows 0, 1, 2... when the first
        // client comes, so each one already has its index (its odd/even style) and taking it changes nothing. A cell
        // that gets a new index on the first client's pulse is restyled there, a few milliseconds per row.
        cell.updateIndex(stock.size());
        build(cell, prepare);
        stock.addLast(cell);
        return cell;
    }

    /**
     * The cell the flow measures rows with (it makes that one the first time it needs a row's
     * size), made now and built as {@link #stock} does. Once; later calls return null.
     */
    T stockSizingCell(Consumer<? super T> prepare) {
        if (sizingCellMade) return null;
        sizingCellMade = true;
        T cell;
        making = true;
        try {
            cell = getCell(-1); // index -1: empty, as the flow leaves it after measuring
        } finally {
            making = false;
        }
        build(cell, prepare);
        return cell;
    }

    /** Cells made ahead that the flow has not taken yet. */
    int stocked() {
        return stock.size();
    }

    private void build(T cell, Consumer<? super T> prepare) {
        cell.applyCss();
        prepare.accept(cell);
        cell.applyCss();
        resizeCell(cell);
        // As wide as the rows it will show: while there is no row the flow has not measured its viewport, and a
        // table row lays out (keeps as children) only the cells of the columns that fit in its width: a narrower
        // stocked row would add the others, and style them, when the first client comes.
        // (the flow itself is not laid out either: the table's width, less its insets, is the rows' width then)
        double width = getWidth();
        if (width <= 0 && getParent() instanceof javafx.scene.layout.Region table) {
            width = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        }
        if (cell.getWidth() < width) cell.resize(width, cell.getHeight());
        cell.layout();
    }
}
