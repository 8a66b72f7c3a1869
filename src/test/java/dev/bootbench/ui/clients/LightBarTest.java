package dev.bootbench.ui.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.css.PseudoClass;
import javafx.scene.AccessibleAttribute;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

/** The table's progress bar: the fill follows the progress, unknown sizes show as indeterminate. */
class LightBarTest {
    private static final PseudoClass INDETERMINATE = PseudoClass.getPseudoClass("indeterminate");

    private static Region fill(LightBar b) {
        return (Region) b.getChildrenUnmodifiable().get(0);
    }

    private static LightBar laidOut(double width) {
        LightBar b = new LightBar();
        b.resize(width, 14);
        b.layout();
        return b;
    }

    @Test
    void theFillIsAsWideAsTheProgressAfterLayout() {
        LightBar b = laidOut(200);
        b.setProgress(0.25);
        b.layout();
        assertEquals(50, fill(b).getWidth(), 1);
        b.setProgress(1.0);
        b.layout();
        assertEquals(200, fill(b).getWidth(), 1);
        assertEquals(1.0, b.queryAccessibleAttribute(AccessibleAttribute.VALUE));
    }

    @Test
    void progressAboveOneIsClampedAndUnknownIsIndeterminate() {
        LightBar b = laidOut(100);
        b.setProgress(3);
        assertEquals(1.0, b.getProgress());
        b.setProgress(-1);
        b.layout();
        assertTrue(b.getPseudoClassStates().contains(INDETERMINATE));
        assertEquals(100, fill(b).getWidth(), 1, "an unknown size shows as a full, faded fill");
        assertEquals(true, b.queryAccessibleAttribute(AccessibleAttribute.INDETERMINATE));
        b.setProgress(Double.NaN);
        assertEquals(-1, b.getProgress());
        b.setProgress(0.5);
        b.layout();
        assertFalse(b.getPseudoClassStates().contains(INDETERMINATE));
        assertEquals(50, fill(b).getWidth(), 1);
    }
}
