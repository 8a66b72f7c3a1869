package dev.bootbench.ui.files;

import dev.bootbench.engine.boot.RootLayout;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.ui.AppContext;
import dev.bootbench.workspace.BootProgramFinder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The served root as a tree, the boot programs found on the system, and copying files into the root (all I/O in the background). */
public final class FilesViewModel {
    private static final Logger log = LoggerFactory.getLogger("app");
    private final AppContext ctx;
    private final ObjectProperty<FileNode> tree = new SimpleObjectProperty<>();
    private final ObjectProperty<BootProgramFinder.Report> programs = new SimpleObjectProperty<>();
    private final StringProperty rootPath = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final BooleanProperty scanning = new SimpleBooleanProperty();

    public FilesViewModel(AppContext ctx) {
        this.ctx = ctx;
    }

    private Path root() {
        String r = ctx.settings().root;
        return r == null || r.isBlank() ? null : Path.of(r);
    }

    /** Rescans the root and looks for boot programs again. */
    public CompletableFuture<Void> refresh() {
        Path root = root();
        rootPath.set(root == null ? "" : root.toString());
        List<Path> extra = new ArrayList<>();
        for (String f : ctx.uiState().bootProgramFolders) extra.add(Path.of(f));
        scanning.set(true);
        CompletableFuture<Void> scan = ctx.background(() -> {
            if (root == null) throw new IOException("No root folder is set: choose the folder to serve in Servers.");
            if (!Files.isDirectory(root)) throw new IOException("The root folder " + root + " does not exist: create it, or choose another in Servers.");
            return FileNode.scan(root);
        }).handle((node, err) -> {
            Platform.runLater(() -> {
                tree.set(node);
                if (err != null) error(cause(err));
                else if (node.truncated()) info("Showing the first " + FileNode.MAX_ENTRIES + " entries.");
            });
            return null;
        });
        CompletableFuture<Void> find = ctx.background(() -> BootProgramFinder.system(extra).scan()).handle((rep, err) -> {
            Platform.runLater(() -> {
                if (err != null) error("Looking for boot programs failed: " + cause(err));
                else programs.set(rep);
            });
            return null;
        });
        return CompletableFuture.allOf(scan, find).whenComplete((v, e) -> Platform.runLater(() -> scanning.set(false)));
    }

    /** Also look for boot programs in this folder (remembered in ui.json). */
    public CompletableFuture<Void> addSearchFolder(File dir) {
        String p = dir.getAbsolutePath();
        if (!ctx.uiState().bootProgramFolders.contains(p)) ctx.uiState().bootProgramFolders.add(0, p);
        ctx.saveUiState();
        return refresh();
    }

    /**
     * Copies the boot programs found that the boot paths set in Servers need into the root, each in its folder
     * ({@code ipxe/}, {@code bios/}, {@code efi64/}, {@code grub/}...): what the engine says they need
     * ({@link RootLayout#needed}), not every module found.
     */
    public CompletableFuture<Void> copyFound() {
        BootProgramFinder.Report rep = programs.get();
        Path root = root();
        if (rep == null || rep.found().isEmpty()) {
            error("No boot programs found to copy: install Debian's ipxe and pxelinux packages, or pick a folder that has them.");
            return CompletableFuture.completedFuture(null);
        }
        BootProgramFinder.Plan plan;
        try {
            plan = BootProgramFinder.plan(rep.found(), RootLayout.needed(EngineSetup.bootConfig(ctx.settings(), null, null, null)));
        } catch (IllegalArgumentException e) {
            error("The boot settings have an error (" + e.getMessage() + "): fix it in Servers first.");
            return CompletableFuture.completedFuture(null);
        }
        if (plan.copy().isEmpty()) {
            error("None of the programs found is used by the boot paths set in Servers" + (plan.notFound().isEmpty() ? "." : "; they need "
                    + String.join(", ", plan.notFound()) + "."));
            return CompletableFuture.completedFuture(null);
        }
        return ctx.background(() -> {
            if (root == null) throw new IOException("No root folder is set: choose the folder to serve in Servers.");
            return BootProgramFinder.copyInto(plan.copy(), root);
        }).handle((written, err) -> {
            Platform.runLater(() -> {
                if (err != null) error("Copy failed: " + cause(err));
                else {
                    TreeSet<String> folders = new TreeSet<>();
                    for (BootProgramFinder.Found f : plan.copy()) folders.add(f.target().substring(0, f.target().indexOf('/') + 1));
                    String where = " (" + String.join(", ", folders) + ")";
                    String missing = plan.notFound().isEmpty() ? "" : " Not found: " + String.join(", ", plan.notFound()) + ".";
                    info((written.isEmpty() ? "The root already has what the boot paths need" + where + "."
                            : "Copied " + written.size() + (written.size() == 1 ? " file" : " files") + " the boot paths need into" + where + ".")
                            + missing);
                    log.info("copied {} boot programs into {}{}", written.size(), root, where);
                }
            });
            return null;
        }).thenCompose(v -> refresh());
    }

    /** Copies dropped files and folders into {@code folder} under the root (the root itself when null). */
    public CompletableFuture<Void> addFiles(List<File> files, Path folder) {
        Path root = root();
        Path target = folder != null ? folder : root;
        return ctx.background(() -> {
            if (root == null || !Files.isDirectory(root)) throw new IOException("No root folder to copy into: choose one in Servers.");
            if (!target.normalize().startsWith(root.normalize())) throw new IOException(target + " is outside the root");
            int n = 0;
            for (File f : files) n += copy(f.toPath(), target.resolve(f.getName()));
            return n;
        }).handle((n, err) -> {
            Platform.runLater(() -> {
                if (err != null) error("Adding files failed: " + cause(err));
                else info("Added " + n + (n == 1 ? " file." : " files."));
            });
            return null;
        }).thenCompose(v -> refresh());
    }

    private static int copy(Path src, Path dst) throws IOException {
        if (Files.isDirectory(src)) {
            Files.createDirectories(dst);
            int n = 0;
            try (var s = Files.list(src)) {
                for (Path p : (Iterable<Path>) s::iterator) n += copy(p, dst.resolve(p.getFileName().toString()));
            }
            return n;
        }
        Path tmp = dst.resolveSibling("." + dst.getFileName() + ".part");
        Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 1;
    }

    private static String cause(Throwable t) {
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException)) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private void error(String m) {
        messageIsError.set(true);
        message.set(m);
    }

    private void info(String m) {
        messageIsError.set(false);
        message.set(m);
    }

    public ObjectProperty<FileNode> treeProperty() { return tree; }
    public ObjectProperty<BootProgramFinder.Report> programsProperty() { return programs; }
    public StringProperty rootPathProperty() { return rootPath; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public BooleanProperty scanningProperty() { return scanning; }
}
