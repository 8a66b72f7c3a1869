package dev.bootbench.engine.tftp;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.WarmupSize;
import dev.bootbench.engine.net.Ipv4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Runs a freshly started server's request path for made-up clients before it first listens: the request's
 * checks, the name's lookup in the served folder, the file's opening, the option negotiation, the first blocks and
 * the client's acknowledgements, the error of a name that is not there, and the finished transfer's log line (built,
 * not written); and the opening and closing of a transfer's socket. The made-up client answers at once through a
 * {@link TransferLink} of its own: no packet is sent, no event reaches the bus, nothing is logged (but the debug line
 * of how long it took), nothing is kept.
 *
 * <p>Why (issue #19): a fresh JVM interprets this path until it has compiled it. Read off the boot bench's packets
 * (uefi-syslinux.efi), a fresh server answered the firmware's first read request in 17–22 ms and its next ones in
 * 0.3–10 ms, against dnsmasq's 0.02–0.09 ms; on a bench network its first not-found answers took 2–10 ms and its first
 * file 46–54 ms to start, and the compiling took 0.07 s of the CPU the firmware's emulator needed during the boot.
 * {@code -Dbootbench.tftp.warmup=0} turns it off (for measuring it); another number sets the made-up requests.
 */
final class TftpWarmup {
    private static final Logger log = LoggerFactory.getLogger("tftp");
    static final int DEFAULT_REQUESTS = 120;
    /** The made-up client's address (TEST-NET-1, RFC 5737: never a real machine's). */
    private static final InetAddress MADE_UP = Ipv4.parse("192.0.2.1");

    private TftpWarmup() {}

    static int requests() {
        return WarmupSize.of("bootbench.tftp.warmup", DEFAULT_REQUESTS);
    }

    /** The made-up requests, now, on the caller's thread (none when {@link #requests()} is 0); never throws. */
    static void runNow(TftpServer server) {
        int n = requests();
        if (n == 0) return;
        long t0 = System.nanoTime();
        try {
            int done = run(server, n);
            log.debug("warm-up: {} made-up requests in {} ms", done, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            log.debug("warm-up stopped: {}", e.toString());
        }
    }

    /**
     * {@code requests} made-up read requests, in turn: a name the served folder does not have; a file it has, plain;
     * the same with blksize, tsize and windowsize. A file is a served one (a regular file at the folder's top, only
     * read); without one, only the names that are not there are asked for.
     *
     * @return the requests that were answered as such a client expects (an error, or the blocks it asked for)
     */
    static int run(TftpServer server, int requests) {
        String file = someServedFile(server.config().paths().root());
        int answered = 0;
        for (int i = 0; i < requests; i++) {
            if (i % 3 == 0) openAndClose(server);
            int kind = file == null ? 0 : i % 3;
            Map<String, String> options = new LinkedHashMap<>();
            if (kind == 2) {
                options.put("blksize", "1468");
                options.put("tsize", "0");
                options.put("windowsize", "4");
            }
            String name = kind == 0 ? "bootbench-warm-up/pxelinux.cfg/C0A8" + Integer.toHexString(i) : file;
            TftpPacket.Request req;
            try {
                // as the listener takes it: from the datagram
                byte[] rrq = TftpCodec.encode(new TftpPacket.Request(false, name, "octet", options, null));
                req = (TftpPacket.Request) TftpCodec.decode(rrq, 0, rrq.length);
            } catch (TftpFormatException | ClassCastException e) {
                return answered; // never: our own request
            }
            InetSocketAddress from = new InetSocketAddress(MADE_UP, 1024 + i);
            MadeUpClient client = new MadeUpClient(from, 3);
            server.transferOf(req, from, 0, new EventBus(), NOPLogger.NOP_LOGGER, () -> client).run();
            if (kind == 0 ? client.errors == 1 : client.acked >= 3) answered++;
        }
        return answered;
    }

    /** A transfer's own socket, as each request gets one: opened on the server's address, never used, closed. */
    private static void openAndClose(TftpServer server) {
        try {
            new TransferLink.Socket(server.openTransferChannel()).close();
        } catch (IOException e) {
            log.debug("warm-up: no transfer socket: {}", e.toString());
        }
    }

    /** A readable regular file at the top of the served folder, among its first {@value #LOOK_AT} entries; or null. */
    static String someServedFile(Path root) {
        if (root == null) return null;
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.isReadable(p)) return p.getFileName().toString();
                if (++seen >= LOOK_AT) break;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Entries of the served folder looked at for a file to read (a folder of thousands is not walked at each start). */
    static final int LOOK_AT = 64;

    /**
     * A client that answers each packet at once: the OACK and each block with its ACK, until it has {@code blocks}
     * blocks, then an error that ends the transfer (as a client that got what it wanted of a file would).
     */
    static final class MadeUpClient implements TransferLink {
        private final InetSocketAddress self;
        private final int blocks;
        private final ArrayDeque<byte[]> answers = new ArrayDeque<>();
        int acked;
        int errors;

        MadeUpClient(InetSocketAddress self, int blocks) {
            this.self = self;
            this.blocks = blocks;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean send(ByteBuffer datagram, InetSocketAddress to) throws IOException {
            byte[] b = new byte[datagram.remaining()];
            datagram.get(b);
            TftpPacket p;
            try {
                p = TftpCodec.decode(b, 0, b.length);
            } catch (TftpFormatException e) {
                return true; // never: the server's own packets
            }
            if (p instanceof TftpPacket.Oack) {
                answers.add(TftpCodec.encode(new TftpPacket.Ack(0)));
            } else if (p instanceof TftpPacket.Data d) {
                acked++;
                answers.add(TftpCodec.encode(d.block() >= blocks ? new TftpPacket.Error(0, "warm-up done") : new TftpPacket.Ack(d.block())));
            } else if (p instanceof TftpPacket.Error) {
                errors++;
            }
            return true;
        }

        @Override
        public SocketAddress receive(ByteBuffer into) {
            byte[] b = answers.poll();
            if (b == null) return null;
            into.put(b);
            return self;
        }

        /** Its answer is always there already; a wait without one ends the made-up transfer. */
        @Override
        public void awaitReadable(long until) throws IOException {
            if (answers.isEmpty()) throw new ClosedChannelException();
        }

        @Override
        public void awaitWritable(long until) {
            // a send never fails here
        }

        @Override
        public void spin() {
            Thread.onSpinWait();
        }

        @Override
        public void wakeup() {
            // nothing waits
        }

        @Override
        public void close() {
            answers.clear();
        }
    }
}
