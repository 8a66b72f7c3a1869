package dev.bootbench.menu.pxelinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PxelinuxImporterTest {
    /** Every label of every file opens two more files: without a bound, 2^8 nested imports of one small config. */
    @Test
    void submenusThatNameEachOtherAgainAndAgainAreReadABoundedNumberOfTimes() {
        java.util.function.Function<String, String> cfg = f -> "UI menu.c32\nLABEL a\n  CONFIG " + f + "a\nLABEL b\n  CONFIG " + f + "b\n";
        int[] reads = {0};
        Menu m = PxelinuxImporter.importText("d", cfg.apply("d"), name -> {
            reads[0]++;
            return Optional.of(cfg.apply(name));
        });
        assertEquals(2, m.entries().size());
        assertTrue(m.entries().get(0).action() instanceof BootAction.Submenu, "a CONFIG label is a submenu");
        assertTrue(reads[0] <= PxelinuxImporter.MAX_SUBMENUS + 8, reads[0] + " files read");
        assertEquals(PxelinuxImporter.MAX_SUBMENUS, submenus(m), "the first submenus are imported, the rest are left as labels");
    }

    @Test
    void aConfigThatIncludesOneFileOverAndOverMakesAtMostSoManyEntries() {
        // found by the fuzzer: each submenu includes the same 30-label file six times
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 30; i++) items.append("LABEL l").append(i).append("\n  KERNEL vmlinuz\n");
        StringBuilder sub = new StringBuilder();
        for (int i = 0; i < 6; i++) sub.append("INCLUDE items.cfg\n");
        for (int i = 0; i < 64; i++) sub.append("LABEL s").append(i).append("\n  CONFIG sub").append(i).append(".cfg\n");
        String text = sub.toString();
        Menu m = PxelinuxImporter.importText("default", text, n -> Optional.of(n.equals("items.cfg") ? items.toString() : text));
        int entries = entries(m);
        assertTrue(entries <= PxelinuxImporter.MAX_ENTRIES + 300, entries + " entries");
        assertTrue(entries >= 300, "the first level is whole: " + entries);
    }

    private static int entries(Menu m) {
        int n = 0;
        for (var e : m.entries()) n += 1 + (e.action() instanceof BootAction.Submenu s ? entries(s.menu()) : 0);
        return n;
    }

    private static int submenus(Menu m) {
        int n = 0;
        for (var e : m.entries()) if (e.action() instanceof BootAction.Submenu s) n += 1 + submenus(s.menu());
        return n;
    }
}
