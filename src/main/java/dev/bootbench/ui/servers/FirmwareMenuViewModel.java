package dev.bootbench.ui.servers;

import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.engine.boot.FirmwareMenuPreview;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.publish.FirmwareMenuLint;
import dev.bootbench.workspace.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The PXE firmware menu being edited in the Servers view ({@link Settings#pxeMenu}): on or off, its items, prompt,
 * timeout and default; what a firmware of a chosen system would print of it ({@link FirmwareMenuPreview}) and the
 * findings of {@link FirmwareMenuLint}, both recomputed on every edit.
 */
public final class FirmwareMenuViewModel {
    /** The client systems offered in the editor (others read from settings.json are kept as they are). */
    public static final List<String> SYSTEMS = List.of("bios", "x64", "arm64", "ia32");

    /** What an item boots. */
    public enum Target {
        PROGRAM("Boot program of the root"),
        SERVER("Boot server elsewhere"),
        LOCAL("Local disk");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One item as edited: every field as typed. */
    public static final class Item {
        private final StringProperty system = new SimpleStringProperty("bios");
        private final StringProperty label = new SimpleStringProperty("");
        private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.PROGRAM);
        private final StringProperty bootFile = new SimpleStringProperty("");
        private final StringProperty server = new SimpleStringProperty("");
        /** The other server's boot server type, empty: one is given. */
        private final StringProperty type = new SimpleStringProperty("");

        public Item() {}

        public Item(String system, String label, Target target, String value) {
            this.system.set(system);
            this.label.set(label);
            this.target.set(target);
            if (target == Target.PROGRAM) bootFile.set(value);
            if (target == Target.SERVER) server.set(value);
        }

        public StringProperty systemProperty() { return system; }
        public StringProperty labelProperty() { return label; }
        public ObjectProperty<Target> targetProperty() { return target; }
        public StringProperty bootFileProperty() { return bootFile; }
        public StringProperty serverProperty() { return server; }
        public StringProperty typeProperty() { return type; }

        Observable[] observables() {
            return new Observable[] {system, label, target, bootFile, server, type};
        }

        /** Where it leads, in a few words, for the list of items. */
        public String targetText() {
            return switch (target.get()) {
                case PROGRAM -> bootFile.get().isBlank() ? "(no boot program)" : bootFile.get().trim();
                case SERVER -> "server " + (server.get().isBlank() ? "(no address)" : server.get().trim())
                        + (type.get().isBlank() ? "" : ", type " + type.get().trim());
                case LOCAL -> "local disk";
            };
        }
    }

    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final ObservableList<Item> items = FXCollections.observableArrayList(Item::observables);
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty timeout = new SimpleStringProperty(Integer.toString(FirmwareMenu.DEFAULT_TIMEOUT));
    /** The label of the default item; empty: the first item of each system. */
    private final StringProperty defaultItem = new SimpleStringProperty("");
    /** The labels of the items, in order, once each (the choices for the default). */
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    /** The system whose firmware the preview shows. */
    private final StringProperty previewSystem = new SimpleStringProperty("bios");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    /** The preview itself, or null when there is none (off, or errors: {@link #previewProperty()} says so). */
    private final ObjectProperty<FirmwareMenuPreview> previewLines = new SimpleObjectProperty<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableStringValue root;

    /** @param root the served folder as the Servers view has it (boot programs are looked for in it), or empty */
    public FirmwareMenuViewModel(ObservableStringValue root) {
        this.root = root;
        javafx.beans.InvalidationListener again = o -> recompute();
        for (Observable o : new Observable[] {enabled, items, prompt, timeout, defaultItem, previewSystem, root}) o.addListener(again);
        recompute();
    }

    /** Fills the fields from the settings' menu (null: off). */
    public void load(Settings.PxeMenu m) {
        List<Item> loaded = new ArrayList<>();
        if (m != null && m.items != null) {
            for (Settings.PxeItem i : m.items) {
                if (i == null) continue;
                Item it = new Item();
                it.system.set(i.system == null ? "bios" : systemKey(i.system));
                it.label.set(nz(i.label));
                if (Boolean.TRUE.equals(i.local)) it.target.set(Target.LOCAL);
                else if (i.server != null && !i.server.isBlank()) {
                    it.target.set(Target.SERVER);
                    it.server.set(i.server);
                    it.type.set(i.type == null ? "" : Integer.toString(i.type));
                } else {
                    it.target.set(Target.PROGRAM);
                    it.bootFile.set(nz(i.bootFile));
                }
                loaded.add(it);
            }
        }
        items.setAll(loaded);
        enabled.set(m != null && !loaded.isEmpty());
        prompt.set(m == null ? "" : nz(m.prompt));
        timeout.set(Integer.toString(m == null || m.timeout == null ? FirmwareMenu.DEFAULT_TIMEOUT : m.timeout));
        defaultItem.set(m == null ? "" : nz(m.defaultItem));
        if (!loaded.isEmpty()) previewSystem.set(loaded.get(0).system.get());
        recompute();
    }

    /** A system as the editor names it: bios, x64, arm64, ia32 (7 and 9 are x64), or as given when it names another. */
    static String systemKey(String s) {
        try {
            String name = FirmwareMenu.systemName(FirmwareMenu.parseSystem(s));
            return s.trim().equals("9") ? "x64" : name;
        } catch (IllegalArgumentException e) {
            return s.trim();
        }
    }

    /** What a system is called in the view. */
    public static String systemLabel(String key) {
        if (key == null) return "";
        return switch (key) {
            case "bios" -> "BIOS";
            case "x64" -> "UEFI x64";
            case "arm64" -> "UEFI arm64";
            case "ia32" -> "UEFI ia32";
            case "arm32" -> "UEFI arm32";
            default -> "system " + key;
        };
    }

    /** Adds an item after the selected one (or at the end); returns it. */
    public Item add(int after) {
        Item it = new Item();
        int at = after < 0 || after >= items.size() ? items.size() : after + 1;
        if (!items.isEmpty()) it.system.set(items.get(Math.min(at, items.size()) - 1).system.get());
        it.label.set(freeLabel());
        items.add(at, it);
        enabled.set(true);
        return it;
    }

    private String freeLabel() {
        for (int n = items.size() + 1; ; n++) {
            String l = "Item " + n;
            if (items.stream().noneMatch(i -> i.label.get().equals(l))) return l;
        }
    }

    public void remove(int index) {
        if (index < 0 || index >= items.size()) return;
        Item gone = items.remove(index);
        if (!gone.label.get().isBlank() && gone.label.get().equals(defaultItem.get())
                && items.stream().noneMatch(i -> i.label.get().equals(gone.label.get()))) defaultItem.set("");
    }

    /** Moves an item one place up (-1) or down (+1); returns its new index. */
    public int move(int index, int by) {
        int to = index + by;
        if (index < 0 || index >= items.size() || to < 0 || to >= items.size()) return index;
        Item it = items.remove(index);
        items.add(to, it);
        return to;
    }

    /** Renames the default along with the item it names. */
    public void renamed(String from, String to) {
        if (from != null && !from.isBlank() && from.equals(defaultItem.get())) defaultItem.set(to == null ? "" : to);
    }

    /** The menu as the fields have it, for settings.json: null when it is off. Unparsable numbers are left out (see {@link #problems}). */
    public Settings.PxeMenu toSettings() {
        if (!enabled.get()) return null;
        Settings.PxeMenu m = new Settings.PxeMenu();
        m.prompt = blankToNull(prompt.get());
        m.timeout = timeoutValue();
        m.defaultItem = blankToNull(defaultItem.get());
        for (Item i : items) {
            Settings.PxeItem p = new Settings.PxeItem();
            p.system = i.system.get();
            p.label = blankToNull(i.label.get());
            switch (i.target.get()) {
                case PROGRAM -> p.bootFile = blankToNull(i.bootFile.get());
                case SERVER -> {
                    p.server = blankToNull(i.server.get());
                    p.type = typeValue(i);
                }
                case LOCAL -> p.local = true;
            }
            m.items.add(p);
        }
        return m;
    }

    private Integer timeoutValue() {
        try {
            int t = Integer.parseInt(timeout.get().trim());
            return t >= 0 && t <= 255 ? t : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer typeValue(Item i) {
        String t = i.type.get().trim();
        if (t.isEmpty()) return null;
        try {
            int v = Integer.decode(t);
            return v >= 1 && v <= 0xffff ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What keeps the menu from being saved (empty when it is off or fine): the error findings, in words. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!enabled.get()) return out;
        for (Finding f : findings) if (f.isError()) out.add("PXE firmware menu: " + f.message());
        return out;
    }

    private void recompute() {
        List<String> ls = new ArrayList<>();
        for (Item i : items) if (!i.label.get().isBlank() && !ls.contains(i.label.get().trim())) ls.add(i.label.get().trim());
        if (!ls.equals(labels)) labels.setAll(ls);
        List<Finding> found = new ArrayList<>();
        Settings.PxeMenu m = toSettings();
        if (m == null) {
            findings.clear();
            previewLines.set(null);
            preview.set("The firmware menu is off: each firmware gets its boot program at once.");
            return;
        }
        if (m.items.isEmpty()) {
            found.add(finding(0, Severity.ERROR, "no-items", "the menu has no items: add one, or switch the menu off"));
        }
        if (m.timeout == null) {
            found.add(finding(0, Severity.ERROR, "timeout", "the timeout is a number of seconds from 0 to 255, not '" + timeout.get().trim() + "'"));
            m.timeout = FirmwareMenu.DEFAULT_TIMEOUT;
        }
        int n = 0;
        for (Item i : items) {
            n++;
            if (i.target.get() == Target.SERVER && !i.type.get().isBlank() && typeValue(i) == null) {
                found.add(finding(n, Severity.ERROR, "type", "item " + n + " '" + i.label.get() + "': the boot server type is a number from 1 to 65535 (0x8001 or 32769), not '"
                        + i.type.get().trim() + "'"));
            }
        }
        found.addAll(FirmwareMenuLint.check(m, rootPath()));
        findings.setAll(found);
        String text;
        FirmwareMenuPreview shown = null;
        if (found.stream().anyMatch(Finding::isError)) {
            text = "No preview until the errors below are fixed.";
        } else {
            try {
                FirmwareMenu menu = EngineSetup.firmwareMenu(m);
                shown = menu == null ? null : FirmwareMenuPreview.of(menu, firmware(previewSystem.get()));
                text = shown == null ? "" : shown.text();
            } catch (IllegalArgumentException e) {
                text = "No preview: " + e.getMessage();
            }
        }
        previewLines.set(shown);
        preview.set(text);
    }

    /** The firmware a system's clients run (x64 UEFI for x64). */
    static Firmware firmware(String system) {
        try {
            return Firmware.fromArchCode(FirmwareMenu.parseSystem(system));
        } catch (IllegalArgumentException e) {
            return Firmware.UNKNOWN;
        }
    }

    private Path rootPath() {
        String r = root.get();
        if (r == null || r.isBlank()) return null;
        try {
            return Path.of(r.trim());
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Finding finding(int item, Severity s, String code, String message) {
        return new Finding(FirmwareMenuLint.FILE, 0, item, s, code, message);
    }

    /** A finding as the pane lists it. */
    public static String describe(Finding f) {
        String m = f.message();
        return (f.isError() ? "✖ " : "⚠ ") + m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public ObservableList<Item> items() { return items; }
    public StringProperty promptProperty() { return prompt; }
    public StringProperty timeoutProperty() { return timeout; }
    public StringProperty defaultItemProperty() { return defaultItem; }
    public ObservableList<String> labels() { return labels; }
    public StringProperty previewSystemProperty() { return previewSystem; }
    /** The preview as text (what {@link FirmwareMenuPreview#text()} gives), or why there is none. */
    public ReadOnlyStringProperty previewProperty() { return preview.getReadOnlyProperty(); }
    public ObjectProperty<FirmwareMenuPreview> previewLinesProperty() { return previewLines; }
    public ObservableList<Finding> findings() { return findings; }
}
