package dev.bootbench.ui.clients;

import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.skin.TableCellSkin;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A table cell that follows one property of its row by itself, for values that change many times a
 * second (progress, rate, elapsed time).
 *
 * <p>A plain {@link TableCell} bound through the column's cell value factory reacts to every change
 * of the value with {@code requestLayout()}; that marks its row as needing layout, and the table's
 * {@code VirtualFlow} then rebuilds <em>every</em> visible row: each one gets its CSS re-applied and
 * every cell's {@code updateItem} runs again. With a few hundred clients updating ten times a second
 * that was most of the FX thread's time. Here the column hands the cell its row once (the value is
 * the row itself and never changes), the cell listens to the property, and the value is shown in a
 * content node that is <em>unmanaged</em>: its own layout requests stop at it, so a new value costs
 * the layout of that one label or bar, and no row is rebuilt.
 *
 * <p>The cell lays its content out itself, at once, whenever it shows a new value. It must not wait
 * for the scene's layout pass to come down to the content: an unmanaged node's request only marks
 * its ancestors up to the first one already marked, and the table regularly ends its own layout
 * still marked (a new row changes the flow's cell count in the middle of the table's layout), with
 * no mark above it. Every request below it was then lost until something managed in the table
 * asked again: a row added while the view was shown kept showing its first values for the whole
 * boot.
 *
 * <p>The skin is a real {@link TableCellSkin}, so the cell behaves as table cells do (a click
 * selects its row and focuses the table, with the usual modifier keys); it only lays out the
 * content node in place of the cell's own text, which stays empty except in the cells the column
 * header makes to size a column to its content.
 *
 * @param <S> the row type
 * @param <V> the type of the followed property's value
 * @param <N> the content node (a {@link Label}, a {@link LightBar})
 */
final class LiveCell<S, V, N extends Region> extends TableCell<S, S> {
    private final Function<S, ? extends ObservableValue<V>> property;
    private final Supplier<N> make;
    private final BiConsumer<N, V> show;
    /**
     * Made when the cell first shows a row (the empty rows a table adds to fill its height never get
     * one), or ahead of that by {@link #prepare()}.
     */
    private N content;
    private ContentSkin<S> skin;
    private final InvalidationListener changed = o -> refresh();
    private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
    private final InvalidationListener columnWidth = o -> requestLayout();
    private final WeakInvalidationListener weakColumnWidth = new WeakInvalidationListener(columnWidth);
    private ObservableValue<V> watched;

    /**
     * @param make makes the content node, when the cell first shows a row
     * @param show puts a value into the content node; gets {@code null} when the cell is empty
     */
    LiveCell(Function<S, ? extends ObservableValue<V>> property, Supplier<N> make, BiConsumer<N, V> show) {
        this.property = property;
        this.make = make;
        this.show = show;
        tableColumnProperty().addListener((o, a, b) -> {
            if (a != null) a.widthProperty().removeListener(weakColumnWidth);
            if (b != null) b.widthProperty().addListener(weakColumnWidth);
        });
    }

    /** A column whose cells follow {@code property}, shown as text through {@code format}; sorts by the value. */
    static <S, V> TableColumn<S, S> textColumn(String title, double width, Function<S, ? extends ObservableValue<V>> property,
            Function<V, String> format, Comparator<V> order) {
        return column(title, width, property, order, () -> new LiveCell<S, V, Label>(property, LiveCell::label, (l, v) -> l.setText(v == null ? null : format.apply(v))));
    }

    /** A column of progress bars following {@code property} (0..1, -1 for indeterminate, as {@link LightBar}). */
    static <S> TableColumn<S, S> progressColumn(String title, double width, Function<S, ? extends ObservableValue<Number>> property) {
        return column(title, width, property, Comparator.comparingDouble(Number::doubleValue), () -> new LiveCell<S, Number, LightBar>(property, LightBar::new, (b, v) -> {
            b.setVisible(v != null);
            if (v != null) b.setProgress(v.doubleValue());
        }));
    }

    /** A column with its own way of showing the value in a label (e.g. a style class per value). */
    static <S, V> TableColumn<S, S> labelColumn(String title, double width, Function<S, ? extends ObservableValue<V>> property, Comparator<V> order,
            BiConsumer<Label, V> show) {
        return column(title, width, property, order, () -> new LiveCell<S, V, Label>(property, LiveCell::label, show));
    }

    private static <S, V> TableColumn<S, S> column(String title, double width, Function<S, ? extends ObservableValue<V>> property, Comparator<V> order,
            Supplier<LiveCell<S, V, ?>> cells) {
        TableColumn<S, S> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> cells.get());
        Comparator<V> values = Comparator.nullsFirst(order);
        c.setComparator((a, b) -> values.compare(a == null ? null : property.apply(a).getValue(), b == null ? null : property.apply(b).getValue()));
        return c;
    }

    private static Label label() {
        Label l = new Label();
        l.getStyleClass().add("live-cell-text");
        l.setAlignment(Pos.CENTER_LEFT);
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        l.setMinWidth(0);
        return l;
    }

    /** The node that shows the value (tests read what is shown from it), null before the cell first showed a row. */
    N content() {
        return content;
    }

    /**
     * Makes the content node now if the cell has none yet, for a cell built before it has a row to
     * show (see {@link PreparedFlow}): the node is then made and styled before it is needed.
     */
    void prepare() {
        if (content != null) return;
        makeContent();
        refresh();
    }

    private void makeContent() {
        content = make.get();
        content.setManaged(false); // its layout requests stop at it: see the class comment
        if (skin != null) skin.attach(content);
    }

    @Override
    protected void updateItem(S row, boolean empty) {
        super.updateItem(row, empty);
        ObservableValue<V> next = empty || row == null ? null : property.apply(row);
        if (next != null && content == null) makeContent();
        if (next != watched) {
            if (watched != null) watched.removeListener(weakChanged);
            watched = next;
            if (watched != null) watched.addListener(weakChanged);
        }
        refresh();
    }

    private void refresh() {
        if (content == null) return;
        show.accept(content, watched == null ? null : watched.getValue());
        // shown now, whatever the marks of the nodes above (see the class comment); a content node that
        // is not laid out yet (no size) is laid out with its cell
        if (content.getWidth() > 0) content.layout();
        // the column header sizes a column to fit with cells of its own, measuring those that have text
        if (getProperties().containsKey(MEASURING)) {
            String t = shownText();
            if (!java.util.Objects.equals(t, getText())) setText(t);
        }
    }

    /** The value as words: the label's text, or the bar's percentage. */
    private String shownText() {
        if (content instanceof Labeled l) return l.getText();
        if (content instanceof LightBar b && b.isVisible()) return b.getProgress() < 0 ? "…" : Math.round(b.getProgress() * 100) + " %";
        return null;
    }

    /** The key a table's column header puts on the cells it makes to measure a column's content. */
    private static final String MEASURING = "deferToParentPrefWidth";

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT) return shownText();
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        skin = new ContentSkin<>(this);
        if (content != null) skin.attach(content);
        return skin;
    }

    /**
     * A table cell's skin (and so its behaviour: selection by mouse, focus) that lays the content node
     * out over the cell's whole inner area in place of the cell's text; the cell is as wide as its
     * column, as table cells are.
     */
    private static final class ContentSkin<S> extends TableCellSkin<S, S> {
        private Region content;

        ContentSkin(LiveCell<S, ?, ?> cell) {
            super(cell);
        }

        void attach(Region c) {
            content = c;
            getChildren().add(c);
            TableCell<S, S> cell = getSkinnable();
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(cell.widthProperty());
            clip.heightProperty().bind(cell.heightProperty());
            cell.setClip(clip);
            cell.requestLayout(); // once: the cell has content now
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            if (content == null) return;
            double ch = Math.min(h, Math.max(content.minHeight(-1), content.prefHeight(w)));
            content.resizeRelocate(x, y + (h - ch) / 2, w, ch);
        }

        @Override
        protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
            TableColumn<?, ?> column = getSkinnable().getTableColumn();
            if (column == null || getSkinnable().getProperties().containsKey(MEASURING)) {
                return left + (content == null ? 0 : content.prefWidth(-1)) + right;
            }
            return snapSizeX(column.getWidth());
        }

        @Override
        protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
            return top + (content == null ? 0 : content.prefHeight(-1)) + bottom;
        }

        @Override
        protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
            return left + right;
        }

        @Override
        protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
            return top + (content == null ? 0 : content.minHeight(-1)) + bottom;
        }
    }
}
