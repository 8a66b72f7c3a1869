package dev.bootbench.ui.archfixture;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/** Breaks VIEW_MODELS_EXPOSE_NO_SCENE: a scene type hidden in a collection's type argument. */
public class ChartViewModel {
    final ObservableList<XYChart.Data<Number, Number>> points = FXCollections.observableArrayList();
}
