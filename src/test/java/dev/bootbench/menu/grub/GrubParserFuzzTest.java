package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Any bytes parse (sourcing themselves), lint, import, regenerate and simulate without an exception. */
class GrubParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyConfig(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        GrubScript s = GrubParser.parse("grub.cfg", text);
        long physical = text.split("\r\n|\n|\r", -1).length;
        for (Finding f : GrubLinter.lint(s, LintOptions.defaults(), null, p -> Optional.of(text)))
            assertTrue(f.line() >= 0 && f.line() <= physical + 1 && f.column() >= 0, f.toString());
        for (GrubNode n : s.nodes()) assertTrue(n.start() >= 0 && n.start() <= n.end() && n.end() <= text.length(), n.toString());
        Menu m = GrubImporter.importScript(s).menu();
        String again = GrubGenerator.generate(m);
        GrubLinter.lint("again.cfg", again);
        GrubSimulator.run(s, ClientProfile.of(data.length % 2 == 0 ? Platform.PCBIOS : Platform.EFI, Arch.values()[data.length % 3])
                .withChoices("a", "esc", "0"), new GrubSimulator.Options(p -> Optional.of(text), 2000));
    }
}
