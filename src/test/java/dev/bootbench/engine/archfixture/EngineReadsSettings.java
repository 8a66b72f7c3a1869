package dev.bootbench.engine.archfixture;

import dev.bootbench.workspace.Settings;

/** Breaks ENGINE_SEES_NO_WORKSPACE_DTO: the engine reading the workspace's mutable settings. */
public class EngineReadsSettings {
    public int leaseSeconds(Settings s) {
        return s.leaseSeconds;
    }
}
