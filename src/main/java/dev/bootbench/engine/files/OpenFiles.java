package dev.bootbench.engine.files;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
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
 *
 * <p>A file is opened only inside the served root, checked on the file that was opened, not on its
 * name: a folder of the root swapped for a link to elsewhere between the look-up and the open (a race
 * any local user can run) must not serve a byte from outside. On Linux the file is opened once by
 * name ({@code open(2)}, non-blocking so that a FIFO swapped in cannot hang us), then everything else
 * goes through that descriptor, {@code /proc/self/fd/N}: the kernel's path of the opened file must be
 * under the root, its attributes are its own, and the channel read from is that same file opened again
 * through the descriptor. Elsewhere the real path is checked after opening (narrowing, not closing, the race).
 */
public final class OpenFiles {
    /** Mappings are made in segments of at most this size (a MappedByteBuffer holds at most 2 GiB). */
    private static final long SEGMENT = 1L << 30;

    private record Key(Path path, Object fileKey, long size, FileTime modified) {}

    private final Map<Key, Entry> open = new HashMap<>();

    /** The opened file is not under the served root (a link swapped in after the look-up). */
    public static final class OutsideRootException extends IOException {
        OutsideRootException(String message) {
            super(message);
        }
    }

    private interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        int close(int fd);
    }

    /** O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC (Linux, x86-64 and arm64 alike). */
    private static final int OPEN_FLAGS = 0 | 0400 | 04000 | 02000000;
    private static final boolean PROC_FD = Platform.isLinux() && Files.isDirectory(Path.of("/proc/self/fd"));

    /**
     * Opens (or shares) {@code file}, which must be under {@code root} (a real path, as
     * {@link PathResolver#root()}) when opened, whatever links are swapped meanwhile; the caller must
     * {@link Handle#close()} the handle exactly once.
     *
     * @throws OutsideRootException when the file opened is outside the root
     */
    public Handle open(Path file, Path root) throws IOException {
        if (!PROC_FD) return openByName(file, root);
        int fd;
        try {
            fd = LibC.C.open(file.toString(), OPEN_FLAGS);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + file + " (errno " + e.getErrorCode() + ")");
        }
        try {
            Path self = Path.of("/proc/self/fd/" + fd);
            Path opened = Files.readSymbolicLink(self); // the file opened, as the kernel names it now
            if (!opened.startsWith(root)) throw new OutsideRootException(file + " led to " + opened + ", outside the served folder " + root);
            BasicFileAttributes a = Files.readAttributes(self, BasicFileAttributes.class);
            if (!a.isRegularFile()) throw new IOException(file + " is not a regular file");
            return share(new Key(file, a.fileKey(), a.size(), a.lastModifiedTime()), self);
        } finally {
            LibC.C.close(fd);
        }
    }

    private Handle openByName(Path file, Path root) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) throw new IOException(file + " is not a regular file");
        Handle h = share(new Key(file, a.fileKey(), a.size(), a.lastModifiedTime()), file);
        if (!file.toRealPath().startsWith(root)) {
            h.close();
            throw new OutsideRootException(file + " is outside the served folder " + root);
        }
        return h;
    }

    /** The shared entry of this file version, opened through {@code from} when it is not open yet. */
    private Handle share(Key key, Path from) throws IOException {
        synchronized (open) {
            Entry e = open.get(key);
            if (e == null) {
                e = new Entry(key, FileChannel.open(from, StandardOpenOption.READ));
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
