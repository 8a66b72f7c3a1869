package dev.bootbench.engine.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Names the process that holds a UDP port, where the OS tells (Linux /proc); null otherwise. */
public final class PortHolder {
    private PortHolder() {}

    public static String describeUdp(int port) {
        try {
            Set<String> inodes = new HashSet<>();
            for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                Path p = Paths.get(table);
                if (!Files.isReadable(p)) continue;
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[1].contains(":")) continue;
                    String hexPort = f[1].substring(f[1].lastIndexOf(':') + 1);
                    try {
                        if (Integer.parseInt(hexPort, 16) == port) inodes.add(f[9]);
                    } catch (NumberFormatException ignored) {
                        // header line
                    }
                }
            }
            if (inodes.isEmpty()) return null;
            List<String> holders = new ArrayList<>();
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Paths.get("/proc"), e -> e.getFileName().toString().matches("\\d+"))) {
                for (Path proc : procs) {
                    Path fds = proc.resolve("fd");
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(fds)) {
                        for (Path fd : ds) {
                            String target;
                            try {
                                target = Files.readSymbolicLink(fd).toString();
                            } catch (IOException e) {
                                continue;
                            }
                            if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                                String comm = Files.readString(proc.resolve("comm")).trim();
                                holders.add(comm + " (pid " + proc.getFileName() + ")");
                                break;
                            }
                        }
                    } catch (IOException | SecurityException e) {
                        // not ours to look at
                    }
                }
            }
            return holders.isEmpty() ? "another process (run as root to see which)" : String.join(", ", holders);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
