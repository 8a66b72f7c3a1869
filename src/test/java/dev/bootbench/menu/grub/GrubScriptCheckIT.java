package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.publish.SampleMenu;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRUB's own parser (grub-script-check, Debian's grub-common) reads every config the generator writes, and rejects
 * the broken ones ours reports as syntax errors.
 */
class GrubScriptCheckIT {
    @TempDir
    Path dir;

    @BeforeEach
    void requireGrub() {
        Lab.require(Lab.which("grub-script-check") != null, "'grub-script-check' is not installed (Debian: grub-common; bash .ci/run installs it)");
    }

    private Exec.Result check(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return Exec.run(Duration.ofSeconds(20), List.of(Lab.which("grub-script-check").toString(), f.toString()));
    }

    @Test
    void grubReadsEveryGeneratedConfig() throws Exception {
        List<Menu> menus = new ArrayList<>(List.of(Fixtures.everyKind(), GrubGeneratorTest.grubMenu(), SampleMenu.bench()));
        for (int seed = 0; seed < 300; seed++) menus.add(GrubGeneratorTest.menu(new Random(seed), 0, new int[] {0}));
        for (int i = 0; i < menus.size(); i++) {
            String text = GrubGenerator.generate(menus.get(i));
            Exec.Result r = check("m" + i + ".cfg", text);
            assertEquals(0, r.exitCode(), "menu " + i + ": " + r.stderr() + r.stdout() + "\n" + text);
        }
        for (String f : List.of("grub/debian-netboot.cfg", "grub/ubuntu-netboot.cfg", "grub/fedora-pxe.cfg")) {
            Menu imported = GrubImporter.importText(f, Fixtures.resource(f));
            assertEquals(0, check("again.cfg", GrubGenerator.generate(imported)).exitCode(), f);
        }
    }

    @Test
    void whatOurParserCallsBrokenGrubRejectsToo() throws Exception {
        for (String broken : List.of("if true; then\n  echo x\n", "menuentry 'x' {\n  linux /k\n", "echo 'open\n", "for x in a b; do echo $x\n",
                "menuentry 'a' { linux /k }\n}\n")) {
            assertFalse(GrubParser.parse("b", broken).problems().isEmpty(), broken);
            assertNotEquals(0, check("broken.cfg", broken).exitCode(), broken);
        }
        for (String fine : List.of("if true; then echo x; fi\n", "menuentry 'x' --id=x { linux /k; initrd /i }\n", "function f { echo $1; }\nf a\n")) {
            assertEquals(List.of(), GrubParser.parse("f", fine).problems(), fine);
            assertEquals(0, check("fine.cfg", fine).exitCode(), fine);
        }
    }
}
