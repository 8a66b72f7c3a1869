package dev.bootbench.ui.clients;

import dev.bootbench.clients.Stage;
import java.util.Comparator;

/**
 * What a client row's stage column shows: the stage, and how many times in a row the client's boot
 * failed (a client trying again after a failure shows its stage with the count).
 */
record StageState(Stage stage, int failures) {
    static final StageState START = new StageState(Stage.DHCP, 0);
    static final Comparator<StageState> ORDER = Comparator.comparing(StageState::stage).thenComparingInt(StageState::failures);

    /** The words in the cell: {@code ✖  failed ×3}, {@code ⚙  kernel · retry 2}. */
    String text() {
        String base = StageLook.symbol(stage) + "  " + StageLook.label(stage);
        if (stage == Stage.FAILED) return failures > 1 ? base + " ×" + failures : base;
        if (failures > 0 && !stage.finished()) return base + " · retry " + failures;
        return base;
    }
}
