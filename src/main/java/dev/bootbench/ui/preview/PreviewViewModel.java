package dev.bootbench.ui.preview;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FileRefs;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.SimulationResult;
import dev.bootbench.menu.grub.GrubGenerator;
import dev.bootbench.menu.grub.GrubParser;
import dev.bootbench.menu.grub.GrubSimulator;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.ipxe.IpxeParser;
import dev.bootbench.menu.ipxe.IpxeSimulator;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxSimulator;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The client's view of the menu: runs the simulators for a client profile with the choices made so far, and shows
 * the menu awaiting a key (iPXE, menu.c32 or GRUB style) or what the last choice boots, with the files it needs that
 * are missing under the served root. Keys: Up/Down move, Enter chooses, Esc goes back (iPXE: cancels the menu; GRUB:
 * leaves a submenu, nothing in the main menu).
 *
 * <p>The iPXE client cannot fetch what is missing under the served root (URLs under the menu's base URL or our
 * {@code http://next-server/}): its kernel, initrd or chain fails there as on the real client, and the script's
 * failure path runs. What the client prints between two menus (a failure, a custom entry's output) is shown first,
 * until a key; a menu without a timeout (as after a failure) waits, without a countdown. The served root is looked
 * at off the FX thread: a file not yet looked at counts as there, and the preview runs again once it is known.
 */
public final class PreviewViewModel {
    public enum Mode { IPXE("iPXE"), PXELINUX("pxelinux"), GRUB("GRUB");
        final String label;
        Mode(String l) { label = l; }
        @Override public String toString() { return label; }
    }

    public enum Firmware {
        BIOS("BIOS (x86_64)", dev.bootbench.menu.Platform.PCBIOS, Arch.X86_64),
        UEFI_X64("UEFI x64", dev.bootbench.menu.Platform.EFI, Arch.X86_64),
        UEFI_ARM64("UEFI arm64", dev.bootbench.menu.Platform.EFI, Arch.ARM64);
        final String label;
        public final dev.bootbench.menu.Platform platform;
        public final Arch arch;
        Firmware(String l, dev.bootbench.menu.Platform p, Arch a) { label = l; platform = p; arch = a; }
        @Override public String toString() { return label; }
    }

    private final ObjectProperty<Menu> menu = new SimpleObjectProperty<>();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.IPXE);
    private final ObjectProperty<Firmware> firmware = new SimpleObjectProperty<>(Firmware.BIOS);
    private final StringProperty mac = new SimpleStringProperty("52:54:00:12:34:56");
    private final StringProperty ip = new SimpleStringProperty(ClientProfile.of(null, null).ip());
    /** The bench's address: next-server and the script's base URL for the simulated client; null: an example address. */
    private final StringProperty server = new SimpleStringProperty();
    private final ObjectProperty<ConsoleBuffer> console = new SimpleObjectProperty<>(ConsoleRenderer.text(List.of()));
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty kind = new SimpleStringProperty("");
    private final ObservableList<String> missing = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty inMenu = new SimpleBooleanProperty();
    private final BooleanProperty counting = new SimpleBooleanProperty();
    private final BooleanProperty interlude = new SimpleBooleanProperty();

    private final Supplier<Path> root;
    private final Executor background;
    private final List<String> path = new ArrayList<>();
    private Screen screen;
    /** The menu shown after the interlude on the console, or null. */
    private Screen pending;
    /** Whether a path under the served root exists, as last looked at (cleared by {@link #restart}). */
    private final Map<String, Boolean> present = new HashMap<>();
    private final java.util.Set<String> looking = new java.util.HashSet<>();
    private int selected;
    private Integer secondsLeft;
    private FinalAction finalAction;
    private long generation;

    /** @param root the served root (may return null); @param background runs the file checks off the FX thread */
    public PreviewViewModel(Supplier<Path> root, Executor background) {
        this.root = root;
        this.background = background;
        menu.addListener((o, a, b) -> restart());
        mode.addListener((o, a, b) -> restart());
        firmware.addListener((o, a, b) -> restart());
        mac.addListener((o, a, b) -> restart());
        ip.addListener((o, a, b) -> restart());
        server.addListener((o, a, b) -> restart());
    }

    public ObjectProperty<Menu> menuProperty() { return menu; }
    public ObjectProperty<Mode> modeProperty() { return mode; }
    public ObjectProperty<Firmware> firmwareProperty() { return firmware; }
    public StringProperty macProperty() { return mac; }
    public StringProperty ipProperty() { return ip; }
    public StringProperty serverProperty() { return server; }
    public ObjectProperty<ConsoleBuffer> consoleProperty() { return console; }
    /** What the last choice does, several lines; empty while a menu is shown. */
    public StringProperty actionProperty() { return action; }
    /** The final action's kind in lower case (boot, chain, exit, ...), empty while a menu is shown. */
    public StringProperty kindProperty() { return kind; }
    public ObservableList<String> missing() { return missing; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty inMenuProperty() { return inMenu; }
    /** True while the countdown runs (a key stops it, as on the client). */
    public BooleanProperty countingProperty() { return counting; }
    /** True while the console shows what the client printed before it shows a menu again (a key goes on to the menu). */
    public BooleanProperty interludeProperty() { return interlude; }

    /** The highlighted item's id, or null. */
    public String selectedId() {
        if (screen == null || selected < 0 || selected >= screen.lines().size()) return null;
        return screen.lines().get(selected).id();
    }

    /** The choices made so far, root menu first. */
    public List<String> choices() {
        return List.copyOf(path);
    }

    ClientProfile profile(List<String> choices) {
        Firmware f = firmware.get();
        ClientProfile p = ClientProfile.of(f.platform, f.arch);
        String m = mac.get() == null || mac.get().isBlank() ? null : mac.get().trim();
        String a = ip.get() == null || ip.get().isBlank() ? null : ip.get().trim();
        String srv = server.get() == null || server.get().isBlank() ? null : server.get().trim();
        return p.withNetwork(m, a, srv).withChoices(choices.toArray(String[]::new));
    }

    /** Back to the first menu, countdown running; the served root is looked at again. */
    public void restart() {
        path.clear();
        present.clear();
        run(true);
        // look at the menu's files now, so a choice finds them known
        Menu m = menu.get();
        if (m != null && mode.get() == Mode.IPXE) m.allEntries().forEach(e -> files(e.action()).forEach(this::known));
    }

    /** The files under the served root an entry's action names (local paths, not URLs). */
    static List<String> files(BootAction a) {
        List<String> refs = new ArrayList<>();
        if (a instanceof BootAction.Linux l) {
            refs.add(l.kernel());
            refs.addAll(l.initrds());
        } else if (a instanceof BootAction.Wimboot w) {
            refs.addAll(java.util.Arrays.asList(w.wimboot(), w.bcd(), w.bootSdi(), w.bootWim()));
        } else if (a instanceof BootAction.Iso i) {
            refs.add(i.iso());
            if (!i.sanbootOnBios()) refs.add(i.memdiskPath());
        } else if (a instanceof BootAction.Chain c) {
            refs.add(c.url());
        }
        List<String> out = new ArrayList<>();
        for (String r : refs) {
            if (r == null || r.isBlank() || FileRefs.isRemote(r)) continue;
            String p = r.trim();
            while (p.startsWith("/")) p = p.substring(1);
            int q = p.indexOf('?');
            if (q >= 0) p = p.substring(0, q);
            if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    private SimulationResult simulate(Menu m, List<String> choices) {
        ClientProfile p = profile(choices);
        if (mode.get() == Mode.IPXE) {
            String script = IpxeGenerator.generate(m);
            IpxeSimulator.Options o = IpxeSimulator.Options.defaults().withUnavailable(url -> {
                String rel = underRoot(url);
                return rel != null && !known(rel);
            });
            return IpxeSimulator.run(IpxeParser.parse("boot.ipxe", script), p, o);
        }
        if (mode.get() == Mode.GRUB) {
            String cfg = GrubGenerator.generate(m);
            return GrubSimulator.run(GrubParser.parse(GrubGenerator.FILE, cfg), p);
        }
        PxelinuxGenerator.Output o = PxelinuxGenerator.generate(m, new PxelinuxGenerator.Options(p.platform(), null));
        Map<String, String> files = new HashMap<>();
        o.files().forEach((k, v) -> files.put(k.equals("default") ? "pxelinux.cfg/default" : k, v));
        return PxelinuxSimulator.run(p, n -> Optional.ofNullable(files.get(n)));
    }

    private void run(boolean countdown) {
        run(countdown, false);
    }

    /** @param seen the user has seen what the client prints before the next menu: show that menu at once */
    private void run(boolean countdown, boolean seen) {
        generation++;
        missing.clear();
        Menu m = menu.get();
        screen = null;
        pending = null;
        interlude.set(false);
        finalAction = null;
        if (m == null) {
            show(ConsoleRenderer.text(List.of("(no menu)")), "", "");
            return;
        }
        if (mode.get() == Mode.PXELINUX && firmware.get().arch == Arch.ARM64) {
            inMenu.set(false);
            counting.set(false);
            show(ConsoleRenderer.text(List.of("pxelinux does not run on arm64 UEFI: these clients need iPXE (or GRUB).")),
                    "pxelinux does not run on arm64", "failed");
            return;
        }
        SimulationResult r;
        try {
            r = simulate(m, path);
        } catch (RuntimeException e) {
            inMenu.set(false);
            counting.set(false);
            show(ConsoleRenderer.text(List.of("The simulation failed: " + e.getMessage())), "simulation failed: " + e.getMessage(), "failed");
            return;
        }
        if (r.screens().size() > path.size()) {
            Screen next = r.screens().get(path.size());
            List<String> between = path.isEmpty() || seen ? null : r.consoleBetween(path.size());
            if (between != null && !between.isEmpty()) {
                // the client prints this before it shows the menu again: shown until a key, as a prompt would be
                pending = next;
                inMenu.set(false);
                counting.set(false);
                interlude.set(true);
                String then = "then the menu" + (next.title() == null || next.title().isEmpty() ? "" : " '" + next.title() + "'")
                        + (next.timeoutMs() == null ? " again, without a timeout: it waits for a choice" : " again, with its timeout");
                show(ConsoleRenderer.text(between), "The client prints this, " + then + ".", "");
                return;
            }
            showMenu(next, countdown);
            return;
        }
        inMenu.set(false);
        counting.set(false);
        finalAction = r.action();
        List<String> con = new ArrayList<>(r.console());
        String desc = describe(finalAction);
        con.add("");
        con.addAll(List.of(desc.split("\n")));
        show(ConsoleRenderer.text(con), desc, finalAction.kind().name().toLowerCase(java.util.Locale.ROOT));
        checkFiles(finalAction);
    }

    private void showMenu(Screen next, boolean countdown) {
        pending = null;
        interlude.set(false);
        screen = next;
        selected = Math.max(0, indexOf(screen, screen.defaultId()));
        if (screen.lines().isEmpty() || screen.lines().get(selected).gap()) selected = nextItem(screen, -1, 1);
        secondsLeft = countdown && screen.timeoutMs() != null ? (screen.timeoutMs() + 999) / 1000 : null;
        counting.set(secondsLeft != null);
        inMenu.set(true);
        status.set(statusLine());
        draw();
        action.set("");
        kind.set("");
    }

    /** After an interlude: the menu the client shows next. */
    private void goOn() {
        if (pending != null) showMenu(pending, true);
    }

    private String statusLine() {
        String where = path.isEmpty() ? "menu" : "after " + String.join(" → ", path);
        if (interlude.get()) return mode.get() + " · " + firmware.get() + " · " + where + "  (any key: go on to the menu)";
        String waits = screen != null && screen.timeoutMs() == null && !path.isEmpty() ? " · no timeout: waits for a choice" : "";
        return mode.get() + " · " + firmware.get() + " · " + where + waits + "  (↑/↓ move, Enter choose, Esc back)";
    }

    private void show(ConsoleBuffer b, String act, String k) {
        console.set(b);
        action.set(act);
        kind.set(k);
        status.set(statusLine());
    }

    private void draw() {
        if (screen == null) return;
        console.set(switch (mode.get()) {
            case IPXE -> ConsoleRenderer.ipxe(screen, selected, secondsLeft, menu.get().colours());
            case PXELINUX -> ConsoleRenderer.menuC32(screen, selected, secondsLeft);
            case GRUB -> {
                String[] c = menu.get().colours() == null ? new String[2] : GrubGenerator.menuColours(menu.get().colours());
                yield ConsoleRenderer.grub(screen, selected, secondsLeft, c[0], c[1]);
            }
        });
    }

    static int indexOf(Screen s, String id) {
        if (id == null) return -1;
        for (int i = 0; i < s.lines().size(); i++) if (id.equals(s.lines().get(i).id())) return i;
        return -1;
    }

    static int nextItem(Screen s, int from, int step) {
        int n = s.lines().size();
        for (int i = from + step; i >= 0 && i < n; i += step) if (!s.lines().get(i).gap()) return i;
        return from < 0 ? 0 : from;
    }

    private void key() {
        if (secondsLeft != null) {
            secondsLeft = null;
            counting.set(false);
        }
    }

    public void up() {
        if (interlude.get()) {
            goOn();
            return;
        }
        if (screen == null) return;
        key();
        selected = nextItem(screen, selected, -1);
        draw();
    }

    public void down() {
        if (interlude.get()) {
            goOn();
            return;
        }
        if (screen == null) return;
        key();
        selected = nextItem(screen, selected, 1);
        draw();
    }

    /** Chooses the highlighted item; after an action, starts again. */
    public void enter() {
        if (interlude.get()) {
            goOn();
            return;
        }
        if (screen == null) {
            restart();
            return;
        }
        String id = selectedId();
        if (id == null) return;
        path.add(id);
        run(true);
    }

    /**
     * Esc: in a menu, iPXE cancels it (the script decides what follows), menu.c32 and GRUB leave a submenu (GRUB's
     * main menu ignores it); after an action, back to the menu.
     */
    public void escape() {
        if (interlude.get()) {
            goOn();
            return;
        }
        if (screen == null) {
            if (!path.isEmpty()) path.remove(path.size() - 1);
            run(false, true);
            return;
        }
        key();
        if (mode.get() == Mode.IPXE) {
            path.add("esc");
            run(true);
        } else if (!path.isEmpty()) {
            path.remove(path.size() - 1);
            run(false);
        } else if (mode.get() == Mode.GRUB) {
            status.set(statusLine() + " · Esc does nothing in GRUB's main menu");
        } else {
            screen = null;
            inMenu.set(false);
            show(ConsoleRenderer.text(List.of("boot: ")), "menu.c32 exits to the boot: prompt", "prompt");
        }
    }

    /** One second of the countdown; at zero the highlighted item is chosen, as on the client. */
    public void tick() {
        if (secondsLeft == null || screen == null) return;
        secondsLeft--;
        if (secondsLeft <= 0) {
            secondsLeft = null;
            counting.set(false);
            enter();
        } else draw();
    }

    static String describe(FinalAction a) {
        StringBuilder sb = new StringBuilder();
        switch (a.kind()) {
            case BOOT -> sb.append("boot kernel ").append(a.target());
            case CHAIN -> sb.append("chain ").append(a.target());
            case SANBOOT -> sb.append("sanboot ").append(a.target() == null ? "" : a.target());
            case EXIT -> sb.append("exit: leave network boot, the firmware tries the next boot device");
            case LOCALBOOT -> sb.append("local boot ").append(a.target() == null ? "" : a.target());
            case SHELL -> sb.append("iPXE shell");
            case REBOOT -> sb.append("reboot");
            case POWEROFF -> sb.append("power off");
            case COM32 -> sb.append("run ").append(a.target());
            case FAILED -> sb.append("fails");
            case STOPPED -> sb.append("stopped");
            case WAIT -> sb.append("waits at the menu for a choice");
        }
        if (!a.args().isEmpty()) sb.append("\n  args   ").append(a.args());
        for (String i : a.initrds()) sb.append("\n  initrd ").append(i);
        if (!a.message().isEmpty()) sb.append("\n  ").append(a.message());
        return sb.toString();
    }

    /** The files an action needs from the served root: relative paths and local URLs under the next-server. */
    List<String> localFiles(FinalAction a) {
        List<String> out = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        if (a.kind() == FinalAction.Kind.BOOT || a.kind() == FinalAction.Kind.CHAIN || a.kind() == FinalAction.Kind.SANBOOT
                || a.kind() == FinalAction.Kind.COM32) {
            if (a.target() != null) refs.add(a.target());
            refs.addAll(a.initrds());
        }
        for (String r : refs) {
            String u = r.trim();
            int sp = u.indexOf(' ');
            if (sp > 0) u = u.substring(0, sp);
            String rel = underRoot(u);
            if (rel != null) out.add(rel);
            else if (!u.contains("://") && !u.startsWith("${") && !u.isEmpty()) {
                int q = u.indexOf('?');
                if (q >= 0) u = u.substring(0, q);
                out.add(u.startsWith("/") ? u.substring(1) : u);
            }
        }
        return out;
    }

    /**
     * The path under the served root a URL the client fetches names: URLs under the menu's base URL (as the client
     * expands it) or under {@code http://next-server/}; null for anything else, and for Bootbench's own {@code /_/}.
     */
    String underRoot(String url) {
        String ns = profile(List.of()).nextServer();
        Menu m = menu.get();
        List<String> bases = new ArrayList<>();
        if (m != null && m.baseUrl() != null) bases.add(m.baseUrl().replace("${next-server}", ns).replace("${net0/next-server}", ns));
        bases.add("http://" + ns);
        for (String b : bases) {
            String base = b.endsWith("/") ? b : b + "/";
            if (!url.startsWith(base)) continue;
            String rel = url.substring(base.length());
            int q = rel.indexOf('?');
            if (q >= 0) rel = rel.substring(0, q);
            while (rel.startsWith("/")) rel = rel.substring(1);
            if (rel.isEmpty() || rel.startsWith("_/")) return null;
            return rel;
        }
        return null;
    }

    /**
     * Whether {@code rel} is under the served root, as far as known: not yet looked at counts as there, and is looked
     * at off the FX thread; when it turns out missing, the preview runs again.
     */
    private boolean known(String rel) {
        Boolean p = present.get(rel);
        if (p != null) return p;
        Path r = root.get();
        if (r == null) return true;
        if (looking.add(rel)) {
            background.execute(() -> {
                boolean there;
                try {
                    there = Files.exists(r.resolve(rel).normalize());
                } catch (InvalidPathException e) {
                    there = false;
                }
                boolean found = there;
                Platform.runLater(() -> {
                    looking.remove(rel);
                    Boolean before = present.put(rel, found);
                    if (!found && before == null) run(counting.get() || (screen == null && pending == null && path.isEmpty()));
                });
            });
        }
        return true;
    }

    private void checkFiles(FinalAction a) {
        List<String> files = localFiles(a);
        Path r = root.get();
        if (files.isEmpty() || r == null) return;
        long g = generation;
        Consumer<List<String>> apply = gone -> {
            if (g != generation) return;
            missing.setAll(gone);
            if (!gone.isEmpty()) action.set(action.get() + "\n\nmissing under the served root:\n  " + String.join("\n  ", gone));
        };
        background.execute(() -> {
            List<String> gone = new ArrayList<>();
            for (String f : files) {
                try {
                    if (!Files.exists(r.resolve(f).normalize())) gone.add(f);
                } catch (InvalidPathException e) {
                    gone.add(f);
                }
            }
            Platform.runLater(() -> apply.accept(gone));
        });
    }
}
