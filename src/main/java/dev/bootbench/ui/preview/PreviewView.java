package dev.bootbench.ui.preview;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/** The client's screen: a profile picker, an 80×25 console driven with the keyboard, and what the choice boots. */
public final class PreviewView {
    private final PreviewViewModel vm;
    private final VBox node = new VBox(6);
    private final Canvas canvas = new Canvas();
    private final Pane screenBox = new Pane(canvas);
    private final Timeline countdown = new Timeline(new KeyFrame(Duration.seconds(1), e -> tickCountdown()));

    public PreviewView(PreviewViewModel vm) {
        this.vm = vm;
        node.setId("preview");
        node.getStyleClass().add("preview");
        node.setPadding(new Insets(6));

        ToggleGroup modes = new ToggleGroup();
        HBox modeBox = new HBox();
        modeBox.getStyleClass().add("segmented");
        for (PreviewViewModel.Mode m : PreviewViewModel.Mode.values()) {
            ToggleButton b = new ToggleButton(m.toString());
            b.setId("preview-mode-" + m.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(modes);
            b.setUserData(m);
            b.setSelected(vm.modeProperty().get() == m);
            modeBox.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true);
            else vm.modeProperty().set((PreviewViewModel.Mode) b.getUserData());
        });
        ComboBox<PreviewViewModel.Firmware> fw = new ComboBox<>();
        fw.setId("preview-firmware");
        fw.getItems().setAll(PreviewViewModel.Firmware.values());
        fw.valueProperty().bindBidirectional(vm.firmwareProperty());
        TextField mac = new TextField();
        mac.setId("preview-mac");
        mac.setPrefColumnCount(13);
        mac.setPromptText("MAC");
        mac.setText(vm.macProperty().get());
        mac.setOnAction(e -> vm.macProperty().set(mac.getText()));
        mac.focusedProperty().addListener((o, a, f) -> { if (!f) vm.macProperty().set(mac.getText()); });
        mac.setTooltip(new Tooltip("The client's MAC: ${mac} in scripts, pxelinux.cfg/01-MAC"));
        TextField ip = new TextField();
        ip.setId("preview-ip");
        ip.setPrefColumnCount(10);
        ip.setPromptText("IP");
        ip.setText(vm.ipProperty().get());
        ip.setOnAction(e -> vm.ipProperty().set(ip.getText()));
        ip.focusedProperty().addListener((o, a, f) -> { if (!f) vm.ipProperty().set(ip.getText()); });
        vm.ipProperty().addListener((o, a, b) -> { if (!ip.isFocused()) ip.setText(b); });
        ip.setTooltip(new Tooltip("The client's address: ${ip}; a pool address of the bench by default"));
        Button restart = new Button("Restart");
        restart.setId("preview-restart");
        restart.setTooltip(new Tooltip("Boot the simulated client again from the first menu"));
        restart.setOnAction(e -> {
            vm.restart();
            screenBox.requestFocus();
        });
        Label title = new Label("Preview");
        title.getStyleClass().add("card-title");
        // a narrow preview wraps its bar rather than cutting labels to "Prev…", "i…", "Res…"
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 4, title, modeBox, fw, mac, ip, restart);
        bar.setId("preview-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.Node n : java.util.List.of(title, restart, fw)) ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (javafx.scene.Node n : modeBox.getChildren()) ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        mac.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        screenBox.setId("preview-console");
        screenBox.getStyleClass().add("preview-console");
        screenBox.setFocusTraversable(true);
        screenBox.setMinSize(240, 100);
        screenBox.setPrefSize(560, 300);
        canvas.widthProperty().bind(screenBox.widthProperty());
        canvas.heightProperty().bind(screenBox.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        screenBox.setOnMouseClicked(e -> screenBox.requestFocus());
        screenBox.setOnKeyPressed(e -> {
            KeyCode k = e.getCode();
            switch (k) {
                case UP -> vm.up();
                case DOWN -> vm.down();
                case ENTER -> vm.enter();
                case ESCAPE -> vm.escape();
                default -> { return; }
            }
            e.consume();
        });
        VBox.setVgrow(screenBox, Priority.ALWAYS);

        Label action = new Label();
        action.setId("preview-action");
        action.getStyleClass().addAll("mono", "preview-action");
        action.textProperty().bind(vm.actionProperty());
        action.setWrapText(true);
        action.setMinHeight(Label.USE_PREF_SIZE);
        vm.missing().addListener((javafx.collections.ListChangeListener<String>) c -> {
            action.getStyleClass().remove("error-text");
            if (!vm.missing().isEmpty()) action.getStyleClass().add("error-text");
        });
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());

        node.getChildren().addAll(bar, screenBox, status, action);
        vm.consoleProperty().addListener(o -> draw());
        countdown.setCycleCount(Timeline.INDEFINITE);
        vm.countingProperty().addListener((o, a, on) -> {
            if (on) countdown.playFromStart();
            else countdown.stop();
        });
        if (vm.countingProperty().get()) countdown.play();
        draw();
    }

    private void tickCountdown() {
        // the countdown runs only while someone can see it
        if (node.getScene() == null || !node.isVisible() || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) return;
        vm.tick();
    }

    public Node node() {
        return node;
    }

    public Node console() {
        return screenBox;
    }

    private void draw() {
        ConsoleBuffer b = vm.consoleProperty().get();
        double w = canvas.getWidth(), h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#101010"));
        g.fillRect(0, 0, w, h);
        if (b == null || w < 10 || h < 10) return;
        double cw = Math.floor(w / b.cols() * 10) / 10, ch = Math.floor(h / b.rows() * 10) / 10;
        // a terminal cell is about 1:2; keep that shape
        cw = Math.min(cw, ch * 0.6);
        ch = Math.min(ch, cw / 0.5);
        double fontSize = Math.max(4, Math.min(ch * 0.85, cw / 0.6));
        Font font = Font.font("DejaVu Sans Mono", FontWeight.NORMAL, fontSize);
        Font boldFont = Font.font("DejaVu Sans Mono", FontWeight.BOLD, fontSize);
        double ox = Math.floor((w - cw * b.cols()) / 2), oy = Math.floor((h - ch * b.rows()) / 2);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < b.rows(); r++) {
            for (int c = 0; c < b.cols(); c++) {
                g.setFill(rgb(b.bg(r, c)));
                g.fillRect(ox + c * cw, oy + r * ch, cw + 0.5, ch + 0.5);
            }
            for (int c = 0; c < b.cols(); c++) {
                char x = b.charAt(r, c);
                if (x == ' ') continue;
                g.setFill(rgb(b.fg(r, c)));
                g.setFont(b.bold(r, c) ? boldFont : font);
                if (x == '═' || x == '─') {
                    double y = oy + r * ch + ch / 2;
                    g.fillRect(ox + c * cw, y - (x == '═' ? 1.5 : 0.5), cw + 0.5, 1);
                    if (x == '═') g.fillRect(ox + c * cw, y + 1, cw + 0.5, 1);
                    continue;
                }
                g.fillText(String.valueOf(x), ox + c * cw, oy + r * ch + ch / 2);
            }
        }
    }

    private static Color rgb(int v) {
        return Color.rgb((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }

    static double textWidth(Font f) {
        Text t = new Text("M");
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }
}
