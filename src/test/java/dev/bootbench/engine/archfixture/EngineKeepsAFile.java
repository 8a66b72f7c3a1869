package dev.bootbench.engine.archfixture;

import dev.bootbench.workspace.AtomicFiles;
import dev.bootbench.workspace.Workspace;
import java.io.IOException;

/** Within ENGINE_SEES_NO_WORKSPACE_DTO: the engine writing a file of its own into the workspace's folder. */
public class EngineKeepsAFile {
    public void keep(Workspace w, byte[] data) throws IOException {
        AtomicFiles.write(w.file("something.json"), data);
    }
}
