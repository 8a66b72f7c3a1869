package dev.bootbench.testlab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measured QEMU-start-to-marker time of each boot scenario, printed and kept in target/boot-times.txt,
 * and the guard against slow boots: each scenario's expected time is in the repository
 * ({@code src/test/resources/dev/bootbench/qemu/boot-times-expected.txt}), and a boot that takes more
 * than {@link #GUARD} times that fails (in CI, or with {@code -Dbootbench.bootTimeGuard=true};
 * elsewhere it is only reported). Generous on purpose: a guard against regressions such as a server
 * that makes firmware wait, not a benchmark (that is {@code src/bench/boot}).
 */
public final class BootTimes {
    /** A boot may take this many times its expected time. */
    public static final double GUARD = 1.5;
    static final String EXPECTED = "/dev/bootbench/qemu/boot-times-expected.txt";

    private BootTimes() {}

    /** The expected seconds of each scenario, from the table in the repository. */
    public static Map<String, Double> expected() {
        Map<String, Double> m = new LinkedHashMap<>();
        try (InputStream in = BootTimes.class.getResourceAsStream(EXPECTED)) {
            if (in == null) throw new IllegalStateException(EXPECTED + " is missing from the test resources");
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                n++;
                String l = line.replaceFirst("#.*", "").trim();
                if (l.isEmpty()) continue;
                String[] f = l.split("\\s+");
                if (f.length != 2) throw new IllegalStateException(EXPECTED + ":" + n + ": want 'scenario seconds', got '" + line + "'");
                m.put(f[0], Double.parseDouble(f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Null when the boot took at most {@link #GUARD} times its expected time, else why it is too slow. */
    public static String tooSlow(String scenario, double seconds, Map<String, Double> expected) {
        Double e = expected.get(scenario);
        if (e == null) return "scenario " + scenario + " has no expected time in " + EXPECTED + " (measured " + fmt(seconds) + " s): add one";
        if (seconds <= GUARD * e) return null;
        return String.format(Locale.ROOT, "boot %s took %.1f s, more than %.1f x its expected %.1f s (%s): a boot this slow is a regression",
                scenario, seconds, GUARD, e, EXPECTED);
    }

    /** Fails a boot that {@link #tooSlow} finds too slow, in CI or when asked; elsewhere prints it. */
    public static void check(String scenario, double seconds) {
        String problem = tooSlow(scenario, seconds, expected());
        if (problem == null) return;
        if (Lab.inCi() || Boolean.getBoolean("bootbench.bootTimeGuard")) throw new AssertionError(problem);
        System.out.println("BOOT-TIME guard (not enforced outside CI): " + problem);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

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
