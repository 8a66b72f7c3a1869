package dev.bootbench.ui.log;

import dev.bootbench.engine.log.LogTap;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The log view's lines: drained from the {@link LogTap} in batches (on each pump tick), kept up to
 * {@link #MAX_LINES}, filtered by lowest level, service and a MAC or text.
 */
public final class LogViewModel {
    public static final int MAX_LINES = 5000;
    public static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
    public static final List<String> SERVICES = List.of("all", "dhcp", "proxydhcp", "tftp", "http", "clients", "ra", "menu", "serve", "app");

    private final LogTap tap;
    private final ObservableList<LogTap.Entry> lines = FXCollections.observableArrayList();
    private final FilteredList<LogTap.Entry> visible = new FilteredList<>(lines, e -> true);
    private final StringProperty level = new SimpleStringProperty("INFO");
    private final StringProperty service = new SimpleStringProperty("all");
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private long lastSeq;

    public LogViewModel(LogTap tap) {
        this.tap = tap;
        level.addListener(o -> refilter());
        service.addListener(o -> refilter());
        text.addListener(o -> refilter());
        refilter();
    }

    /** Takes the lines logged since the last call (FX thread). Returns how many arrived. */
    public int drain() {
        List<LogTap.Entry> fresh = tap.since(lastSeq);
        if (fresh.isEmpty()) return 0;
        lastSeq = fresh.get(fresh.size() - 1).seq();
        int overflow = lines.size() + fresh.size() - MAX_LINES;
        if (overflow > 0) {
            if (overflow >= lines.size()) {
                lines.setAll(fresh.subList(Math.max(0, fresh.size() - MAX_LINES), fresh.size()));
                return fresh.size();
            }
            lines.remove(0, overflow);
        }
        lines.addAll(fresh);
        return fresh.size();
    }

    private void refilter() {
        int min = Math.max(0, LEVELS.indexOf(level.get()));
        String svc = service.get() == null ? "all" : service.get();
        String q = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        String macQuery = q.replace('-', ':');
        visible.setPredicate(e -> {
            if (LEVELS.indexOf(e.level()) < min) return false;
            if (!svc.equals("all") && !svc.equals(e.service())) return false;
            if (q.isEmpty()) return true;
            if (e.mac() != null && e.mac().contains(macQuery)) return true;
            return e.message() != null && e.message().toLowerCase(Locale.ROOT).contains(q);
        });
    }

    public ObservableList<LogTap.Entry> visible() { return visible; }
    public ObservableList<LogTap.Entry> lines() { return lines; }
    public StringProperty levelProperty() { return level; }
    public StringProperty serviceProperty() { return service; }
    public StringProperty textProperty() { return text; }
    public BooleanProperty followProperty() { return follow; }
}
