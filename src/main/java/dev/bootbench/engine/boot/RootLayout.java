package dev.bootbench.engine.boot;

import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The layout of boot programs in the served root, one folder per kind, so a technician sees what is what:
 * <pre>
 * ipxe/    undionly.kpxe (BIOS), ipxe.efi and snponly.efi (UEFI): iPXE
 * bios/    pxelinux.0, lpxelinux.0, ldlinux.c32, the menu modules, memdisk: syslinux for BIOS
 * efi64/   syslinux.efi, ldlinux.e64, the menu modules: syslinux for 64-bit UEFI
 * efi32/   syslinux.efi, ldlinux.e32, the menu modules: syslinux for 32-bit UEFI
 * grub/    shimx64.efi, grubx64.efi, mmx64.efi (and the aa64 ones): Secure Boot and GRUB, shim beside the GRUB it
 *          loads, in GRUB's prefix folder, where it reads grub/grub.cfg
 * </pre>
 * The boot program set for a firmware as a bare name ({@code undionly.kpxe}, {@code lpxelinux.0}) is given from its
 * folder when the root has it there, else by that name at the top of the root as before: a root laid out flat by hand
 * or by an older Bootbench boots as it always did. syslinux (pxelinux, syslinux.efi) loaded from a folder reads its
 * {@code ldlinux} and modules there (its path prefix, option 210, is that folder), and what it does not find there
 * (pxelinux.cfg/, kernels named relative to the root) is served from the top of the root (see
 * {@link dev.bootbench.engine.files.PathResolver}).
 */
public final class RootLayout {
    private RootLayout() {}

    public static final String IPXE = "ipxe/";
    public static final String BIOS = "bios/";
    public static final String EFI64 = "efi64/";
    public static final String EFI32 = "efi32/";
    public static final String GRUB = "grub/";

    /** The folders where syslinux runs: what it asks for relative to them and they lack is looked up at the top. */
    public static final Set<String> SYSLINUX_FOLDERS = Set.of("bios", "efi64", "efi32");

    /** iPXE's programs: all three go to {@code ipxe/} as soon as any iPXE program is used (they are small). */
    public static final List<String> IPXE_PROGRAMS = List.of("undionly.kpxe", "ipxe.efi", "snponly.efi");

    /**
     * The syslinux modules Bootbench's pxelinux menus use: {@code menu.c32}/{@code vesamenu.c32} with the libraries they
     * load, {@code chain.c32} (local disk), {@code reboot.c32}, {@code poweroff.c32}.
     */
    public static final List<String> MENU_MODULES = List.of("libcom32.c32", "libutil.c32", "menu.c32", "vesamenu.c32", "chain.c32",
            "reboot.c32", "poweroff.c32");

    /**
     * The folder a boot program belongs in ({@code ipxe/}...), for the firmware that loads it (syslinux.efi is
     * {@code efi32/}'s for 32-bit UEFI, else {@code efi64/}'s); null for a name the layout does not know.
     */
    public static String folder(String program, Firmware fw) {
        if (program == null) return null;
        String n = program.toLowerCase(Locale.ROOT);
        if (IPXE_PROGRAMS.contains(n) || n.equals("undionly.kkpxe") || n.equals("ipxe.pxe") || n.equals("ipxe.lkrn")) return IPXE;
        if (n.equals("pxelinux.0") || n.equals("lpxelinux.0")) return BIOS;
        if (n.equals("syslinux.efi") || n.equals("syslinux64.efi")) return fw == Firmware.UEFI_IA32 ? EFI32 : EFI64;
        if (n.matches("(shim|grub|mm)(x64|aa64)\\.efi")) return GRUB;
        return null;
    }

    /**
     * The path a client is given for a program: a bare name the layout knows, from its folder when the root has it
     * there; anything else (a path with a folder, a URL, a name the root has only at its top, no root) as it is.
     *
     * @param root the served root, or null: as it is
     */
    public static String place(String program, Firmware fw, Path root) {
        if (program == null || root == null || program.contains("/") || program.contains("\\")) return program;
        String folder = folder(program, fw);
        if (folder == null) return program;
        try {
            if (Files.isRegularFile(root.resolve(folder + program))) return folder + program;
        } catch (RuntimeException e) {
            // a name this file system cannot express: as it is
        }
        return program;
    }

    /**
     * syslinux's path prefix (option 210) for a syslinux program the layout placed in one of its folders: that folder
     * ({@code bios/}); null for any other file.
     */
    public static String pathPrefix(String bootFile) {
        if (bootFile == null || !BootPolicy.isPxelinux(bootFile)) return null;
        int slash = bootFile.indexOf('/');
        if (slash <= 0 || slash != bootFile.lastIndexOf('/')) return null;
        String dir = bootFile.substring(0, slash);
        return SYSLINUX_FOLDERS.contains(dir) ? dir + "/" : null;
    }

    /**
     * What the served root needs in the layout for the boot paths configured: for each program set (per firmware,
     * the firmware's UEFI path, HTTP Boot, the firmware menu's items, the per-client boot files), the program in its
     * folder and what it loads: syslinux its {@code ldlinux} and {@link #MENU_MODULES} (and memdisk on BIOS), shim the
     * GRUB beside it and MokManager, iPXE all of {@link #IPXE_PROGRAMS}. Paths relative to the root, in a stable order.
     */
    public static List<String> needed(BootConfig cfg) {
        Set<String> out = new LinkedHashSet<>();
        add(out, cfg.biosBoot(), Firmware.BIOS);
        add(out, cfg.uefiPath().x64Program(cfg.uefiBoot()), Firmware.UEFI_X64);
        add(out, cfg.uefiIa32Boot(), Firmware.UEFI_IA32);
        add(out, cfg.arm64Path().arm64Program(cfg.arm64Boot()), Firmware.UEFI_ARM64);
        add(out, cfg.httpBoot(), Firmware.UEFI_X64);
        add(out, cfg.arm64HttpBoot(), Firmware.UEFI_ARM64);
        if (cfg.firmwareMenu() != null) {
            for (FirmwareMenu.Item it : cfg.firmwareMenu().items()) {
                if (it.bootFile() != null) add(out, it.bootFile(), it.system() == 6 ? Firmware.UEFI_IA32 : it.system() == 0 ? Firmware.BIOS : Firmware.UEFI_X64);
            }
        }
        for (HostBoot h : cfg.hosts().values()) add(out, h.bootFile(), Firmware.BIOS);
        return List.copyOf(new ArrayList<>(out));
    }

    /**
     * The menu as iPXE and GRUB are given it from this root: an ISO entry's memdisk left to the default
     * ({@code memdisk} at the top of the root) is {@code bios/memdisk} when the root has it only there. pxelinux needs no
     * change (it runs from bios/ and finds it beside itself).
     */
    public static Menu withLayout(Menu menu, Path root) {
        if (menu == null || root == null) return menu;
        try {
            if (Files.exists(root.resolve("memdisk")) || !Files.isRegularFile(root.resolve(BIOS + "memdisk"))) return menu;
        } catch (RuntimeException e) {
            return menu;
        }
        return memdiskIn(menu, BIOS + "memdisk");
    }

    private static Menu memdiskIn(Menu menu, String memdisk) {
        List<MenuItem> items = new ArrayList<>();
        boolean changed = false;
        for (MenuItem i : menu.items()) {
            MenuItem n = i;
            if (i instanceof Entry e) {
                if (e.action() instanceof BootAction.Iso iso && iso.memdisk() == null) {
                    n = e.withAction(new BootAction.Iso(iso.iso(), memdisk, iso.sanbootOnEfi(), iso.sanbootOnBios()));
                } else if (e.action() instanceof BootAction.Submenu sub) {
                    Menu m = memdiskIn(sub.menu(), memdisk);
                    if (m != sub.menu()) n = e.withAction(new BootAction.Submenu(m));
                }
            }
            changed |= n != i;
            items.add(n);
        }
        return changed ? menu.toBuilder().items(items).build() : menu;
    }

    private static void add(Set<String> out, String program, Firmware fw) {
        if (program == null || program.isEmpty() || program.contains("://")) return;
        String name = program.replace('\\', '/');
        String folder = null;
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            // a program named in its folder already (bios/lpxelinux.0): that folder's needs
            String dir = name.substring(0, slash + 1);
            name = name.substring(slash + 1);
            if (List.of(IPXE, BIOS, EFI64, EFI32, GRUB).contains(dir)) folder = dir;
            else return;
        }
        String f = folder != null ? folder : folder(name, fw);
        if (f == null) return;
        String n = name.toLowerCase(Locale.ROOT);
        switch (f) {
            case IPXE -> IPXE_PROGRAMS.forEach(p -> out.add(IPXE + p));
            case BIOS -> {
                out.add(BIOS + n);
                out.add(BIOS + "ldlinux.c32");
                MENU_MODULES.forEach(m -> out.add(BIOS + m));
                out.add(BIOS + "memdisk");
            }
            case EFI64, EFI32 -> {
                out.add(f + "syslinux.efi");
                out.add(f + (f.equals(EFI64) ? "ldlinux.e64" : "ldlinux.e32"));
                MENU_MODULES.forEach(m -> out.add(f + m));
            }
            default -> { // grub/
                String arch = n.contains("aa64") ? "aa64" : "x64";
                if (n.startsWith("shim")) {
                    out.add(GRUB + "shim" + arch + ".efi");
                    out.add(GRUB + "mm" + arch + ".efi");
                }
                out.add(GRUB + "grub" + arch + ".efi");
            }
        }
    }
}
