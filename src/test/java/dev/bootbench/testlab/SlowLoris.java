package dev.bootbench.testlab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A slowloris client for the real-peer tests: opens {@code --connections} HTTP connections, starts a
 * request on each and sends one more header line every {@code --every-ms}, never finishing, for
 * {@code --seconds}. Prints {@code CLOSED n OPEN m}: how many connections the server closed meanwhile.
 * Runs as its own process inside a client namespace:
 * {@code java -cp ... dev.bootbench.testlab.SlowLoris --host IP --port N [--connections 200] [--every-ms 3000] [--seconds 25]}
 */
public final class SlowLoris {
    public static void main(String[] argv) throws Exception {
        String host = "127.0.0.1";
        int port = 80, connections = 200, everyMs = 3000, seconds = 25;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--host" -> host = argv[i + 1];
                case "--port" -> port = Integer.parseInt(argv[i + 1]);
                case "--connections" -> connections = Integer.parseInt(argv[i + 1]);
                case "--every-ms" -> everyMs = Integer.parseInt(argv[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(argv[i + 1]);
                default -> throw new IllegalArgumentException(argv[i]);
            }
        }
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(1);
            s.getOutputStream().write(("GET /slow-" + i + " HTTP/1.1\r\nHost: bench\r\n").getBytes(StandardCharsets.US_ASCII));
            open.add(s);
        }
        int closed = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int tick = 0; System.nanoTime() < end; tick++) {
            Thread.sleep(everyMs);
            for (int i = open.size() - 1; i >= 0; i--) {
                Socket s = open.get(i);
                if (closedByServer(s)) {
                    open.remove(i).close();
                    closed++;
                    continue;
                }
                try {
                    s.getOutputStream().write(("X-Tick-" + tick + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    open.remove(i).close();
                    closed++;
                }
            }
        }
        System.out.println("CLOSED " + closed + " OPEN " + open.size());
        for (Socket s : open) s.close();
    }

    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read(new byte[4096]) < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
