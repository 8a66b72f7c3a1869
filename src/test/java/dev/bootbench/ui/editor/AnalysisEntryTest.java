package dev.bootbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor marks the entry a problem is about from what the check knows, not from ids quoted in the message (#20). */
class AnalysisEntryTest {
    @Test
    void aProblemIsAboutTheEntryTheCheckNamedAndNoOther() {
        Menu m = Menu.builder("Pick 'disk' on ${mac}")
                .entry("kernelless", "No kernel", new BootAction.Linux("", List.of(), ""))
                .entry("disk", "Boot from disk", new BootAction.LocalDisk(null))
                .build();
        Analysis a = Analysis.of(m, null);
        List<Problem> noKernel = a.problems().stream().filter(p -> p.finding().code().equals("missing-field")).toList();
        assertEquals(1, noKernel.size(), a.problems().toString());
        assertEquals("kernelless", noKernel.get(0).entryId());
        List<Problem> title = a.problems().stream().filter(p -> p.finding().message().startsWith("the menu title")).toList();
        assertTrue(!title.isEmpty(), "pxelinux and GRUB have no ${mac}: " + a.problems());
        assertTrue(title.stream().allMatch(p -> p.entryId() == null), "a title that quotes an entry id is about the menu: " + title);
    }
}
