package dev.bootbench.engine.archfixture;

import javafx.beans.property.SimpleStringProperty;

/** Breaks NO_JAVAFX_OUTSIDE_UI: JavaFX in the engine. */
public class EngineHoldsAProperty {
    public final SimpleStringProperty stage = new SimpleStringProperty();
}
