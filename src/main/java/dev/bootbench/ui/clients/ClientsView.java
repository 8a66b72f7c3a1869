package dev.bootbench.ui.clients;

import dev.bootbench.ui.Widgets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The live boot monitor: the clients, the selected one's timeline, transfers and actions, and the total throughput. */
public final class ClientsView {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass UNVERIFIED = PseudoClass.getPseudoClass("unverified");
    private final ClientsViewModel vm;
    private final VBox root = new VBox();
    private final TableView<ClientRow> table = new TableView<>() {
        @Override
        protected Skin<?> createDefaultSkin() {
            return new ClientsTableSkin(this);
        }
    };
    private final SplitPane split = new SplitPane();
    /** The filter: a search field with a button (shown while there is text) that empties it, and the whole list again. */
    private final org.controlsfx.control.textfield.CustomTextField search =
            (org.controlsfx.control.textfield.CustomTextField) org.controlsfx.control.textfield.TextFields.createClearableTextField();
    private final RowFeed<ClientRow> feed;
    /** Runs the feed on each pulse while rows wait to be shown. */
    private final AnimationTimer feedPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            feed.step();
            if (!feed.pending()) stop();
        }
    };
    /** Finishes the table's empty rows, a few per pulse, once it is on screen: see {@link #prepareRows()}. */
    private final AnimationTimer preparePulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (!prepareRows()) stop();
        }
    };
    /** True once the finished rows have shown sample clients (see {@link #rehearse()}). */
    private boolean rehearsed;
    private final javafx.collections.transformation.FilteredList<ClientRow> filtered;
    private final javafx.collections.transformation.SortedList<ClientRow> sorted;

    public ClientsView(ClientsViewModel vm) {
        this.vm = vm;
        this.feed = new RowFeed<>(vm.rows(), this::visibleRows, feedPulse::start);
        this.filtered = new javafx.collections.transformation.FilteredList<>(feed.shown(), r -> true);
        this.sorted = new javafx.collections.transformation.SortedList<>(filtered);
        root.setId("clients-view");
        root.getStyleClass().add("view");
        root.setPadding(new Insets(14));
        root.setSpacing(10);

        Label count = new Label();
        count.getStyleClass().add("card-title");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.rows().size() + (vm.rows().size() == 1 ? " client" : " clients"), vm.rows()));
        Label booting = new Label();
        booting.getStyleClass().add("muted");
        booting.textProperty().bind(Bindings.createStringBinding(() -> vm.bootingProperty().get() + " booting now · " + Widgets.rate(vm.totalRateProperty().get()),
                vm.bootingProperty(), vm.totalRateProperty()));
        Button clear = new Button("Clear inactive");
        clear.setId("clear-stale");
        clear.setTooltip(new Tooltip("Remove the clients not heard from for " + ClientsViewModel.STALE_MILLIS / 60_000
                + " minutes, and the rows of requests that were no machine booting (a browser or curl)"));
        clear.setOnAction(e -> vm.clearStale());
        search.setId("clients-search");
        search.setPromptText("Filter: MAC, vendor, IP, file or stage");
        search.setPrefColumnCount(24);
        search.setLeft(Widgets.icon(org.kordamp.ikonli.feather.Feather.SEARCH, "search-icon"));
        search.textProperty().addListener((o, a, b) -> {
            String q = b == null ? "" : b.trim().toLowerCase(java.util.Locale.ROOT).replace('-', ':');
            filtered.setPredicate(q.isEmpty() ? r -> true : r -> matches(r, q));
        });
        HBox bar = new HBox(12, count, booting, Widgets.hgrow(), search, clear);
        bar.setAlignment(Pos.CENTER_LEFT);

        buildTable();
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.getItems().addAll(table, details());
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(bar, split);
    }

    public VBox node() {
        return root;
    }

    /** How many rows the table shows at once, 0 when it is not on screen. */
    private int visibleRows() {
        if (table.getScene() == null || table.getHeight() <= 0) return 0;
        double row = table.getFixedCellSize() > 0 ? table.getFixedCellSize() : 24;
        return (int) Math.ceil(table.getHeight() / row);
    }

    public SplitPane split() {
        return split;
    }

    /** The table's skin: its flow can make rows before the first client comes (see {@link PreparedFlow}). */
    private static final class ClientsTableSkin extends TableViewSkin<ClientRow> {
        ClientsTableSkin(TableView<ClientRow> table) {
            super(table);
        }

        @Override
        protected VirtualFlow<TableRow<ClientRow>> createVirtualFlow() {
            return new PreparedFlow<>();
        }

        PreparedFlow<TableRow<ClientRow>> flow() {
            return (PreparedFlow<TableRow<ClientRow>>) getVirtualFlow();
        }

        /**
         * While the table is empty its placeholder shows and the table leaves its flow hidden and 0 px
         * high. A flow whose height goes from 0 to more recreates all its cells: it drops every row
         * from its sheet and makes new ones, so rows finished ahead (see {@link PreparedFlow}) were
         * lost, and the first client's pulse made and styled every visible row from scratch. Here the
         * hidden flow gets the area below the header that it will have when rows come: its size does
         * not change then, and it keeps its rows.
         */
        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            super.layoutChildren(x, y, w, h);
            VirtualFlow<?> f = getVirtualFlow();
            if (!f.isVisible()) {
                double header = getTableHeaderRow() == null ? 0 : getTableHeaderRow().getHeight();
                f.resizeRelocate(x, y + header, w, Math.max(0, h - header));
            }
        }
    }

    /** Rows finished ahead per pulse: the first pulse also loads and styles everything for the first time. */
    static final int PREPARE_PER_PULSE = 2;

    /**
     * Finishes the empty rows that fill the table, their cells' labels and bars made, styled and
     * laid out, while it has no client yet: pay it at start, not while a technician watches the
     * first client. Without it the pulse in which the first clients appear made and styled the
     * labels and bars of every visible row at once, cold. Runs on the pulses after the table is first
     * on screen (when the window opens on the Clients view, or when the view is first shown),
     * {@link #PREPARE_PER_PULSE} rows each; stops when they are done or clients came first.
     *
     * @return true while there is more to do
     */
    private boolean prepareRows() {
        if (!(table.getSkin() instanceof ClientsTableSkin skin) || table.getScene() == null || !table.getItems().isEmpty() || table.getHeight() <= 0) {
            return false;
        }
        if (skin.flow().prepareShown(ClientsView::prepareRow, PREPARE_PER_PULSE)) return true;
        if (!rehearsed) {
            rehearsed = true;
            rehearse();
        }
        return false;
    }

    /** True once the rows are finished and have shown sample clients (see {@link #rehearse()}). FX thread. */
    boolean ready() {
        return rehearsed;
    }

    /**
     * Shows two sample clients in the finished rows and takes them away again, in one go on the FX
     * thread (no pulse comes in between, so nothing of it is ever drawn). A row with a client is in
     * other CSS states than an empty one ({@code :filled}, the stage's colour), and JavaFX works out
     * the styles of a state combination the first time a node enters it, then shares them. Without
     * this the pulse in which the first clients appeared worked them out for every cell of their rows, a
     * good part of that pulse's CPU in the 200-client replay (figures: src/bench/README.md). The samples are
     * never in the model: selection and focus are left as they were (nothing).
     */
    private void rehearse() {
        ObservableList<ClientRow> real = table.getItems();
        List<ClientRow> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ClientRow r = new ClientRow("sample-" + i, null, 0);
            r.vendorProperty().set("QEMU");
            r.firmwareProperty().set("UEFI x64");
            r.ipxeProperty().set("1.21.1");
            r.addressProperty().set("192.0.2." + (10 + i));
            r.fileProperty().set("ipxe.efi");
            r.progressProperty().set(0.5);
            r.rateProperty().set(1e6);
            r.elapsedProperty().set("0:01");
            samples.add(r);
        }
        table.setItems(FXCollections.observableArrayList(samples));
        table.applyCss();
        table.layout();
        table.setItems(real);
        table.getSelectionModel().clearSelection();
        table.getFocusModel().focus(-1);
        table.applyCss();
        table.layout();
    }

    /** Makes the label or bar of each live cell of a row, before the row has a client. */
    private static void prepareRow(TableRow<ClientRow> row) {
        for (Node n : row.getChildrenUnmodifiable()) if (n instanceof LiveCell<?, ?, ?> c) c.prepare();
    }

    private void buildTable() {
        table.setId("clients-table");
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No clients yet. Start the servers and power on a machine set to network boot."));
        // The columns change many times a second while clients boot: live cells follow their property themselves,
        // so a new value re-lays out one label or bar instead of every visible row (see LiveCell). The MAC does not
        // change but is a live cell too, so that all columns lay their text out alike.
        table.getColumns().add(LiveCell.labelColumn("Stage", 130, ClientRow::stageProperty, StageState.ORDER, new StageShown()));
        table.getColumns().add(text("MAC", 130, r -> new ReadOnlyStringWrapper(r.mac())));
        table.getColumns().add(text("Vendor", 80, ClientRow::vendorProperty));
        table.getColumns().add(text("Firmware", 80, ClientRow::firmwareProperty));
        table.getColumns().add(text("iPXE", 90, ClientRow::ipxeProperty));
        table.getColumns().add(text("IP", 95, ClientRow::addressProperty));
        // a path is cut at its start, so the file's own name shows ("…amd64/initrd.gz", not "debian/amd64/ini…")
        table.getColumns().add(LiveCell.labelColumn("File", 130, ClientRow::fileProperty, Comparator.<String>naturalOrder(), (l, v) -> {
            l.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            l.setText(v);
        }));
        table.getColumns().add(LiveCell.progressColumn("Progress", 100, ClientRow::progressProperty));
        table.getColumns().add(LiveCell.textColumn("Rate", 80, ClientRow::rateProperty, v -> Widgets.rate(v.doubleValue()),
                Comparator.comparingDouble(Number::doubleValue)));
        table.getColumns().add(text("Elapsed", 70, ClientRow::elapsedProperty));
        table.getColumns().add(text("Next boot", 100, ClientRow::nextBootProperty));
        // what tells one client from another and how far it got is never cut; the others give way in a narrow window
        table.getColumns().get(0).setMinWidth(125);
        table.getColumns().get(1).setMinWidth(128);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            private final InvalidationListener fade = o -> pseudoClassStateChanged(STALE, getItem() != null && getItem().staleProperty().get());
            private final InvalidationListener hint = o -> showHint();
            private ClientRow watched;
            private Tooltip tooltip;

            @Override
            protected void updateItem(ClientRow r, boolean empty) {
                super.updateItem(r, empty);
                if (watched != null) {
                    watched.staleProperty().removeListener(fade);
                    watched.failureProperty().removeListener(hint);
                    watched.unverifiedProperty().removeListener(hint);
                    watched.adviceProperty().removeListener(hint);
                }
                watched = empty ? null : r;
                if (watched != null) {
                    watched.staleProperty().addListener(fade);
                    watched.failureProperty().addListener(hint);
                    watched.unverifiedProperty().addListener(hint);
                    watched.adviceProperty().addListener(hint);
                }
                pseudoClassStateChanged(STALE, watched != null && watched.staleProperty().get());
                showHint();
            }

            /** A tooltip only on the rows that have something to say (most have none: no tooltip is made for them). */
            private void showHint() {
                String text = watched == null ? null : rowHint(watched);
                pseudoClassStateChanged(UNVERIFIED, watched != null && watched.getUnverified() != ClientRow.Unverified.NO);
                if (text == null) {
                    if (tooltip != null) setTooltip(null);
                    tooltip = null;
                    return;
                }
                if (tooltip == null) {
                    tooltip = new Tooltip();
                    tooltip.setWrapText(true);
                    tooltip.setMaxWidth(520);
                    setTooltip(tooltip);
                }
                tooltip.setText(text);
            }
        });
        table.heightProperty().addListener((o, a, h) -> {
            // on screen, or taller (more empty rows): finish the rows it shows now
            if (h.doubleValue() > 0 && table.getItems().isEmpty()) preparePulse.start();
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != table.getSelectionModel().getSelectedItem()) table.getSelectionModel().select(b);
        });
    }

    /** The selected client's firmware, iPXE build with its features, and address: the line under its MAC. */
    static String summary(ClientRow r) {
        String ipxe = r.ipxeProperty().get();
        if (!ipxe.isEmpty()) {
            ipxe = "iPXE".equals(ipxe) ? "iPXE" : "iPXE " + ipxe;
            if (!r.ipxeFeaturesProperty().get().isEmpty()) ipxe += " " + r.ipxeFeaturesProperty().get();
        }
        return String.join("  ·  ", java.util.stream.Stream.of(r.firmwareProperty().get(), ipxe, r.addressProperty().get())
                .filter(s -> s != null && !s.isEmpty()).toList());
    }

    static boolean matches(ClientRow r, String q) {
        for (String f : new String[] {r.mac(), r.vendorProperty().get(), r.addressProperty().get(), r.fileProperty().get(), StageLook.label(r.getStage()),
                r.firmwareProperty().get()}) {
            if (f != null && f.toLowerCase(java.util.Locale.ROOT).contains(q)) return true;
        }
        return false;
    }

    private static TableColumn<ClientRow, ClientRow> text(String title, double width, Function<ClientRow, ObservableValue<String>> f) {
        return LiveCell.textColumn(title, width, f, v -> v, Comparator.<String>naturalOrder());
    }

    /** The stage as its symbol and name, coloured through a pseudo-class (changing one only updates the label's style). */
    private static final class StageShown implements BiConsumer<Label, StageState> {
        @Override
        public void accept(Label l, StageState s) {
            PseudoClass want = s == null ? null : PseudoClass.getPseudoClass(StageLook.pseudoClass(s.stage()));
            PseudoClass had = (PseudoClass) l.getProperties().get(StageShown.class);
            if (want != had) {
                if (had != null) l.pseudoClassStateChanged(had, false);
                if (want != null) l.pseudoClassStateChanged(want, true);
                l.getProperties().put(StageShown.class, want);
            }
            l.setText(s == null ? null : s.text());
        }
    }

    /** What a row's tooltip says: why its boot failed, or why it may not be a machine booting; null for none. */
    static String rowHint(ClientRow r) {
        String failure = r.failureProperty().get();
        ClientRow.Unverified unverified = r.getUnverified();
        StringBuilder sb = new StringBuilder();
        if (!failure.isEmpty()) sb.append(r.failures() > 1 ? "Failed " + r.failures() + " times in a row: " : "Failed: ").append(failure);
        String advice = r.adviceProperty().get();
        if (!advice.isEmpty()) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(advice);
        }
        if (unverified != ClientRow.Unverified.NO) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(unverified == ClientRow.Unverified.THIS_COMPUTER ? "Requests from this computer (a browser or curl), not a machine booting."
                    : "No DHCP seen from this client: perhaps a browser or a tool rather than a machine booting.")
                    .append(" \"Clear inactive\" removes it.");
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private Node details() {
        Label title = new Label("Select a client");
        title.setId("client-title");
        title.getStyleClass().add("card-title");
        Label sub = new Label();
        sub.setId("client-summary");
        sub.getStyleClass().add("muted");
        sub.setWrapText(true);
        sub.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // firmware, iPXE's features and address, wrapped, never cut
        // why the selected client's boot failed (or why it may be no machine), for as long as that holds
        Label hint = new Label();
        hint.setId("client-failure");
        hint.getStyleClass().add("client-hint");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole reason, wrapped, never cut
        hint.managedProperty().bind(hint.visibleProperty());
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty());

        // what the boot went through: shim → GRUB → kernel → initrd → booting
        Label path = new Label();
        path.setId("client-path");
        path.getStyleClass().add("muted");
        path.setWrapText(true);
        path.managedProperty().bind(path.visibleProperty());
        path.visibleProperty().bind(path.textProperty().isNotEmpty());

        ListView<TimelineEntry> timeline = new ListView<>();
        timeline.setId("client-timeline");
        timeline.setPlaceholder(new Label("The client's DHCP, TFTP and HTTP events appear here."));
        timeline.setCellFactory(l -> new ListCell<>() {
            // the time and kind, then what happened: a long line (a DHCP reply with its boot file, a failed transfer's
            // error) wraps under its own start, at the list's width, instead of being cut or scrolled sideways
            private final Label when = new Label();
            private final Label what = new Label();
            private final HBox line = new HBox(when, what);

            {
                when.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                what.setWrapText(true);
                what.setMinWidth(0);
                HBox.setHgrow(what, Priority.ALWAYS);
                setPrefWidth(0);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(TimelineEntry e, boolean empty) {
                super.updateItem(e, empty);
                boolean problem = !empty && e != null && e.problem();
                if (problem != getStyleClass().contains("problem")) {
                    if (problem) getStyleClass().add("problem");
                    else getStyleClass().remove("problem");
                }
                if (empty || e == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                when.setText(String.format("+%7.3f s  %-9s ", e.offsetMillis() / 1000.0, e.kind()));
                what.setText(e.text());
                setText(when.getText() + e.text()); // not drawn (the graphic is): the line whole, for copying and accessibility
                setGraphic(line);
            }
        });
        timeline.getStyleClass().add("mono");

        ListView<TransferRow> transfers = new ListView<>();
        transfers.setId("client-transfers");
        transfers.setPrefHeight(150);
        transfers.setPlaceholder(new Label("No transfers yet."));
        transfers.setCellFactory(l -> new TransferCell());

        ComboBox<String> next = new ComboBox<>();
        next.setId("next-boot");
        next.setEditable(true);
        next.getItems().addAll("menu", "local");
        next.setPromptText("menu, local or an entry id");
        next.setTooltip(new Tooltip("menu: show the boot menu (default) · local: boot from the disk · or a menu entry"));
        javafx.scene.control.CheckBox always = new javafx.scene.control.CheckBox("every boot");
        always.setId("next-boot-always");
        always.setTooltip(new Tooltip("Unticked: for the next boot only, then the menu again. Ticked: for every boot until changed."));
        Button apply = new Button("Set");
        apply.setTooltip(new Tooltip("Use this for the client's next boot"));
        apply.setId("next-boot-apply");
        apply.setOnAction(e -> {
            ClientRow r = vm.selectedProperty().get();
            if (r != null) vm.setNextBoot(r, next.getEditor().getText(), always.isSelected());
        });
        Button forget = new Button("Forget");
        forget.setId("client-forget");
        forget.setTooltip(new Tooltip("Remove from the list and free its lease"));
        forget.setOnAction(e -> {
            ClientRow r = vm.selectedProperty().get();
            if (r != null) vm.forget(r);
        });
        next.setPrefWidth(110);
        next.setMinWidth(96); // "menu", "local" and an entry id stay readable (at 1280 px it was cut to "m")
        Label nextLabel = new Label("Next boot");
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {nextLabel, always, apply, forget}) c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox actions = new HBox(6, nextLabel, next, always, apply, Widgets.hgrow(), forget);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox left = new VBox(6, title, sub, path, hint, label("Timeline"), timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        left.setId("client-details");
        left.disableProperty().bind(vm.selectedProperty().isNull());
        VBox mid = new VBox(6, label("Transfers"), transfers, actions);
        VBox.setVgrow(transfers, Priority.ALWAYS);
        mid.setPrefWidth(390);
        mid.setMinWidth(400);
        mid.disableProperty().bind(vm.selectedProperty().isNull());
        Node chart = chart();
        HBox box = new HBox(14, left, mid, chart);
        HBox.setHgrow(left, Priority.ALWAYS);
        box.setPadding(new Insets(10, 0, 0, 0));
        vm.selectedProperty().addListener((o, a, r) -> {
            hint.textProperty().unbind();
            path.textProperty().unbind();
            sub.textProperty().unbind();
            if (r == null) {
                hint.setText("");
                path.setText("");
                title.setText("Select a client");
                sub.setText("");
                timeline.setItems(null);
                transfers.setItems(null);
                return;
            }
            title.setText(r.mac() + (r.vendorProperty().get().isEmpty() ? "" : "  ·  " + r.vendorProperty().get()));
            // followed while it boots: selected at DHCP, it names the iPXE build once iPXE asks
            sub.textProperty().bind(Bindings.createStringBinding(() -> summary(r), r.firmwareProperty(), r.ipxeProperty(), r.ipxeFeaturesProperty(),
                    r.addressProperty()));
            hint.textProperty().bind(Bindings.createStringBinding(() -> {
                String h = rowHint(r);
                return h == null ? "" : h;
            }, r.failureProperty(), r.unverifiedProperty(), r.stageProperty(), r.adviceProperty()));
            path.textProperty().bind(r.pathProperty());
            timeline.setItems(r.timeline());
            transfers.setItems(r.transfers());
            var pending = vm.nextBoot(r);
            next.getItems().setAll(vm.nextBootChoices());
            next.getEditor().setText(pending == null ? "menu" : pending.choice());
            always.setSelected(pending != null && pending.always());
            actions.setDisable(r.macAddress() == null);
            forget.setDisable(false);
        });
        return box;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-label");
        return l;
    }

    /** A transfer: file, size and outcome, with its rate sparkline. */
    private static final class TransferCell extends ListCell<TransferRow> {
        private final Label name = new Label();
        private final Label info = new Label();
        private final Sparkline spark = new Sparkline(120, 26);
        private final HBox box = new HBox(10, new VBox(2, name, info), Widgets.hgrow(), spark);
        private final InvalidationListener redraw = o -> refresh();
        private TransferRow watched;

        TransferCell() {
            info.getStyleClass().add("muted");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(TransferRow t, boolean empty) {
            super.updateItem(t, empty);
            if (watched != null) watched.versionProperty().removeListener(redraw);
            watched = empty ? null : t;
            if (watched == null) {
                setGraphic(null);
                return;
            }
            watched.versionProperty().addListener(redraw);
            refresh();
            setGraphic(box);
        }

        private void refresh() {
            TransferRow t = watched;
            if (t == null) return;
            name.setText(t.protocol() + "  " + t.file());
            String outcome = t.outcomeProperty().get();
            info.setText(Widgets.bytes(t.doneProperty().get()) + (t.size() > 0 ? " of " + Widgets.bytes(t.size()) : "")
                    + (t.finished() ? "  ·  " + outcome.toLowerCase().replace('_', ' ') : "  ·  " + Widgets.rate(t.rateProperty().get())));
            spark.draw(t.samples());
        }
    }

    private Node chart() {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setTickUnit(100);
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("MB/s");
        y.setForceZeroInRange(true);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                long ago = Math.round(vm.chartNow() - n.doubleValue());
                return ago <= 0 ? "now" : "-" + ago / 60 + ":" + String.format("%02d", ago % 60);
            }
            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        AreaChart<Number, Number> chart = new AreaChart<>(x, y);
        chart.setId("throughput-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setTitle(null);
        chart.setPrefHeight(150);
        chart.setMinHeight(120);
        chart.setPrefWidth(290);
        chart.setMinWidth(240);
        // the view model keeps plain points; the chart's series follows its list change by change
        XYChart.Series<Number, Number> s = new XYChart.Series<>("total",
                FXCollections.observableArrayList(vm.throughput().stream().map(ClientsView::chartPoint).toList()));
        chart.getData().add(s);
        vm.throughput().addListener((ListChangeListener<ClientsViewModel.ThroughputPoint>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    s.getData().setAll(vm.throughput().stream().map(ClientsView::chartPoint).toList());
                    continue;
                }
                if (c.wasRemoved()) s.getData().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                if (c.wasAdded()) s.getData().addAll(c.getFrom(), c.getAddedSubList().stream().map(ClientsView::chartPoint).toList());
            }
            double now = vm.chartNow();
            x.setLowerBound(Math.floor(now) - ClientsViewModel.CHART_SECONDS);
            x.setUpperBound(Math.ceil(now));
        });
        x.setLowerBound(-ClientsViewModel.CHART_SECONDS);
        x.setUpperBound(0);
        Label t = new Label("Total throughput, last 5 minutes");
        t.getStyleClass().add("section-label");
        VBox box = new VBox(2, t, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.getStyleClass().add("chart-box");
        return box;
    }

    private static XYChart.Data<Number, Number> chartPoint(ClientsViewModel.ThroughputPoint p) {
        return new XYChart.Data<>(p.seconds(), p.megabytesPerSecond());
    }
}
