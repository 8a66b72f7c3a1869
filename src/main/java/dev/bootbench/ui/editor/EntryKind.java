package dev.bootbench.ui.editor;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import java.util.List;

/** The kinds of menu items the editor can add, with their defaults. */
public enum EntryKind {
    LINUX("Linux kernel", "linux"),
    WIMBOOT("Windows PE (wimboot)", "winpe"),
    WDS("Windows Deployment Services", "wds"),
    ISO("ISO image", "iso"),
    CHAIN("Chain (boot program or script)", "chain"),
    LOCAL("Local disk", "local"),
    SHELL("iPXE shell", "shell"),
    REBOOT("Reboot", "reboot"),
    POWEROFF("Power off", "poweroff"),
    CUSTOM("Custom lines", "custom"),
    SUBMENU("Submenu", "submenu"),
    GAP("Gap / heading", null);

    public final String label;
    final String baseId;

    EntryKind(String label, String baseId) {
        this.label = label;
        this.baseId = baseId;
    }

    @Override
    public String toString() {
        return label;
    }

    public static EntryKind of(MenuItem item) {
        if (item instanceof Gap) return GAP;
        BootAction a = ((dev.bootbench.menu.Entry) item).action();
        if (a instanceof BootAction.Linux) return LINUX;
        if (a instanceof BootAction.Wimboot) return WIMBOOT;
        if (a instanceof BootAction.Wds) return WDS;
        if (a instanceof BootAction.Iso) return ISO;
        if (a instanceof BootAction.Chain) return CHAIN;
        if (a instanceof BootAction.LocalDisk) return LOCAL;
        if (a instanceof BootAction.Shell) return SHELL;
        if (a instanceof BootAction.Reboot) return REBOOT;
        if (a instanceof BootAction.Poweroff) return POWEROFF;
        if (a instanceof BootAction.Submenu) return SUBMENU;
        return CUSTOM;
    }

    /** A new item of this kind with an id unused in {@code whole}. */
    public MenuItem create(Menu whole) {
        if (this == GAP) return new Gap("");
        String id = MenuEdits.freeId(whole, baseId);
        BootAction a = switch (this) {
            case LINUX -> new BootAction.Linux("vmlinuz", List.of("initrd.img"), "");
            case WIMBOOT -> new BootAction.Wimboot("wimboot", "boot/bcd", "boot/boot.sdi", "sources/boot.wim");
            case WDS -> new BootAction.Wds(null);
            case ISO -> new BootAction.Iso("", null, true);
            case CHAIN -> new BootAction.Chain("", false);
            case LOCAL -> new BootAction.LocalDisk(null);
            case SHELL -> new BootAction.Shell();
            case REBOOT -> new BootAction.Reboot();
            case POWEROFF -> new BootAction.Poweroff();
            case CUSTOM -> new BootAction.Custom("echo Hello from Bootbench\nprompt Press a key ||", "");
            case SUBMENU -> new BootAction.Submenu(Menu.builder("Submenu").build());
            case GAP -> throw new IllegalStateException();
        };
        return new dev.bootbench.menu.Entry(id, label, a);
    }
}
