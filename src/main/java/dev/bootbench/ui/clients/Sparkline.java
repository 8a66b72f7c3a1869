package dev.bootbench.ui.clients;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** A small rate graph: one line scaled to its own maximum, drawn on a canvas. */
public final class Sparkline extends Canvas {
    private Color stroke = Color.web("#2f7de1");

    public Sparkline(double w, double h) {
        super(w, h);
        getStyleClass().add("sparkline");
    }

    public void setStroke(Color c) {
        stroke = c;
    }

    public void draw(double[] values) {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.clearRect(0, 0, w, h);
        if (values.length < 2) return;
        double max = 0;
        for (double v : values) max = Math.max(max, v);
        if (max <= 0) max = 1;
        int n = values.length;
        double step = w / (Math.max(n, 20) - 1);
        g.setFill(stroke.deriveColor(0, 1, 1, 0.18));
        g.beginPath();
        g.moveTo(0, h);
        for (int i = 0; i < n; i++) g.lineTo(i * step, h - 1 - (values[i] / max) * (h - 3));
        g.lineTo((n - 1) * step, h);
        g.closePath();
        g.fill();
        g.setStroke(stroke);
        g.setLineWidth(1.5);
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double x = i * step, y = h - 1 - (values[i] / max) * (h - 3);
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.stroke();
    }
}
