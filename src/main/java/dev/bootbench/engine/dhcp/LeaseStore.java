package dev.bootbench.engine.dhcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool's leases in the workspace: {@code leases.json} (written atomically) plus an
 * append-only journal {@code leases.journal}, one JSON line per change of a kept lease. The journal
 * is written and fsync'd at most every {@value #SYNC_MILLIS} ms (a crash loses at most that much),
 * and compacted into {@code leases.json} when it passes {@value #COMPACT_ENTRIES} lines and on close.
 * Restoring reads {@code leases.json}, then replays the journal of the same generation (a torn last
 * line, from a crash mid-write, is ignored and logged).
 */
public final class LeaseStore implements AutoCloseable, LeasePool.Journal {
    private static final Logger log = LoggerFactory.getLogger("dhcp");
    static final long SYNC_MILLIS = 1000;
    static final int COMPACT_ENTRIES = 20_000;
    public static final String FILE = "leases.json";
    public static final String JOURNAL = "leases.journal";
    public static final int SCHEMA_VERSION = 1;
    /** The workspace's mapper without indenting: one journal entry per line. */
    private static final ObjectMapper LINE_JSON = Workspace.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final ObjectWriter LINE_WRITER = LINE_JSON.writerFor(JournalLine.class);

    /** The file's layout. {@code generation}: the journal that continues it has the same. */
    public static final class LeaseFile {
        public int schemaVersion = SCHEMA_VERSION;
        public long generation;
        public List<Lease> leases = new ArrayList<>();
    }

    /** One journal line: a client's kept lease ({@code mac}) or a quarantine ({@code declined}); lease null: gone. A header line has only {@code generation}. */
    public record JournalLine(Long generation, String mac, String declined, Lease lease) {}

    private final Workspace workspace;
    private final LeasePool pool;
    /** A change as the pool reported it: {@code mac} set for a client's lease, else {@code declined} for a quarantine. */
    private record Change(String mac, int declined, LeasePool.Entry entry) {
        JournalLine line() {
            Lease l = entry == null ? null : entry.toLease();
            return mac != null ? new JournalLine(null, mac, null, l) : new JournalLine(null, null, Ipv4.format(declined), l);
        }
    }

    private final ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-writer");
        t.setDaemon(true);
        return t;
    });
    private long generation;
    private FileChannel journal; // only the writer (or close, after it stopped) touches it
    private int journalEntries;

    public LeaseStore(Workspace workspace, LeasePool pool) {
        this.workspace = workspace;
        this.pool = pool;
    }

    /** Loads saved leases into the pool and starts saving its changes. */
    public void open() {
        LeaseFile f = workspace.read(FILE, LeaseFile.class, SCHEMA_VERSION);
        Map<String, Lease> byMac = new LinkedHashMap<>();
        Map<String, Lease> declined = new LinkedHashMap<>();
        if (f != null && f.leases != null) {
            for (Lease l : f.leases) {
                if (l == null || l.mac() == null || l.address() == null || l.state() == null) continue;
                if (l.state() == Lease.State.DECLINED) declined.put(l.address(), l);
                else byMac.put(l.mac(), l);
            }
            generation = f.generation;
        }
        int replayed = replay(generation, byMac, declined); // no file yet: generation 0, as the first journal
        List<Lease> all = new ArrayList<>(byMac.values());
        all.addAll(declined.values());
        pool.restore(all);
        if (f != null || replayed > 0) log.info("restored {} leases from {} ({} journal entries)", all.size(), workspace.file(FILE), replayed);
        if (replayed > 0) compact(); // start the next journal from a file that holds everything so far
        pool.journal(this);
        writer.scheduleWithFixedDelay(this::sync, SYNC_MILLIS, SYNC_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Applies the journal of this generation; returns how many changes it held. */
    private int replay(long fileGeneration, Map<String, Lease> byMac, Map<String, Lease> declined) {
        Path p = workspace.file(JOURNAL);
        if (!Files.exists(p)) return 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.error("could not read {}: {}; changes since {} was written are lost", p, e.getMessage(), FILE);
            return 0;
        }
        int n = 0;
        boolean ours = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            JournalLine j;
            try {
                j = LINE_JSON.readValue(line, JournalLine.class);
            } catch (JsonProcessingException e) {
                log.warn("{}: line {} is incomplete (cut short by a crash?); ignored it{}", p, i + 1,
                        i < lines.size() - 1 ? " and the " + (lines.size() - 1 - i) + " after it" : "");
                break;
            }
            if (j.generation() != null) {
                ours = j.generation() == fileGeneration;
                if (!ours) log.info("{} is older than {} (generation {}, not {}); ignored it", p, FILE, j.generation(), fileGeneration);
                continue;
            }
            if (!ours) continue;
            Lease l = j.lease();
            boolean valid = l == null || (l.mac() != null && l.address() != null && l.state() != null);
            if (!valid) continue;
            if (j.mac() != null) {
                if (l == null) byMac.remove(j.mac());
                else byMac.put(j.mac(), l);
                n++;
            } else if (j.declined() != null) {
                if (l == null) declined.remove(j.declined());
                else declined.put(j.declined(), l);
                n++;
            }
        }
        return n;
    }

    @Override
    public void clientLease(String mac, LeasePool.Entry lease) {
        pending.add(new Change(mac, 0, lease));
    }

    @Override
    public void quarantine(int address, LeasePool.Entry lease) {
        pending.add(new Change(null, address, lease));
    }

    /** Writes the pending changes to the journal and fsyncs it; compacts when it has grown long. */
    private synchronized void sync() {
        try {
            if (pending.isEmpty()) return;
            if (journal == null) startJournal();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            Change c;
            int n = 0;
            // one generator for the whole batch: a line per change, no per-line set-up
            try (JsonGenerator g = LINE_JSON.getFactory().createGenerator(out)) {
                g.setRootValueSeparator(null);
                while ((c = pending.poll()) != null) {
                    LINE_WRITER.writeValue(g, c.line());
                    g.writeRaw('\n');
                    n++;
                }
            }
            ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
            while (b.hasRemaining()) journal.write(b);
            journal.force(false);
            journalEntries += n;
            if (journalEntries >= COMPACT_ENTRIES) compact();
        } catch (IOException | RuntimeException e) {
            log.error("could not save leases: {}", e.getMessage());
        }
    }

    private void startJournal() throws IOException {
        journal = FileChannel.open(workspace.file(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        byte[] header = (LINE_JSON.writeValueAsString(new JournalLine(generation, null, null, null)) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(header);
        while (b.hasRemaining()) journal.write(b);
        journalEntries = 0;
    }

    /**
     * Writes every kept lease to {@code leases.json} under the next generation, then empties the
     * journal. A crash in between leaves a journal of the old generation, which the file already covers.
     */
    private synchronized void compact() {
        LeaseFile f = new LeaseFile();
        f.generation = generation + 1;
        f.leases = pool.snapshot();
        try {
            workspace.write(FILE, f);
        } catch (RuntimeException e) {
            log.error("could not save leases: {}", e.getMessage());
            return;
        }
        generation = f.generation;
        try {
            if (journal != null) {
                journal.close();
                journal = null;
            }
            Files.deleteIfExists(workspace.file(JOURNAL));
        } catch (IOException e) {
            log.error("could not empty {}: {}", workspace.file(JOURNAL), e.getMessage());
        }
        journalEntries = 0;
    }

    /** Saves every lease to {@code leases.json} now. */
    public void flush() {
        sync();
        compact();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.journal(null);
        pending.clear(); // the snapshot below holds every change
        compact();
    }
}
