package dev.bootbench.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarTextTest {
    @Test
    void leftOutReferencesLeaveTidyText() {
        assertEquals(new VarText.Result("Bootbench", List.of("mac", "platform", "buildarch")),
                VarText.strip("Bootbench: ${mac} (${platform} ${buildarch})"));
        assertEquals("Install now", VarText.strip("Install ${ver} now").text());
        assertEquals("", VarText.strip("${mac}").text());
        assertEquals("Menu [x]", VarText.strip("Menu [x] - ${net0/ip}").text());
        assertEquals(List.of("net0/ip"), VarText.strip("Menu [x] - ${net0/ip}").dropped());
    }

    @Test
    void mappedReferencesAreReplaced() {
        Map<String, String> grub = Map.of("mac", "${net_default_mac}", "platform", "${grub_platform}");
        VarText.Result r = VarText.translate("Bench: ${mac:hex} (${platform} ${product})", grub::get);
        assertEquals("Bench: ${net_default_mac} (${grub_platform})", r.text());
        assertEquals(List.of("product"), r.dropped());
    }

    @Test
    void textWithoutReferencesIsUntouched() {
        VarText.Result r = VarText.strip("  Costs $5 -- (really)  ");
        assertEquals("  Costs $5 -- (really)  ", r.text());
        assertFalse(r.lossy());
        assertEquals(List.of("net${i}/mac"), VarText.strip("a ${net${i}/mac} b").dropped());
        assertEquals("a", VarText.strip("a ${unterminated").text());
    }
}
