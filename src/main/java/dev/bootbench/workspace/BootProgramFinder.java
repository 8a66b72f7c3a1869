package dev.bootbench.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the boot programs the system's packages installed (iPXE, pxelinux, syslinux EFI and their
 * modules) or that sit in a folder the user picked, says what is still missing for BIOS, UEFI and
 * pxelinux clients, and copies what it found into the served root.
 *
 * <p>Places looked at (under {@code fsRoot}, normally {@code /}): Debian and Ubuntu
 * {@code /usr/lib/ipxe}, {@code /usr/lib/PXELINUX}, {@code /usr/lib/syslinux/modules/{bios,efi64}},
 * {@code /usr/lib/SYSLINUX.EFI/efi64}; Fedora {@code /usr/share/ipxe}, {@code /usr/share/syslinux},
 * {@code /tftpboot}; Arch {@code /usr/share/ipxe}, {@code /usr/lib/syslinux/{bios,efi64}}.
 */
public final class BootProgramFinder {
    /** Who needs a file. */
    public enum Group {
        BIOS("BIOS (iPXE)"), UEFI("UEFI (iPXE)"), PXELINUX("pxelinux (BIOS)"), SYSLINUX_EFI("syslinux (UEFI x64)");
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
     * @param target where it goes under the served root ({@code /}-separated): BIOS files at the top,
     *               syslinux's EFI files under {@code efi64/}
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

    /** Required per group; "a|b" means either will do. */
    static final Map<Group, List<String>> REQUIRED = Map.of(
            Group.BIOS, List.of("undionly.kpxe"),
            Group.UEFI, List.of("ipxe.efi|snponly.efi"),
            Group.PXELINUX, List.of("pxelinux.0|lpxelinux.0", "ldlinux.c32", "libcom32.c32", "libutil.c32", "menu.c32|vesamenu.c32"),
            Group.SYSLINUX_EFI, List.of("syslinux.efi", "ldlinux.e64", "libcom32.c32", "libutil.c32", "menu.c32|vesamenu.c32"));

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
            collect(byTarget, Group.BIOS, extra, List.of("undionly.kpxe"), "");
            collect(byTarget, Group.UEFI, extra, List.of("ipxe.efi", "snponly.efi"), "");
            collect(byTarget, Group.PXELINUX, extra, List.of("pxelinux.0", "lpxelinux.0"), "");
            collectModules(byTarget, Group.PXELINUX, extra.resolve("bios"), "");
            collectModules(byTarget, Group.PXELINUX, extra, "");
            collect(byTarget, Group.SYSLINUX_EFI, extra, List.of("syslinux.efi", "ldlinux.e64"), "efi64/");
            collect(byTarget, Group.SYSLINUX_EFI, extra.resolve("efi64"), List.of("syslinux.efi", "ldlinux.e64"), "efi64/");
            collectModules(byTarget, Group.SYSLINUX_EFI, extra.resolve("efi64"), "efi64/");
        }
        for (String d : IPXE_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) {
                collect(byTarget, Group.BIOS, dir, List.of("undionly.kpxe"), "");
                collect(byTarget, Group.UEFI, dir, List.of("ipxe.efi", "snponly.efi"), "");
            }
        }
        for (String d : PXELINUX_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) collect(byTarget, Group.PXELINUX, dir, List.of("pxelinux.0", "lpxelinux.0"), "");
        }
        for (String d : BIOS_MODULE_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) collectModules(byTarget, Group.PXELINUX, dir, "");
        }
        for (String d : EFI64_DIRS) {
            Path dir = fsRoot.resolve(d);
            if (note(searched, dir)) {
                collect(byTarget, Group.SYSLINUX_EFI, dir, List.of("syslinux.efi", "ldlinux.e64"), "efi64/");
                collectModules(byTarget, Group.SYSLINUX_EFI, dir, "efi64/");
            }
        }
        List<Found> found = new ArrayList<>(byTarget.values());
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
                if ((lower.endsWith(".c32") || (g == Group.SYSLINUX_EFI && lower.equals("ldlinux.e64"))) && Files.isRegularFile(p)) {
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
