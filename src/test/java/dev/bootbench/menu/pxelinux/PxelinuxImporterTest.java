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

    private static int submenus(Menu m) {
        int n = 0;
        for (var e : m.entries()) if (e.action() instanceof BootAction.Submenu s) n += 1 + submenus(s.menu());
        return n;
    }
}
