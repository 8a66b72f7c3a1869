package dev.bootbench.ui.editor;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the served root (and the folders in it) so the editor's problems follow the files as they come and go:
 * {@code changed} runs on the watch thread after something under the root was created, deleted or modified. The
 * root to watch is handed over with {@link #follow} (the editor does it on each analysis); null watches nothing.
 */
final class RootWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("editor");
    /** Folders registered at most (a served root holding a whole distribution tree is watched at its top levels). */
    static final int MAX_DIRS = 2000;

    private final Runnable changed;
    private final Thread thread;
    private volatile Path wanted;
    private volatile boolean closed;
    private Path watching;
    private WatchService service;
    private int dirs;

    RootWatch(Runnable changed) {
        this.changed = changed;
        this.thread = new Thread(this::run, "root-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watch this root from now on (null: none). */
    void follow(Path root) {
        wanted = root == null ? null : root.toAbsolutePath().normalize();
    }

    private void run() {
        while (!closed) {
            try {
                Path w = wanted;
                if (!Objects.equals(w, watching)) rewatch(w);
                if (service == null) {
                    Thread.sleep(500);
                    continue;
                }
                WatchKey key = service.poll(500, TimeUnit.MILLISECONDS);
                if (key == null) continue;
                boolean any = false;
                do {
                    for (WatchEvent<?> e : key.pollEvents()) {
                        any = true;
                        if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path dir && e.context() instanceof Path name) {
                            Path p = dir.resolve(name);
                            if (Files.isDirectory(p)) register(p);
                        }
                    }
                    key.reset();
                    key = service.poll(); // what else came in the same moment: one change for a copy of many files
                } while (key != null);
                if (any) changed.run();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                if (closed) return;
            } catch (RuntimeException e) {
                log.warn("watching the served root {}: {}", watching, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void rewatch(Path root) {
        closeService();
        watching = root;
        dirs = 0;
        if (root == null || !Files.isDirectory(root)) {
            if (root != null) watching = null; // not there yet: try again when it is
            return;
        }
        try {
            service = FileSystems.getDefault().newWatchService();
            register(root);
            changed.run(); // what changed between the analysis that named this root and the watch starting
        } catch (IOException e) {
            log.warn("cannot watch the served root {}: {}; problems there are updated on the next edit", root, e.getMessage());
        }
    }

    private void register(Path dir) {
        try (Stream<Path> s = Files.walk(dir, 6)) {
            for (Path d : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                if (dirs >= MAX_DIRS) return;
                d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                dirs++;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("not watching {}: {}", dir, e.toString());
        }
    }

    private void closeService() {
        if (service == null) return;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing a watch service does not fail in a way we could act on
        }
        service = null;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
