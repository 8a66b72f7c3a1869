package dev.bootbench.testlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real boot needs, taken at test time from Debian packages and never committed: the kernel
 * (from the current {@code linux-image-*-amd64}, downloaded with apt-get and unpacked, not installed,
 * cached outside the repository), a busybox initramfs built here, and the boot programs and firmware
 * of the installed packages ipxe, pxelinux, syslinux-common, syslinux-efi and ovmf.
 */
public final class BootAssets {
    /** What the test initramfs prints on the serial console, followed by {@code tag=<scenario>}. */
    public static final String MARKER = "BOOTBENCH-BOOT-OK";

    public static final Path IPXE = Paths.get("/usr/lib/ipxe");
    public static final Path PXELINUX = Paths.get("/usr/lib/PXELINUX");
    public static final Path SYSLINUX_BIOS = Paths.get("/usr/lib/syslinux/modules/bios");
    public static final Path SYSLINUX_EFI64 = Paths.get("/usr/lib/syslinux/modules/efi64");
    public static final Path SYSLINUX_EFI = Paths.get("/usr/lib/SYSLINUX.EFI/efi64/syslinux.efi");
    public static final Path BUSYBOX = Paths.get("/bin/busybox");
    public static final Path OVMF_CODE = Paths.get("/usr/share/OVMF/OVMF_CODE_4M.fd");
    public static final Path OVMF_VARS = Paths.get("/usr/share/OVMF/OVMF_VARS_4M.fd");
    /** OVMF with Secure Boot and Microsoft's keys enrolled (package ovmf). */
    public static final Path OVMF_CODE_MS = Paths.get("/usr/share/OVMF/OVMF_CODE_4M.ms.fd");
    public static final Path OVMF_VARS_MS = Paths.get("/usr/share/OVMF/OVMF_VARS_4M.ms.fd");
    /** Microsoft-signed shim (package shim-signed) and Debian's signed GRUB network image (grub-efi-amd64-signed). */
    public static final Path SHIM_X64 = Paths.get("/usr/lib/shim/shimx64.efi.signed");
    public static final Path GRUBNET_X64 = Paths.get("/usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed");
    /** Debian's signed GRUB image for CDs (grub-efi-amd64-signed): an ISO's EFI boot program. */
    public static final Path GRUBCD_X64 = Paths.get("/usr/lib/grub/x86_64-efi-signed/gcdx64.efi.signed");

    /** Fails (CI) or skips (elsewhere) unless the Secure Boot firmware, shim and signed GRUB are installed. */
    public static void requireSecureBoot() {
        for (Path p : List.of(OVMF_CODE_MS, OVMF_VARS_MS, SHIM_X64, GRUBNET_X64)) {
            Lab.require(Files.isRegularFile(p), p + " is missing (bash .ci/run installs ovmf shim-signed grub-efi-amd64-signed)");
        }
    }

    /** arm64 UEFI firmware (package qemu-efi-aarch64): AAVMF, and its variables with Microsoft's keys enrolled (Secure Boot on). */
    public static final Path AAVMF_CODE = Paths.get("/usr/share/AAVMF/AAVMF_CODE.fd");
    public static final Path AAVMF_VARS = Paths.get("/usr/share/AAVMF/AAVMF_VARS.fd");
    public static final Path AAVMF_VARS_MS = Paths.get("/usr/share/AAVMF/AAVMF_VARS.ms.fd");

    /** Fails (CI) or skips (elsewhere) unless QEMU for arm64 and the AAVMF firmware are installed. */
    public static void requireArm64() {
        Lab.requireRootAnd("qemu-system-aarch64", "apt-get", "apt-cache", "dpkg-deb", "tar");
        for (Path p : List.of(AAVMF_CODE, AAVMF_VARS, AAVMF_VARS_MS)) {
            Lab.require(Files.isRegularFile(p), p + " is missing (bash .ci/run installs qemu-system-arm qemu-efi-aarch64)");
        }
    }

    /** U-Boot for QEMU's arm64 virt machine (package u-boot-qemu), started as its -bios. */
    public static final Path UBOOT_ARM64 = Paths.get("/usr/lib/u-boot/qemu_arm64/u-boot.bin");

    /** Fails (CI) or skips (elsewhere) unless QEMU for arm64 and U-Boot for it are installed. */
    public static void requireUBootArm64() {
        Lab.requireRootAnd("qemu-system-aarch64", "apt-get", "apt-cache", "dpkg-deb", "tar");
        Lab.require(Files.isRegularFile(UBOOT_ARM64), UBOOT_ARM64 + " is missing (bash .ci/run installs u-boot-qemu)");
    }

    private static Path kernel;
    private static Path initrd;
    private static Path arm64Initrd;
    private static Path arm64Kernel;
    private static final java.util.Set<String> listsUpdated = new java.util.HashSet<>();
    private static Path ia32Kernel;
    private static Path ia32Initrd;

    private BootAssets() {}

    /** Fails (CI) or skips (elsewhere) unless every firmware and boot program file is installed. */
    public static void requireFirmware() {
        for (Path p : List.of(IPXE.resolve("undionly.kpxe"), IPXE.resolve("ipxe.efi"), IPXE.resolve("snponly.efi"),
                Paths.get("/usr/lib/ipxe/qemu/pxe-e1000.rom"), Paths.get("/usr/lib/ipxe/qemu/efi-virtio.rom"),
                PXELINUX.resolve("pxelinux.0"), PXELINUX.resolve("lpxelinux.0"), SYSLINUX_BIOS.resolve("ldlinux.c32"),
                SYSLINUX_BIOS.resolve("menu.c32"), SYSLINUX_BIOS.resolve("libutil.c32"), SYSLINUX_EFI,
                SYSLINUX_EFI64.resolve("ldlinux.e64"), SYSLINUX_EFI64.resolve("menu.c32"), SYSLINUX_EFI64.resolve("libutil.c32"),
                BUSYBOX, OVMF_CODE, OVMF_VARS)) {
            Lab.require(Files.isRegularFile(p), p + " is missing (bash .ci/run installs ipxe ipxe-qemu ovmf pxelinux syslinux-common syslinux-efi busybox-static)");
        }
    }

    /** The cache for downloaded kernels: outside the repository, kept between runs. */
    public static Path cacheDir() {
        String override = System.getenv("BOOTBENCH_TEST_CACHE");
        if (override != null && !override.isBlank()) return Paths.get(override);
        if (Lab.isRoot()) return Paths.get("/var/cache/bootbench-test");
        return Paths.get(System.getProperty("user.home"), ".cache", "bootbench-test");
    }

    /** The vmlinuz of Debian's current linux-image-*-amd64, downloaded once and cached. */
    public static synchronized Path kernel() throws IOException {
        if (kernel != null) return kernel;
        Exec.Result deps = Exec.run(Duration.ofSeconds(60), List.of("apt-cache", "depends", "linux-image-amd64"));
        Matcher m = Pattern.compile("Depends:\\s*(linux-image-[0-9][^\\s]*-amd64)").matcher(deps.stdout());
        Path cache = cacheDir();
        String pkg = m.find() ? m.group(1) : null;
        if (pkg == null) {
            // no package lists (offline machine): the newest kernel already in the cache
            return kernel = cachedKernel(cache, "'apt-cache depends linux-image-amd64' found no package (" + deps.stderr().trim() + ")");
        }
        Path dir = cache.resolve(pkg);
        Path vmlinuz = dir.resolve("vmlinuz");
        if (Files.isRegularFile(vmlinuz) && Files.size(vmlinuz) > 1_000_000) return kernel = vmlinuz;
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(cache, "download-");
        try {
            Exec.Result dl = Exec.run(Duration.ofMinutes(10), List.of("sh", "-c", "cd '" + work + "' && apt-get download " + pkg));
            if (dl.exitCode() != 0) {
                // stale package lists or no mirror: an older cached kernel boots just as well
                return kernel = cachedKernel(cache, "'apt-get download " + pkg + "' failed: " + dl.stderr().trim() + dl.stdout().trim());
            }
            Path deb;
            try (var s = Files.list(work)) {
                deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
            }
            // only ./boot/vmlinuz-* of the package's data, not its hundreds of megabytes of modules
            Exec.run(Duration.ofMinutes(5), List.of("sh", "-c", "cd '" + work + "' && dpkg-deb --fsys-tarfile '" + deb
                    + "' | tar -x --wildcards './boot/vmlinuz-*'")).orThrow();
            Path extracted;
            try (var s = Files.list(work.resolve("boot"))) {
                extracted = s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).findFirst().orElseThrow();
            }
            Path tmp = dir.resolve("vmlinuz.tmp");
            Files.copy(extracted, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, vmlinuz, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("source.txt"), deb.getFileName() + "\n");
        } finally {
            Exec.run("rm", "-rf", work.toString());
        }
        return kernel = vmlinuz;
    }

    private static Path cachedKernel(Path cache, String why) throws IOException {
        Path newest = null;
        if (Files.isDirectory(cache)) {
            try (var s = Files.list(cache)) {
                newest = s.filter(d -> Files.isRegularFile(d.resolve("vmlinuz"))).max(Path::compareTo).orElse(null);
            }
        }
        Lab.require(newest != null, "no kernel: " + why + ", and " + cache + " holds none (run apt-get update)");
        System.out.println("kernel: " + why + "; using the cached " + newest.getFileName());
        return newest.resolve("vmlinuz");
    }

    /**
     * A gzipped newc initramfs: static busybox and an /init that prints {@link #MARKER} with the
     * {@code bootbench.tag=} of the kernel command line on the console and powers the machine off. The marker
     * goes through the kernel log too (printk writes the serial console before it returns): a line echoed to
     * the tty alone was once lost when {@code poweroff -f} came before the UART had sent it (CI, load 23).
     */
    public static synchronized Path initrd() throws IOException {
        if (initrd == null) initrd = initrd(Files.readAllBytes(BUSYBOX));
        return initrd;
    }

    /** The same initramfs for arm64 guests: with the static busybox of Debian's arm64 busybox-static. */
    public static synchronized Path arm64Initrd() throws IOException {
        if (arm64Initrd == null) arm64Initrd = initrd(Files.readAllBytes(arm64File("busybox-static", "./bin/busybox")));
        return arm64Initrd;
    }

    private static Path initrd(byte[] busybox) throws IOException {
        String init = """
                #!/bin/busybox sh
                /bin/busybox --install -s /bin
                mkdir -p /proc /sys /dev
                mount -t proc proc /proc
                mount -t sysfs sysfs /sys
                mount -t devtmpfs devtmpfs /dev 2>/dev/null
                tag=unknown
                for w in $(cat /proc/cmdline); do
                  case "$w" in bootbench.tag=*) tag="${w#bootbench.tag=}" ;; esac
                done
                read up idle < /proc/uptime
                line="%s tag=$tag kernel_uptime=${up}s"
                echo "<2>$line" > /dev/kmsg
                echo "$line" > /dev/console
                sync
                sleep 1
                poweroff -f
                """.formatted(MARKER);
        byte[] cpio = new Cpio()
                .dir("bin", 0755).dir("dev", 0755).dir("proc", 0755).dir("sys", 0755).dir("root", 0700)
                .charDevice("dev/console", 0600, 5, 1).charDevice("dev/null", 0666, 1, 3).charDevice("dev/kmsg", 0644, 1, 11)
                .file("bin/busybox", 0755, busybox)
                .symlink("bin/sh", "busybox")
                .file("init", 0755, init.getBytes(StandardCharsets.UTF_8))
                .toGzip();
        Path p = Files.createTempFile("bootbench-initrd", ".img");
        Files.write(p, cpio);
        p.toFile().deleteOnExit();
        return p;
    }

    /** The vmlinuz of Debian's current linux-image-*-arm64 (signed, with its EFI stub), downloaded once and cached. */
    public static synchronized Path arm64Kernel() throws IOException {
        if (arm64Kernel != null) return arm64Kernel;
        updateArm64Lists();
        Exec.Result deps = Exec.run(Duration.ofSeconds(60), arm64Apt("apt-cache", "depends", "linux-image-arm64"));
        Matcher m = Pattern.compile("Depends:\\s*(linux-image-[0-9]\\S*-arm64)(?=\\s)").matcher(deps.stdout());
        if (!m.find()) {
            return arm64Kernel = arm64Cached("linux-image-", "vmlinuz", "'apt-cache depends linux-image-arm64' found no package (" + deps.stderr().trim() + ")");
        }
        return arm64Kernel = arm64File(m.group(1), "./boot/vmlinuz-*");
    }

    /** 32-bit UEFI firmware (package ovmf-ia32): only a Secure Boot build, which needs a q35 machine with SMM. */
    public static final Path OVMF32_CODE = Paths.get("/usr/share/OVMF/OVMF32_CODE_4M.secboot.fd");
    public static final Path OVMF32_VARS = Paths.get("/usr/share/OVMF/OVMF32_VARS_4M.fd");
    /** syslinux for 32-bit UEFI (syslinux-efi, syslinux-common). */
    public static final Path SYSLINUX_EFI32 = Paths.get("/usr/lib/SYSLINUX.EFI/efi32/syslinux.efi");
    public static final Path SYSLINUX_EFI32_MODULES = Paths.get("/usr/lib/syslinux/modules/efi32");

    /** Fails (CI) or skips (elsewhere) unless the 32-bit UEFI firmware and syslinux.efi for it are installed. */
    public static void requireIa32() {
        Lab.requireRootAnd("qemu-system-x86_64", "apt-get", "apt-cache", "dpkg-deb", "tar");
        for (Path p : List.of(OVMF32_CODE, OVMF32_VARS, SYSLINUX_EFI32, SYSLINUX_EFI32_MODULES.resolve("ldlinux.e32"))) {
            Lab.require(Files.isRegularFile(p), p + " is missing (bash .ci/run installs ovmf-ia32 syslinux-efi syslinux-common)");
        }
    }

    /** The vmlinuz of Debian's current linux-image-*-686 (i386, with its EFI stub), downloaded once and cached. */
    public static synchronized Path ia32Kernel() throws IOException {
        if (ia32Kernel != null) return ia32Kernel;
        updateLists("i386");
        Exec.Result deps = Exec.run(Duration.ofSeconds(60), foreignApt("i386", "apt-cache", "depends", "linux-image-686"));
        Matcher m = Pattern.compile("Depends:\\s*(linux-image-[0-9]\\S*-686)(?=\\s)").matcher(deps.stdout());
        if (!m.find()) {
            return ia32Kernel = foreignCached("i386", "linux-image-", "vmlinuz", "'apt-cache depends linux-image-686' found no package (" + deps.stderr().trim() + ")");
        }
        return ia32Kernel = foreignFile("i386", m.group(1), "./boot/vmlinuz-*");
    }

    /** The test initramfs for 32-bit x86 guests: with the static busybox of Debian's i386 busybox-static. */
    public static synchronized Path ia32Initrd() throws IOException {
        if (ia32Initrd == null) ia32Initrd = initrd(Files.readAllBytes(foreignFile("i386", "busybox-static", "./bin/busybox")));
        return ia32Initrd;
    }

    /** Microsoft-signed shim for arm64 (Debian's arm64 shim-signed). */
    public static Path arm64Shim() throws IOException {
        return arm64File("shim-signed", "./usr/lib/shim/shimaa64.efi.signed");
    }

    /** Debian's signed GRUB network image for arm64 (prefix /grub on the TFTP server), from grub-efi-arm64-signed. */
    public static Path arm64GrubNet() throws IOException {
        return arm64File("grub-efi-arm64-signed", "./usr/lib/grub/arm64-efi-signed/grubnetaa64.efi.signed");
    }

    /**
     * apt-get or apt-cache with an APT setup of their own for arm64 packages: the host's sources, package lists and
     * downloads under the test cache, no dpkg status; the host gets no foreign architecture and nothing is installed.
     */
    private static List<String> arm64Apt(String tool, String... args) throws IOException {
        return foreignApt("arm64", tool, args);
    }

    /** {@link #arm64Apt} for any Debian architecture (arm64, i386). */
    private static List<String> foreignApt(String arch, String tool, String... args) throws IOException {
        Path dir = cacheDir().resolve("apt-" + arch);
        Files.createDirectories(dir.resolve("lists/partial"));
        Files.createDirectories(dir.resolve("archives/partial"));
        Path status = dir.resolve("status");
        if (!Files.exists(status)) Files.createFile(status);
        List<String> cmd = new java.util.ArrayList<>(List.of(tool, "-o", "APT::Architecture=" + arch, "-o", "APT::Architectures::=" + arch,
                "-o", "Dir::State::status=" + status, "-o", "Dir::State::Lists=" + dir.resolve("lists"),
                "-o", "Dir::Cache=" + dir, "-o", "Dir::Cache::archives=" + dir.resolve("archives"), "-o", "APT::Sandbox::User=root"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * One file of the candidate version of an arm64 Debian package: downloaded (once per version) with
     * {@link #arm64Apt}, the member extracted (not installed) into the cache, e.g. {@code arm64/busybox-static_..._arm64/busybox}.
     * Offline (no mirror, no lists), the newest cached version of the package serves.
     */
    static Path arm64File(String pkg, String member) throws IOException {
        return foreignFile("arm64", pkg, member);
    }

    /** {@link #arm64File} for any Debian architecture (arm64, i386): cached under {@code <arch>/}. */
    static synchronized Path foreignFile(String arch, String pkg, String member) throws IOException {
        Path cache = cacheDir().resolve(arch);
        Files.createDirectories(cache);
        String name = member.substring(member.lastIndexOf('/') + 1).replace("-*", "");
        updateLists(arch);
        Exec.Result uris = Exec.run(Duration.ofSeconds(60), foreignApt(arch, "apt-get", "download", "--print-uris", pkg));
        Matcher m = Pattern.compile("'[^']*' (\\S+)\\.deb ").matcher(uris.stdout());
        if (!m.find()) return foreignCached(arch, pkg + "_", name, "'apt-get download --print-uris " + pkg + "' (" + arch + ") failed: " + uris.stderr().trim());
        Path dir = cache.resolve(m.group(1).replace("%3a", "_"));
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) return file;
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(cache, "download-");
        try {
            List<String> dl = new java.util.ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", work.toString()));
            dl.addAll(foreignApt(arch, "apt-get", "-qq", "download", pkg));
            Exec.run(Duration.ofMinutes(10), dl).orThrow();
            Path deb;
            try (var s = Files.list(work)) {
                deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
            }
            Exec.run(Duration.ofMinutes(5), List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x -C \"$2\" --wildcards \"$3\"",
                    "sh", deb.toString(), work.toString(), member)).orThrow();
            Path extracted;
            try (var s = Files.walk(work)) {
                extracted = s.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException(member + " is not in " + deb.getFileName()));
            }
            Path tmp = dir.resolve(name + ".tmp");
            Files.copy(extracted, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("source.txt"), deb.getFileName() + "\n");
        } finally {
            Exec.run("rm", "-rf", work.toString());
        }
        return file;
    }

    /** The arm64 package lists, once per test run (a failure leaves the lists of the last run, or none: then the cache serves). */
    private static void updateArm64Lists() throws IOException {
        updateLists("arm64");
    }

    private static synchronized void updateLists(String arch) throws IOException {
        if (!listsUpdated.add(arch)) return;
        Exec.Result up = Exec.run(Duration.ofMinutes(5), foreignApt(arch, "apt-get", "-qq", "update"));
        if (up.exitCode() != 0) System.out.println(arch + " package lists: apt-get update failed: " + up.stderr().trim());
    }

    /** The newest cached arm64 file of a package (by its folder's name, the .deb's): stale lists or no mirror. */
    private static Path arm64Cached(String prefix, String name, String why) throws IOException {
        return foreignCached("arm64", prefix, name, why);
    }

    private static Path foreignCached(String arch, String prefix, String name, String why) throws IOException {
        Path cache = cacheDir().resolve(arch);
        Path newest = null;
        if (Files.isDirectory(cache)) {
            try (var s = Files.list(cache)) {
                newest = s.filter(d -> d.getFileName().toString().startsWith(prefix) && Files.isRegularFile(d.resolve(name)))
                        .max(Path::compareTo).orElse(null);
            }
        }
        Lab.require(newest != null, "no " + arch + " " + name + ": " + why + ", and " + cache + " holds none");
        System.out.println(arch + " " + name + ": " + why + "; using the cached " + newest.getFileName());
        return newest.resolve(name);
    }

    /** memdisk (syslinux-common): boots a disk or ISO image held in memory, on BIOS. */
    public static final Path MEMDISK = Paths.get("/usr/lib/syslinux/memdisk");
    /** isolinux's El Torito boot image (package isolinux). */
    public static final Path ISOLINUX_BIN = Paths.get("/usr/lib/ISOLINUX/isolinux.bin");

    /** Fails (CI) or skips (elsewhere) unless genisoimage, isolinux, memdisk, mkfs.vfat and mcopy are there. */
    public static void requireIsoTools() {
        Lab.requireRootAnd("genisoimage", "mkfs.vfat", "mcopy", "mmd");
        for (Path p : List.of(MEMDISK, ISOLINUX_BIN, GRUBCD_X64)) {
            Lab.require(Files.isRegularFile(p), p + " is missing (bash .ci/run installs isolinux syslinux-common genisoimage dosfstools mtools)");
        }
    }

    /**
     * A small bootable ISO image of the test kernel and initramfs, as a technician's rescue or installer ISO is: on BIOS
     * isolinux (El Torito, no emulation) boots them with {@code bootbench.tag=<tag>}; on UEFI an El Torito EFI image (a
     * FAT file system) holds Debian's signed GRUB CD image as \\EFI\\BOOT\\BOOTX64.EFI, which boots them from the ISO.
     * Built here with genisoimage, mkfs.vfat and mtools; written to {@code out}.
     */
    public static void iso(String tag, Path out) throws IOException {
        Path work = Files.createTempDirectory("bootbench-iso-");
        try {
            String cfg = """
                    DEFAULT linux
                    PROMPT 0
                    TIMEOUT 1
                    LABEL linux
                      KERNEL /vmlinuz
                      APPEND initrd=/initrd.img console=ttyS0 panic=-1 bootbench.tag=%s
                    """.formatted(tag);
            Path tree = work.resolve("tree");
            copy(ISOLINUX_BIN, tree.resolve("isolinux/isolinux.bin"));
            copy(SYSLINUX_BIOS.resolve("ldlinux.c32"), tree.resolve("isolinux/ldlinux.c32"));
            Files.writeString(tree.resolve("isolinux/isolinux.cfg"), cfg);
            copy(kernel(), tree.resolve("vmlinuz"));
            copy(initrd(), tree.resolve("initrd.img"));
            // UEFI: Debian's signed GRUB CD image as \EFI\BOOT\BOOTX64.EFI of the El Torito EFI image (a small FAT file
            // system); it finds the ISO by /.disk/info and reads /boot/grub/grub.cfg, which boots the same kernel and initrd
            // (syslinux.efi from a block device stopped with an invalid-opcode exception under OVMF)
            String grubCfg = """
                    search --no-floppy --file --set=root /.disk/info
                    set timeout=1
                    menuentry "Bootbench test ISO" {
                      linux /vmlinuz console=ttyS0 panic=-1 bootbench.tag=%s
                      initrd /initrd.img
                    }
                    """.formatted(tag);
            Files.createDirectories(tree.resolve(".disk"));
            Files.writeString(tree.resolve(".disk/info"), "Bootbench test ISO\n");
            Files.createDirectories(tree.resolve("boot/grub"));
            Files.writeString(tree.resolve("boot/grub/grub.cfg"), grubCfg);
            Path efi = work.resolve("efi");
            copy(GRUBCD_X64, efi.resolve("EFI/BOOT/BOOTX64.EFI"));
            Files.writeString(efi.resolve("EFI/BOOT/grub.cfg"), grubCfg);
            long bytes;
            try (var w = Files.walk(efi)) {
                bytes = w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            long kib = bytes / 1024 + 1024;
            Path img = tree.resolve("efiboot.img");
            Exec.run(Duration.ofMinutes(1), List.of("mkfs.vfat", "-C", img.toString(), Long.toString(kib))).orThrow();
            Exec.run(Duration.ofMinutes(1), List.of("sh", "-c", "cd \"$1\" && mmd -i \"$2\" ::/EFI ::/EFI/BOOT && mcopy -i \"$2\" -s EFI/BOOT/* ::/EFI/BOOT/",
                    "sh", efi.toString(), img.toString())).orThrow();
            Exec.run(Duration.ofMinutes(2), List.of("genisoimage", "-quiet", "-o", out.toString(), "-V", "BOOTBENCH",
                    "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                    "-eltorito-alt-boot", "-e", "efiboot.img", "-no-emul-boot", "-J", "-R", tree.toString())).orThrow();
        } finally {
            Exec.run("rm", "-rf", work.toString());
        }
    }

    public static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
