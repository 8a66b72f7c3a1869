package dev.bootbench.ui;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.ui.clients.TransferUpdate;

/** How the UI reads engine events: which ones coalesce in the pump, and how transfers map onto the clients view. */
public final class EngineEvents {
    private EngineEvents() {}

    /** Progress reports of one transfer replace each other while they wait for the FX thread. */
    public static Object coalesceKey(EngineEvent e) {
        return null;
    }

    /** The clients view's reading of a transfer event, or null for other events. */
    public static TransferUpdate transferUpdate(EngineEvent e) {
        return null;
    }
}
