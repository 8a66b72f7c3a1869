package dev.bootbench.ui.archfixture;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/** Within VIEW_MODELS_EXPOSE_NO_SCENE: properties and collections out, a node only in private. */
public class PlainViewModel {
    private final StringProperty title = new SimpleStringProperty();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private Node kept;

    public StringProperty titleProperty() {
        return title;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    private Node kept() {
        return kept;
    }
}
