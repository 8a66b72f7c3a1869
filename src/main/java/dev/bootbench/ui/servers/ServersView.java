package dev.bootbench.ui.servers;

import dev.bootbench.engine.BootEngine.Service;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.boot.BootPath;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.ui.Widgets;
import dev.bootbench.engine.DhcpMode;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.DirectoryChooser;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** Interface, DHCP, TFTP and HTTP settings; a toggle and the state of each service; the leases. */
public final class ServersView {
    private final ServersViewModel vm;
    private final SplitPane root = new SplitPane();
    /** Decorates each typed field with what Save would refuse in it, as the user types (the checks are the view-model's). */
    private final ValidationSupport validation = new ValidationSupport();

    public ServersView(ServersViewModel vm) {
        this.vm = vm;
        root.setId("servers-view");
        root.getStyleClass().add("view");

        VBox left = new VBox(12, interfaceCard(), dhcpCard(), filesCard(), bootProgramsCard(), new FirmwareMenuPane(vm.firmwareMenu()).node(), saveRow());
        left.setPadding(new Insets(14));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.getStyleClass().add("plain-scroll");

        VBox right = new VBox(12, servicesCard(), otherServerBanner(), leasesCard());
        right.setPadding(new Insets(14));
        VBox.setVgrow(right.getChildren().get(2), Priority.ALWAYS);

        root.getItems().addAll(leftScroll, right);
        root.setDividerPositions(0.45);
    }

    public SplitPane node() {
        return root;
    }

    private Node interfaceCard() {
        ComboBox<NetIface> pick = new ComboBox<>(vm.interfaces());
        pick.setId("iface-picker");
        pick.setMaxWidth(Double.MAX_VALUE);
        pick.setPromptText("Choose the bench interface");
        pick.setCellFactory(l -> new IfaceCell());
        pick.setButtonCell(new IfaceCell());
        pick.valueProperty().bindBidirectional(vm.ifaceProperty());
        Button refresh = new Button(null, Widgets.icon(org.kordamp.ikonli.feather.Feather.REFRESH_CW, "button-icon"));
        refresh.setTooltip(new Tooltip("List the interfaces again"));
        refresh.setOnAction(e -> vm.refreshInterfaces());
        HBox row = new HBox(8, pick, refresh);
        HBox.setHgrow(pick, Priority.ALWAYS);
        Label warn = new Label();
        warn.setId("iface-warning");
        warn.getStyleClass().add("warning-text");
        warn.setWrapText(true);
        warn.textProperty().bind(vm.ifaceWarningProperty());
        warn.visibleProperty().bind(vm.ifaceWarningProperty().isNotEmpty());
        warn.managedProperty().bind(warn.visibleProperty());
        return Widgets.card("Bench interface", row, warn);
    }

    private static final class IfaceCell extends ListCell<NetIface> {
        @Override
        protected void updateItem(NetIface n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String addr = n.address() == null ? "no IPv4" : n.address().getHostAddress() + "/" + n.prefixLength();
            Label dot = new Label("●");
            dot.getStyleClass().add(n.up() ? "state-ok" : "state-off");
            setGraphic(dot);
            setText(n.name() + "   " + addr + "   " + (n.up() ? "link up" : "link down") + (n.carriesDefaultRoute() ? "   ⚠ default route" : ""));
        }
    }

    private Node dhcpCard() {
        SegmentedButton seg = new SegmentedButton();
        seg.setId("dhcp-mode");
        ToggleGroup g = seg.getToggleGroup();
        for (DhcpMode m : DhcpMode.values()) {
            ToggleButton b = new ToggleButton(switch (m) {
                case FULL -> "Full server";
                case PROXY -> "Proxy (beside another)";
                case OFF -> "Off";
            });
            b.setId("dhcp-mode-" + m.name().toLowerCase());
            b.setUserData(m);
            b.setSelected(vm.dhcpModeProperty().get() == m);
            seg.getButtons().add(b);
        }
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true); // keep one selected
            else vm.dhcpModeProperty().set((DhcpMode) b.getUserData());
        });
        vm.dhcpModeProperty().addListener((o, a, b) -> g.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));

        GridPane grid = form();
        TextField range = field("dhcp-range", vm.rangeProperty(), "e.g. 10.77.0.100-10.77.0.199 (empty: .100-.199 of the subnet)");
        TextField lease = field("dhcp-lease", vm.leaseSecondsProperty(), "seconds");
        TextField router = field("dhcp-router", vm.routerProperty(), "none");
        TextField dns = field("dhcp-dns", vm.dnsProperty(), "none, or IPs separated by commas");
        TextField domain = field("dhcp-domain", vm.domainProperty(), "none");
        addRow(grid, 0, "Pool", range);
        addRow(grid, 1, "Lease time (s)", lease);
        addRow(grid, 2, "Router", router);
        addRow(grid, 3, "DNS", dns);
        addRow(grid, 4, "Domain", domain);
        check(range, ServersViewModel::rangeProblem);
        check(lease, ServersViewModel::leaseProblem);
        check(router, ServersViewModel::routerProblem);
        check(dns, ServersViewModel::dnsProblem);
        grid.disableProperty().bind(vm.dhcpModeProperty().isNotEqualTo(DhcpMode.FULL));
        Label help = new Label();
        help.getStyleClass().add("muted");
        help.setWrapText(true);
        help.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.dhcpModeProperty().get()) {
            case FULL -> "Bootbench hands out addresses and boot information. Use it on a bench network of its own.";
            case PROXY -> "Another DHCP server hands out the addresses; Bootbench adds only the boot information (ports 67 and 4011).";
            case OFF -> "No DHCP: clients must be told the boot server some other way.";
        }, vm.dhcpModeProperty()));
        return Widgets.card("DHCP", seg, help, grid);
    }

    private Node filesCard() {
        GridPane grid = form();
        TextField rootField = field("root-folder", vm.rootProperty(), "folder served over TFTP and HTTP");
        Button choose = new Button("Choose…");
        choose.setId("root-choose");
        choose.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder to serve over TFTP and HTTP");
            File cur = new File(vm.rootProperty().get());
            if (cur.isDirectory()) dc.setInitialDirectory(cur);
            File f = dc.showDialog(root.getScene().getWindow());
            if (f != null) vm.rootProperty().set(f.getAbsolutePath());
        });
        HBox rootRow = new HBox(8, rootField, choose);
        HBox.setHgrow(rootField, Priority.ALWAYS);
        grid.add(label("Root folder"), 0, 0);
        grid.add(rootRow, 1, 0);
        TextField tftpPort = field("tftp-port", vm.tftpPortProperty(), "69");
        TextField httpPort = field("http-port", vm.httpPortProperty(), "80");
        addRow(grid, 1, "TFTP port", tftpPort);
        addRow(grid, 2, "HTTP port", httpPort);
        check(tftpPort, t -> ServersViewModel.portProblem(t, "TFTP"));
        check(httpPort, t -> ServersViewModel.portProblem(t, "HTTP"));
        // Save keeps a root folder that is not there (with a note): a warning, not an error
        validation.registerValidator(rootField, false, (javafx.scene.control.Control c, String v) -> {
            String dir = v == null ? "" : v.trim();
            return ValidationResult.fromMessageIf(c, "The folder " + dir + " does not exist: create it or choose another",
                    Severity.WARNING, !dir.isEmpty() && !new File(dir).isDirectory());
        });
        // how UEFI clients boot, per firmware: iPXE, or GRUB (behind shim for Secure Boot) reading grub/grub.cfg made from the published menu
        addRow(grid, 3, "UEFI x64 boot", pathPicker("uefi-path", vm.uefiPathProperty(), false));
        addRow(grid, 4, "UEFI arm64 boot", pathPicker("arm64-path", vm.arm64PathProperty(), true));
        return Widgets.card("TFTP and HTTP", grid);
    }

    /** What each firmware is given to boot, by DHCP: a file of the root (over TFTP; over HTTP for UEFI HTTP Boot) or a URL. */
    private Node bootProgramsCard() {
        GridPane grid = form();
        addRow(grid, 0, "BIOS", field("boot-bios", vm.biosBootProperty(), "none, e.g. undionly.kpxe"));
        addRow(grid, 1, "UEFI x64", field("boot-uefi", vm.uefiBootProperty(), "none, e.g. ipxe.efi"));
        addRow(grid, 2, "UEFI ia32", field("boot-uefi-ia32", vm.uefiIa32BootProperty(), "none"));
        addRow(grid, 3, "UEFI arm64", field("boot-arm64", vm.arm64BootProperty(), "none"));
        TextField http = field("boot-http", vm.httpBootProperty(), "empty: the UEFI x64 program, over HTTP");
        TextField httpArm = field("boot-http-arm64", vm.arm64HttpBootProperty(), "empty: the UEFI arm64 program, over HTTP");
        addRow(grid, 4, "HTTP Boot x64", http);
        addRow(grid, 5, "HTTP Boot arm64", httpArm);
        check(http, t -> ServersViewModel.httpBootProblem(t, "HTTP Boot x64"));
        check(httpArm, t -> ServersViewModel.httpBootProblem(t, "HTTP Boot arm64"));
        addRow(grid, 6, "U-Boot", field("boot-uboot", vm.ubootBootProperty(), "none, e.g. boot.scr.uimg"));
        Label help = new Label("The file each firmware's PXE gets over TFTP. UEFI HTTP Boot clients get theirs as a URL of the HTTP server "
                + "(a URL given here goes as it is). iPXE clients get the iPXE script. U-Boot fetches boot.scr.uimg, which Bootbench "
                + "makes to run the pxelinux menu unless the root folder has one. Clients that ask for a boot file without naming "
                + "their firmware get the BIOS one.");
        help.getStyleClass().add("muted");
        help.setWrapText(true);
        // folded by default: most benches keep the defaults, and the save button stays in sight
        TitledPane pane = new TitledPane("Boot programs per firmware", new VBox(8, help, grid));
        pane.setId("boot-programs");
        pane.setExpanded(false);
        pane.setAnimated(false);
        return pane;
    }

    private static ComboBox<BootPath> pathPicker(String id, javafx.beans.property.ObjectProperty<BootPath> p, boolean arm64) {
        ComboBox<BootPath> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                arm64 ? List.of(BootPath.GRUB, BootPath.SHIM_GRUB, BootPath.IPXE) : List.of(BootPath.IPXE, BootPath.SHIM_GRUB, BootPath.GRUB)));
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setTooltip(new Tooltip("A machine with Secure Boot on refuses iPXE (unsigned): give it the Secure Boot path, the Microsoft-signed\n"
                + "shim loading the distribution's signed GRUB beside it. GRUB reads grub/grub.cfg, made from the published menu\n"
                + "for each client (a grub/grub.cfg of yours in the root folder wins). The Files view finds shim and GRUB on this system."));
        javafx.util.Callback<javafx.scene.control.ListView<BootPath>, ListCell<BootPath>> cells = l -> new ListCell<>() {
            @Override
            protected void updateItem(BootPath b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : ServersViewModel.pathLabel(b, arm64));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        box.valueProperty().bindBidirectional(p);
        return box;
    }

    private Node saveRow() {
        Button save = new Button("Save settings");
        save.setId("save-settings");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> vm.apply());
        Label msg = new Label();
        msg.setId("servers-message");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, a, b) -> msg.getStyleClass().setAll("label", b ? "error-text" : "ok-text"));
        // the settings as dnsmasq, Kea, tftpd-hpa and nginx configurations and the served tree, for production servers
        Button export = new Button("Export for production…");
        export.setId("export-production");
        export.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        export.disableProperty().bind(vm.exportingProperty());
        export.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder to export the production setup into");
            File f = dc.showDialog(root.getScene().getWindow());
            if (f != null) vm.exportTo(f.toPath());
        });
        vm.exportOutcomeProperty().addListener((o, a, b) -> {
            if (b != null && root.getScene() != null) ExportDialog.show(root.getScene().getWindow(), b);
        });
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(12, save, export, msg);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(msg, Priority.ALWAYS);
        return row;
    }

    private Node servicesCard() {
        VBox rows = new VBox(10);
        for (Service s : Service.values()) rows.getChildren().add(serviceRow(vm.status(s)));
        Button startAll = new Button("Start all", Widgets.icon(org.kordamp.ikonli.feather.Feather.PLAY, "button-icon"));
        startAll.setId("start-all");
        startAll.getStyleClass().add("accent");
        startAll.setOnAction(e -> vm.startAll());
        Button stopAll = new Button("Stop all", Widgets.icon(org.kordamp.ikonli.feather.Feather.SQUARE, "button-icon"));
        stopAll.setId("stop-all");
        stopAll.setOnAction(e -> vm.stopAll());
        Label keys = new Label("Ctrl+R / Ctrl+Shift+R");
        keys.getStyleClass().add("muted");
        HBox buttons = new HBox(8, startAll, stopAll, Widgets.hgrow(), keys);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return Widgets.card("Services", rows, buttons);
    }

    private Node serviceRow(ServiceStatus st) {
        String id = st.service().name().toLowerCase();
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setId(id + "-toggle");
        toggle.getStyleClass().add("service-switch");
        toggle.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        toggle.setTooltip(new Tooltip("Start or stop " + st.label()));
        toggle.setAccessibleText(st.label());
        // the switch shows the engine's state: a click asks for the other state; the switch then follows what happened
        boolean[] following = {false};
        Runnable follow = () -> {
            following[0] = true;
            toggle.setSelected(st.runningProperty().get());
            following[0] = false;
        };
        follow.run();
        st.runningProperty().addListener((o, a, b) -> follow.run());
        st.busyProperty().addListener((o, a, b) -> {
            if (!b) follow.run();
        });
        toggle.disableProperty().bind(st.busyProperty());
        toggle.selectedProperty().addListener((o, a, want) -> {
            if (following[0]) return;
            if (want) vm.start(st.service());
            else vm.stop(st.service());
            if (!st.busyProperty().get()) follow.run(); // refused at once (a setting at fault, DHCP off): back to the state
        });
        Label name = new Label(st.label());
        name.getStyleClass().add("service-name");
        name.setMinWidth(48);
        Label dot = new Label("●");
        Label state = new Label();
        state.setId(id + "-state");
        state.getStyleClass().add("service-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> stateWord(st.getState()), st.stateProperty()));
        Label detail = new Label();
        detail.setId(id + "-detail");
        detail.setWrapText(true);
        detail.getStyleClass().add("service-detail");
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        detail.textProperty().bind(st.detailProperty());
        // a service stopped says so once, in its state word; the line below is for what the state does not say
        detail.visibleProperty().bind(st.detailProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());
        Label advice = new Label();
        advice.setId(id + "-advice");
        advice.setWrapText(true);
        advice.getStyleClass().add("muted");
        advice.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        advice.textProperty().bind(st.adviceProperty());
        advice.visibleProperty().bind(st.adviceProperty().isNotEmpty());
        advice.managedProperty().bind(advice.visibleProperty());
        Runnable colour = () -> {
            String cls = Widgets.stateClass(st.getState());
            Widgets.setStateClass(dot, cls);
            Widgets.setStateClass(state, cls);
        };
        st.stateProperty().addListener((o, a, b) -> colour.run());
        colour.run();
        HBox head = new HBox(10, toggle, name, dot, state);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(2, detail, advice);
        text.setPadding(new Insets(0, 0, 0, 70));
        VBox box = new VBox(4, head, text);
        box.getStyleClass().add("service-row");
        return box;
    }

    static String stateWord(ServiceEvent.State s) {
        return switch (s) {
            case STOPPED -> "stopped";
            case STARTING -> "starting";
            case LISTENING -> "running";
            case RETRYING -> "waiting";
            case FAILED -> "failed";
        };
    }

    private Node otherServerBanner() {
        Label text = new Label();
        text.setId("other-dhcp-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.otherServerProperty());
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        Button proxy = new Button("Switch to proxy mode");
        proxy.setId("switch-to-proxy");
        proxy.setOnAction(e -> vm.switchToProxy());
        proxy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        proxy.getStyleClass().add("accent");
        proxy.visibleProperty().bind(vm.dhcpModeProperty().isNotEqualTo(DhcpMode.PROXY));
        Button dismiss = new Button(null, Widgets.icon(org.kordamp.ikonli.feather.Feather.X, "button-icon"));
        dismiss.setTooltip(new Tooltip("Hide this warning"));
        dismiss.getStyleClass().add("flat");
        dismiss.setOnAction(e -> vm.otherServerProperty().set(""));
        HBox.setHgrow(text, Priority.ALWAYS);
        Label sign = new Label("⚠");
        sign.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        sign.setStyle("-fx-font-size: 16px;");
        HBox box = new HBox(10, sign, text, proxy, dismiss);
        box.setId("other-dhcp-banner");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("banner-warning");
        box.visibleProperty().bind(vm.otherServerProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node leasesCard() {
        TableView<LeaseRow> table = new TableView<>(vm.leases());
        table.setId("leases-table");
        table.setPlaceholder(new Label("No leases yet: they appear when DHCP in full mode hands out addresses."));
        TableColumn<LeaseRow, String> mac = col("MAC", 150, LeaseRow::mac);
        // a MAC is never cut (the part that differs between machines is at its end): a full one fits, and were the
        // column narrower still, the cut would be at the start
        javafx.scene.text.Text probe = new javafx.scene.text.Text("88:88:88:88:88:88");
        mac.setMinWidth(Math.ceil(probe.getLayoutBounds().getWidth()) + 28);
        mac.setCellFactory(c -> {
            javafx.scene.control.TableCell<LeaseRow, String> cell = new javafx.scene.control.TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            return cell;
        });
        table.getColumns().add(mac);
        table.getColumns().add(col("Vendor", 100, LeaseRow::vendor));
        table.getColumns().add(col("Address", 110, r -> r.address() + (r.reserved() ? "  ★" : "")));
        table.getColumns().add(col("State", 80, LeaseRow::state));
        table.getColumns().add(col("Expires", 80, LeaseRow::expires));
        table.getColumns().add(col("Host", 90, LeaseRow::hostname));
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button release = new Button("Release");
        release.setId("lease-release");
        release.setTooltip(new Tooltip("Free the address now"));
        release.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        release.setOnAction(e -> vm.release(table.getSelectionModel().getSelectedItem()));
        Button reserve = new Button("Reserve");
        reserve.setId("lease-reserve");
        reserve.setTooltip(new Tooltip("Always give this MAC this address"));
        reserve.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        reserve.setOnAction(e -> vm.reserve(table.getSelectionModel().getSelectedItem()));
        HBox buttons = new HBox(8, release, reserve, Widgets.hgrow(), muted("★ reserved"));
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox card = Widgets.card("Leases", table, buttons);
        return card;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }

    private static <T> TableColumn<T, String> col(String title, double width, java.util.function.Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        // a header is never cut ("Host na…" at 1280x800): when the columns' headers do not fit, the table scrolls
        javafx.scene.text.Text probe = new javafx.scene.text.Text(title);
        probe.setStyle("-fx-font-weight: bold");
        c.setMinWidth(Math.ceil(probe.getLayoutBounds().getWidth()) + 20);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        c0.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "UEFI arm64 boot" was cut at 1280x800
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(c0, c1);
        return g;
    }

    private static void addRow(GridPane g, int row, String label, Node field) {
        g.add(label(label), 0, row);
        g.add(field, 1, row);
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("form-label");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a form's labels are never cut
        return l;
    }

    /** Decorates the field (an icon with the message) while {@code problem} finds one in its text. */
    private void check(TextField f, java.util.function.Function<String, String> problem) {
        validation.registerValidator(f, false, (javafx.scene.control.Control c, String v) -> {
            String p = problem.apply(v);
            return ValidationResult.fromErrorIf(c, p == null ? "" : p, p != null);
        });
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        return t;
    }
}
