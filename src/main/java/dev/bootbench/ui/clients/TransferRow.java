package dev.bootbench.ui.clients;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One transfer of a client, with its rate samples for the sparkline. */
public final class TransferRow {
    public static final int SAMPLES = 120;

    final long id;
    final String protocol;
    final String file;
    long size;
    private final LongProperty done = new SimpleLongProperty();
    private final DoubleProperty rate = new SimpleDoubleProperty();
    private final StringProperty outcome = new SimpleStringProperty("");
    /** Bumped whenever a sample is added, so the sparkline redraws. */
    private final IntegerProperty version = new SimpleIntegerProperty();
    private final double[] samples = new double[SAMPLES];
    private int sampleCount;
    long lastSampledBytes;
    boolean finished;

    TransferRow(long id, String protocol, String file, long size) {
        this.id = id;
        this.protocol = protocol;
        this.file = file;
        this.size = size;
    }

    void sample(double bytesPerSecond) {
        if (sampleCount == SAMPLES) {
            System.arraycopy(samples, 1, samples, 0, SAMPLES - 1);
            sampleCount--;
        }
        samples[sampleCount++] = bytesPerSecond;
        rate.set(bytesPerSecond);
        version.set(version.get() + 1);
    }

    /** The rate samples, oldest first. */
    public double[] samples() {
        return java.util.Arrays.copyOf(samples, sampleCount);
    }

    public long id() { return id; }
    public String protocol() { return protocol; }
    public String file() { return file; }
    public long size() { return size; }
    public boolean finished() { return finished; }
    public LongProperty doneProperty() { return done; }
    public DoubleProperty rateProperty() { return rate; }
    public StringProperty outcomeProperty() { return outcome; }
    public IntegerProperty versionProperty() { return version; }

    /** 0..1, or -1 when the size is unknown. */
    public double progress() {
        if (size <= 0) return finished ? ("OK".equals(outcome.get()) ? 1 : 0) : -1;
        return Math.min(1, done.get() / (double) size);
    }
}
