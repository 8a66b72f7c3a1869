package dev.bootbench.engine.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Open files shared by concurrent transfers: a hundred clients fetching the same kernel share one
 * {@link FileChannel} (read with positional reads, which are safe from many threads) and, for HTTP,
 * one read-only mapping. An entry is keyed by path, file identity, size and modification time, so a
 * file replaced or rewritten while served is opened afresh for the next transfer, while transfers
 * already running keep the version they started with. The channel is closed when its last user
 * releases it. Thread-safe.
 */
public final class OpenFiles {
    /** Mappings are made in segments of at most this size (a MappedByteBuffer holds at most 2 GiB). */
    private static final long SEGMENT = 1L << 30;

    private record Key(Path path, Object fileKey, long size, FileTime modified) {}

    private final Map<Key, Entry> open = new HashMap<>();

    /** Opens (or shares) the file; the caller must {@link Handle#close()} the handle exactly once. */
    public Handle open(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) throw new IOException(file + " is not a regular file");
        Key key = new Key(file, a.fileKey(), a.size(), a.lastModifiedTime());
        synchronized (open) {
            Entry e = open.get(key);
            if (e == null) {
                e = new Entry(key, FileChannel.open(file, StandardOpenOption.READ));
                open.put(key, e);
            }
            e.users++;
            return new Handle(e);
        }
    }

    /** How many distinct files are open now (for tests and diagnostics). */
    public int openCount() {
        synchronized (open) {
            return open.size();
        }
    }

    private void release(Entry e) {
        synchronized (open) {
            if (--e.users > 0) return;
            open.remove(e.key, e);
        }
        try {
            e.channel.close();
        } catch (IOException ignored) {
            // a read-only channel has nothing to lose on close
        }
    }

    private final class Entry {
        final Key key;
        final FileChannel channel;
        int users;
        MappedByteBuffer[] segments;

        Entry(Key key, FileChannel channel) {
            this.key = key;
            this.channel = channel;
        }

        synchronized MappedByteBuffer segment(int i) throws IOException {
            if (segments == null) segments = new MappedByteBuffer[(int) ((key.size + SEGMENT - 1) / SEGMENT)];
            if (segments[i] == null) {
                long pos = i * SEGMENT;
                segments[i] = channel.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(SEGMENT, key.size - pos));
            }
            return segments[i];
        }
    }

    /** One user's view of an open file. Not for sharing between threads without care; close once. */
    public final class Handle implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Handle(Entry entry) {
            this.entry = entry;
        }

        /** The size when the file was opened; transfers send exactly this many bytes at most. */
        public long size() {
            return entry.key.size;
        }

        public FileTime modified() {
            return entry.key.modified;
        }

        public Path path() {
            return entry.key.path;
        }

        /**
         * Reads up to {@code dst.remaining()} bytes at {@code position}; fewer only at the end of the
         * file (or when the file shrank under us). Returns the number of bytes read.
         */
        public int read(ByteBuffer dst, long position) throws IOException {
            int total = 0;
            while (dst.hasRemaining() && position + total < entry.key.size) {
                int n = entry.channel.read(dst, position + total);
                if (n < 0) break;
                total += n;
            }
            return total;
        }

        /**
         * A read-only buffer with the file's bytes from {@code position}, at most {@code max} of them
         * (fewer at a segment boundary): a slice of the shared mapping, no copy.
         */
        public ByteBuffer slice(long position, int max) throws IOException {
            Objects.checkIndex(position, entry.key.size);
            int seg = (int) (position / SEGMENT);
            MappedByteBuffer m = entry.segment(seg);
            int start = (int) (position - seg * SEGMENT);
            int n = (int) Math.min(max, m.capacity() - start);
            return m.slice(start, n).asReadOnlyBuffer();
        }

        /**
         * Sends up to {@code count} of the file's bytes from {@code position} straight to {@code target}
         * ({@link FileChannel#transferTo}: sendfile(2) on Linux, no copy through this process), at most
         * up to the size the file had when opened. Returns how many were sent: fewer, or 0, when a
         * non-blocking target cannot take more now.
         *
         * @throws IOException also when the file has shrunk below {@code position} since it was opened
         */
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            long n = Math.min(count, entry.key.size - position);
            if (n <= 0) return 0;
            long sent = entry.channel.transferTo(position, n, target);
            if (sent == 0 && entry.channel.size() <= position) {
                throw new IOException(entry.key.path + " shrank to " + entry.channel.size() + " bytes while being sent");
            }
            return sent;
        }

        @Override public void close() {
            if (closed) return;
            closed = true;
            release(entry);
        }
    }
}
