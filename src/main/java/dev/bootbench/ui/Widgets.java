package dev.bootbench.ui;

import dev.bootbench.engine.ServiceEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/** Small building blocks shared by the views: cards, icons, formatted numbers. */
public final class Widgets {
    private Widgets() {}

    public static final String ICON_SERVERS = "M2 2h16v6H2z M2 11h16v6H2z M4 4h2v2H4z";
    public static final String ICON_CLIENTS = "M1 2h18v11H1z M3 4v7h14V4z M7 15h6v2H7z M5 17h10v1H5z";
    public static final String ICON_MENUS = "M2 3h16v2H2z M2 8h16v2H2z M2 13h10v2H2z";
    public static final String ICON_FILES = "M1 3h7l2 2h9v12H1z";
    public static final String ICON_LOG = "M3 1h10l4 4v14H3z M5 7h10v1H5z M5 10h10v1H5z M5 13h7v1H5z";
    public static final String ICON_THEME = "M10 1a9 9 0 1 0 0.01 0z M10 3v14a7 7 0 0 0 0-14z";

    public static Node icon(String path, String styleClass) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.getStyleClass().addAll("icon", styleClass);
        p.setFillRule(javafx.scene.shape.FillRule.EVEN_ODD);
        return p;
    }

    /** A titled panel with a body. */
    public static VBox card(String title, Node... body) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = new VBox(8);
        box.getStyleClass().add("card");
        box.setPadding(new Insets(12, 14, 14, 14));
        box.getChildren().add(t);
        box.getChildren().addAll(body);
        return box;
    }

    public static Region hgrow() {
        Region r = new Region();
        javafx.scene.layout.HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** CSS class for a service state: state-ok, state-busy, state-bad, state-off. */
    public static String stateClass(ServiceEvent.State s) {
        if (s == null) return "state-off";
        return switch (s) {
            case LISTENING -> "state-ok";
            case STARTING, RETRYING -> "state-busy";
            case FAILED -> "state-bad";
            case STOPPED -> "state-off";
        };
    }

    public static void setStateClass(Node n, String cls) {
        n.getStyleClass().removeAll("state-ok", "state-busy", "state-bad", "state-off");
        n.getStyleClass().add(cls);
    }

    /** 1.2 MB/s, 830 kB/s, 12 B/s. */
    public static String rate(double bytesPerSecond) {
        if (bytesPerSecond <= 0) return "–";
        return bytes(bytesPerSecond) + "/s";
    }

    public static String bytes(double b) {
        if (b < 0) return "?";
        if (b < 1000) return String.format("%.0f B", b);
        if (b < 1_000_000) return String.format("%.0f kB", b / 1000);
        if (b < 1_000_000_000) return String.format("%.1f MB", b / 1_000_000);
        return String.format("%.2f GB", b / 1_000_000_000);
    }

    /** 4.2 s, 1:05, 1:02:03. */
    public static String elapsed(long millis) {
        if (millis < 0) millis = 0;
        long s = millis / 1000;
        if (s < 60) return String.format("%.1f s", millis / 1000.0);
        if (s < 3600) return String.format("%d:%02d", s / 60, s % 60);
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
