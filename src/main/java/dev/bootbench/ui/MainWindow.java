package dev.bootbench.ui;

import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.ui.clients.ClientsView;
import dev.bootbench.ui.clients.ClientsViewModel;
import dev.bootbench.ui.files.FilesView;
import dev.bootbench.ui.files.FilesViewModel;
import dev.bootbench.ui.log.LogView;
import dev.bootbench.ui.log.LogViewModel;
import dev.bootbench.ui.servers.ServersView;
import dev.bootbench.ui.servers.ServersViewModel;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The main window: navigation, the five views, the status bar, themes, shortcuts, remembered size and layout. */
public final class MainWindow {
    public static final String[] VIEWS = {"servers", "clients", "menus", "files", "log"};

    private final AppContext ctx;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup nav = new ToggleGroup();
    private final Map<String, Node> views = new LinkedHashMap<>();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final ServersViewModel servers;
    private final ClientsViewModel clients;
    private final FilesViewModel files;
    private final dev.bootbench.ui.editor.MenuEditorViewModel menus;
    private final LogViewModel logVm;
    private final ServersView serversView;
    private final ClientsView clientsView;
    private final LogView logView;
    private final Scene scene;
    private final Toasts toasts = new Toasts();
    private String current;

    public MainWindow(AppContext ctx, Stage stage) {
        this.ctx = ctx;
        this.stage = stage;
        CompilerThreads.lower();
        servers = new ServersViewModel(ctx);
        clients = new ClientsViewModel(ctx, System::currentTimeMillis);
        clients.attachSessions(ctx.sessions());
        files = new FilesViewModel(ctx);
        logVm = new LogViewModel(ctx.logTap());
        serversView = new ServersView(servers);
        clientsView = new ClientsView(clients);
        logView = new LogView(logVm, ctx.logFile() == null ? null : ctx.logFile().toString());
        ctx.pump().addTicker("log", logView::tick);
        if (!Boolean.getBoolean("bootbench.noNotifications")) clients.setNotifier(this::notify);

        views.put("servers", serversView.node());
        views.put("clients", clientsView.node());
        menus = new dev.bootbench.ui.editor.MenuEditorViewModel(ctx);
        views.put("menus", new dev.bootbench.ui.editor.MenuEditorView(menus).node());
        views.put("files", new FilesView(files).node());
        views.put("log", logView.node());

        root.setId("main");
        root.setLeft(sidebar());
        root.setCenter(content);
        root.setBottom(statusBar());
        content.getStyleClass().add("content");

        UiState ui = ctx.uiState();
        StackPane top = new StackPane(root, toasts.layer()); // notifications above the views
        StackPane.setAlignment(toasts.layer(), Pos.BOTTOM_RIGHT);
        scene = new Scene(top, ui.width, ui.height);
        scene.getStylesheets().add(css("bootbench.css"));
        applyTheme(ui.theme);
        shortcuts();

        serversView.node().setDividerPositions(ui.serversDivider);
        clientsView.split().setDividerPositions(ui.clientsDivider);
        show(java.util.Arrays.asList(VIEWS).contains(ui.view) ? ui.view : "servers");

        stage.setTitle("Bootbench — " + ctx.workspace().dir());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (!Double.isNaN(ui.x) && !Double.isNaN(ui.y) && onScreen(ui.x, ui.y)) {
            stage.setX(ui.x);
            stage.setY(ui.y);
        }
        stage.setMaximized(ui.maximized);
        stage.setOnHidden(e -> rememberLayout());
        if (ctx.settingsProblem() != null) servers.messageProperty().set("settings.json could not be used: " + ctx.settingsProblem() + " (changes are not saved)");
        servers.refreshInterfaces();
        files.refresh();
        ctx.pump().start();
    }

    private static boolean onScreen(double x, double y) {
        for (Screen s : Screen.getScreens()) {
            Rectangle2D b = s.getVisualBounds();
            if (b.contains(x + 40, y + 20)) return true;
        }
        return false;
    }

    static String css(String name) {
        return MainWindow.class.getResource(name).toExternalForm();
    }

    private Node sidebar() {
        Label brand = new Label("Bootbench");
        brand.getStyleClass().add("brand");
        VBox box = new VBox(4, brand);
        box.getStyleClass().add("sidebar");
        Object[][] items = {
            {"servers", "Servers", Widgets.ICON_SERVERS},
            {"clients", "Clients", Widgets.ICON_CLIENTS},
            {"menus", "Menus", Widgets.ICON_MENUS},
            {"files", "Files", Widgets.ICON_FILES},
            {"log", "Log", Widgets.ICON_LOG},
        };
        int i = 1;
        for (Object[] row : items) {
            String[] it = {(String) row[0], (String) row[1]};
            ToggleButton b = new ToggleButton(it[1], Widgets.icon((org.kordamp.ikonli.Ikon) row[2], "nav-icon"));
            b.setId("nav-" + it[0]);
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(nav);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setTooltip(new Tooltip(it[1] + "  (Ctrl+" + i++ + ")"));
            b.setOnAction(e -> show(it[0]));
            b.setFocusTraversable(false); // Tab stays in the view; Ctrl+1..5 and the mouse switch views
            navButtons.put(it[0], b);
            box.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button("Dark / light", Widgets.icon(Widgets.ICON_THEME, "nav-icon"));
        theme.setId("theme-toggle");
        theme.getStyleClass().add("nav-button");
        theme.setMaxWidth(Double.MAX_VALUE);
        theme.setAlignment(Pos.CENTER_LEFT);
        theme.setTooltip(new Tooltip("Switch the theme (Ctrl+Shift+T)"));
        theme.setOnAction(e -> toggleTheme());
        theme.setFocusTraversable(false);
        box.getChildren().addAll(spacer, theme);
        return box;
    }

    private Node statusBar() {
        Label services = new Label();
        services.setId("status-services");
        services.textProperty().bind(Bindings.createStringBinding(() -> "● " + servers.servicesUpProperty().get() + " of 3 services running",
                servers.servicesUpProperty()));
        servers.servicesUpProperty().addListener((o, a, b) -> Widgets.setStateClass(services, b.intValue() > 0 ? "state-ok" : "state-off"));
        Widgets.setStateClass(services, "state-off");
        Label booting = new Label();
        booting.setId("status-clients");
        booting.textProperty().bind(Bindings.createStringBinding(() -> clients.bootingProperty().get() + " booting  ·  " + clients.rows().size() + (clients.rows().size() == 1 ? " client" : " clients"),
                clients.bootingProperty(), clients.rows()));
        Label rate = new Label();
        rate.setId("status-throughput");
        rate.textProperty().bind(Bindings.createStringBinding(() -> "⇣ " + Widgets.rate(clients.totalRateProperty().get()), clients.totalRateProperty()));
        Label failed = new Label();
        failed.getStyleClass().add("state-bad");
        Runnable updateFailed = () -> {
            StringBuilder sb = new StringBuilder();
            for (dev.bootbench.engine.BootEngine.Service s : dev.bootbench.engine.BootEngine.Service.values()) {
                if (servers.status(s).getState() == ServiceEvent.State.FAILED) sb.append(sb.length() == 0 ? "✖ " : ", ").append(servers.status(s).label()).append(" failed");
            }
            failed.setText(sb.toString());
        };
        for (dev.bootbench.engine.BootEngine.Service s : dev.bootbench.engine.BootEngine.Service.values()) {
            servers.status(s).stateProperty().addListener((o, a, b) -> updateFailed.run());
        }
        Label ws = new Label(ctx.workspace().dir().toString());
        ws.getStyleClass().add("muted");
        // ControlsFX's status bar: the counts on the left, the workspace on the right, no text of its own between them
        org.controlsfx.control.StatusBar bar = new org.controlsfx.control.StatusBar();
        bar.setId("status-bar");
        bar.setText("");
        HBox counts = new HBox(18, services, failed, booting, rate);
        counts.setAlignment(Pos.CENTER_LEFT);
        bar.getLeftItems().add(counts);
        bar.getRightItems().add(ws);
        bar.setPadding(new Insets(5, 12, 5, 12));
        return bar;
    }

    private void shortcuts() {
        for (int i = 0; i < VIEWS.length; i++) {
            String v = VIEWS[i];
            KeyCode digit = KeyCode.valueOf("DIGIT" + (i + 1));
            scene.getAccelerators().put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> show(v));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), servers::startAll);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), servers::stopAll);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), () -> {
            show("log");
            logView.focusSearch();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::toggleTheme);
    }

    /** Shows one of {@link #VIEWS}. */
    public void show(String view) {
        Node n = views.get(view);
        if (n == null) return;
        current = view;
        content.getChildren().setAll(n);
        navButtons.get(view).setSelected(true);
        if (view.equals("files")) files.refresh();
    }

    public String currentView() {
        return current;
    }

    public void toggleTheme() {
        applyTheme(scene.getStylesheets().contains(css("dark.css")) ? "light" : "dark");
    }

    public void applyTheme(String theme) {
        scene.getStylesheets().remove(css("dark.css"));
        if ("dark".equals(theme)) scene.getStylesheets().add(css("dark.css"));
        ctx.uiState().theme = "dark".equals(theme) ? "dark" : "light";
    }

    /** A notification in the window's corner (clients booting or failed; a failure stays until clicked). */
    void notify(String title, String text, boolean failure) {
        if (!stage.isShowing()) return;
        toasts.show(title, text, failure);
    }

    /** The notifications shown now, oldest first ("title: text"). */
    public java.util.List<String> notifications() {
        return toasts.shown();
    }

    /** Stores the window's size, place, view, theme and dividers in ui.json. */
    public java.util.concurrent.CompletableFuture<Void> rememberLayout() {
        UiState ui = ctx.uiState();
        ui.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            ui.width = stage.getWidth() > 0 ? stage.getWidth() : scene.getWidth();
            ui.height = stage.getHeight() > 0 ? stage.getHeight() : scene.getHeight();
            ui.x = stage.getX();
            ui.y = stage.getY();
        }
        ui.view = current;
        if (serversView.node().getDividerPositions().length > 0) ui.serversDivider = serversView.node().getDividerPositions()[0];
        if (clientsView.split().getDividerPositions().length > 0) ui.clientsDivider = clientsView.split().getDividerPositions()[0];
        return ctx.saveUiState();
    }

    public Parent root() { return root; }
    public AppContext context() { return ctx; }
    public Scene scene() { return scene; }
    public ServersViewModel servers() { return servers; }
    public ClientsViewModel clients() { return clients; }
    public FilesViewModel files() { return files; }
    public dev.bootbench.ui.editor.MenuEditorViewModel menus() { return menus; }
    public LogViewModel log() { return logVm; }
    public Node view(String name) { return views.get(name); }
    public ClientsView clientsView() { return clientsView; }
}
