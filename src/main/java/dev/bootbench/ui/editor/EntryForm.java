package dev.bootbench.ui.editor;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import dev.bootbench.menu.Platform;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The form of the selected item: menu settings (title, default, timeout, colours, pxelinux UI, GRUB lines) for the menu or a
 * submenu, and the fields of each entry kind, with file pickers that bring the file into the served root. Fields
 * apply on Enter or when they lose focus; each change is one undo step. Problems of the entry are listed below.
 */
final class EntryForm {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    static final String[] COLOUR_NAMES = {"default", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    private final MenuEditorViewModel vm;
    private final VBox box = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(box);
    private final Label problems = new Label();
    private List<Integer> path;
    private MenuItem shown;
    private Menu shownMenu;

    EntryForm(MenuEditorViewModel vm) {
        this.vm = vm;
        box.setId("entry-form");
        box.getStyleClass().add("entry-form");
        box.setPadding(new Insets(8));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        problems.setId("entry-problems");
        problems.getStyleClass().add("error-text");
        problems.setWrapText(true);
        vm.selectedProperty().addListener((o, a, b) -> refresh(true));
        vm.menuProperty().addListener((o, a, b) -> refresh(false));
        vm.problems().addListener((javafx.collections.ListChangeListener<Problem>) c -> showProblems());
        refresh(true);
    }

    Node node() {
        return scroll;
    }

    /** Rebuilds the form when the selection changed or the shown item changed from elsewhere (undo, drag). */
    private void refresh(boolean force) {
        Menu m = vm.menu();
        List<Integer> p = vm.selectedProperty().get();
        if (p == null || !MenuEdits.exists(m, p)) p = List.of();
        MenuItem item = p.isEmpty() ? null : MenuEdits.item(m, p);
        Menu menuHere = MenuEdits.isMenu(m, p) ? MenuEdits.menuAt(m, p) : null;
        if (!force && p.equals(path) && java.util.Objects.equals(item, shown) && java.util.Objects.equals(menuHere, shownMenu)) return;
        path = p;
        shown = item;
        shownMenu = menuHere;
        box.getChildren().clear();
        if (item == null) menuForm(p, menuHere, "Menu settings");
        else if (item instanceof Gap g) gapForm(g);
        else {
            Entry e = (Entry) item;
            entryForm(e);
            if (menuHere != null) menuForm(p, menuHere, "Submenu settings");
        }
        box.getChildren().add(problems);
        showProblems();
    }

    private void showProblems() {
        String id = shown instanceof Entry e ? e.id() : null;
        List<String> lines = new ArrayList<>();
        for (Problem p : vm.problems())
            if (id != null ? id.equals(p.entryId()) : (p.entryId() == null && p.source() == Problem.Source.MODEL))
                lines.add("• " + p.finding().severity().label() + ": " + p.finding().message());
        problems.setText(String.join("\n", lines));
        problems.setVisible(!lines.isEmpty());
        problems.setManaged(!lines.isEmpty());
    }

    private GridPane grid(String title) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(80);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        g.getColumnConstraints().addAll(c0, c1);
        box.getChildren().addAll(t, g);
        return g;
    }

    private static void row(GridPane g, String label, Node field) {
        int r = g.getRowCount();
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        g.add(l, 0, r);
        g.add(field, 1, r);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    /** Applies {@code commit} on Enter and when the field loses focus, if the text changed. */
    private static <T extends TextInputControl> T commitOn(T f, Consumer<String> commit) {
        String[] last = {f.getText()};
        Runnable go = () -> {
            if (!f.getText().equals(last[0])) {
                last[0] = f.getText();
                commit.accept(f.getText());
            }
        };
        if (f instanceof TextField tf) tf.setOnAction(e -> go.run());
        f.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) go.run();
        });
        return f;
    }

    private TextField text(String id, String value, Consumer<String> commit) {
        TextField f = new TextField(value == null ? "" : value);
        f.setId(id);
        return commitOn(f, commit);
    }

    /** A text field with a Browse button: the chosen file is copied into the root and its reference set. */
    private Node fileField(String id, String value, Consumer<String> commit) {
        TextField f = text(id, value, commit);
        Button b = new Button("…");
        b.setId(id + "-browse");
        b.setTooltip(new javafx.scene.control.Tooltip("Choose a file: it is copied into the served root when it is not there yet"));
        b.setOnAction(e -> {
            File file = chooseFile(b);
            if (file != null) vm.bringIn(file.toPath()).thenAccept(ref -> {
                f.setText(ref);
                commit.accept(ref);
            });
        });
        HBox h = new HBox(4, f, b);
        HBox.setHgrow(f, Priority.ALWAYS);
        return h;
    }

    /** Asks for a file, starting in the served root; null when cancelled. */
    private File chooseFile(Node owner) {
        FileChooser fc = new FileChooser();
        if (vm.root() != null && vm.root().toFile().isDirectory()) fc.setInitialDirectory(vm.root().toFile());
        return fc.showOpenDialog(owner.getScene().getWindow());
    }

    private void update(UnaryOperator<Entry> change, String what) {
        if (!(shown instanceof Entry e)) return;
        Entry n;
        try {
            n = change.apply(e);
        } catch (RuntimeException ex) {
            vm.messageIsErrorProperty().set(true);
            vm.messageProperty().set(what + ": " + ex.getMessage());
            return;
        }
        List<Integer> p = path;
        shown = n;
        if (!vm.updateItem(p, n, what)) shown = e;
    }

    private void updateAction(Function<BootAction, BootAction> change, String what) {
        update(e -> e.withAction(change.apply(e.action())), what);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private void entryForm(Entry e) {
        GridPane g = grid(EntryKind.of(e).label);
        identityRows(g, e);
        row(g, "Firmware", platformChecks(e));
        row(g, "CPU", archChecks(e));
        BootAction a = e.action();
        if (a instanceof BootAction.Linux l) linuxRows(g, l);
        else if (a instanceof BootAction.Wimboot w) wimbootRows(g, w);
        else if (a instanceof BootAction.Wds w) wdsRows(g, w);
        else if (a instanceof BootAction.Iso i) isoRows(g, i);
        else if (a instanceof BootAction.Chain c) chainRows(g, c);
        else if (a instanceof BootAction.LocalDisk d) localDiskRows(g, d);
        else if (a instanceof BootAction.Custom c) customRows(g, c);
        TextField fb = text("entry-fallback", e.fallback(), v -> update(x -> x.withFallback(blankToNull(v)), "Edit fallback"));
        fb.setPromptText("back to the menu");
        if (!(a instanceof BootAction.Submenu)) row(g, "On failure", fb);
    }

    /** Id (checked as it is typed, refused on commit when invalid), label and hotkey. */
    private void identityRows(GridPane g, Entry e) {
        TextField id = text("entry-id", e.id(), v -> {
            String nv = v.trim();
            if (!ID.matcher(nv).matches()) {
                vm.messageIsErrorProperty().set(true);
                vm.messageProperty().set("An id is letters, digits, '_', '-' or '.': '" + v + "' is not used.");
                return;
            }
            update(x -> new Entry(nv, x.label(), x.hotkey(), x.platforms(), x.arches(), x.fallback(), x.action()), "Rename to '" + nv + "'");
        });
        id.textProperty().addListener((o, a, v) -> {
            id.getStyleClass().remove("invalid");
            if (!ID.matcher(v.trim()).matches()) id.getStyleClass().add("invalid");
        });
        row(g, "Id", id);
        row(g, "Label", text("entry-label", e.label(), v -> update(x -> new Entry(x.id(), v, x.hotkey(), x.platforms(), x.arches(), x.fallback(), x.action()), "Edit label")));
        TextField key = text("entry-hotkey", e.hotkey(), v -> update(x -> x.withHotkey(blankToNull(v)), "Edit hotkey"));
        key.setPrefColumnCount(4);
        row(g, "Hotkey", key);
    }

    /** One box per firmware the entry is offered on (none listed: all); at least one stays ticked. */
    private HBox platformChecks(Entry e) {
        HBox plats = new HBox(10);
        for (Platform p : Platform.values()) {
            CheckBox c = new CheckBox(p == Platform.PCBIOS ? "BIOS" : "UEFI");
            c.setId("entry-platform-" + p.id());
            c.setSelected(e.platforms().isEmpty() || e.platforms().contains(p));
            c.setOnAction(ev -> update(x -> {
                List<Platform> ps = new ArrayList<>(x.platforms().isEmpty() ? Arrays.asList(Platform.values()) : x.platforms());
                if (c.isSelected()) ps.add(p);
                else ps.remove(p);
                if (ps.isEmpty()) throw new IllegalArgumentException("an entry is offered on at least one platform");
                return x.withPlatforms(ps);
            }, "Edit platforms"));
            plats.getChildren().add(c);
        }
        return plats;
    }

    /** One box per CPU architecture the entry is offered on (none listed: all); at least one stays ticked. */
    private HBox archChecks(Entry e) {
        HBox arches = new HBox(10);
        for (Arch a : Arch.values()) {
            CheckBox c = new CheckBox(a.id());
            c.setMnemonicParsing(false);
            c.setId("entry-arch-" + a.id());
            c.setSelected(e.arches().isEmpty() || e.arches().contains(a));
            c.setOnAction(ev -> update(x -> {
                List<Arch> as = new ArrayList<>(x.arches().isEmpty() ? Arrays.asList(Arch.values()) : x.arches());
                if (c.isSelected()) as.add(a);
                else as.remove(a);
                if (as.isEmpty()) throw new IllegalArgumentException("an entry is offered on at least one architecture");
                return x.withArches(as);
            }, "Edit architectures"));
            arches.getChildren().add(c);
        }
        return arches;
    }

    private void linuxRows(GridPane g, BootAction.Linux l) {
        row(g, "Kernel", fileField("linux-kernel", l.kernel(), v -> updateAction(x -> new BootAction.Linux(v.trim(), ((BootAction.Linux) x).initrds(), ((BootAction.Linux) x).args()), "Edit kernel")));
        TextArea initrds = new TextArea(String.join("\n", l.initrds()));
        initrds.setId("linux-initrds");
        initrds.setPrefRowCount(Math.max(2, l.initrds().size()));
        commitOn(initrds, v -> updateAction(x -> new BootAction.Linux(((BootAction.Linux) x).kernel(), lines(v), ((BootAction.Linux) x).args()), "Edit initrds"));
        Button add = new Button("Add…");
        add.setId("linux-initrd-add");
        add.setOnAction(ev -> {
            File file = chooseFile(add);
            if (file != null) vm.bringIn(file.toPath()).thenAccept(ref -> updateAction(x -> {
                BootAction.Linux y = (BootAction.Linux) x;
                List<String> is = new ArrayList<>(y.initrds());
                is.add(ref);
                return new BootAction.Linux(y.kernel(), is, y.args());
            }, "Add initrd"));
        });
        VBox iv = new VBox(4, initrds, add);
        row(g, "Initrds", iv);
        row(g, "Arguments", text("linux-args", l.args(), v -> updateAction(x -> new BootAction.Linux(((BootAction.Linux) x).kernel(), ((BootAction.Linux) x).initrds(), v), "Edit arguments")));
    }

    private void wimbootRows(GridPane g, BootAction.Wimboot w) {
        row(g, "wimboot", fileField("wim-wimboot", w.wimboot(), v -> updateAction(x -> { var y = (BootAction.Wimboot) x; return new BootAction.Wimboot(v.trim(), y.bcd(), y.bootSdi(), y.bootWim()); }, "Edit wimboot")));
        row(g, "BCD", fileField("wim-bcd", w.bcd(), v -> updateAction(x -> { var y = (BootAction.Wimboot) x; return new BootAction.Wimboot(y.wimboot(), v.trim(), y.bootSdi(), y.bootWim()); }, "Edit BCD")));
        row(g, "boot.sdi", fileField("wim-sdi", w.bootSdi(), v -> updateAction(x -> { var y = (BootAction.Wimboot) x; return new BootAction.Wimboot(y.wimboot(), y.bcd(), v.trim(), y.bootWim()); }, "Edit boot.sdi")));
        row(g, "boot.wim", fileField("wim-wim", w.bootWim(), v -> updateAction(x -> { var y = (BootAction.Wimboot) x; return new BootAction.Wimboot(y.wimboot(), y.bcd(), y.bootSdi(), v.trim()); }, "Edit boot.wim")));
    }

    private void wdsRows(GridPane g, BootAction.Wds w) {
        TextField server = text("wds-server", w.server(), v -> updateAction(x -> { var y = (BootAction.Wds) x; return new BootAction.Wds(blankToNull(v), y.biosX64(), y.efiX64(), y.biosX86(), y.efiX86()); }, "Edit WDS server"));
        server.setPromptText("the DHCP next-server");
        row(g, "WDS server", server);
        TextField bios = text("wds-bios", w.biosX64(), v -> updateAction(x -> { var y = (BootAction.Wds) x; return new BootAction.Wds(y.server(), blankToNull(v), y.efiX64(), y.biosX86(), y.efiX86()); }, "Edit WDS BIOS program"));
        bios.setPromptText(w.biosX64Path());
        row(g, "BIOS x64", bios);
        TextField efi = text("wds-efi", w.efiX64(), v -> updateAction(x -> { var y = (BootAction.Wds) x; return new BootAction.Wds(y.server(), y.biosX64(), blankToNull(v), y.biosX86(), y.efiX86()); }, "Edit WDS UEFI program"));
        efi.setPromptText(w.efiX64Path());
        row(g, "UEFI x64", efi);
    }

    private void isoRows(GridPane g, BootAction.Iso i) {
        row(g, "ISO image", fileField("iso-file", i.iso(), v -> updateAction(x -> { var y = (BootAction.Iso) x; return new BootAction.Iso(v.trim(), y.memdisk(), y.sanbootOnEfi(), y.sanbootOnBios()); }, "Edit ISO")));
        TextField md = text("iso-memdisk", i.memdisk(), v -> updateAction(x -> { var y = (BootAction.Iso) x; return new BootAction.Iso(y.iso(), blankToNull(v), y.sanbootOnEfi(), y.sanbootOnBios()); }, "Edit memdisk"));
        md.setPromptText("memdisk");
        row(g, "memdisk", md);
        CheckBox san = new CheckBox("sanboot over HTTP on UEFI");
        san.setId("iso-sanboot");
        san.setSelected(i.sanbootOnEfi());
        san.setOnAction(ev -> updateAction(x -> { var y = (BootAction.Iso) x; return new BootAction.Iso(y.iso(), y.memdisk(), san.isSelected(), y.sanbootOnBios()); }, "Edit sanboot"));
        row(g, "UEFI", san);
        CheckBox sanBios = new CheckBox("sanboot over HTTP on BIOS (iPXE; instead of memdisk, for large ISOs)");
        sanBios.setId("iso-sanboot-bios");
        sanBios.setSelected(i.sanbootOnBios());
        sanBios.setOnAction(ev -> updateAction(x -> { var y = (BootAction.Iso) x; return new BootAction.Iso(y.iso(), y.memdisk(), y.sanbootOnEfi(), sanBios.isSelected()); }, "Edit sanboot on BIOS"));
        row(g, "BIOS", sanBios);
    }

    private void chainRows(GridPane g, BootAction.Chain c) {
        row(g, "URL or file", fileField("chain-url", c.url(), v -> updateAction(x -> new BootAction.Chain(v.trim(), ((BootAction.Chain) x).httpFallback()), "Edit chain target")));
        CheckBox fb = new CheckBox("retry https:// over http://");
        fb.setId("chain-fallback");
        fb.setSelected(c.httpFallback());
        fb.setOnAction(ev -> updateAction(x -> new BootAction.Chain(((BootAction.Chain) x).url(), fb.isSelected()), "Edit HTTP fallback"));
        row(g, "Fallback", fb);
    }

    private void localDiskRows(GridPane g, BootAction.LocalDisk d) {
        TextField drive = text("local-drive", d.drive(), v -> updateAction(x -> new BootAction.LocalDisk(blankToNull(v)), "Edit drive"));
        drive.setPromptText("empty: the next boot device; 0x80: the first disk");
        row(g, "Drive", drive);
    }

    private void customRows(GridPane g, BootAction.Custom c) {
        TextArea ipxe = monoArea("custom-ipxe", c.ipxe(), 5);
        commitOn(ipxe, v -> updateAction(x -> new BootAction.Custom(v, ((BootAction.Custom) x).pxelinux(), ((BootAction.Custom) x).grub()), "Edit iPXE lines"));
        row(g, "iPXE lines", ipxe);
        TextArea px = monoArea("custom-pxelinux", c.pxelinux(), 3);
        commitOn(px, v -> updateAction(x -> new BootAction.Custom(((BootAction.Custom) x).ipxe(), v, ((BootAction.Custom) x).grub()), "Edit pxelinux lines"));
        row(g, "pxelinux lines", px);
        TextArea gr = monoArea("custom-grub", c.grub(), 4);
        commitOn(gr, v -> updateAction(x -> new BootAction.Custom(((BootAction.Custom) x).ipxe(), ((BootAction.Custom) x).pxelinux(), v), "Edit GRUB lines"));
        row(g, "GRUB lines", gr);
    }

    /** A text area in a fixed-width font, for lines of a boot loader's language. */
    private static TextArea monoArea(String id, String text, int rows) {
        TextArea t = new TextArea(text);
        t.setId(id);
        t.getStyleClass().add("mono");
        t.setPrefRowCount(rows);
        return t;
    }

    private static List<String> lines(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split("[\\n,]")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private void gapForm(Gap g) {
        GridPane grid = grid("Gap");
        TextField t = text("gap-text", g.text(), v -> {
            List<Integer> p = path;
            shown = new Gap(v);
            vm.updateItem(p, shown, "Edit gap");
        });
        t.setPromptText("empty: a blank line; text: a heading");
        row(grid, "Text", t);
    }

    private void menuForm(List<Integer> p, Menu m, String title) {
        GridPane g = grid(title);
        row(g, "Title", text("menu-title", m.title(), v -> vm.updateMenu(p, b -> b.title(v), "Edit title")));
        row(g, "Default", defaultChooser(p, m));
        row(g, "Timeout (s)", timeoutField(p, m));
        if (p.isEmpty()) topMenuRows(g, p, m);
        row(g, "GRUB lines", grubGlobals(p, m));
    }

    private ComboBox<String> defaultChooser(List<Integer> p, Menu m) {
        ComboBox<String> dflt = new ComboBox<>();
        dflt.setId("menu-default");
        dflt.getItems().add("(first entry)");
        m.entries().forEach(e -> dflt.getItems().add(e.id()));
        dflt.setValue(m.defaultEntry() == null ? "(first entry)" : m.defaultEntry());
        dflt.setOnAction(e -> {
            String v = dflt.getValue();
            boolean first = v == null || dflt.getSelectionModel().getSelectedIndex() <= 0; // item 0 is "(first entry)", not an id
            vm.updateMenu(p, b -> b.defaultEntry(first ? null : v), "Edit default");
        });
        return dflt;
    }

    /** The timeout in seconds (a comma is a decimal point); empty waits for a key, text that is no number is refused. */
    private TextField timeoutField(List<Integer> p, Menu m) {
        TextField timeout = text("menu-timeout", m.timeoutMs() == null ? "" : trim(m.timeoutMs() / 1000.0), v -> {
            Integer ms;
            try {
                ms = v.isBlank() ? null : (int) Math.round(Double.parseDouble(v.trim().replace(',', '.')) * 1000);
            } catch (NumberFormatException ex) {
                vm.messageIsErrorProperty().set(true);
                vm.messageProperty().set("The timeout is a number of seconds, not '" + v + "'.");
                return;
            }
            vm.updateMenu(p, b -> b.timeoutMs(ms), "Edit timeout");
        });
        timeout.setPromptText("seconds; empty waits for a key");
        return timeout;
    }

    /** What only the top menu has: its colours, the pxelinux UI module and where the files are fetched from. */
    private void topMenuRows(GridPane g, List<Integer> p, Menu m) {
        row(g, "Text", colourPicker(m, 1));
        row(g, "Selected", colourPicker(m, 2));
        row(g, "Separators", colourPicker(m, 3));
        ComboBox<String> ui = new ComboBox<>();
        ui.setId("menu-pxelinux-ui");
        ui.getItems().addAll("menu.c32", "vesamenu.c32", "none");
        ui.setValue(m.pxelinuxUi() == null ? "menu.c32" : m.pxelinuxUi());
        ui.setOnAction(e -> vm.updateMenu(p, b -> b.pxelinuxUi("menu.c32".equals(ui.getValue()) ? null : ui.getValue()), "Edit pxelinux UI"));
        row(g, "pxelinux UI", ui);
        TextField base = text("menu-base-url", m.baseUrl(), v -> vm.updateMenu(p, b -> b.baseUrl(blankToNull(v)), "Edit base URL"));
        base.setPromptText("this Bootbench's HTTP server");
        row(g, "Files from", base);
    }

    private TextArea grubGlobals(List<Integer> p, Menu m) {
        TextArea grub = monoArea("menu-grub-globals", m.grubGlobals() == null ? "" : m.grubGlobals(), 3);
        grub.setPromptText("GRUB commands before the entries: set theme=..., loadfont ..., insmod ...");
        commitOn(grub, v -> vm.updateMenu(p, b -> b.grubGlobals(v.isBlank() ? null : v), "Edit GRUB lines"));
        return grub;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Foreground and background of an iPXE colour pair (1 text, 2 selected item, 3 separators). */
    private Node colourPicker(Menu m, int pair) {
        Colours.ColourPair cur = m.colours() == null ? null : m.colours().pairs().stream().filter(x -> x.pair() == pair).findFirst().orElse(null);
        ComboBox<String> fg = new ComboBox<>(), bg = new ComboBox<>();
        fg.setId("menu-colour-" + pair + "-fg");
        bg.setId("menu-colour-" + pair + "-bg");
        fg.getItems().addAll(COLOUR_NAMES);
        bg.getItems().addAll(COLOUR_NAMES);
        fg.setValue(name(cur == null ? null : cur.foreground()));
        bg.setValue(name(cur == null ? null : cur.background()));
        Runnable apply = () -> vm.updateMenu(path, b -> {
            Menu now = b.build();
            List<Colours.ColourPair> pairs = new ArrayList<>(now.colours() == null ? List.of() : now.colours().pairs());
            pairs.removeIf(x -> x.pair() == pair);
            Integer f = index(fg.getValue()), k = index(bg.getValue());
            if (f != null || k != null) pairs.add(new Colours.ColourPair(pair, f, k));
            return b.colours(new Colours(now.colours() == null ? List.of() : now.colours().palette(), pairs));
        }, "Edit colours");
        fg.setOnAction(e -> apply.run());
        bg.setOnAction(e -> apply.run());
        Label on = new Label("on");
        HBox h = new HBox(6, fg, on, bg);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static String name(Integer i) {
        return i == null || i < 0 || i > 7 ? "default" : COLOUR_NAMES[i + 1];
    }

    private static Integer index(String n) {
        for (int i = 1; i < COLOUR_NAMES.length; i++) if (COLOUR_NAMES[i].equals(n)) return i - 1;
        return null;
    }
}
