package dev.bootbench.export;

import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.RootLayout;
import dev.bootbench.engine.boot.HostBoot;
import dev.bootbench.engine.boot.NextBoot;
import dev.bootbench.engine.http.TemplateBootScriptProvider;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.grub.GrubGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code root/}: the folder Bootbench serves, copied, with what Bootbench makes on the fly written as static files:
 * the generic iPXE script {@code boot.ipxe} (the published menu, else the workspace's template with the per-client
 * placeholders left to iPXE), one {@code boot-<mac>.ipxe} per client whose next boot is set (the DHCP configurations
 * send those clients there), the published menu's pxelinux configs and GRUB's {@code grub/grub.cfg}. The scripts
 * carry no beacons: nothing in production receives them (nginx's access log shows each fetch instead).
 */
public final class ServedTree {
    public static final String SCRIPT = "boot.ipxe";

    private ServedTree() {}

    /** {@code boot-52-54-00-77-00-01.ipxe}. */
    public static String hostScript(MacAddress mac) {
        return "boot-" + BootRules.hyphenated(mac) + ".ipxe";
    }

    /** Whether a client's next boot is written as a script of its own: the local disk, or an entry of the published menu. */
    static boolean hasOwnScript(ExportPlan plan, NextBoot next) {
        if (next == null) return false;
        if (next.local()) return true;
        Menu m = plan.published() == null ? null : plan.published().menu();
        return m != null && m.allEntries().anyMatch(e -> e.id().equals(next.choice()));
    }

    /** The generic script, as Bootbench serves it to a client without a next boot (less the beacons). */
    static String genericScript(ExportPlan plan) throws IOException {
        if (plan.published() != null) return BootCore.staticMenuScript(plan.published().menu(), plan.baseUrl(), null, null);
        String text;
        try {
            text = Files.readString(plan.template(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = TemplateBootScriptProvider.DEFAULT_TEMPLATE;
        }
        // the per-client placeholders become iPXE's own settings: one file serves every client
        return text.replace("{{server}}", plan.addressText()).replace("{{http-port}}", Integer.toString(plan.httpPort()))
                .replace("{{base-url}}", plan.baseUrl()).replace("{{mac}}", "${netX/mac}").replace("{{client}}", "${netX/ip}");
    }

    /** Copies the served folder and writes the generated files; returns every file written. */
    static List<Path> write(ExportPlan plan) throws IOException {
        Path src = plan.sourceRoot(), dst = plan.root();
        if (!Files.isDirectory(src)) throw new IOException("the served folder " + src + " is not a folder");
        Path realSrc = src.toRealPath();
        Path out = plan.out();
        if (out.startsWith(realSrc) || out.startsWith(src)) throw new IOException("the export folder " + out + " is inside the served folder " + src
                + ": choose a folder outside it");
        if (realSrc.startsWith(dst)) throw new IOException("the served folder " + src + " is inside the export's root/ folder");
        List<Path> written = new ArrayList<>();
        copyTree(realSrc, dst, written);
        Map<String, byte[]> generated = new LinkedHashMap<>();
        generated.put(SCRIPT, genericScript(plan).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<MacAddress, HostBoot> e : plan.boot().hosts().entrySet()) {
            NextBoot next = e.getValue().nextBoot();
            if (!hasOwnScript(plan, next)) continue;
            Menu m = plan.published() == null ? null : plan.published().menu();
            generated.put(hostScript(e.getKey()), BootCore.staticMenuScript(m, plan.baseUrl(), e.getKey().toString(), next).getBytes(StandardCharsets.UTF_8));
        }
        if (plan.published() != null) {
            Menu m = plan.published().menu();
            // the pxelinux configs as publishing writes them into the served folder (they replace those there)
            PxelinuxGenerator.Output px = PxelinuxGenerator.generate(m, PxelinuxGenerator.Options.defaults());
            List<Map.Entry<String, String>> files = new ArrayList<>(px.files().entrySet());
            java.util.Collections.reverse(files); // submenus first, as publishing does
            for (Map.Entry<String, String> f : files) {
                String rel = f.getKey().equals("default") ? "pxelinux.cfg/default" : f.getKey();
                generated.put(rel, f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            // GRUB's: made per client by Bootbench unless the served folder has its own; here the menu for every client
            for (String g : BootCore.GRUB_CONFIGS) {
                if (!Files.exists(src.resolve(g))) generated.put(g, GrubGenerator.generate(m).getBytes(StandardCharsets.UTF_8));
            }
        }
        for (Map.Entry<String, byte[]> g : generated.entrySet()) {
            Path p = dst.resolve(g.getKey()).normalize();
            if (!p.startsWith(dst)) throw new IOException("a generated file " + g.getKey() + " would be outside " + dst);
            AtomicFiles.write(p, g.getValue());
            written.add(p);
        }
        linkSyslinuxFolders(dst, written);
        return written;
    }

    /**
     * syslinux in a folder of the layout ({@code bios/}, {@code efi64/}, {@code efi32/}) asks for everything under that
     * folder: its config ({@code bios/pxelinux.cfg/...}), the kernels of the menu. Bootbench serves what is not there
     * from the top of the root; a plain TFTP or HTTP server does not, so each such folder gets a relative link to each
     * entry at the top of the root that it does not hold itself ({@code bios/pxelinux.cfg -> ../pxelinux.cfg}).
     */
    static void linkSyslinuxFolders(Path dst, List<Path> written) throws IOException {
        for (String f : RootLayout.SYSLINUX_FOLDERS.stream().sorted().toList()) {
            Path folder = dst.resolve(f);
            if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            List<Path> top;
            try (var s = Files.list(dst)) {
                top = s.sorted().toList();
            }
            for (Path e : top) {
                String name = e.getFileName().toString();
                if (RootLayout.SYSLINUX_FOLDERS.contains(name)) continue;
                Path link = folder.resolve(name);
                if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                Files.createSymbolicLink(link, Path.of("..", name));
                written.add(link);
            }
        }
    }

    /** Copies every regular file, each appearing complete under its name; an identical file already there is left as it is. */
    private static void copyTree(Path src, Path dst, List<Path> written) throws IOException {
        Files.walkFileTree(src, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path d = dst.resolve(src.relativize(dir).toString());
                Files.createDirectories(d);
                try {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.FileSystemLoopException) return FileVisitResult.CONTINUE; // a link back up: copied once
                throw e;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
                Path target = dst.resolve(src.relativize(file).toString());
                if (Files.isRegularFile(target) && Files.size(target) == attrs.size() && Files.mismatch(target, file) == -1) {
                    written.add(target);
                    return FileVisitResult.CONTINUE;
                }
                Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
                try {
                    Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                    try {
                        // served by tftpd-hpa and nginx as other users: readable by all
                        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                    } catch (UnsupportedOperationException ignored) {
                        // not POSIX
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                written.add(target);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
