package dev.bootbench.ui.archfixture;

import javafx.scene.Node;

/** Breaks VIEW_MODELS_EXPOSE_NO_SCENE: a view model handing out a node. */
public class NodeViewModel {
    public Node node() {
        return null;
    }
}
