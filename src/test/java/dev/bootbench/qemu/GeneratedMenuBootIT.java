package dev.bootbench.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.testlab.Bench;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.QemuGuest;
import dev.bootbench.testlab.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real boots of the iPXE script Bootbench generates from a menu, as QEMU's iPXE ROM runs it: the menu's timeout
 * boots its default and the generated beacon reports "booting"; and a default entry whose kernel is missing is tried
 * once, reported as failed with iPXE's error number, and then the menu waits (the kernel is never asked for again).
 * The script is served as the workspace's template, with the beacon URL filled in per client as the published menu's is.
 */
@Tag("qemu")
class GeneratedMenuBootIT {
    static final String EVENT = "{{base-url}}/_/event?mac={{mac}}";

    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
    }

    static Menu menu(String tag, String kernel) {
        return Menu.builder("Bootbench generated menu " + tag).defaultEntry("linux").timeoutMs(2000)
                .entry("linux", "Boot the test kernel", new BootAction.Linux(kernel, List.of("initrd.img"),
                        "initrd=initrd.img console=ttyS0 panic=-1 bootbench.tag=" + tag))
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .entry("shell", "iPXE shell", new BootAction.Shell())
                .build();
    }

    @Test
    void theGeneratedMenuBootsItsDefaultAndReportsBooting() throws Exception {
        RealBoot.Scenario s = IpxeBootIT.biosRom("bios-generated-menu", QemuGuest.Nic.E1000, "52:54:00:77:00:41");
        s.ipxeTemplate = IpxeGenerator.generate(menu(s.tag, "vmlinuz"), EVENT);
        s.mustShow = "Bootbench generated menu " + s.tag;
        s.minScriptToKernelMillis = 2000; // the default went after the timeout
        RealBoot.run(s); // its stages end in BOOTING: the generated beacon's
    }

    @Test
    void aFailingDefaultIsTriedOnceThenTheMenuWaits() throws Exception {
        String tag = "bios-generated-menu-failing";
        String mac = "52:54:00:77:00:42";
        Path runDir = Lab.targetDir().resolve("qemu").resolve(tag);
        Exec.run("rm", "-rf", runDir.toString());
        Files.createDirectories(runDir.resolve("workspace/templates"));
        Path root = Files.createTempDirectory("bootbench-root-");
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        ServeProcess serve = null;
        QemuGuest guest = null;
        Bench bench = null;
        try {
            bench = Bench.create();
            RealBoot.populateRoot(root, s);
            Files.writeString(runDir.resolve("workspace/templates/boot.ipxe"), IpxeGenerator.generate(menu(tag, "missing/vmlinuz"), EVENT));
            String tap = bench.addTap();
            serve = ServeProcess.start(bench.server(), runDir.resolve("serve.log"), "--iface", Bench.SERVER_IFACE, "--address", Bench.SERVER_IP,
                    "--dhcp", "full", "--root", root.toString(), "--workspace", runDir.resolve("workspace").toString(),
                    "--range", "10.77.0.100-10.77.0.149", "--no-detect");
            guest = QemuGuest.start(bench, tap, QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, mac, runDir);
            long deadline = System.nanoTime() + RealBoot.BOOT_TIMEOUT.toNanos();
            Pattern failed = Pattern.compile("stage failed \\(([^)]*)\\)");
            Matcher m = failed.matcher(serve.log());
            while (!m.find() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                m = failed.matcher(serve.log());
            }
            try {
                assertTrue(m.find(0), "no failed beacon within " + RealBoot.BOOT_TIMEOUT.toSeconds() + " s");
                assertEquals("0x2d0c613b", m.group(1), "the reason is iPXE's error number for an HTTP 404");
                // a loop would ask for the kernel again after the failure prompt (5 s) and the menu's 2 s timeout:
                // give it more than twice that (a bound, not a timing expectation)
                Thread.sleep(20_000);
                String log = serve.log(), serial = guest.serialLog();
                assertEquals(1, log.lines().filter(l -> l.contains(" missing/vmlinuz [GET]")).count(), "the kernel was asked for once");
                assertEquals(1, log.lines().filter(l -> l.contains("stage failed")).count(), "one failure");
                assertFalse(log.contains("stage booting"));
                // the menu again after the failure message, without its countdown
                int failure = serial.lastIndexOf("Booting failed; returning to the menu.");
                assertTrue(failure >= 0, "the failure message is on the console");
                String after = serial.substring(failure);
                assertTrue(after.contains("Bootbench generated menu " + tag), "the menu is shown again");
                assertFalse(Pattern.compile("\\(\\d+\\)").matcher(after).find(), "no countdown after the failure");
            } catch (AssertionError e) {
                System.out.println("----- serve log -----\n" + serve.log() + "\n----- serial log (tail) -----\n"
                        + guest.serialLog().substring(Math.max(0, guest.serialLog().length() - 6000)));
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
