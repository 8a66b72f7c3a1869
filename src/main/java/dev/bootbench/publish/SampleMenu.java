package dev.bootbench.publish;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import java.util.List;

/** The menu a new workspace starts with, so the menu editor is never empty. */
public final class SampleMenu {
    public static final String NAME = "Bench";

    private SampleMenu() {}

    /** "Bench": Linux from vmlinuz and initrd.img in the served root, the local disk, the iPXE shell and reboot. */
    public static Menu bench() {
        return Menu.builder("Bootbench: ${mac} (${platform} ${buildarch})")
                .defaultEntry("linux")
                .timeoutMs(10_000)
                .gap("Network boot")
                .entry("linux", "Linux: vmlinuz + initrd.img from the served folder",
                        new BootAction.Linux("vmlinuz", List.of("initrd.img"), "initrd=initrd.img"))
                .gap("")
                .gap("Other")
                .item(new Entry("local", "Boot from the local disk", new BootAction.LocalDisk(null)))
                .item(new Entry("shell", "iPXE shell", new BootAction.Shell()))
                .item(new Entry("reboot", "Reboot", new BootAction.Reboot()))
                .build();
    }
}
