package dev.bootbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Severity;
import dev.bootbench.publish.SampleMenu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new workspace's first look at the Menus view: no errors for the sample menu, and what to add says how (#24). */
class FirstRunAnalysisTest {
    @Test
    void theSampleMenuInAnEmptyRootHasNoErrorsOnlyFilesToAddWithHowTo(@TempDir Path root) throws Exception {
        Analysis a = Analysis.of(SampleMenu.bench(), root);
        assertEquals(List.of(), a.problems().stream().filter(p -> p.finding().isError()).toList(), "errors on a first run");
        List<Problem> toAdd = a.problems().stream().filter(p -> p.finding().code().startsWith("missing-")).toList();
        assertTrue(toAdd.size() >= 3, "the kernel, initrd and syslinux modules are still named: " + a.problems());
        for (Problem p : toAdd) {
            assertEquals(Severity.WARNING, p.finding().severity());
            // each says what to do, and the panel has the action for it (the file or module it names)
            assertTrue(p.fix() != null && p.finding().message().contains(p.fix().label()), p.finding().message());
            assertTrue(p.fix().kind() == (p.finding().code().equals("missing-module") ? Problem.Fix.Kind.COPY_MODULES : Problem.Fix.Kind.ADD_FILE), p.toString());
        }
        assertTrue(toAdd.stream().anyMatch(p -> "vmlinuz".equals(p.fix().target())) && toAdd.stream().anyMatch(p -> "ldlinux.c32".equals(p.fix().target())),
                toAdd.toString());
        // once the files are there, they are not named at all
        Files.writeString(root.resolve("vmlinuz"), "k");
        Files.writeString(root.resolve("initrd.img"), "i");
        Analysis b = Analysis.of(SampleMenu.bench(), root);
        assertTrue(b.problems().stream().noneMatch(p -> p.finding().code().equals("missing-file")), b.problems().toString());
    }
}
