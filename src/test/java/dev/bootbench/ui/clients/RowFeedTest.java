package dev.bootbench.ui.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The clients table's rows: a few new ones per pulse while it fills what it shows, then the rest at once, in order. */
class RowFeedTest {
    private final ObservableList<String> source = FXCollections.observableArrayList();
    private int capacity = 10;
    private int pulsesAsked;
    private final RowFeed<String> feed = new RowFeed<>(source, () -> capacity, () -> pulsesAsked++);

    private static List<String> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r" + i).toList();
    }

    @Test
    void aCrowdArrivingFillsTheVisibleRowsAFewPerPulseThenTheRestAtOnce() {
        source.addAll(rows(0, 25));
        List<Integer> sizes = new ArrayList<>(List.of(feed.shown().size()));
        while (feed.pending()) {
            feed.step(); // the next pulse
            sizes.add(feed.shown().size());
        }
        int p = RowFeed.PER_PULSE;
        List<Integer> expected = new ArrayList<>();
        for (int n = p; n < capacity; n += p) expected.add(n);
        expected.add((capacity + p - 1) / p * p);
        expected.add(25);
        assertEquals(expected, sizes);
        assertEquals(sizes.size() - 1, pulsesAsked, "asked for a pulse while rows waited, not after");
        assertEquals(source, feed.shown(), "every row, in the source's order");
    }

    @Test
    void aTableNotOnScreenTakesEverythingAtOnce() {
        capacity = 0;
        source.addAll(rows(0, 200));
        assertEquals(source, feed.shown());
        assertFalse(feed.pending());
        assertEquals(0, pulsesAsked);
    }

    @Test
    void removedRowsGoAtOnceAlsoWhileOthersWait() {
        source.addAll(rows(0, 8));
        assertTrue(feed.pending());
        source.removeAll("r0", "r7"); // one shown, one still waiting
        assertFalse(feed.shown().contains("r0"));
        while (feed.pending()) feed.step();
        assertEquals(rows(1, 7), feed.shown());
    }

    @Test
    void aRowAddedBeforeTheShownOnesKeepsTheSourcesOrder() {
        capacity = 0;
        source.addAll(rows(0, 3));
        capacity = 10;
        source.add(1, "new");
        assertEquals(List.of("r0", "new", "r1", "r2"), feed.shown());
    }

    @Test
    void oncePastTheVisibleRowsNewOnesComeAtOnce() {
        capacity = 0;
        source.addAll(rows(0, 12));
        capacity = 10;
        source.addAll(rows(12, 40));
        assertEquals(source, feed.shown());
        assertFalse(feed.pending());
    }
}
