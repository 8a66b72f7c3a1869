package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bootbench.engine.files.OpenFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockSourceTest {
    @TempDir Path tmp;
    final OpenFiles files = new OpenFiles();

    private byte[] file(int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Files.write(tmp.resolve("f"), b);
        return b;
    }

    private static byte[] block(BlockSource s, long n) throws IOException {
        ByteBuffer dst = ByteBuffer.allocateDirect(TftpCodec.MAX_PACKET);
        dst.put(new byte[4]); // where the DATA header goes
        int len = s.read(n, dst);
        assertEquals(4 + len, dst.position());
        byte[] out = new byte[len];
        dst.get(4, out);
        return out;
    }

    private static byte[] expected(byte[] content, int blk, long n) {
        int from = (int) Math.min(content.length, (n - 1) * blk);
        return Arrays.copyOfRange(content, from, Math.min(content.length, from + blk));
    }

    @Test
    void smallBlocksComeThroughTheReadAheadInAnyOrder() throws IOException {
        for (int blk : new int[] {512, 1428, 8192}) {
            byte[] content = file(300_001);
            long blocks = content.length / blk + 1;
            try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
                BlockSource s = BlockSource.octet(h, blk);
                assertInstanceOf(BlockSource.ReadAhead.class, s);
                // forward, as a transfer goes, across several read-ahead buffers
                for (long n = 1; n <= blocks; n++) assertArrayEquals(expected(content, blk, n), block(s, n), "block " + n + " of " + blk);
                // back again (retransmissions), then forward from the middle of a buffer
                for (long n : new long[] {3, 2, 1, blocks, 100, 45, 46, 47, blocks - 1}) {
                    if (n > blocks) continue;
                    assertArrayEquals(expected(content, blk, n), block(s, n), "block " + n + " of " + blk + " again");
                }
                assertEquals(0, block(s, blocks + 1).length, "past the end");
            }
        }
    }

    @Test
    void anExactMultipleEndsWithAnEmptyBlock() throws IOException {
        byte[] content = file(512 * 300);
        try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
            BlockSource s = BlockSource.octet(h, 512);
            assertArrayEquals(expected(content, 512, 300), block(s, 300));
            assertEquals(0, block(s, 301).length);
        }
    }

    @Test
    void largeBlocksAreReadDirectly() throws IOException {
        byte[] content = file(100_000);
        try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
            BlockSource s = BlockSource.octet(h, 65464);
            assertArrayEquals(expected(content, 65464, 2), block(s, 2));
            assertArrayEquals(expected(content, 65464, 1), block(s, 1));
        }
    }

    @Test
    void aFileThatShrankEndsWithAShortBlock() throws IOException {
        byte[] content = file(200_000);
        try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
            BlockSource s = BlockSource.octet(h, 512);
            assertArrayEquals(expected(content, 512, 1), block(s, 1));
            try (FileChannel ch = FileChannel.open(tmp.resolve("f"), StandardOpenOption.WRITE)) {
                ch.truncate(150_000);
            }
            // block 293 (bytes 149,504..150,015) lies beyond the first read-ahead buffer: read after the cut
            assertArrayEquals(Arrays.copyOfRange(content, 149_504, 150_000), block(s, 293));
            assertEquals(0, block(s, 294).length);
        }
    }
}
