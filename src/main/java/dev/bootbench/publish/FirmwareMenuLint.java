package dev.bootbench.publish;

import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import dev.bootbench.workspace.Settings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the PXE firmware menu of the settings before it is served: items without a boot program (or whose program is
 * not in the served root), system types no firmware sends (or that read no PXE menu), a default that is not among a
 * system's items, and whatever else the engine would refuse (a menu too long for option 43, text a firmware cannot
 * show). Findings are about the file {@value #FILE}, line 0; the item's number (from 1) is the column.
 */
public final class FirmwareMenuLint {
    public static final String FILE = "settings.json#pxeMenu";

    private FirmwareMenuLint() {}

    /** @param root the served folder, or null: boot programs are not looked for */
    public static List<Finding> check(Settings.PxeMenu m, Path root) {
        List<Finding> out = new ArrayList<>();
        if (m == null || m.items == null || m.items.isEmpty()) return out;
        Set<Firmware> systems = new LinkedHashSet<>();
        int n = 0;
        for (Settings.PxeItem i : m.items) {
            n++;
            if (i == null) {
                out.add(finding(n, Severity.ERROR, "empty-item", "item " + n + " is empty"));
                continue;
            }
            String name = "item " + n + (i.label != null && !i.label.isBlank() ? " '" + i.label + "'" : "");
            boolean local = Boolean.TRUE.equals(i.local);
            boolean file = i.bootFile != null && !i.bootFile.isBlank();
            boolean server = i.server != null && !i.server.isBlank();
            if (!local && !file && !server) {
                out.add(finding(n, Severity.ERROR, "no-boot-program", name + " has no boot program (nor a boot server or the local disk)"));
            } else if (file && root != null && !inRoot(root, i.bootFile.trim())) {
                out.add(finding(n, Severity.WARNING, "missing-boot-program", name + ": its boot program " + i.bootFile.trim()
                        + " is not in the served folder " + root));
            }
            int code;
            try {
                code = FirmwareMenu.parseSystem(i.system);
            } catch (IllegalArgumentException e) {
                out.add(finding(n, Severity.ERROR, "unknown-system", name + ": " + e.getMessage()));
                continue;
            }
            Firmware fw = Firmware.fromArchCode(code);
            if (fw == Firmware.UNKNOWN) {
                out.add(finding(n, Severity.WARNING, "unknown-system", name + ": no firmware Bootbench knows sends system type " + code
                        + " (bios 0, x64 7 or 9, ia32 6, arm32 10, arm64 11): it is never shown"));
            } else if (fw.isHttpBoot()) {
                out.add(finding(n, Severity.WARNING, "http-boot-system", name + ": system type " + code + " is " + fw.label()
                        + ", which fetches its program over HTTP and reads no PXE menu: it is never shown"));
            } else {
                systems.add(fw);
            }
        }
        if (m.defaultItem != null && !m.defaultItem.isBlank()) {
            for (Firmware fw : systems) {
                boolean has = m.items.stream().anyMatch(i -> i != null && m.defaultItem.equals(i.label) && systemIs(i, fw));
                if (!has) {
                    out.add(finding(0, Severity.WARNING, "default-not-an-item", "the default '" + m.defaultItem + "' is not among the items for "
                            + fw.label() + ": its first item is taken after the timeout"));
                }
            }
        }
        if (out.stream().noneMatch(Finding::isError)) {
            try {
                EngineSetup.firmwareMenu(m);
            } catch (IllegalArgumentException e) {
                out.add(finding(0, Severity.ERROR, "invalid", e.getMessage()));
            }
        }
        return out;
    }

    private static boolean systemIs(Settings.PxeItem i, Firmware fw) {
        try {
            return Firmware.fromArchCode(FirmwareMenu.parseSystem(i.system)) == fw;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The file at its path, or (a bare name) in its folder of the root's layout, where DHCP gives it from. */
    private static boolean inRoot(Path root, String file) {
        for (Firmware fw : List.of(Firmware.BIOS, Firmware.UEFI_X64, Firmware.UEFI_IA32)) {
            String placed = dev.bootbench.engine.boot.RootLayout.place(file, fw, root);
            if (!placed.equals(file) && exists(root, placed)) return true;
        }
        return exists(root, file);
    }

    private static boolean exists(Path root, String file) {
        String p = file.replace('\\', '/');
        while (p.startsWith("/")) p = p.substring(1);
        try {
            Path f = root.resolve(p).normalize();
            return f.startsWith(root.normalize()) && Files.isRegularFile(f);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static Finding finding(int item, Severity s, String code, String message) {
        return new Finding(FILE, 0, item, s, code, message);
    }
}
