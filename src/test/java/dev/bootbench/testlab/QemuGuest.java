package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU guest (TCG, no disk) network-booting from a tap device on the bench bridge, its serial
 * console written to a file the test watches for {@link BootAssets#MARKER}.
 */
public final class QemuGuest implements AutoCloseable {
    /**
     * BIOS: SeaBIOS. OVMF: UEFI without Secure Boot. OVMF_HTTP: OVMF with its PXE turned off (fw_cfg
     * {@code opt/org.tianocore/IPv4PXESupport} and {@code IPv6PXESupport} = n): it network-boots by UEFI HTTP Boot only
     * (with PXE on it tries PXEv4 and PXEv6 first, about two minutes more). OVMF_SECURE_BOOT: UEFI with Secure Boot on
     * and Microsoft's keys enrolled ({@code OVMF_CODE_4M.ms.fd} and a copy of {@code OVMF_VARS_4M.ms.fd}), on a q35
     * machine with SMM, whose firmware runs only programs signed by them (shim, and what shim checks: the distribution's
     * GRUB and kernel). AAVMF: arm64 UEFI (an arm64 {@code virt} machine, {@code AAVMF_CODE.fd} and a copy of
     * {@code AAVMF_VARS.fd}); AAVMF_SECURE_BOOT: the same with a copy of {@code AAVMF_VARS.ms.fd}, Microsoft's keys
     * enrolled and Secure Boot on. OVMF_IA32: 32-bit UEFI ({@code OVMF32_CODE_4M.secboot.fd}, Debian's only ia32 build,
     * hence q35 with SMM; its variables enrol no keys, so Secure Boot stays off) on a 32-bit CPU.
     */
    public enum Firmware {
        BIOS,
        OVMF,
        OVMF_HTTP,
        OVMF_SECURE_BOOT,
        AAVMF,
        AAVMF_SECURE_BOOT,
        OVMF_IA32,
        /** U-Boot on an arm64 virt machine (u-boot-qemu's qemu_arm64 as -bios): its default boot command's DHCP target. */
        UBOOT_ARM64;

        /** UEFI (OVMF or AAVMF in any of their setups). */
        public boolean ovmf() {
            return this != BIOS && this != UBOOT_ARM64;
        }

        /** An arm64 machine (qemu-system-aarch64). */
        public boolean arm64() {
            return this == AAVMF || this == AAVMF_SECURE_BOOT || this == UBOOT_ARM64;
        }
    }

    public enum Nic {
        /** e1000 with QEMU's default iPXE option ROM (SeaBIOS) */
        E1000("e1000", null),
        /** virtio-net with QEMU's default iPXE option ROM */
        VIRTIO("virtio-net-pci", null),
        /** virtio-net with no option ROM: under OVMF, the firmware's own VirtioNetDxe + PxeBcDxe boot it */
        VIRTIO_NO_ROM("virtio-net-pci", "");

        final String device;
        final String romfile;

        Nic(String device, String romfile) {
            this.device = device;
            this.romfile = romfile;
        }
    }

    /** What the firmware prints when no boot source is left: the boot failed, no need to wait longer. */
    private static final List<String> GAVE_UP = List.of("No bootable device.", "No bootable option or device was found");

    private final Process process;
    private final Path serial;
    private final Path log;
    private final long startNanos;

    private QemuGuest(Process process, Path serial, Path log, long startNanos) {
        this.process = process;
        this.serial = serial;
        this.log = log;
        this.startNanos = startNanos;
    }

    /** Starts the guest inside the bench namespace; the clock of {@link #awaitMarker} starts now. */
    public static QemuGuest start(Bench bench, String tap, Firmware fw, Nic nic, String mac, Path dir) throws IOException {
        List<String> net = new ArrayList<>(List.of("-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no"));
        String dev = nic.device + ",netdev=n0,mac=" + mac + ",bootindex=1";
        if (nic.romfile != null) dev += ",romfile=" + nic.romfile;
        net.addAll(List.of("-device", dev));
        return start(bench.bench(), fw, net, dir);
    }

    /**
     * The same machine and firmware with no network at all, booting the kernel and initrd that QEMU
     * loads itself ({@code -kernel}, {@code -initrd}): what a boot costs without the network (the
     * boot-time benchmark's floor).
     */
    public static QemuGuest startDirect(Netns ns, Firmware fw, Path kernel, Path initrd, String append, Path dir) throws IOException {
        return start(ns, fw, List.of("-nic", "none", "-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", append), dir);
    }

    private static QemuGuest start(Netns ns, Firmware fw, List<String> boot, Path dir) throws IOException {
        Path serial = dir.resolve("serial.log");
        Path log = dir.resolve("qemu.log");
        Files.deleteIfExists(serial);
        Files.createFile(serial);
        List<String> cmd = new ArrayList<>(List.of(Lab.which(fw.arm64() ? "qemu-system-aarch64" : "qemu-system-x86_64").toString(),
                "-accel", "tcg", "-m", "512", "-smp", "1", "-nodefaults", "-no-user-config", "-display", "none",
                "-monitor", "none", "-no-reboot", "-serial", "file:" + serial));
        cmd.addAll(boot);
        boolean network = !boot.contains("-kernel");
        if (fw == Firmware.OVMF || fw == Firmware.OVMF_HTTP) {
            Path vars = dir.resolve("OVMF_VARS.fd");
            Files.copy(BootAssets.OVMF_VARS, vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            cmd.addAll(List.of("-drive", "if=pflash,format=raw,readonly=on,file=" + BootAssets.OVMF_CODE,
                    "-drive", "if=pflash,format=raw,file=" + vars));
            if (fw == Firmware.OVMF_HTTP) {
                cmd.addAll(List.of("-fw_cfg", "name=opt/org.tianocore/IPv4PXESupport,string=n",
                        "-fw_cfg", "name=opt/org.tianocore/IPv6PXESupport,string=n"));
            }
        } else if (fw == Firmware.OVMF_SECURE_BOOT) {
            Path vars = dir.resolve("OVMF_VARS.ms.fd");
            Files.copy(BootAssets.OVMF_VARS_MS, vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            cmd.addAll(List.of("-machine", "q35,smm=on", "-global", "driver=cfi.pflash01,property=secure,value=on",
                    "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + BootAssets.OVMF_CODE_MS,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        } else if (fw == Firmware.OVMF_IA32) {
            Path vars = dir.resolve("OVMF32_VARS.fd");
            Files.copy(BootAssets.OVMF32_VARS, vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            cmd.addAll(List.of("-machine", "q35,smm=on", "-cpu", "pentium3", "-global", "driver=cfi.pflash01,property=secure,value=on",
                    "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + BootAssets.OVMF32_CODE,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        } else if (fw == Firmware.UBOOT_ARM64) {
            // U-Boot as the machine's firmware; it goes through its boot targets (virtio, scsi, usb: none here) to DHCP
            cmd.addAll(List.of("-machine", "virt", "-cpu", "cortex-a57", "-bios", BootAssets.UBOOT_ARM64.toString()));
        } else if (fw.arm64()) {
            // a Cortex-A57 rather than 'max': under TCG its emulation is cheaper (no pointer authentication), and Debian's kernel needs no more
            Path vars = dir.resolve("AAVMF_VARS.fd");
            Files.copy(fw == Firmware.AAVMF_SECURE_BOOT ? BootAssets.AAVMF_VARS_MS : BootAssets.AAVMF_VARS, vars,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            cmd.addAll(List.of("-machine", "virt", "-cpu", "cortex-a57",
                    "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + BootAssets.AAVMF_CODE,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        } else {
            // SeaBIOS's serial console: the BIOS's and the iPXE ROM's screen output go to the serial log too
            Path sercon = dir.resolve("sercon-port.bin");
            Files.write(sercon, new byte[] {(byte) 0xf8, 0x03}); // 0x3f8, little-endian
            if (network) cmd.addAll(List.of("-boot", "n"));
            cmd.addAll(List.of("-fw_cfg", "name=etc/sercon-port,file=" + sercon));
        }
        Files.writeString(log, String.join(" ", cmd) + "\n");
        long t0 = System.nanoTime();
        Process p = ns.start(cmd, log);
        return new QemuGuest(p, serial, log, t0);
    }

    /**
     * Waits for the marker line with the given tag; returns the seconds from QEMU start to it.
     * Throws (with the serial log) on timeout or when QEMU exits without it.
     */
    public double awaitMarker(String tag, Duration timeout) {
        String want = BootAssets.MARKER + " tag=" + tag;
        long end = startNanos + timeout.toNanos();
        while (System.nanoTime() < end) {
            String s = serialLog();
            if (s.contains(want)) return (System.nanoTime() - startNanos) / 1e9;
            for (String gaveUp : GAVE_UP) {
                if (s.contains(gaveUp)) throw new AssertionError("the firmware gave up: '" + gaveUp + "' on the serial console, no '" + want + "'");
            }
            if (!process.isAlive()) {
                s = serialLog();
                if (s.contains(want)) return (System.nanoTime() - startNanos) / 1e9;
                throw new AssertionError("QEMU exited (" + process.exitValue() + ") without '" + want + "'");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no '" + want + "' on the serial console within " + timeout.toSeconds() + " s of QEMU start");
    }

    public String serialLog() {
        try {
            return new String(Files.readAllBytes(serial), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    public String qemuLog() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** The marker line as printed, e.g. {@code BOOTBENCH-BOOT-OK tag=x kernel_uptime=2.1s}. */
    public String markerLine() {
        for (String l : serialLog().split("\r?\n")) if (l.contains(BootAssets.MARKER)) return l.trim();
        return null;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
