package dev.bootbench.engine.tftp;

import dev.bootbench.engine.files.OpenFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.TreeMap;

/** The payload of each DATA block of one transfer, readable again for retransmission. */
interface BlockSource {
    /**
     * Puts block {@code block}'s payload (1-based, never wrapped) at {@code dst}'s position: {@code
     * blockSize} bytes, fewer only for the last block. Returns the payload length.
     */
    int read(long block, ByteBuffer dst) throws IOException;

    /** Blocks below {@code block} are acknowledged and will not be read again. */
    default void acknowledgedBelow(long block) {}

    /** How much {@link ReadAhead} reads at once. */
    int READ_AHEAD = 64 * 1024;

    /** What is sent: an open file, or bytes made for the client. */
    interface Content {
        long size();

        /** Reads up to {@code dst.remaining()} bytes at {@code position}; fewer only at the end. Returns how many. */
        int read(ByteBuffer dst, long position) throws IOException;

        static Content of(OpenFiles.Handle file) {
            return new Content() {
                @Override public long size() {
                    return file.size();
                }

                @Override public int read(ByteBuffer dst, long position) throws IOException {
                    return file.read(dst, position);
                }
            };
        }

        static Content of(byte[] bytes) {
            return new Content() {
                @Override public long size() {
                    return bytes.length;
                }

                @Override public int read(ByteBuffer dst, long position) {
                    if (position >= bytes.length) return 0;
                    int n = (int) Math.min(dst.remaining(), bytes.length - position);
                    dst.put(bytes, (int) position, n);
                    return n;
                }
            };
        }
    }

    /**
     * Octet mode: block n is the file's bytes from (n-1) × blockSize, read positionally from the shared
     * channel; small blocks through a {@link ReadAhead}, so one read serves many blocks.
     */
    static BlockSource octet(OpenFiles.Handle file, int blockSize) {
        return octet(Content.of(file), blockSize);
    }

    static BlockSource octet(Content file, int blockSize) {
        if (blockSize * 4 <= READ_AHEAD) return new ReadAhead(file, blockSize);
        return (block, dst) -> {
            long pos = (block - 1) * blockSize;
            long left = file.size() - pos;
            if (left <= 0) return 0;
            int want = (int) Math.min(blockSize, left);
            int lim = dst.limit();
            dst.limit(dst.position() + want);
            try {
                return file.read(dst, pos);
            } finally {
                dst.limit(lim);
            }
        };
    }

    /**
     * Octet blocks from a buffer holding the next {@link #READ_AHEAD} bytes (a whole number of blocks)
     * of the file: one system call for many blocks. A block outside the buffer (a retransmission from
     * before it, the first block after it) refills it from that block on. A file that shrank gives a
     * short block where its data ends, as a direct read would.
     */
    final class ReadAhead implements BlockSource {
        private final Content file;
        private final int blockSize;
        private final ByteBuffer chunk;
        private long chunkStart = -1;

        ReadAhead(Content file, int blockSize) {
            this.file = file;
            this.blockSize = blockSize;
            this.chunk = ByteBuffer.allocate(READ_AHEAD / blockSize * blockSize);
        }

        @Override public int read(long block, ByteBuffer dst) throws IOException {
            long pos = (block - 1) * blockSize;
            if (pos >= file.size()) return 0;
            if (chunkStart < 0 || pos < chunkStart || pos >= chunkStart + chunk.limit()) {
                chunk.clear();
                file.read(chunk, pos);
                chunk.flip();
                chunkStart = pos;
            }
            int at = (int) (pos - chunkStart);
            int n = Math.min(blockSize, Math.min(chunk.limit() - at, dst.remaining()));
            dst.put(dst.position(), chunk, at, n);
            dst.position(dst.position() + n);
            return n;
        }
    }

    /**
     * Netascii mode (RFC 1350 / RFC 764): LF goes out as CR LF and CR as CR NUL, so the wire size is
     * not known in advance. The conversion runs forward; a checkpoint (source offset, byte still owed)
     * is kept at the start of every block not yet acknowledged, so a window can be sent again.
     */
    static BlockSource netascii(OpenFiles.Handle file, int blockSize) {
        return new Netascii(Content.of(file), blockSize);
    }

    static BlockSource netascii(Content file, int blockSize) {
        return new Netascii(file, blockSize);
    }

    final class Netascii implements BlockSource {
        private record Mark(long source, int owed) {}

        private final Content file;
        private final int blockSize;
        private final TreeMap<Long, Mark> marks = new TreeMap<>();
        private final ByteBuffer chunk = ByteBuffer.allocate(16384);
        private long chunkStart = -1;

        Netascii(Content file, int blockSize) {
            this.file = file;
            this.blockSize = blockSize;
            marks.put(1L, new Mark(0, -1));
        }

        private int byteAt(long pos) throws IOException {
            if (pos >= file.size()) return -1;
            if (chunkStart < 0 || pos < chunkStart || pos >= chunkStart + chunk.limit()) {
                chunk.clear();
                file.read(chunk, pos);
                chunk.flip();
                chunkStart = pos;
                if (chunk.limit() == 0) return -1;
            }
            return chunk.get((int) (pos - chunkStart)) & 0xff;
        }

        @Override public int read(long block, ByteBuffer dst) throws IOException {
            Mark m = marks.get(block);
            if (m == null) throw new IllegalStateException("netascii block " + block + " asked for out of order");
            long src = m.source;
            int owed = m.owed;
            int out = 0;
            if (owed >= 0) {
                dst.put((byte) owed);
                out++;
                owed = -1;
            }
            while (out < blockSize) {
                int c = byteAt(src);
                if (c < 0) break;
                src++;
                if (c == '\n' || c == '\r') {
                    dst.put((byte) '\r');
                    out++;
                    int second = c == '\n' ? '\n' : 0;
                    if (out < blockSize) {
                        dst.put((byte) second);
                        out++;
                    } else {
                        owed = second;
                    }
                } else {
                    dst.put((byte) c);
                    out++;
                }
            }
            marks.put(block + 1, new Mark(src, owed));
            return out;
        }

        @Override public void acknowledgedBelow(long block) {
            marks.headMap(block).clear();
        }
    }
}
