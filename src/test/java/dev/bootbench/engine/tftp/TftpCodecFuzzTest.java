package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bootbench.engine.files.PathResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the TFTP decoder with whatever may arrive on port 69: a datagram is a packet or a
 * TftpFormatException, never another exception; what decodes encodes and decodes to the same
 * packet; a requested name never resolves outside the served root. Regression inputs:
 * {@code src/test/resources/dev/bootbench/engine/tftp/TftpCodecFuzzTestInputs/decode/}.
 */
class TftpCodecFuzzTest {
    private static final Path TMP;
    private static final Path ROOT;
    private static final PathResolver PATHS;

    static {
        try {
            Path tmp = Files.createTempDirectory("bb-tftp-fuzz");
            TMP = tmp;
            ROOT = Files.createDirectories(tmp.resolve("root"));
            Files.writeString(ROOT.resolve("pxelinux.0"), "x");
            Files.writeString(tmp.resolve("outside"), "secret");
            Files.createSymbolicLink(ROOT.resolve("link"), tmp.resolve("outside"));
            PATHS = new PathResolver(ROOT, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeRoot() throws IOException {
        try (Stream<Path> all = Files.walk(TMP)) { // the symlink is deleted, not followed
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) throws TftpFormatException {
        TftpPacket p;
        try {
            p = TftpCodec.decode(data, 0, data.length);
        } catch (TftpFormatException e) {
            return; // refused: fine
        }
        TftpPacket q = TftpCodec.decode(TftpCodec.encode(p));
        if (p instanceof TftpPacket.Request r) {
            var s = (TftpPacket.Request) q;
            assertEquals(r.filename(), s.filename());
            assertEquals(r.mode(), s.mode());
            assertEquals(r.options(), s.options());
            assertEquals(r.write(), s.write());
            if (PATHS.resolve(r.filename()) instanceof PathResolver.Found f) {
                assertTrue(f.file().startsWith(PATHS.root()), r.filename() + " resolved to " + f.file());
            }
        } else {
            assertEquals(p, q);
        }
    }
}
