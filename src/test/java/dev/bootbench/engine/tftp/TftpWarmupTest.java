package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The made-up requests a fresh TFTP server runs before it listens (#19) go the whole way (the error of a name that is
 * not there, a served file's first blocks, with and without options) and touch nothing real: no packet, no event on
 * the stream the sessions, the window and the log read, no log line, no transfer left running, the file unchanged.
 */
class TftpWarmupTest {
    @TempDir
    Path root;
    private final List<EngineEvent> published = new ArrayList<>();
    private TftpServer server;

    private TftpServer server() throws java.io.IOException {
        EventBus bus = new EventBus();
        bus.subscribe(published::add);
        server = new TftpServer(TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false)), bus, null, new OpenFiles());
        return server;
    }

    @AfterEach
    void close() {
        if (server != null) server.close();
    }

    @Test
    void everyMadeUpRequestIsAnsweredAndNothingRealIsTouched() throws Exception {
        byte[] content = new byte[100_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31);
        Files.write(root.resolve("undionly.kpxe"), content);
        TftpServer s = server();
        ch.qos.logback.classic.Logger tftpLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("tftp");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        tftpLog.addAppender(lines);
        int answered;
        try {
            answered = TftpWarmup.run(s, 30);
        } finally {
            tftpLog.detachAppender(lines);
        }
        assertEquals(30, answered, "not-found errors, and three blocks of the served file, plain and with options");
        assertEquals(List.of(), published, "nothing on the real event stream");
        assertEquals(List.of(), lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList(), "nothing in the log a technician reads");
        assertEquals(0, s.activeTransfers());
        assertArrayEquals(content, Files.readAllBytes(root.resolve("undionly.kpxe")));
    }

    @Test
    void anEmptyFolderGetsOnlyTheNamesThatAreNotThere() throws Exception {
        assertEquals(12, TftpWarmup.run(server(), 12), "each made-up request answered with 'file not found'");
        assertEquals(List.of(), published);
    }

    @Test
    void theServerRunsItBeforeItListensAndThenServesRealClients() throws Exception {
        Files.write(root.resolve("f"), new byte[3000]);
        TftpServer s = server();
        s.start();
        try (var c = new TestTftpClient(s.address())) {
            c.rrq("missing", "octet");
            assertInstanceOf(TftpPacket.Error.class, c.next());
        }
        // the real request's events only: the made-up ones never reached the bus
        assertEquals(1, published.stream().filter(e -> e instanceof dev.bootbench.engine.TransferFinished).count(), published.toString());
    }
}
