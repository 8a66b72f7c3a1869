package dev.bootbench.engine.archfixture;

import dev.bootbench.publish.MenuPublisher;

/** Breaks ENGINE_BELOW_THE_APP: the engine reaching up into publishing. */
public class EnginePublishes {
    public Object publisher(MenuPublisher p) {
        return p;
    }
}
