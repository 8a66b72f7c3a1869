package dev.bootbench.ui;

import dev.bootbench.engine.ServiceEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small building blocks shared by the views: cards, icons, formatted numbers. */
public final class Widgets {
    private Widgets() {}

    // the views' icons: glyphs of the Feather icon font (Ikonli), coloured and sized by the style sheet
    public static final Ikon ICON_SERVERS = Feather.SERVER;
    public static final Ikon ICON_CLIENTS = Feather.MONITOR;
    public static final Ikon ICON_MENUS = Feather.LIST;
    public static final Ikon ICON_FILES = Feather.FOLDER;
    public static final Ikon ICON_LOG = Feather.FILE_TEXT;
    public static final Ikon ICON_THEME = Feather.MOON;

    public static Node icon(Ikon ikon, String styleClass) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().addAll("icon", styleClass);
        return i;
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
