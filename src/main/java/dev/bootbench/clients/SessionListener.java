package dev.bootbench.clients;

/**
 * Told about session changes, synchronously on the thread of the event that changed it (a server
 * thread): be quick, hand work off (the UI: {@code Platform.runLater}).
 */
public interface SessionListener {
    /** Any change: a new session, a stage, a transfer's progress, a timeline entry. */
    void sessionChanged(BootSession session);

    /** A stage was reached (called before {@link #sessionChanged} for the same change). */
    default void stageReached(BootSession session, BootSession.StageReached stage) {}

    /**
     * False for a listener that only cares about stages: it then gets {@link #stageReached} but no
     * {@link #sessionChanged}, and a change that reaches no stage costs no snapshot.
     */
    default boolean followsEveryChange() {
        return true;
    }
}
