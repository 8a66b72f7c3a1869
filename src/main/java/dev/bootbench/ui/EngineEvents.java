package dev.bootbench.ui;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.TransferProgress;

/** How the UI reads engine events: which ones coalesce in the pump. */
public final class EngineEvents {
    private EngineEvents() {}

    /** Progress reports of one transfer replace each other while they wait for the FX thread. */
    public static Object coalesceKey(EngineEvent e) {
        return e instanceof TransferProgress p ? p.transfer().id() : null;
    }
}
