package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Any bytes parse, lint, import, regenerate and simulate without an exception. */
class IpxeParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyScript(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        IpxeScript s = IpxeParser.parse("fuzz.ipxe", text);
        long physical = text.split("\r\n|\n|\r", -1).length;
        List<Finding> fs = IpxeLinter.lint(s, LintOptions.defaults(), null);
        for (Finding f : fs) assertTrue(f.line() >= 0 && f.line() <= physical + 1 && f.column() >= 0, f.toString());
        Menu m = IpxeImporter.importScript(s).menu();
        String again = IpxeGenerator.generate(m);
        IpxeLinter.lint("again.ipxe", again);
        IpxeSimulator.run(s, ClientProfile.of(data.length % 2 == 0 ? Platform.PCBIOS : Platform.EFI, Arch.values()[data.length % 3])
                .withChoices("a", "esc"), new IpxeSimulator.Options(null, 2000));
    }
}
