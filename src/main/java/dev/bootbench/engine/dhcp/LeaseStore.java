package dev.bootbench.engine.dhcp;

import dev.bootbench.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool's leases in the workspace ({@code leases.json}, written atomically). Changes are
 * written at most every {@value #DEBOUNCE_MILLIS} ms, so a burst of clients costs one write, and once
 * more on close.
 */
public final class LeaseStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dhcp");
    static final long DEBOUNCE_MILLIS = 200;
    public static final String FILE = "leases.json";
    public static final int SCHEMA_VERSION = 1;

    /** The file's layout. */
    public static final class LeaseFile {
        public int schemaVersion = SCHEMA_VERSION;
        public List<Lease> leases = new ArrayList<>();
    }

    private final Workspace workspace;
    private final LeasePool pool;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-writer");
        t.setDaemon(true);
        return t;
    });

    public LeaseStore(Workspace workspace, LeasePool pool) {
        this.workspace = workspace;
        this.pool = pool;
    }

    /** Loads saved leases into the pool and starts saving its changes. */
    public void open() {
        LeaseFile f = workspace.read(FILE, LeaseFile.class, SCHEMA_VERSION);
        if (f != null && f.leases != null) {
            pool.restore(f.leases.stream().filter(l -> l != null && l.mac() != null && l.address() != null && l.state() != null).toList());
            log.info("restored {} leases from {}", f.leases.size(), workspace.file(FILE));
        }
        pool.onChange(() -> {
            if (dirty.compareAndSet(false, true)) writer.schedule(this::flush, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    public void flush() {
        dirty.set(false);
        LeaseFile f = new LeaseFile();
        f.leases = pool.snapshot();
        try {
            workspace.write(FILE, f);
        } catch (RuntimeException e) {
            log.error("could not save leases: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
