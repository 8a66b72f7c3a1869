package dev.bootbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering rules of DEVELOPERS.md, checked on the sources. */
class ArchitectureTest {
    private static final Path MAIN = Paths.get("src/main/java/dev/bootbench");
    private static final Pattern FX_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?(javafx|org\\.controlsfx|org\\.fxmisc)\\.", Pattern.MULTILINE);

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void nothingOutsideUiImportsJavaFx() throws IOException {
        List<Path> all = sources(MAIN);
        assertTrue(all.size() > 5, "the source tree was found");
        List<String> offenders = all.stream()
                .filter(p -> !p.startsWith(MAIN.resolve("ui")))
                .filter(p -> {
                    try {
                        String text = Files.readString(p);
                        return FX_IMPORT.matcher(text).find() || text.contains("javafx.application.");
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                })
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders, "JavaFX may only be used in dev.bootbench.ui");
    }

    @Test
    void theEngineDoesNotDependOnTheApp() throws IOException {
        List<String> offenders = sources(MAIN.resolve("engine")).stream().filter(p -> {
            try {
                String t = Files.readString(p);
                return t.contains("import dev.bootbench.ui.") || t.contains("import dev.bootbench.cli.");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).map(Path::toString).toList();
        assertEquals(List.of(), offenders, "the engine must not import ui or cli");
    }
}
