package dev.bootbench.ui.archfixture;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.paint.Color;

/** Breaks VIEW_MODELS_EXPOSE_NO_SCENE: a nested type of a view model, a property of a scene type. */
public class ColourViewModel {
    public static class Row {
        public ObjectProperty<Color> colourProperty() {
            return new SimpleObjectProperty<>();
        }
    }
}
