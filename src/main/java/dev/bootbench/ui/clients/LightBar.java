package dev.bootbench.ui.clients;

import javafx.css.PseudoClass;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.layout.Region;

/**
 * A progress bar for table rows: a track and a fill, two regions and no skin, control or animation.
 *
 * <p>The clients table shows one bar per visible row, and two hundred clients can appear in the
 * same second. A {@link javafx.scene.control.ProgressBar} is a control with a skin of several
 * nodes, styled through modena's gradients, and it starts an animation timeline (loading its
 * classes the first time) whenever an indeterminate bar becomes visible; that was a good part of
 * the pulse in which the first rows appeared. This bar does only what the row needs: a fill as wide
 * as the progress, and, when the size is unknown, a full-width faded fill ({@code :indeterminate})
 * that does not move. A new progress asks for the bar's own layout (in the table it is unmanaged, so
 * the request stops at it) instead of resizing the fill at once: resized outside the layout pass, the
 * fills made the renderer repaint much more of the table (src/bench/README.md).
 */
final class LightBar extends Region {
    private static final PseudoClass INDETERMINATE = PseudoClass.getPseudoClass("indeterminate");
    private final Region fill = new Region();
    private double progress;

    LightBar() {
        getStyleClass().add("light-bar");
        fill.getStyleClass().add("fill");
        fill.setManaged(false);
        getChildren().add(fill);
        setAccessibleRole(AccessibleRole.PROGRESS_INDICATOR);
        setMinHeight(8);
        setPrefHeight(14);
        setMaxHeight(14);
        setMaxWidth(Double.MAX_VALUE);
    }

    /** 0..1; a negative value means the size is unknown (indeterminate), as for {@link javafx.scene.control.ProgressBar}. */
    double getProgress() {
        return progress;
    }

    void setProgress(double p) {
        double v = Double.isNaN(p) || p < 0 ? -1 : Math.min(1, p);
        if (v == progress) return;
        boolean wasIndeterminate = progress < 0;
        progress = v;
        if (wasIndeterminate != v < 0) pseudoClassStateChanged(INDETERMINATE, v < 0);
        requestLayout();
        notifyAccessibleAttributeChanged(AccessibleAttribute.VALUE);
    }

    @Override
    protected void layoutChildren() {
        double share = progress < 0 ? 1 : progress;
        fill.resizeRelocate(0, 0, snapSizeX(getWidth() * share), getHeight());
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        return switch (attribute) {
            case VALUE -> progress;
            case MAX_VALUE -> 1.0;
            case MIN_VALUE -> 0.0;
            case INDETERMINATE -> progress < 0;
            default -> super.queryAccessibleAttribute(attribute, parameters);
        };
    }
}
