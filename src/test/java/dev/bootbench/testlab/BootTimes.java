package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The measured QEMU-start-to-marker time of each boot scenario, printed and kept in target/boot-times.txt. */
public final class BootTimes {
    private BootTimes() {}

    public static Path file() {
        return Lab.targetDir().resolve("boot-times.txt");
    }

    /** Prints {@code BOOT-TIME scenario=... seconds=...} and replaces the scenario's line in target/boot-times.txt. */
    public static synchronized void record(String scenario, double seconds, String note) {
        String line = String.format(Locale.ROOT, "BOOT-TIME scenario=%s seconds=%.1f%s", scenario, seconds,
                note == null || note.isBlank() ? "" : " " + note);
        System.out.println(line);
        try {
            Path f = file();
            List<String> lines = new ArrayList<>();
            if (Files.exists(f)) {
                for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!l.startsWith("BOOT-TIME scenario=" + scenario + " ")) lines.add(l);
                }
            }
            lines.add(line);
            Files.write(f, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("could not write boot times: " + e);
        }
    }
}
