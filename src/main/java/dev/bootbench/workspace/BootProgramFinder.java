package dev.bootbench.workspace;

import dev.bootbench.engine.boot.RootLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the boot programs the system's packages installed (iPXE, pxelinux, syslinux EFI and their
 * modules) or that sit in a folder the user picked, says what is still missing for BIOS, UEFI and
 * pxelinux clients, and copies what it found into the served root.
 *
 * <p>Places looked at (under {@code fsRoot}, normally {@code /}): Debian and Ubuntu
 * {@code /usr/lib/ipxe}, {@code /usr/lib/PXELINUX}, {@code /usr/lib/syslinux/modules/{bios,efi64}},
 * {@code /usr/lib/SYSLINUX.EFI/efi64}; Fedora {@code /usr/share/ipxe}, {@code /usr/share/syslinux},
 * {@code /tftpboot}; Arch {@code /usr/share/ipxe}, {@code /usr/lib/syslinux/{bios,efi64}}. For Secure Boot and arm64,
 * shim and GRUB: Debian and Ubuntu {@code /usr/lib/shim/shim*.efi.signed} (packages shim-signed) and
 * {@code /usr/lib/grub/*-efi-signed/grubnet*.efi.signed} (grub-efi-amd64-signed, grub-efi-arm64-signed); Fedora and
 * RHEL {@code /boot/efi/EFI/<distribution>/shim*.efi} and {@code grub*.efi}. They are served under the names shim and
 * the firmware ask for: {@code shimx64.efi} with {@code grubx64.efi} beside it, {@code shimaa64.efi}, {@code grubaa64.efi}.
 *
 * <p>Each goes to its folder of the {@link RootLayout}: {@code ipxe/}, {@code bios/} (pxelinux, its modules, memdisk),
 * {@code efi64/}, {@code efi32/} (syslinux.efi and its modules), {@code grub/} (shim beside GRUB). {@link #plan} picks
 * what the configured boot paths need ({@link RootLayout#needed}), not every module found.
 */
public final class BootProgramFinder {
    /** Who needs a file. */
    public enum Group {
        BIOS("BIOS (iPXE)"), UEFI("UEFI (iPXE)"), PXELINUX("pxelinux (BIOS)"), SYSLINUX_EFI("syslinux (UEFI x64)"),
        SYSLINUX_EFI32("syslinux (UEFI ia32)"),
        SECURE_BOOT_X64("Secure Boot x64 (shim → GRUB)"), ARM64("UEFI arm64 (GRUB, shim for Secure Boot)");
        private final String label;
        Group(String label) {
            this.label = label;
        }
        public String label() {
            return label;
        }
    }

    /**
     * A boot program found on the system.
     *
     * @param target where it goes under the served root ({@code /}-separated), in its folder of the {@link RootLayout}:
     *               {@code ipxe/undionly.kpxe}, {@code bios/ldlinux.c32}, {@code efi64/syslinux.efi}, {@code grub/shimx64.efi}
     */
    public record Found(Group group, String name, Path source, String target, long size) {}

    /** What was found, and per group what is still missing (names, with "a|b" for alternatives). */
    public record Report(List<Found> found, Map<Group, List<String>> missing, List<Path> searched) {
        public boolean complete(Group g) {
            return missing.getOrDefault(g, List.of()).isEmpty();
        }
    }

    private static final List<String> IPXE_DIRS = List.of("usr/lib/ipxe", "usr/share/ipxe", "tftpboot", "usr/lib/ipxe/qemu");
    private static final List<String> PXELINUX_DIRS = List.of("usr/lib/PXELINUX", "usr/share/syslinux", "usr/lib/syslinux/bios",
            "usr/lib/syslinux/modules/bios", "tftpboot");
    private static final List<String> BIOS_MODULE_DIRS = List.of("usr/lib/syslinux/modules/bios", "usr/lib/syslinux/bios", "usr/share/syslinux", "tftpboot");
    private static final List<String> EFI64_DIRS = List.of("usr/lib/SYSLINUX.EFI/efi64", "usr/lib/syslinux/modules/efi64", "usr/lib/syslinux/efi64",
            "usr/share/syslinux/efi64", "tftpboot/efi64");
    private static final List<String> EFI32_DIRS = List.of("usr/lib/SYSLINUX.EFI/efi32", "usr/lib/syslinux/modules/efi32", "usr/lib/syslinux/efi32",
            "usr/share/syslinux/efi32", "tftpboot/efi32");
    /** Where memdisk is: Debian's syslinux-common, Fedora's and Arch's syslinux. */
    private static final List<String> MEMDISK_DIRS = List.of("usr/lib/syslinux", "usr/share/syslinux", "usr/lib/syslinux/bios", "tftpboot");

    /** Required per group; "a|b" means either will do. */
    static final Map<Group, List<String>> REQUIRED = Map.of(
            Group.BIOS, List.of("undionly.kpxe"),
            Group.UEFI, List.of("ipxe.efi|snponly.efi"),
            Group.PXELINUX, List.of("pxelinux.0|lpxelinux.0", "ldlinux.c32", "libcom32.c32", "libutil.c32", "menu.c32|vesamenu.c32"),
            Group.SYSLINUX_EFI, List.of("syslinux.efi", "ldlinux.e64", "libcom32.c32", "libutil.c32", "menu.c32|vesamenu.c32"),
            Group.SYSLINUX_EFI32, List.of("syslinux.efi", "ldlinux.e32", "libcom32.c32", "libutil.c32", "menu.c32|vesamenu.c32"),
            Group.SECURE_BOOT_X64, List.of("shimx64.efi", "grubx64.efi"),
            Group.ARM64, List.of("grubaa64.efi"));

    /**
     * A signed boot program: the name it is served under, where Debian and Ubuntu install it (under the file system
     * root), and the names it has in a folder of the user's or in a Fedora/RHEL EFI system partition.
     */
    private record Signed(Group group, String target, List<String> debian, List<String> names) {}

    private static final List<Signed> SIGNED = List.of(
            new Signed(Group.SECURE_BOOT_X64, "shimx64.efi", List.of("usr/lib/shim/shimx64.efi.signed", "usr/lib/shim/shimx64.efi.signed.latest"),
                    List.of("shimx64.efi", "shimx64.efi.signed", "shimx64.efi.signed.latest")),
            new Signed(Group.SECURE_BOOT_X64, "grubx64.efi", List.of("usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed"),
                    List.of("grubx64.efi", "grubnetx64.efi.signed", "grubnetx64.efi")),
            // MokManager: what shim runs when it refuses a program, to enrol its key
            new Signed(Group.SECURE_BOOT_X64, "mmx64.efi", List.of("usr/lib/shim/mmx64.efi.signed"), List.of("mmx64.efi", "mmx64.efi.signed")),
            new Signed(Group.ARM64, "grubaa64.efi", List.of("usr/lib/grub/arm64-efi-signed/grubnetaa64.efi.signed"),
                    List.of("grubaa64.efi", "grubnetaa64.efi.signed", "grubnetaa64.efi")),
            new Signed(Group.ARM64, "shimaa64.efi", List.of("usr/lib/shim/shimaa64.efi.signed", "usr/lib/shim/shimaa64.efi.signed.latest"),
                    List.of("shimaa64.efi", "shimaa64.efi.signed", "shimaa64.efi.signed.latest")),
            new Signed(Group.ARM64, "mmaa64.efi", List.of("usr/lib/shim/mmaa64.efi.signed"), List.of("mmaa64.efi", "mmaa64.efi.signed")));

    /** Where Fedora and RHEL keep shim and GRUB: the EFI system partition's folder of each distribution. */
    static final String EFI_DIRS = "boot/efi/EFI";

    private final Path fsRoot;
    private final List<Path> extraFolders;

    /** The system's packages (under {@code fsRoot}, {@code /} normally) and, first, the folders the user picked. */
    public BootProgramFinder(Path fsRoot, List<Path> extraFolders) {
        this.fsRoot = fsRoot;
        this.extraFolders = List.copyOf(extraFolders);
    }

    public static BootProgramFinder system(List<Path> extraFolders) {
        return new BootProgramFinder(Path.of("/"), extraFolders);
    }

    public Report scan() {
        Map<String, Found> byTarget = new LinkedHashMap<>();
        List<Path> searched = new ArrayList<>();
        for (Path extra : extraFolders) {
            if (!Files.isDirectory(extra)) continue;
            searched.add(extra);
            // a folder laid out as Bootbench's root (ipxe/, bios/...) or flat as the packages' folders
            for (Path d : List.of(extra.resolve("ipxe"), extra)) {
                collect(byTarget, Group.BIOS, d, List.of("undionly.kpxe"), RootLayout.IPXE);
                collect(byTarget, Group.UEFI, d, List.of("ipxe.efi", "snponly.efi"), RootLayout.IPXE);
            }
            collect(byTarget, Group.PXELINUX, extra.resolve("bios"), List.of("pxelinux.0", "lpxelinux.0", "memdisk"), RootLayout.BIOS);
            collect(byTarget, Group.PXELINUX, extra, List.of("pxelinux.0", "lpxelinux.0", "memdisk"), RootLayout.BIOS);
            collectModules(byTarget, Group.PXELINUX, extra.resolve("bios"), RootLayout.BIOS);
            collectModules(byTarget, Group.PXELINUX, extra, RootLayout.BIOS);
            collect(byTarget, Group.SYSLINUX_EFI, extra, List.of("syslinux.efi", "ldlinux.e64"), RootLayout.EFI64);
            collect(byTarget, Group.SYSLINUX_EFI, extra.resolve("efi64"), List.of("syslinux.efi", "ldlinux.e64"), RootLayout.EFI64);
            collectModules(byTarget, Group.SYSLINUX_EFI, extra.resolve("efi64"), RootLayout.EFI64);
            collect(byTarget, Group.SYSLINUX_EFI32, extra.resolve("efi32"), List.of("syslinux.efi", "ldlinux.e32"), RootLayout.EFI32);
            collectModules(byTarget, Group.SYSLINUX_EFI32, extra.resolve("efi32"), RootLayout.EFI32);
        }
        for (Path extra : extraFolders) {
            if (Files.isDirectory(extra)) {
                collectSigned(byTarget, extra.resolve("grub"));
                collectSigned(byTarget, extra);
            }
        }
        for (Signed sg : SIGNED) {
            for (String d : sg.debian()) {
                Path p = fsRoot.resolve(d);
                if (Files.isRegularFile(p)) {
                    note(searched, p.getParent());
                    put(byTarget, new Found(sg.group(), sg.target(), p, RootLayout.GRUB + sg.target(), size(p)));
                }
            }
        }
        for (Path dir : efiDistributionDirs(fsRoot.resolve(EFI_DIRS))) {
            note(searched, dir);
            collectSigned(byTarget, dir);
        }
        for (String d : IPXE_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) {
                collect(byTarget, Group.BIOS, dir, List.of("undionly.kpxe"), RootLayout.IPXE);
                collect(byTarget, Group.UEFI, dir, List.of("ipxe.efi", "snponly.efi"), RootLayout.IPXE);
            }
        }
        for (String d : PXELINUX_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) collect(byTarget, Group.PXELINUX, dir, List.of("pxelinux.0", "lpxelinux.0"), RootLayout.BIOS);
        }
        for (String d : BIOS_MODULE_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) collectModules(byTarget, Group.PXELINUX, dir, RootLayout.BIOS);
        }
        for (String d : MEMDISK_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (Files.isRegularFile(dir.resolve("memdisk"))) {
                note(searched, dir);
                collect(byTarget, Group.PXELINUX, dir, List.of("memdisk"), RootLayout.BIOS);
            }
        }
        for (String d : EFI64_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) {
                collect(byTarget, Group.SYSLINUX_EFI, dir, List.of("syslinux.efi", "ldlinux.e64"), RootLayout.EFI64);
                collectModules(byTarget, Group.SYSLINUX_EFI, dir, RootLayout.EFI64);
            }
        }
        for (String d : EFI32_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) {
                collect(byTarget, Group.SYSLINUX_EFI32, dir, List.of("syslinux.efi", "ldlinux.e32"), RootLayout.EFI32);
                collectModules(byTarget, Group.SYSLINUX_EFI32, dir, RootLayout.EFI32);
            }
        }
        List<Found> found = new ArrayList<>(byTarget.values());
        found.sort(Comparator.comparing(Found::target)); // by folder, then by name: the order a technician reads them in
        Map<Group, List<String>> missing = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            List<String> miss = new ArrayList<>();
            for (String need : REQUIRED.get(g)) {
                boolean have = false;
                for (String alt : need.split("\\|")) {
                    for (Found f : found) if (f.group() == g && f.name().equals(alt)) have = true;
                }
                if (!have) miss.add(need.replace("|", " or "));
            }
            missing.put(g, List.copyOf(miss));
        }
        return new Report(List.copyOf(found), missing, List.copyOf(searched));
    }

    /** The signed programs of {@link #SIGNED} in one folder, by any of their names (the first name found wins). */
    private static void collectSigned(Map<String, Found> out, Path dir) {
        for (Signed sg : SIGNED) {
            for (String n : sg.names()) {
                Path p = dir.resolve(n);
                if (Files.isRegularFile(p)) {
                    put(out, new Found(sg.group(), sg.target(), p, RootLayout.GRUB + sg.target(), size(p)));
                    break;
                }
            }
        }
    }

    /** The distributions' folders of an EFI system partition ({@code EFI/fedora}, {@code EFI/redhat}...), by name; not {@code EFI/BOOT}. */
    private static List<Path> efiDistributionDirs(Path efi) {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(efi)) return dirs;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(efi, Files::isDirectory)) {
            for (Path d : ds) if (!d.getFileName().toString().equalsIgnoreCase("BOOT")) dirs.add(d);
        } catch (IOException e) {
            // an EFI partition only root can read: nothing found there
        }
        dirs.sort(null);
        return dirs;
    }

    private static boolean note(List<Path> searched, Path dir) {
        if (!Files.isDirectory(dir)) return false;
        if (!searched.contains(dir)) searched.add(dir);
        return true;
    }

    private static void collect(Map<String, Found> out, Group g, Path dir, List<String> names, String prefix) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) put(out, new Found(g, n, p, prefix + n, size(p)));
        }
    }

    private static void collectModules(Map<String, Found> out, Group g, Path dir, String prefix) {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                String lower = n.toLowerCase(Locale.ROOT);
                if ((lower.endsWith(".c32") || (g == Group.SYSLINUX_EFI && lower.equals("ldlinux.e64"))
                        || (g == Group.SYSLINUX_EFI32 && lower.equals("ldlinux.e32"))) && Files.isRegularFile(p)) {
                    put(out, new Found(g, n, p, prefix + n, size(p)));
                }
            }
        } catch (IOException e) {
            // unreadable folder: nothing found there
        }
    }

    private static void put(Map<String, Found> out, Found f) {
        out.putIfAbsent(f.target(), f); // first place wins: the user's folders, then the packages
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** What a copy for the configured boot paths takes, and what those paths need that was not found. */
    public record Plan(List<Found> copy, List<String> notFound) {}

    /**
     * The files found that the configured boot paths need ({@code needed}: root paths as {@link RootLayout#needed}
     * gives them), in the order found; and the needed ones not found.
     */
    public static Plan plan(List<Found> found, List<String> needed) {
        Set<String> want = new HashSet<>();
        for (String n : needed) want.add(n.toLowerCase(Locale.ROOT));
        List<Found> copy = new ArrayList<>();
        Set<String> have = new HashSet<>();
        for (Found f : found) {
            String t = f.target().toLowerCase(Locale.ROOT);
            if (want.contains(t)) {
                copy.add(f);
                have.add(t);
            }
        }
        List<String> notFound = new ArrayList<>();
        for (String n : needed) if (!have.contains(n.toLowerCase(Locale.ROOT))) notFound.add(n);
        return new Plan(List.copyOf(copy), List.copyOf(notFound));
    }

    /**
     * Copies the found files into {@code root} at their targets. A file already there with the same
     * size is left alone; the copy goes through a temporary name so the server never serves half a file.
     *
     * @return the targets written
     */
    public static List<String> copyInto(List<Found> found, Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("the served root " + root + " does not exist; choose it in Servers first");
        List<String> written = new ArrayList<>();
        for (Found f : found) {
            Path target = root.resolve(f.target()).normalize();
            if (!target.startsWith(root.normalize())) continue;
            if (Files.isRegularFile(target) && Files.size(target) == f.size()) continue;
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
            Files.copy(f.source(), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(f.target());
        }
        return written;
    }
}
