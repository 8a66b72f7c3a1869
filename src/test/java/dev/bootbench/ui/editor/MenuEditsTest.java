package dev.bootbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuEditsTest {
    static Menu menu() {
        Menu sub = Menu.builder("Sub").entry("s1", "S1", new BootAction.Shell()).build();
        return Menu.builder("M").defaultEntry("b")
                .entry("a", "A", new BootAction.Shell())
                .entry("b", "B", new BootAction.Reboot())
                .entry("sub", "Sub", new BootAction.Submenu(sub))
                .entry("c", "C", new BootAction.Poweroff())
                .build();
    }

    static List<String> ids(Menu m) {
        return m.entries().stream().map(Entry::id).toList();
    }

    @Test
    void movesWithinAMenu() {
        MenuEdits.Moved m = MenuEdits.move(menu(), List.of(0), List.of(), 2);
        assertEquals(List.of("b", "a", "sub", "c"), ids(m.menu()));
        assertEquals(List.of(1), m.path());
        m = MenuEdits.move(menu(), List.of(3), List.of(), 0);
        assertEquals(List.of("c", "a", "b", "sub"), ids(m.menu()));
    }

    @Test
    void movesIntoAndOutOfSubmenus() {
        MenuEdits.Moved m = MenuEdits.move(menu(), List.of(1), List.of(2), 1);
        assertEquals(List.of("a", "sub", "c"), ids(m.menu()));
        assertEquals(List.of("s1", "b"), ids(MenuEdits.menuAt(m.menu(), List.of(1))));
        assertEquals(List.of(1, 1), m.path());
        assertNull(m.menu().defaultEntry(), "the default moved away");
        MenuEdits.Moved back = MenuEdits.move(m.menu(), List.of(1, 0), List.of(), 0);
        assertEquals(List.of("s1", "a", "sub", "c"), ids(back.menu()));
        assertThrows(IllegalArgumentException.class, () -> MenuEdits.move(menu(), List.of(2), List.of(2), 0));
    }

    @Test
    void renamesReferencesAndFindsFreeIds() {
        Menu r = MenuEdits.renameReferences(menu(), "b", "bb");
        assertEquals("bb", r.defaultEntry());
        assertEquals("a-2", MenuEdits.freeId(menu(), "a"));
        assertEquals("my-kernel", MenuEdits.freeId(menu(), "My Kernel!"));
        assertEquals(List.of(2, 0), MenuEdits.pathOf(menu(), "s1"));
        Menu removed = MenuEdits.remove(menu(), List.of(1));
        assertNull(removed.defaultEntry(), "removing the default clears it");
    }
}
