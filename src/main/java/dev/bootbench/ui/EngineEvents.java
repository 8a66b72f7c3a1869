package dev.bootbench.ui;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.TransferEvent;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.ui.clients.TransferUpdate;

/** How the UI reads engine events: which ones coalesce in the pump, and how transfers map onto the clients view. */
public final class EngineEvents {
    private EngineEvents() {}

    /** Progress reports of one transfer replace each other while they wait for the FX thread. */
    public static Object coalesceKey(EngineEvent e) {
        return e instanceof TransferProgress p ? p.transfer().id() : null;
    }

    /**
     * The clients view's reading of a transfer event, or null for other events. Used when the view
     * model folds raw events itself (without the engine's boot sessions).
     */
    public static TransferUpdate transferUpdate(EngineEvent e) {
        if (!(e instanceof TransferEvent t)) return null;
        var x = t.transfer();
        String ip = x.client() == null ? null : x.client().getAddress().getHostAddress();
        if (e instanceof TransferStarted s) {
            return new TransferUpdate(s.time(), x.id(), x.protocol().name(), x.mac(), ip, x.file(), x.size(), 0, TransferUpdate.Phase.STARTED, null, null);
        }
        if (e instanceof TransferProgress p) {
            return new TransferUpdate(p.time(), x.id(), x.protocol().name(), x.mac(), ip, x.file(), x.size(), p.bytesDone(), TransferUpdate.Phase.PROGRESS, null, null);
        }
        TransferFinished f = (TransferFinished) e;
        return new TransferUpdate(f.time(), x.id(), x.protocol().name(), x.mac(), ip, x.file(), x.size(), f.bytesDone(), TransferUpdate.Phase.FINISHED,
                f.outcome().name(), f.message());
    }
}
