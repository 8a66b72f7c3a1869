package dev.bootbench.ui.clients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The rows a table shows: those of a source list, in its order, except that while the table is
 * filling the rows it can show at once it takes at most {@link #PER_PULSE} new one(s) per pulse.
 *
 * <p>A row the table shows for the first time gets its labels and bars made, styled and laid out
 * (see {@link LiveCell}): a few milliseconds each, several times that while the code still runs
 * interpreted. When two hundred clients appear together, a table that took them all in one pulse
 * filled every visible row in that pulse, over a hundred milliseconds. Fed one per pulse it fills
 * its viewport over about a quarter of a second instead (one row per pulse kept the FX thread's
 * longest pulse shorter than three per pulse did in the 200-client replay: src/bench/README.md).
 * Once it shows as many rows as fit, the rest come at once (they reuse the cells); removed rows go
 * at once.
 */
final class RowFeed<T> {
    /** New rows per pulse while the table is filling its viewport. */
    static final int PER_PULSE = 1;

    private final ObservableList<T> source;
    private final ObservableList<T> shown = FXCollections.observableArrayList();
    private final IntSupplier capacity;
    private final Runnable wantPulse;
    private boolean pending;

    /**
     * @param capacity  how many rows the table shows at once now (0 when it is not on screen: then it takes all)
     * @param wantPulse asks for {@link #step()} to run on the next pulse
     */
    RowFeed(ObservableList<T> source, IntSupplier capacity, Runnable wantPulse) {
        this.source = source;
        this.capacity = capacity;
        this.wantPulse = wantPulse;
        source.addListener((ListChangeListener<T>) c -> step());
        step();
    }

    /** The rows to give the table. */
    ObservableList<T> shown() {
        return shown;
    }

    /** True while rows of the source wait to be shown. */
    boolean pending() {
        return pending;
    }

    /** Follows the source: removes what it no longer has, adds what is new (a few while filling). FX thread. */
    void step() {
        Set<T> inSource = Collections.newSetFromMap(new IdentityHashMap<>());
        inSource.addAll(source);
        Set<T> inShown = Collections.newSetFromMap(new IdentityHashMap<>());
        List<T> gone = new ArrayList<>();
        for (T t : shown) {
            if (inSource.contains(t)) inShown.add(t);
            else gone.add(t);
        }
        if (!gone.isEmpty()) shown.removeAll(gone);
        List<T> fresh = new ArrayList<>();
        for (T t : source) if (!inShown.contains(t)) fresh.add(t);
        int cap = capacity.getAsInt();
        int allowed = cap <= 0 || shown.size() >= cap ? fresh.size() : PER_PULSE;
        if (!fresh.isEmpty()) {
            List<T> now = fresh.subList(0, Math.min(allowed, fresh.size()));
            if (shown.isEmpty() && now.size() == source.size()) shown.setAll(now);
            else if (isPrefix(source, shown)) shown.addAll(now); // the usual case: new rows come after the others
            else rebuild(inSource, now);
        }
        pending = allowed < fresh.size();
        if (pending) wantPulse.run();
    }

    private static <T> boolean isPrefix(List<T> source, List<T> shown) {
        if (shown.size() > source.size()) return false;
        for (int i = 0; i < shown.size(); i++) if (source.get(i) != shown.get(i)) return false;
        return true;
    }

    /** Rows were added in the middle of the source: show the ones shown so far plus {@code now}, in the source's order. */
    private void rebuild(Set<T> inSource, List<T> now) {
        Set<T> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(shown);
        keep.addAll(now);
        List<T> next = new ArrayList<>(keep.size());
        for (T t : source) if (keep.contains(t) && inSource.contains(t)) next.add(t);
        shown.setAll(next);
    }
}
