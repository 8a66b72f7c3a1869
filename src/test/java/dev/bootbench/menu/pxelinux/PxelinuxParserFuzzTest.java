package dev.bootbench.menu.pxelinux;

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

/** Any bytes parse (with INCLUDE of itself), lint, import, regenerate and simulate without an exception. */
class PxelinuxParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyConfig(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        PxelinuxConfig cfg = PxelinuxParser.parse("default", text, n -> Optional.of(text));
        for (Finding f : PxelinuxLinter.lint(cfg, LintOptions.defaults(), data.length % 2 == 0 ? null : "syslinux.efi"))
            assertTrue(f.line() >= 0 && f.column() >= 0, f.toString());
        Menu m = PxelinuxImporter.importText("default", text, n -> n.length() % 2 == 0 ? Optional.of(text) : Optional.empty());
        PxelinuxGenerator.generate(m, new PxelinuxGenerator.Options(Platform.EFI, null));
        PxelinuxSimulator.run(ClientProfile.of(Platform.PCBIOS, Arch.I386).withChoices("a"), n -> Optional.of(text));
    }
}
