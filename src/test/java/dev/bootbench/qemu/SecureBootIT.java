package dev.bootbench.qemu;

import dev.bootbench.clients.BootSession;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.testlab.Bench;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.QemuGuest;
import dev.bootbench.testlab.ServeProcess;
import dev.bootbench.testlab.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real boots with Secure Boot on (OVMF with Microsoft's keys): Bootbench's Secure Boot path, the Microsoft-signed
 * shim loading Debian's signed GRUB, which reads the grub.cfg Bootbench makes from the published menu and boots
 * Debian's signed kernel (the kernel says Secure Boot is on); and the same firmware refusing the unsigned ipxe.efi
 * of the default path, which the client's session then advises about.
 */
@Tag("qemu")
class SecureBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
        BootAssets.requireSecureBoot();
    }

    static Menu menu(String tag) {
        return Menu.builder("Bootbench Secure Boot test " + tag).defaultEntry("linux").timeoutMs(1000)
                .entry("linux", "Boot the signed test kernel", new BootAction.Linux("vmlinuz", List.of("initrd.img"),
                        "console=ttyS0 panic=-1 bootbench.tag=" + tag))
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .build();
    }

    @Test
    void shimLoadsGrubWhichBootsTheSignedKernelWithSecureBootOn() throws Exception {
        RealBoot.Scenario s = new RealBoot.Scenario("uefi-secureboot-shim-grub");
        s.firmware = QemuGuest.Firmware.OVMF_SECURE_BOOT;
        s.nic = QemuGuest.Nic.VIRTIO_NO_ROM;
        s.mac = "52:54:00:77:00:61";
        s.loader = RealBoot.Loader.GRUB;
        s.menu = menu(s.tag);
        s.bootProgram = "shimx64.efi";
        s.serveOptions.addAll(List.of("--uefi-path", "shim-grub"));
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        // the kernel's own word that the firmware had Secure Boot on (its EFI code reads SecureBoot before anything runs)
        s.mustShow = "Secure boot enabled";
        s.pathShown = List.of("shim", "GRUB", "kernel", "initrd", "booting");
        RealBoot.run(s);
    }

    @Test
    void theUnsignedIpxeEfiIsRefusedAndTheSessionSaysToUseTheSecureBootPath() throws Exception {
        String tag = "uefi-secureboot-refuses-ipxe.efi";
        String mac = "52:54:00:77:00:62";
        Path runDir = Lab.targetDir().resolve("qemu").resolve(tag);
        Exec.run("rm", "-rf", runDir.toString());
        Files.createDirectories(runDir.resolve("workspace"));
        Path root = Files.createTempDirectory("bootbench-root-");
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        ServeProcess serve = null;
        QemuGuest guest = null;
        Bench bench = null;
        try {
            bench = Bench.create();
            RealBoot.populateRoot(root, s);
            RealBoot.publish(runDir.resolve("workspace"), menu(tag));
            String tap = bench.addTap();
            // the default path: ipxe.efi for x64 UEFI
            serve = ServeProcess.start(bench.server(), runDir.resolve("serve.log"), "--iface", Bench.SERVER_IFACE, "--address", Bench.SERVER_IP,
                    "--dhcp", "full", "--root", root.toString(), "--workspace", runDir.resolve("workspace").toString(),
                    "--range", RealBoot.RANGE_FIRST + "-" + RealBoot.RANGE_LAST, "--no-detect");
            guest = QemuGuest.start(bench, tap, QemuGuest.Firmware.OVMF_SECURE_BOOT, QemuGuest.Nic.VIRTIO_NO_ROM, mac, runDir);
            long deadline = System.nanoTime() + RealBoot.BOOT_TIMEOUT.toNanos();
            Sessions.Session advised = null;
            String body = "";
            while (advised == null && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                body = Sessions.fetchBody(bench.server(), RealBoot.SESSIONS_URL);
                for (Sessions.Session x : Sessions.allForMac(Sessions.parse(body), mac)) {
                    if (x.raw().hasNonNull("hint") && x.raw().get("hint").asText().equals(BootSession.SECURE_BOOT_HINT)) advised = x;
                }
            }
            Files.writeString(runDir.resolve("sessions.json"), body);
            try {
                if (advised == null) throw new AssertionError("no session of " + mac + " advises the Secure Boot path within "
                        + RealBoot.BOOT_TIMEOUT.toSeconds() + " s: " + body);
                Sessions.Session all = Sessions.merged(Sessions.parse(body), mac, body);
                // the firmware fetched ipxe.efi whole, and refused to run it: iPXE never did its own DHCP
                Sessions.assertTransfer(all, null, "ipxe.efi", Files.size(root.resolve("ipxe.efi")));
                if (all.stages().contains("IPXE_DHCP")) throw new AssertionError("iPXE ran under Secure Boot: " + all.stages());
                String serial = guest.serialLog();
                if (!serial.contains("Access Denied")) throw new AssertionError("the firmware did not say it refused ipxe.efi (Access Denied)");
                if (serial.contains(BootAssets.MARKER)) throw new AssertionError("something booted the test kernel");
                System.out.println("advised: " + advised.raw().get("hint").asText() + "; stages " + all.stages());
            } catch (AssertionError e) {
                System.out.println("----- serve log -----\n" + serve.log() + "\n----- serial log (tail) -----\n"
                        + guest.serialLog().substring(Math.max(0, guest.serialLog().length() - 8000)));
                throw e;
            }
        } finally {
            if (guest != null) guest.close();
            if (serve != null) serve.close();
            if (bench != null) bench.close();
            Exec.run("rm", "-rf", root.toString());
        }
    }
}
