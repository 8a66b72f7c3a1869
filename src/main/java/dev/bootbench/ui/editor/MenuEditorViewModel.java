package dev.bootbench.ui.editor;

import dev.bootbench.engine.boot.RootLayout;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Linter;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.publish.MenuPublisher;
import dev.bootbench.publish.MenuStore;
import dev.bootbench.publish.RootFiles;
import dev.bootbench.workspace.BootProgramFinder;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.preview.PreviewViewModel;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The menu editor's state: the menu being edited (an immutable snapshot, with undo and redo), its name in the
 * workspace, the selected item, the generated script and config, the problems, "edit as text", and the preview.
 * File I/O, linting and publishing run in the background; results come back on the FX thread.
 */
public final class MenuEditorViewModel {
    private static final Logger log = LoggerFactory.getLogger("app");

    private final AppContext ctx;
    private final MenuStore store;
    private final MenuPublisher publisher;
    private final History<Menu> history = new History<>();
    private final ObjectProperty<Menu> menu = new SimpleObjectProperty<>(Menu.builder("").build());
    private final StringProperty name = new SimpleStringProperty("");
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObjectProperty<List<Integer>> selected = new SimpleObjectProperty<>(List.of());
    private final StringProperty ipxeText = new SimpleStringProperty("");
    private final StringProperty pxelinuxText = new SimpleStringProperty("");
    private final StringProperty grubText = new SimpleStringProperty("");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final BooleanProperty textMode = new SimpleBooleanProperty();
    private final ObjectProperty<Analysis.Format> textFormat = new SimpleObjectProperty<>(Analysis.Format.IPXE);
    private final StringProperty draft = new SimpleStringProperty("");
    private final ObjectProperty<Analysis> draftAnalysis = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final StringProperty publishedName = new SimpleStringProperty("");
    private final PreviewViewModel preview;
    private final CompletableFuture<Void> ready;
    /** Problems follow the served root's files: a watch on it asks for a new analysis when they change. */
    private final RootWatch rootWatch = new RootWatch(() -> Platform.runLater(this::rootChanged));
    private boolean rootChangePending;
    private BiConsumer<Analysis.Format, Integer> revealLine = (f, l) -> {};
    private long generation;

    public MenuEditorViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.store = new MenuStore(ctx.workspace().dir());
        this.publisher = new MenuPublisher(ctx.setup()::publish);
        this.preview = new PreviewViewModel(this::root, r -> ctx.background(() -> {
            r.run();
            return null;
        }));
        benchDefaults();
        menu.addListener((o, a, m) -> {
            if (!textMode.get()) {
                analyse();
                preview.menuProperty().set(m);
            }
        });
        ready = loadFirst();
        ctx.onClose(rootWatch);
    }

    /**
     * The preview's client is a client of this bench: the server's address as next-server and in the script's
     * URLs, the pool's first address as the client's (when the settings give them; example addresses otherwise).
     */
    public void benchDefaults() {
        // the interfaces are listed off the FX thread (it may take a while, and this runs at start-up)
        bg(() -> new java.net.Inet4Address[] {ctx.engine().serverAddress().orElse(null), ctx.engine().poolStart().orElse(null)})
                .thenAccept(a -> Platform.runLater(() -> {
                    if (a[0] != null) preview.serverProperty().set(a[0].getHostAddress());
                    if (a[1] != null) preview.ipProperty().set(a[1].getHostAddress());
                }));
    }

    // ---- properties ----
    public ObjectProperty<Menu> menuProperty() { return menu; }
    public StringProperty nameProperty() { return name; }
    public ObservableList<String> names() { return names; }
    /** The selected item's path ({@link MenuEdits}); the empty path is the menu's own settings. */
    public ObjectProperty<List<Integer>> selectedProperty() { return selected; }
    public StringProperty ipxeTextProperty() { return ipxeText; }
    public StringProperty pxelinuxTextProperty() { return pxelinuxText; }
    public StringProperty grubTextProperty() { return grubText; }
    public ObservableList<Problem> problems() { return problems; }
    public BooleanProperty textModeProperty() { return textMode; }
    public ObjectProperty<Analysis.Format> textFormatProperty() { return textFormat; }
    public StringProperty draftProperty() { return draft; }
    public ObjectProperty<Analysis> draftAnalysisProperty() { return draftAnalysis; }
    public BooleanProperty dirtyProperty() { return dirty; }
    public BooleanProperty canUndoProperty() { return canUndo; }
    public BooleanProperty canRedoProperty() { return canRedo; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public StringProperty publishedNameProperty() { return publishedName; }
    public PreviewViewModel preview() { return preview; }
    public MenuStore store() { return store; }
    /** Completes when the first menu is loaded (tests). */
    public CompletableFuture<Void> ready() { return ready; }

    public Menu menu() {
        return menu.get();
    }

    /** The selected item, or null for the menu itself / nothing. */
    public MenuItem selectedItem() {
        List<Integer> p = selected.get();
        if (p == null || p.isEmpty() || !MenuEdits.exists(menu.get(), p)) return null;
        return MenuEdits.item(menu.get(), p);
    }

    /** The view moves the caret of a code view to a line through this. */
    public void setRevealLine(BiConsumer<Analysis.Format, Integer> r) {
        revealLine = r;
    }

    /** The served root's files came or went: the problems are looked at again (one analysis for a burst of changes). */
    private void rootChanged() {
        if (rootChangePending) return;
        rootChangePending = true;
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(250));
        settle.setOnFinished(e -> {
            rootChangePending = false;
            if (textMode.get()) analyseDraft();
            else if (menu.get() != null) analyse();
        });
        settle.play();
    }

    Path root() {
        String r = ctx.settings().root;
        return r == null || r.isBlank() ? null : Path.of(r);
    }

    private <T> CompletableFuture<T> bg(Callable<T> work) {
        return ctx.background(work);
    }

    private static Throwable cause(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }

    private void info(String m) {
        messageIsError.set(false);
        message.set(m);
    }

    private void error(String m) {
        messageIsError.set(true);
        message.set(m);
    }

    // ---- loading ----

    private record Loaded(List<String> names, String name, Menu menu, String published, String problem) {}

    private CompletableFuture<Void> loadFirst() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        bg(() -> {
            List<String> n = store.ensureOne();
            String pub = store.published().orElse(null);
            String first = pub != null ? pub : n.get(0);
            try {
                return new Loaded(n, first, store.load(first), pub, null);
            } catch (Exception e) {
                return new Loaded(n, first, null, null, "menus/" + first + ".json cannot be read: " + e.getMessage());
            }
        }).whenComplete((l, err) -> Platform.runLater(() -> {
            if (err != null) {
                error("The workspace's menus cannot be read: " + cause(err).getMessage());
                open("Menu", Menu.builder("Menu").build(), false);
            } else {
                names.setAll(l.names());
                if (l.menu() == null) {
                    error(l.problem() + " (it is left as it is; saving writes a new file)");
                    open(l.name(), Menu.builder(l.name()).build(), false);
                } else {
                    open(l.name(), l.menu(), false);
                    // the engine serves the published menu since it started (EngineSetup): only its name is shown here
                    if (l.published() != null) publishedName.set(l.published());
                }
            }
            done.complete(null);
        }));
        return done;
    }

    private void open(String n, Menu m, boolean isDirty) {
        textMode.set(false);
        draftAnalysis.set(null);
        history.clear();
        name.set(n);
        selected.set(List.of());
        if (m.equals(menu.get())) {
            analyse();
            preview.menuProperty().set(m);
        }
        menu.set(m);
        dirty.set(isDirty);
        updateUndo();
    }

    /** Opens a stored menu (unsaved changes of the current one are dropped: the view asks first). */
    public CompletableFuture<Void> openMenu(String n) {
        return bg(() -> store.load(n)).handle((m, err) -> {
            Platform.runLater(() -> {
                if (err != null) error("menus/" + n + ".json cannot be read: " + cause(err).getMessage());
                else {
                    open(n, m, false);
                    info("Opened '" + n + "'.");
                }
            });
            return null;
        });
    }

    public CompletableFuture<Void> newMenu() {
        return bg(() -> store.freeName("Menu")).handle((n, err) -> {
            Platform.runLater(() -> {
                String nn = err != null ? "Menu" : n;
                open(nn, Menu.builder("New menu").timeoutMs(10_000).build(), true);
                if (!names.contains(nn)) names.add(nn);
                info("New menu '" + nn + "': add entries with Add, or drop kernels, ISOs and WIMs here.");
            });
            return null;
        });
    }

    /** Imports an iPXE script or pxelinux config into a new, unsaved menu; text that does not import opens as text. */
    public CompletableFuture<Void> importFile(Path file) {
        Path root = root();
        return bg(() -> {
            String text = Linter.read(file);
            Analysis.Format f = switch (Linter.detect(file.getFileName().toString(), text)) {
                case IPXE -> Analysis.Format.IPXE;
                case GRUB -> Analysis.Format.GRUB;
                case PXELINUX -> Analysis.Format.PXELINUX;
            };
            Analysis a = Analysis.ofText(f, text, root);
            String base = file.getFileName().toString().replaceAll("\\.(ipxe|cfg|conf|txt|grub)$", "");
            if (base.equals("default")) base = "pxelinux";
            if (base.equals("grub") || base.startsWith("grub.cfg")) base = "grub";
            return new Object[] {f, text, a, store.freeName(base)};
        }).handle((r, err) -> {
            Platform.runLater(() -> {
                if (err != null) {
                    error("Cannot import " + file + ": " + cause(err).getMessage());
                    return;
                }
                Analysis.Format f = (Analysis.Format) r[0];
                Analysis a = (Analysis) r[2];
                String n = (String) r[3];
                if (a.menu() == null) {
                    open(n, Menu.builder(n).build(), true);
                    editAsText(f);
                    setDraft((String) r[1]);
                    error("Imported " + file.getFileName() + " as text only: " + a.importError());
                } else {
                    open(n, a.menu(), true);
                    info("Imported " + file.getFileName() + " as '" + n + "'" + (a.importNotes().isEmpty() ? "." : ": " + a.importNotes().size()
                            + " note(s) in Problems.") + " Save to keep it.");
                    importNotes = a.importNotes();
                }
                if (!names.contains(n)) names.add(n);
            });
            return null;
        });
    }

    private List<dev.bootbench.menu.Finding> importNotes = List.of();

    // ---- analysis ----

    private void analyse() {
        long g = ++generation;
        Menu m = menu.get();
        Path root = root();
        rootWatch.follow(root);
        List<dev.bootbench.menu.Finding> notes = importNotes;
        bg(() -> Analysis.of(m, root)).whenComplete((a, err) -> Platform.runLater(() -> {
            if (g != generation) return;
            if (err != null) {
                error("Checking the menu failed: " + cause(err));
                return;
            }
            ipxeText.set(a.ipxe());
            pxelinuxText.set(a.pxelinux());
            grubText.set(a.grub());
            List<Problem> ps = new ArrayList<>(a.problems());
            for (dev.bootbench.menu.Finding n : notes) ps.add(new Problem(Problem.Source.MODEL, n, null));
            problems.setAll(ps);
        }));
    }

    private void analyseDraft() {
        long g = ++generation;
        String text = draft.get();
        Analysis.Format f = textFormat.get();
        Path root = root();
        rootWatch.follow(root);
        bg(() -> Analysis.ofText(f, text, root)).whenComplete((a, err) -> Platform.runLater(() -> {
            if (g != generation || !textMode.get()) return;
            if (err != null) {
                error("Checking the text failed: " + cause(err));
                return;
            }
            draftAnalysis.set(a);
            problems.setAll(a.problems());
            if (a.menu() != null) preview.menuProperty().set(a.menu());
        }));
    }

    // ---- edits ----

    private void updateUndo() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }

    /** Applies an edit as one undoable step; an edit that throws changes nothing and says why. */
    public boolean apply(String what, UnaryOperator<Menu> edit) {
        Menu before = menu.get();
        Menu after;
        try {
            after = edit.apply(before);
        } catch (RuntimeException e) {
            error(what + ": " + e.getMessage());
            return false;
        }
        if (after == null || after.equals(before)) return false;
        importNotes = List.of();
        history.push(before, what);
        menu.set(after);
        dirty.set(true);
        updateUndo();
        if (!MenuEdits.exists(after, selected.get())) selected.set(List.of());
        return true;
    }

    public void undo() {
        if (!history.canUndo() || textMode.get()) return;
        String what = history.undoName();
        menu.set(history.undo(menu.get()));
        dirty.set(true);
        updateUndo();
        if (!MenuEdits.exists(menu.get(), selected.get())) selected.set(List.of());
        info("Undone: " + what);
    }

    public void redo() {
        if (!history.canRedo() || textMode.get()) return;
        String what = history.redoName();
        menu.set(history.redo(menu.get()));
        dirty.set(true);
        updateUndo();
        if (!MenuEdits.exists(menu.get(), selected.get())) selected.set(List.of());
        info("Redone: " + what);
    }

    /** Where new items go: after the selected item, in its menu; into the root menu otherwise. */
    private List<Integer> insertionPoint() {
        List<Integer> p = selected.get();
        if (p == null || p.isEmpty() || !MenuEdits.exists(menu.get(), p)) return List.of(menu.get().items().size());
        List<Integer> q = new ArrayList<>(p);
        q.set(q.size() - 1, q.get(q.size() - 1) + 1);
        return q;
    }

    private void insertItem(String what, MenuItem item) {
        List<Integer> at = insertionPoint();
        List<Integer> parent = at.subList(0, at.size() - 1);
        if (apply(what, m -> MenuEdits.insert(m, parent, at.get(at.size() - 1), item))) selected.set(List.copyOf(at));
    }

    public void add(EntryKind kind) {
        insertItem("Add " + kind.label.toLowerCase(java.util.Locale.ROOT), kind.create(menu.get()));
    }

    public void duplicate() {
        MenuItem it = selectedItem();
        if (it == null) return;
        MenuItem copy = it instanceof Entry e ? copyEntry(menu.get(), e, new java.util.HashSet<>()) : it;
        insertItem("Duplicate", copy);
    }

    /** A copy of an entry (and its submenu's entries) with ids nobody uses. */
    private static Entry copyEntry(Menu whole, Entry e, java.util.Set<String> taken) {
        String id = MenuEdits.freeId(whole, e.id());
        while (taken.contains(id)) id = MenuEdits.freeId(whole, id + "-copy");
        taken.add(id);
        BootAction a = e.action();
        if (a instanceof BootAction.Submenu s) {
            List<MenuItem> items = new ArrayList<>();
            for (MenuItem i : s.menu().items()) items.add(i instanceof Entry x ? copyEntry(whole, x, taken) : i);
            Menu sub = s.menu().toBuilder().items(items).defaultEntry(null).build();
            a = new BootAction.Submenu(sub);
        }
        return new Entry(id, e.label(), e.hotkey(), e.platforms(), e.arches(), e.fallback(), a);
    }

    public void remove() {
        List<Integer> p = selected.get();
        if (p == null || p.isEmpty() || !MenuEdits.exists(menu.get(), p)) return;
        MenuItem it = MenuEdits.item(menu.get(), p);
        if (apply("Remove " + (it instanceof Entry e ? "'" + e.id() + "'" : "gap"), m -> MenuEdits.remove(m, p))) {
            List<Integer> parent = p.subList(0, p.size() - 1);
            int n = MenuEdits.menuAt(menu.get(), parent).items().size();
            int idx = Math.min(p.get(p.size() - 1), n - 1);
            List<Integer> next = new ArrayList<>(parent);
            if (idx >= 0) next.add(idx);
            selected.set(List.copyOf(next));
        }
    }

    /** Moves the selected item one place up (-1) or down (+1) in its menu. */
    public void moveBy(int delta) {
        List<Integer> p = selected.get();
        if (p == null || p.isEmpty()) return;
        List<Integer> parent = p.subList(0, p.size() - 1);
        int idx = p.get(p.size() - 1);
        int n = MenuEdits.menuAt(menu.get(), parent).items().size();
        int to = idx + delta;
        if (to < 0 || to >= n) return;
        moveTo(p, parent, delta < 0 ? to : to + 1);
    }

    /** Moves an item to {@code index} of the menu at {@code toParent} (drag and drop). */
    public boolean moveTo(List<Integer> from, List<Integer> toParent, int index) {
        MenuEdits.Moved[] moved = new MenuEdits.Moved[1];
        boolean ok = apply("Move", m -> {
            moved[0] = MenuEdits.move(m, from, toParent, index);
            return moved[0].menu();
        });
        if (ok) selected.set(moved[0].path());
        return ok;
    }

    /** Replaces an item (from the form); a changed entry id is renamed in defaults and fallbacks too. */
    public boolean updateItem(List<Integer> path, MenuItem item, String what) {
        return apply(what, m -> {
            MenuItem old = MenuEdits.item(m, path);
            Menu out = MenuEdits.replace(m, path, item);
            if (old instanceof Entry o && item instanceof Entry n && !o.id().equals(n.id())) out = MenuEdits.renameReferences(out, o.id(), n.id());
            return out;
        });
    }

    /** Replaces the settings of the menu at a path (the root menu or a submenu), keeping its items. */
    public boolean updateMenu(List<Integer> path, UnaryOperator<Menu.Builder> change, String what) {
        return apply(what, m -> MenuEdits.withMenuAt(m, path, change.apply(MenuEdits.menuAt(m, path).toBuilder()).build()));
    }

    // ---- files ----

    /** Copies a picked file into the served root (when outside it); the future gives the reference for the menu. */
    public CompletableFuture<String> bringIn(Path file) {
        Path root = root();
        CompletableFuture<String> out = new CompletableFuture<>();
        bg(() -> RootFiles.bringIn(file, root)).whenComplete((ref, err) -> Platform.runLater(() -> {
            if (err != null) {
                error("Cannot use " + file + ": " + cause(err).getMessage());
                out.completeExceptionally(cause(err));
            } else {
                info(file.getFileName() + " is served as " + ref + ".");
                out.complete(ref);
            }
        }));
        return out;
    }

    /**
     * Files dropped on the editor: each is copied into the served root, then proposes an entry by its name (see
     * {@link DropProposals}); initrds join the selected Linux entry (or the kernel dropped with them). One undo step.
     */
    public CompletableFuture<Void> dropFiles(List<Path> files) {
        Path root = root();
        return bg(() -> {
            List<String[]> refs = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Path f : files) {
                DropProposals.Kind k = DropProposals.classify(f.getFileName().toString());
                if (k == null) {
                    skipped.add(f.getFileName().toString());
                    continue;
                }
                refs.add(new String[] {k.name(), RootFiles.bringIn(f, root)});
            }
            return new Object[] {refs, skipped};
        }).handle((r, err) -> {
            Platform.runLater(() -> {
                if (err != null) {
                    error("Cannot add the dropped files: " + cause(err).getMessage());
                    return;
                }
                @SuppressWarnings("unchecked") List<String[]> refs = (List<String[]>) r[0];
                @SuppressWarnings("unchecked") List<String> skipped = (List<String>) r[1];
                applyDrops(refs, skipped);
            });
            return null;
        });
    }

    private void applyDrops(List<String[]> refs, List<String> skipped) {
        List<String> notes = new ArrayList<>();
        List<Integer>[] last = new List[] {null};
        boolean changed = apply("Add dropped files", m -> {
            Menu cur = m;
            List<Integer> sel = selected.get();
            List<Integer> linux = sel != null && !sel.isEmpty() && MenuEdits.exists(cur, sel) && MenuEdits.item(cur, sel) instanceof Entry e
                    && e.action() instanceof BootAction.Linux ? sel : null;
            List<Integer> at = insertionPoint();
            List<Integer> parent = at.subList(0, at.size() - 1);
            int idx = at.get(at.size() - 1);
            // kernels first, so initrds dropped with them join them
            List<String[]> ordered = new ArrayList<>(refs);
            ordered.sort(java.util.Comparator.comparing(x -> x[0].equals("INITRD") ? 1 : 0));
            for (String[] x : ordered) {
                DropProposals.Kind k = DropProposals.Kind.valueOf(x[0]);
                if (k == DropProposals.Kind.INITRD) {
                    if (linux == null) {
                        List<Integer> only = onlyLinux(cur);
                        if (only == null) {
                            notes.add(x[1] + " is in the root; select a Linux entry to add it as an initrd");
                            continue;
                        }
                        linux = only;
                    }
                    Entry e = (Entry) MenuEdits.item(cur, linux);
                    cur = MenuEdits.replace(cur, linux, DropProposals.withInitrd(e, x[1]));
                    notes.add("initrd " + x[1] + " added to '" + e.id() + "'");
                    last[0] = linux;
                } else {
                    Entry e = DropProposals.entryFor(cur, x[1], k);
                    cur = MenuEdits.insert(cur, parent, idx, e);
                    List<Integer> p = new ArrayList<>(parent);
                    p.add(idx);
                    if (k == DropProposals.Kind.KERNEL) linux = List.copyOf(p);
                    last[0] = List.copyOf(p);
                    idx++;
                    notes.add("entry '" + e.id() + "' for " + x[1]);
                }
            }
            return cur;
        });
        if (changed && last[0] != null) selected.set(last[0]);
        String msg = String.join("; ", notes) + (skipped.isEmpty() ? "" : (notes.isEmpty() ? "" : "; ") + "not a kernel, initrd, ISO or WIM: " + String.join(", ", skipped));
        if (changed) info("Dropped: " + msg + ". Undo removes them.");
        else error(msg.isEmpty() ? "Nothing to add." : msg);
    }

    private static List<Integer> onlyLinux(Menu m) {
        List<Integer> found = null;
        for (int i = 0; i < m.items().size(); i++)
            if (m.items().get(i) instanceof Entry e && e.action() instanceof BootAction.Linux) {
                if (found != null) return null;
                found = List.of(i);
            }
        return found;
    }

    // ---- quick fixes (the problems panel's actions) ----

    /** What a one-click copy of the syslinux modules did. */
    private record ModuleCopy(List<String> written, List<String> notFound, boolean lpxelinux) {}

    /**
     * Copies the syslinux modules every problem names, in one click, from the system's packages or a folder picked in
     * the Files view: into {@code bios/}, where pxelinux reads them, with {@code lpxelinux.0} beside them, and their
     * UEFI twins into {@code efi64/} when syslinux.efi is a boot path set in Servers.
     */
    public CompletableFuture<Void> copyModules() {
        Path root = root();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Problem p : problems) {
            Problem.Fix f = p.fix();
            if (f != null && f.kind() == Problem.Fix.Kind.COPY_MODULES) names.add(f.target());
        }
        if (names.isEmpty()) return CompletableFuture.completedFuture(null);
        List<Path> extra = new ArrayList<>();
        for (String f : ctx.uiState().bootProgramFolders) extra.add(Path.of(f));
        boolean efi64;
        try {
            efi64 = RootLayout.needed(EngineSetup.bootConfig(ctx.settings(), null, null, null)).stream().anyMatch(n -> n.startsWith(RootLayout.EFI64));
        } catch (IllegalArgumentException e) {
            efi64 = false;
        }
        boolean efi = efi64;
        return bg(() -> {
            if (root == null) throw new java.io.IOException("no served root folder is set (choose one in Servers)");
            List<String> want = new ArrayList<>();
            for (String n : names) want.add(RootLayout.BIOS + n);
            if (efi) {
                for (String n : names) want.add(RootLayout.EFI64 + (n.equalsIgnoreCase("ldlinux.c32") ? "ldlinux.e64" : n));
            }
            List<BootProgramFinder.Found> found = BootProgramFinder.system(extra).scan().found();
            BootProgramFinder.Plan plan = BootProgramFinder.plan(found, want);
            // the program that reads them, so pxelinux clients only need it set in Servers
            BootProgramFinder.Plan prog = BootProgramFinder.plan(found, List.of(RootLayout.BIOS + "lpxelinux.0"));
            List<BootProgramFinder.Found> copy = new ArrayList<>(plan.copy());
            if (!plan.copy().isEmpty()) copy.addAll(prog.copy());
            List<String> written = BootProgramFinder.copyInto(copy, root);
            return new ModuleCopy(written, plan.notFound(), !prog.copy().isEmpty() && !plan.copy().isEmpty());
        }).handle((r, err) -> {
            Platform.runLater(() -> {
                if (err != null) {
                    error("Copying the syslinux modules failed: " + cause(err).getMessage());
                    return;
                }
                if (r.written().isEmpty() && !r.notFound().isEmpty()) {
                    error("Not found on this system: " + String.join(", ", r.notFound()) + ". Install Debian's pxelinux and syslinux-common "
                            + "(syslinux-efi for UEFI), or add a folder that has them in the Files view.");
                    return;
                }
                String lp = r.lpxelinux() && !RootLayout.needed(EngineSetup.bootConfig(ctx.settings(), null, null, null)).contains(RootLayout.BIOS + "lpxelinux.0")
                        ? " For pxelinux clients, set bios/lpxelinux.0 as the BIOS boot program in Servers." : "";
                java.util.TreeSet<String> folders = new java.util.TreeSet<>();
                for (String w : r.written()) folders.add(w.substring(0, w.indexOf('/') + 1));
                info((r.written().isEmpty() ? "The root already has the syslinux modules found."
                        : "Copied " + r.written().size() + (r.written().size() == 1 ? " file" : " files") + " into " + String.join(" and ", folders)
                        + (r.lpxelinux() ? ": lpxelinux.0 and the modules the menu names." : ": the modules the menu names."))
                        + (r.notFound().isEmpty() ? "" : " Not found: " + String.join(", ", r.notFound()) + ".") + lp);
                log.info("copied syslinux modules into {}: {}", root, r.written());
                reanalyse();
            });
            return null;
        });
    }

    private void reanalyse() {
        if (textMode.get()) analyseDraft();
        else if (menu.get() != null) analyse();
    }

    /** Copies a file the user picked into the root under the name a problem says is missing ({@code target}). */
    public CompletableFuture<Void> placeFileAs(Path file, String target) {
        Path root = root();
        return bg(() -> RootFiles.placeAs(file, root, target)).handle((copied, err) -> {
            Platform.runLater(() -> {
                if (err != null) {
                    error("Cannot add " + file.getFileName() + " as " + target + ": " + cause(err).getMessage());
                    return;
                }
                if (copied) {
                    info(file.getFileName() + " is in the served root as " + target + ".");
                    log.info("copied {} into {} as {}", file, root, target);
                } else {
                    info(target + " is already in the served root; nothing copied.");
                }
                reanalyse();
            });
            return null;
        });
    }

    // ---- text mode ----

    /** Shows the generated text of a format for editing; the model is untouched until the text is applied. */
    public void editAsText(Analysis.Format f) {
        textFormat.set(f);
        draft.set(switch (f) {
            case IPXE -> ipxeText.get();
            case PXELINUX -> pxelinuxText.get();
            case GRUB -> grubText.get();
        });
        textMode.set(true);
        analyseDraft();
    }

    public void setDraft(String text) {
        if (!textMode.get()) return;
        draft.set(text);
        analyseDraft();
    }

    /** Makes the edited text the menu (one undo step). Text that does not import stays in the editor. */
    public CompletableFuture<Boolean> applyText() {
        String text = draft.get();
        Analysis.Format f = textFormat.get();
        Path root = root();
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        bg(() -> Analysis.ofText(f, text, root)).whenComplete((a, err) -> Platform.runLater(() -> {
            if (err != null || a.menu() == null) {
                error("The text is kept as it is: " + (err != null ? cause(err).getMessage() : a.importError()));
                out.complete(false);
                return;
            }
            textMode.set(false);
            draftAnalysis.set(null);
            if (!apply("Edit as text", m -> a.menu())) {
                analyse();
                preview.menuProperty().set(menu.get());
            }
            importNotes = a.importNotes();
            info("The text is the menu now" + (a.importNotes().isEmpty() ? "." : " (" + a.importNotes().size() + " note(s) in Problems).")
                    + (f != Analysis.Format.IPXE ? " iPXE-only settings kept as they were are lost on a " + (f == Analysis.Format.GRUB ? "GRUB" : "pxelinux")
                            + " round trip; Undo brings them back." : ""));
            out.complete(true);
        }));
        return out;
    }

    /** Leaves text mode without changing the menu. */
    public void discardText() {
        textMode.set(false);
        draftAnalysis.set(null);
        analyse();
        preview.menuProperty().set(menu.get());
    }

    // ---- problems ----

    /** Shows where a problem is: its entry in the tree and its line in the code view. */
    public void reveal(Problem p) {
        if (p == null) return;
        if (p.entryId() != null && !textMode.get()) {
            List<Integer> path = MenuEdits.pathOf(menu.get(), p.entryId());
            if (path != null) selected.set(path);
        }
        if (p.finding().line() > 0 && p.source() != Problem.Source.MODEL)
            revealLine.accept(switch (p.source()) {
                case IPXE -> Analysis.Format.IPXE;
                case GRUB -> Analysis.Format.GRUB;
                default -> Analysis.Format.PXELINUX;
            }, p.finding().line());
    }

    // ---- save and publish ----

    /** Saves the menu as {@code menus/<name>.json}. */
    public CompletableFuture<Boolean> save() {
        return save(false);
    }

    /** Saves, then makes the menu what the servers hand out to the next client. */
    public CompletableFuture<Boolean> publish() {
        return save(true);
    }

    private CompletableFuture<Boolean> save(boolean andPublish) {
        if (textMode.get()) {
            return applyText().thenCompose(ok -> {
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                Platform.runLater(() -> {
                    if (!ok) f.complete(false);
                    else save(andPublish).whenComplete((v, e) -> f.complete(e == null && v));
                });
                return f;
            });
        }
        Menu m = menu.get();
        String n = name.get();
        Path root = root();
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        bg(() -> {
            store.save(n, m);
            MenuPublisher.Result r = null;
            if (andPublish) {
                r = publisher.publish(m, n, root);
                store.setPublished(n);
            }
            return r;
        }).whenComplete((r, err) -> Platform.runLater(() -> {
            if (err != null) {
                error((andPublish ? "Not published: " : "Not saved: ") + cause(err).getMessage());
                out.complete(false);
                return;
            }
            if (menu.get() == m) dirty.set(false);
            if (!names.contains(n)) names.add(n);
            String time = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
            if (andPublish) {
                publishedName.set(n);
                info("Published '" + n + "' at " + time + ": the next iPXE client gets it from /boot.ipxe"
                        + (r.pxelinuxFiles().isEmpty() ? "" : ", pxelinux clients from pxelinux.cfg/default") + ".");
                log.info("menu '{}' published ({} pxelinux files)", n, r.pxelinuxFiles().size());
            } else info("Saved '" + n + "' at " + time + ".");
            out.complete(true);
        }));
        return out;
    }
}
