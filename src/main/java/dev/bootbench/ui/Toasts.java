package dev.bootbench.ui;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Notifications shown inside the main window, in its bottom right corner, newest last; each fades
 * out after a few seconds or when clicked, except a problem (a client failed), which stays until it
 * is clicked away: a technician who looked elsewhere for a minute must still learn of it. A notification is a few nodes in the window's scene, not
 * a popup window of its own (which cost the FX thread tens of milliseconds to open, the first one
 * about a hundred, while clients were booting).
 */
final class Toasts {
    static final Duration SHOWN = Duration.seconds(6);
    static final int MAX = 3;

    private final VBox layer = new VBox(8);
    private final Duration shown;

    Toasts() {
        this(SHOWN);
    }

    /** @param shown how long a notification that is no problem stays before it fades */
    Toasts(Duration shown) {
        this.shown = shown;
        layer.setId("toasts");
        layer.setAlignment(Pos.BOTTOM_RIGHT);
        layer.setPadding(new Insets(0, 16, 40, 0));
        layer.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        layer.setPickOnBounds(false); // clicks beside the notifications reach the window below
    }

    /** The layer to put above the window's content (aligned bottom right). */
    VBox layer() {
        return layer;
    }

    /**
     * Shows a notification; when more than {@link #MAX} are shown, the oldest that is no problem goes (the oldest
     * problem when all are).
     */
    void show(String title, String text, boolean problem) {
        Label t = new Label(title);
        t.getStyleClass().add("toast-title");
        Label x = new Label(text);
        x.getStyleClass().add("toast-text");
        x.setWrapText(true);
        VBox toast = new VBox(3, t, x);
        if (problem) {
            Label dismiss = new Label("Click to dismiss");
            dismiss.getStyleClass().add("toast-hint");
            toast.getChildren().add(dismiss);
        }
        toast.getStyleClass().add("toast");
        if (problem) toast.getStyleClass().add("toast-problem");
        toast.setMaxWidth(380);
        toast.setPrefWidth(380);
        toast.setOnMouseClicked(e -> layer.getChildren().remove(toast));
        layer.getChildren().add(toast);
        while (layer.getChildren().size() > MAX) {
            var old = layer.getChildren().stream().filter(n -> !n.getStyleClass().contains("toast-problem")).findFirst();
            layer.getChildren().remove(old.isPresent() ? old.get() : layer.getChildren().get(0));
        }
        if (problem) return; // stays until clicked
        FadeTransition fade = new FadeTransition(Duration.millis(400), toast);
        fade.setToValue(0);
        SequentialTransition life = new SequentialTransition(new PauseTransition(shown), fade);
        life.setOnFinished(e -> layer.getChildren().remove(toast));
        life.play();
    }

    /** The notifications shown now (title and text each), oldest first. */
    java.util.List<String> shown() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var n : layer.getChildren()) {
            VBox b = (VBox) n;
            out.add(((Label) b.getChildren().get(0)).getText() + ": " + ((Label) b.getChildren().get(1)).getText());
        }
        return out;
    }
}
