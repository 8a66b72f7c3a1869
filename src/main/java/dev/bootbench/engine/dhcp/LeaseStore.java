package dev.bootbench.engine.dhcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.workspace.Workspace;
import dev.bootbench.workspace.WorkspaceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
 * append-only journal {@code leases.journal}, one JSON line per change of a kept lease.
 *
 * <p>Durability: {@link #commit()} writes the changes noted so far to the journal (to the operating
 * system, in one write for all of them), and the DHCP server calls it before it sends an ACK, so a
 * crash of the process never loses an acknowledged lease. The journal is fsync'd at most every
 * {@value #SYNC_MILLIS} ms: a crash of the whole machine (power loss) can lose the changes of the last
 * second; the pool then offers the addresses handed out in that time last (see
 * {@link LeasePool#resumePoint()}). When the journal cannot be written (disk full, read-only), commit
 * says so and no new lease is acknowledged until it can be (logged once when it starts and once when
 * it ends). It is compacted into {@code leases.json} when it passes {@value #COMPACT_ENTRIES} lines
 * and on close.
 *
 * <p>{@link #open()} refuses a workspace it cannot write (a clear {@link WorkspaceException}), creating
 * the folder when it does not exist yet. Restoring reads {@code leases.json} entry by entry, then
 * replays the journal of the same generation line by line: whatever is damaged (an entry that is not
 * a lease, a line cut short by a crash, garbage) is skipped alone, said exactly in the log, and the file
 * it came from is kept as {@code NAME.broken-<time>} before it is rewritten.
 */
public final class LeaseStore implements AutoCloseable, LeasePool.Journal {
    private static final Logger log = LoggerFactory.getLogger("dhcp");
    static final long SYNC_MILLIS = 1000;
    static final int COMPACT_ENTRIES = 20_000;
    public static final String FILE = "leases.json";
    public static final String JOURNAL = "leases.journal";
    public static final int SCHEMA_VERSION = 1;
    /** The workspace's mapper without indenting or nulls: one short journal entry per line. */
    private static final ObjectMapper LINE_JSON = Workspace.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * The file's layout. {@code generation}: the journal that continues it has the same. {@code next}:
     * where new addresses are picked from after a restart (null in files of earlier versions).
     */
    public static final class LeaseFile {
        public int schemaVersion = SCHEMA_VERSION;
        public long generation;
        public String next;
        public List<Lease> leases = new ArrayList<>();
    }

    /**
     * One journal line: a client's kept lease ({@code mac}), a quarantine ({@code declined}) or the pool's
     * resume point ({@code next}); lease null: gone. A header line has only {@code generation}.
     */
    public record JournalLine(Long generation, String mac, String declined, Lease lease, String next) {}

    /** A change as the pool reported it: a client's lease ({@code mac} set), a quarantine ({@code declined}), or a resume point ({@code next}). */
    private record Change(String mac, int declined, LeasePool.Entry entry, int next) {
        /**
         * Appends its journal line, the JSON of {@link JournalLine} (nulls left out), written by hand: this
         * runs on the DHCP thread before each ACK, where Jackson's general path costs several microseconds.
         */
        void appendTo(Bytes b) {
            if (mac != null) {
                b.ascii("{\"mac\":\"").ascii(mac).ascii("\"");
                appendLease(b);
            } else if (next != 0) {
                b.ascii("{\"next\":\"").address(next).ascii("\"");
            } else {
                b.ascii("{\"declined\":\"").address(declined).ascii("\"");
                appendLease(b);
            }
            b.ascii("}\n");
        }

        private void appendLease(Bytes b) {
            if (entry == null) return;
            b.ascii(",\"lease\":{\"mac\":\"").ascii(entry.mac()).ascii("\",\"address\":\"").address(entry.address())
                    .ascii("\",\"state\":\"").ascii(entry.state().name()).ascii("\",\"expiresAtMillis\":").ascii(Long.toString(entry.expiresAtMillis()));
            if (entry.hostname() != null) {
                b.ascii(",\"hostname\":\"");
                byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(entry.hostname());
                b.write(quoted, 0, quoted.length);
                b.ascii("\"");
            }
            b.ascii("}");
        }
    }

    /** Encoded journal lines not yet written (kept when a write fails, written again with the next). */
    private static final class Bytes extends ByteArrayOutputStream {
        private ByteBuffer direct = ByteBuffer.allocateDirect(16384);

        Bytes() {
            super(8192);
        }

        /** MACs, addresses, numbers, names of states: ASCII only. */
        Bytes ascii(String s) {
            int n = s.length();
            ensureCapacity(count + n);
            for (int i = 0; i < n; i++) buf[count++] = (byte) s.charAt(i);
            return this;
        }

        Bytes address(int a) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                int v = (a >>> shift) & 0xff;
                ensureCapacity(count + 4);
                if (v >= 100) buf[count++] = (byte) ('0' + v / 100);
                if (v >= 10) buf[count++] = (byte) ('0' + v / 10 % 10);
                buf[count++] = (byte) ('0' + v % 10);
                if (shift > 0) buf[count++] = '.';
            }
            return this;
        }

        private void ensureCapacity(int n) {
            if (n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(n, 2 * buf.length));
        }

        /** The bytes in a direct buffer of its own (a heap buffer would be copied into a temporary one on every write). */
        ByteBuffer buffer() {
            if (direct.capacity() < count) direct = ByteBuffer.allocateDirect(Math.max(count, 2 * direct.capacity()));
            direct.clear();
            direct.put(buf, 0, count).flip();
            return direct;
        }
    }

    /**
     * A journal that encodes each change as {@link #commit()} does and keeps nothing: for the made-up exchanges of
     * {@link DhcpWarmup}, so a fresh server's first real ACKs do not run the encoding for the first time.
     */
    static LeasePool.Journal scratchJournal() {
        return new LeasePool.Journal() {
            private final java.util.ArrayDeque<Change> noted = new java.util.ArrayDeque<>();
            private final Bytes lines = new Bytes();

            @Override
            public void clientLease(String mac, LeasePool.Entry lease) {
                noted.add(new Change(mac, 0, lease, 0));
            }

            @Override
            public void quarantine(int address, LeasePool.Entry lease) {
                noted.add(new Change(null, address, lease, 0));
            }

            @Override
            public void resumeAt(int address) {
                noted.add(new Change(null, 0, null, address));
            }

            @Override
            public boolean commit() {
                Change c;
                while ((c = noted.poll()) != null) c.appendTo(lines);
                lines.buffer();
                lines.reset();
                return true;
            }
        };
    }

    private final Workspace workspace;
    private final LeasePool pool;
    private final ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-writer");
        t.setDaemon(true);
        return t;
    });
    // all below: guarded by this
    private long generation;
    private FileChannel journal;
    /** Bytes of the journal known to be written: the next write goes there (over anything a failed write left). */
    private long journalSize;
    private int journalEntries;
    private final Bytes unwritten = new Bytes();
    private int unwrittenEntries;
    /** Written since the last fsync. */
    private boolean dirty;
    /** Why the last write failed, while it keeps failing; null when saving works. */
    private String failure;
    private String syncFailure;
    private String compactFailure;

    public LeaseStore(Workspace workspace, LeasePool pool) {
        this.workspace = workspace;
        this.pool = pool;
    }

    /** Reading only (see {@link #peek}): no copies kept, nothing moved aside, nothing logged. */
    private boolean quiet;

    /**
     * The leases as the workspace has them saved (the lease file and its journal), read without changing or logging
     * anything, for showing them while DHCP is stopped. Damaged entries are left out (DHCP's start reports them).
     */
    public static List<Lease> peek(Workspace workspace) {
        LeaseStore s = new LeaseStore(workspace, null);
        s.quiet = true;
        Map<String, Lease> byMac = new LinkedHashMap<>();
        Map<String, Lease> declined = new LinkedHashMap<>();
        String[] next = {null};
        boolean exists = Files.exists(workspace.file(FILE));
        Long generation = s.readLeaseFile(byMac, declined, next);
        s.replay(exists ? generation : Long.valueOf(0), byMac, declined, next);
        List<Lease> all = new ArrayList<>(byMac.values());
        all.addAll(declined.values());
        return all;
    }

    /**
     * Loads saved leases into the pool and starts saving its changes: writes {@code leases.json} and a new
     * journal at once, so that a workspace that cannot be written is refused here, before any lease is
     * handed out.
     *
     * @throws WorkspaceException when the workspace cannot be written, or its lease file is of a newer Bootbench
     */
    public void open() {
        try {
            Files.createDirectories(workspace.dir());
        } catch (IOException e) {
            throw refused(e);
        }
        Map<String, Lease> byMac = new LinkedHashMap<>();
        Map<String, Lease> declined = new LinkedHashMap<>();
        String[] next = {null};
        boolean exists = Files.exists(workspace.file(FILE));
        Long fileGeneration = readLeaseFile(byMac, declined, next);
        if (exists && fileGeneration == null) {
            log.warn("{} could not be read: changes in {} of any generation are replayed", workspace.file(FILE), JOURNAL);
        }
        generation = fileGeneration != null ? fileGeneration : 0;
        int replayed = replay(exists ? fileGeneration : Long.valueOf(0), byMac, declined, next);
        List<Lease> all = new ArrayList<>(byMac.values());
        all.addAll(declined.values());
        pool.restore(all);
        if (next[0] != null) pool.resumeAt(Ipv4.toInt(Ipv4.parse(next[0])));
        if (exists || replayed > 0) log.info("restored {} leases from {} ({} journal entries)", all.size(), workspace.file(FILE), replayed);
        synchronized (this) {
            try {
                writeLeaseFile(); // everything restored, under a new generation
                startJournal();
                journal.force(false);
            } catch (IOException | RuntimeException e) {
                closeJournal();
                throw refused(e);
            }
        }
        pool.journal(this);
        writer.scheduleWithFixedDelay(this::sync, SYNC_MILLIS, SYNC_MILLIS, TimeUnit.MILLISECONDS);
    }

    private WorkspaceException refused(Exception e) {
        String why = e instanceof WorkspaceException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        String message = "cannot save leases in " + workspace.dir() + " (" + why + "); Bootbench does not hand out addresses"
                + " it could not keep across a restart: make the folder writable or give --workspace a folder that is";
        log.error("{}", message);
        return new WorkspaceException(message, e);
    }

    private static boolean valid(Lease l) {
        if (l == null || l.mac() == null || l.address() == null || l.state() == null) return false;
        try {
            MacAddress.parse(l.mac());
            Ipv4.parse(l.address());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads {@code leases.json} entry by entry into the maps. Returns its generation; null when it is
     * missing or could not be read at all (then it was moved aside by the workspace, and logged).
     */
    private Long readLeaseFile(Map<String, Lease> byMac, Map<String, Lease> declined, String[] next) {
        JsonNode tree;
        if (quiet) {
            try {
                tree = Files.exists(workspace.file(FILE)) ? LINE_JSON.readTree(workspace.file(FILE).toFile()) : null;
            } catch (IOException e) {
                tree = null;
            }
            if (tree != null && (!tree.isObject() || tree.path("schemaVersion").asInt(0) > SCHEMA_VERSION)) tree = null;
        } else {
            tree = workspace.readTree(FILE, SCHEMA_VERSION);
        }
        if (tree == null) return null;
        List<String> skipped = new ArrayList<>();
        JsonNode leases = tree.get("leases");
        int total = 0;
        if (leases != null && leases.isArray()) {
            total = leases.size();
            for (int i = 0; i < leases.size(); i++) {
                Lease l;
                try {
                    l = LINE_JSON.treeToValue(leases.get(i), Lease.class);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    l = null;
                }
                if (!valid(l)) {
                    skipped.add(Integer.toString(i + 1));
                    continue;
                }
                if (l.state() == Lease.State.DECLINED) declined.put(l.address(), l);
                else byMac.put(l.mac(), l);
            }
        } else if (leases != null && !leases.isNull()) {
            skipped.add("'leases' (not a list)");
        }
        JsonNode n = tree.get("next");
        if (n != null && n.isTextual()) {
            try {
                next[0] = Ipv4.parse(n.asText()).getHostAddress();
            } catch (IllegalArgumentException e) {
                skipped.add("'next' (" + clip(n.asText()) + ")");
            }
        }
        if (!skipped.isEmpty() && !quiet) {
            Path copy = workspace.keepCopy(FILE);
            log.warn("{}: skipped {} of {} entries that are not valid leases ({}); restored the other {}{}", workspace.file(FILE),
                    skipped.size(), total, list("entry", "entries", skipped), total - skipped.size(),
                    copy != null ? "; kept the file as it was in " + copy : "");
        }
        return tree.path("generation").asLong(0);
    }

    /**
     * Applies the journal to the maps, line by line; {@code fileGeneration} null: the lease file could
     * not be read, so the journal is taken whatever its generation. Returns how many changes it held.
     */
    private int replay(Long fileGeneration, Map<String, Lease> byMac, Map<String, Lease> declined, String[] next) {
        Path p = workspace.file(JOURNAL);
        if (!Files.exists(p)) return 0;
        String text;
        try {
            text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (quiet) return 0;
            Path copy = workspace.keepCopy(JOURNAL);
            log.error("could not read {}: {}; the changes since {} was written are not restored{}", p, e.getMessage(), FILE,
                    copy != null ? " (kept a copy as " + copy + ")" : "");
            return 0;
        }
        String[] lines = text.split("\n", -1);
        boolean lastCut = !text.isEmpty() && !text.endsWith("\n");
        int n = 0;
        Boolean ours = null; // null: no header read yet
        List<String> damaged = new ArrayList<>();
        boolean cutShort = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            JournalLine j;
            try {
                j = LINE_JSON.readValue(line, JournalLine.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                j = null;
            }
            if (j == null || !applicable(j)) {
                damaged.add(Integer.toString(i + 1));
                if (i == lines.length - 1 && lastCut) cutShort = true;
                continue;
            }
            if (j.generation() != null) {
                ours = fileGeneration == null || j.generation().longValue() == fileGeneration;
                if (!ours && !quiet) log.info("{} is older than {} (generation {}, not {}); ignored it", p, FILE, j.generation(), fileGeneration);
                continue;
            }
            // entries before any readable header: the header was damaged; they are replayed (they can only keep addresses held)
            if (Boolean.FALSE.equals(ours)) continue;
            Lease l = j.lease();
            if (j.mac() != null) {
                if (l == null) byMac.remove(j.mac());
                else byMac.put(j.mac(), l);
                n++;
            } else if (j.declined() != null) {
                if (l == null) declined.remove(j.declined());
                else declined.put(j.declined(), l);
                n++;
            } else {
                next[0] = j.next();
            }
        }
        if (!damaged.isEmpty() && !quiet) {
            Path copy = workspace.keepCopy(JOURNAL);
            String what = cutShort && damaged.size() == 1
                    ? "its last line (" + damaged.get(0) + ") was cut short (the process stopped while writing it)"
                    : damaged.size() + " damaged " + list("line", "lines", damaged) + (cutShort ? ", the last one cut short" : "");
            log.warn("{}: skipped {}; replayed the other {} entries{}", p, what, n, copy != null ? "; kept the journal as it was in " + copy : "");
        }
        return n;
    }

    /** A line we understand: a header, or one change whose lease (if any) is complete. */
    private static boolean applicable(JournalLine j) {
        if (j.generation() != null) return j.mac() == null && j.declined() == null && j.next() == null;
        int kinds = (j.mac() != null ? 1 : 0) + (j.declined() != null ? 1 : 0) + (j.next() != null ? 1 : 0);
        if (kinds != 1) return false;
        try {
            if (j.mac() != null) MacAddress.parse(j.mac());
            if (j.declined() != null) Ipv4.parse(j.declined());
            if (j.next() != null) {
                Ipv4.parse(j.next());
                return j.lease() == null;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return j.lease() == null || valid(j.lease());
    }

    private static String list(String one, String many, List<String> items) {
        int shown = Math.min(items.size(), 20);
        String s = (items.size() == 1 ? one : many) + " " + String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + " and " + (items.size() - shown) + " more" : s;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public void clientLease(String mac, LeasePool.Entry lease) {
        pending.add(new Change(mac, 0, lease, 0));
    }

    @Override
    public void quarantine(int address, LeasePool.Entry lease) {
        pending.add(new Change(null, address, lease, 0));
    }

    @Override
    public void resumeAt(int address) {
        pending.add(new Change(null, 0, null, address));
    }

    /**
     * Writes every change noted so far to the journal, in one write (the changes of several clients
     * group into one when they come together). Not fsync'd: a crash of this process cannot lose what
     * the write took; a power loss can lose the last second (see the class comment). Returns false when
     * the write failed: the changes stay queued for the next attempt, and what was promised on them must
     * not be.
     */
    @Override
    public synchronized boolean commit() {
        if (journal == null) return pending.isEmpty() && unwritten.size() == 0;
        encodePending();
        if (unwritten.size() == 0) return true;
        ByteBuffer b = unwritten.buffer();
        long pos = journalSize;
        try {
            while (b.hasRemaining()) pos += journal.write(b, pos);
        } catch (IOException e) {
            writeFailed(e);
            return false;
        }
        journalSize = pos;
        journalEntries += unwrittenEntries;
        unwritten.reset();
        unwrittenEntries = 0;
        dirty = true;
        if (failure != null) {
            log.info("leases are saved to {} again: acknowledging new leases again", workspace.file(JOURNAL));
            failure = null;
        }
        return true;
    }

    private void encodePending() {
        Change c;
        while ((c = pending.poll()) != null) {
            c.appendTo(unwritten);
            unwrittenEntries++;
        }
    }

    /** A failed write may have left part of it: cut the journal back to what is known whole, and say so once. */
    private void writeFailed(IOException e) {
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (e instanceof ClosedChannelException) {
            // closed under us (an interrupted writer): open it again where it was, nothing written is lost
            try {
                journal = FileChannel.open(workspace.file(JOURNAL), StandardOpenOption.WRITE);
            } catch (IOException again) {
                why = again.getMessage();
            }
        }
        try {
            journal.truncate(journalSize);
        } catch (IOException ignored) {
            // the next write goes over it anyway
        }
        if (failure == null) {
            log.error("cannot save leases to {}: {}; no new lease is acknowledged until they can be saved", workspace.file(JOURNAL), why);
        }
        failure = why;
    }

    /** Why saving leases fails now, or null when it works. */
    public synchronized String failure() {
        return failure;
    }

    /** Once a second: writes what is pending, fsyncs the journal (outside the lock: DHCP keeps committing), compacts when it is long. */
    private void sync() {
        FileChannel ch;
        synchronized (this) {
            commit();
            ch = dirty ? journal : null;
            dirty = false;
        }
        if (ch != null) {
            try {
                ch.force(false);
                syncFailure = null;
            } catch (ClosedChannelException e) {
                // compacted or closed meanwhile: the lease file holds it
            } catch (IOException e) {
                if (!e.toString().equals(syncFailure)) log.error("cannot flush {} to disk: {}", workspace.file(JOURNAL), e.getMessage());
                syncFailure = e.toString();
                synchronized (this) {
                    dirty = true;
                }
            }
        }
        synchronized (this) {
            if (journalEntries >= COMPACT_ENTRIES && failure == null) compact(true);
        }
    }

    private void startJournal() throws IOException {
        journal = FileChannel.open(workspace.file(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        byte[] header = (LINE_JSON.writeValueAsString(new JournalLine(generation, null, null, null, null)) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(header);
        long pos = 0;
        while (b.hasRemaining()) pos += journal.write(b, pos);
        journalSize = pos;
        journalEntries = 0;
    }

    /** Writes every kept lease to {@code leases.json} under the next generation. */
    private void writeLeaseFile() {
        LeaseFile f = new LeaseFile();
        f.generation = generation + 1;
        f.next = Ipv4.format(pool.resumePoint());
        f.leases = pool.snapshot();
        workspace.write(FILE, f);
        generation = f.generation;
    }

    /**
     * Writes every kept lease to {@code leases.json} under the next generation, then starts the journal
     * afresh ({@code reopen}) or removes it. A crash in between leaves a journal of the old generation,
     * which the file already covers. Changes made meanwhile wait in the queue for the new journal.
     */
    private synchronized boolean compact(boolean reopen) {
        try {
            writeLeaseFile();
        } catch (RuntimeException e) {
            // the journal keeps growing meanwhile: nothing is lost
            if (!java.util.Objects.equals(e.getMessage(), compactFailure)) log.error("could not save leases: {}", e.getMessage());
            compactFailure = e.getMessage();
            return false;
        }
        compactFailure = null;
        closeJournal();
        try {
            if (reopen) {
                startJournal();
                unwritten.reset(); // in the snapshot just written
                unwrittenEntries = 0;
            } else {
                Files.deleteIfExists(workspace.file(JOURNAL));
            }
        } catch (IOException e) {
            log.error("could not start {} afresh: {}", workspace.file(JOURNAL), e.getMessage());
            journal = null;
        }
        return true;
    }

    private void closeJournal() {
        if (journal == null) return;
        try {
            journal.close();
        } catch (IOException ignored) {
            // written data is in the file or reported already
        }
        journal = null;
    }

    /** Saves every lease to {@code leases.json} now. */
    public synchronized void flush() {
        commit();
        compact(true);
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
        synchronized (this) {
            commit(); // so that the journal holds everything if the lease file cannot be written
            if (!compact(false)) {
                try {
                    if (journal != null) journal.force(false);
                } catch (IOException e) {
                    log.error("cannot flush {} to disk: {}", workspace.file(JOURNAL), e.getMessage());
                }
                closeJournal();
            }
        }
    }
}
