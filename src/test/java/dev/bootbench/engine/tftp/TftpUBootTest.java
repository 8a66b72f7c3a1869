package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.boot.BootConfig;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.UBootScript;
import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.testlab.Events;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * U-Boot over TFTP: {@code boot.scr.uimg} made for each client (a uImage script of its architecture that runs the
 * pxelinux menu), and the published menu's {@code pxelinux.cfg/default}, where U-Boot's {@code pxe get} lookup ends;
 * files of the user's in the root served instead.
 */
class TftpUBootTest {
    static final MacAddress A = MacAddress.parse("52:54:00:00:00:0a");
    static final MacAddress B = MacAddress.parse("52:54:00:00:00:0b");

    @TempDir Path root;
    final EventBus bus = new EventBus();
    final Events events = new Events(bus);
    final AtomicReference<MacAddress> who = new AtomicReference<>(A);
    BootCore core;
    TftpServer server;

    static Menu menu() {
        return Menu.builder("Boards").defaultEntry("debian").timeoutMs(3000)
                .entry("debian", "Debian arm64", new BootAction.Linux("arm64/vmlinuz", List.of("arm64/initrd.img"), "console=ttyAMA0"))
                .build();
    }

    void start(Menu menu) throws IOException {
        core = new BootCore(BootConfig.builder().biosBoot("undionly.kpxe").uefiBoot("ipxe.efi")
                .menu(menu, menu == null ? null : "boards").template(root.resolve("templates/boot.ipxe")).ubootBoot("boot.scr.uimg").build(), bus);
        var cfg = TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false)).withStallTimeout(Duration.ofSeconds(3));
        server = new TftpServer(cfg, bus, a -> a.isLoopbackAddress() ? Optional.ofNullable(who.get()) : Optional.empty(), new OpenFiles(), core);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        events.close();
    }

    /** What U-Boot's tftp asks: blksize and tsize (its defaults), then the file. */
    byte[] fetch(MacAddress as, String name) throws IOException {
        who.set(as);
        try (TestTftpClient c = new TestTftpClient(server.address())) {
            c.rrq(name, "octet", "blksize", "1468", "tsize", "0");
            TftpPacket first = c.next();
            if (first instanceof TftpPacket.Error e) throw new IOException("error " + e.code() + ": " + e.message());
            assertTrue(first instanceof TftpPacket.Oack, "an OACK: " + first);
            c.toPeer(new TftpPacket.Ack(0));
            return c.receiveFile(1468, 1);
        }
    }

    static ClientInfo uBoot(MacAddress mac, Firmware fw, int arch) {
        return new ClientInfo(mac, 1, fw, arch, null, null, null, null, null);
    }

    @Test
    void uBootGetsAScriptOfItsArchitectureThatRunsThePxelinuxMenu() throws Exception {
        start(menu());
        byte[] image = fetch(A, "boot.scr.uimg");
        ByteBuffer h = ByteBuffer.wrap(image);
        assertEquals(0x27051956, h.getInt(0), "a legacy uImage");
        long time = h.getInt(8) & 0xffffffffL;
        assertArrayEquals(UBootScript.uImage("Bootbench pxelinux menu", UBootScript.Arch.ARM64, UBootScript.menuScript(), time), image,
                "arm64 when DHCP has not said otherwise, the pxe get/boot script");
        String text = new String(image, 72, image.length - 72, StandardCharsets.UTF_8);
        assertTrue(text.contains("if pxe get; then\n  pxe boot\nfi\n"), text);
        var f = events.finished("boot.scr.uimg");
        assertEquals(Outcome.OK, f.outcome());
        assertEquals(A, f.transfer().mac());
        assertTrue(f.transfer().detail().contains("U-Boot script (arm64)"), f.transfer().detail());

        // a 32-bit ARM U-Boot, as DHCP saw it: the same script for ARM
        core.decide(uBoot(B, Firmware.UBOOT_ARM32, 21), Ipv4.parse("10.77.0.1"));
        byte[] arm = fetch(B, "boot.scr.uimg");
        assertEquals(2, arm[29], "IH_ARCH_ARM");
        assertEquals(22, fetch(A, "boot.scr.uimg")[29], "IH_ARCH_ARM64 for the other client");
    }

    @Test
    void uBootsPxeLookupEndsAtThePublishedMenusPxelinuxDefault() throws Exception {
        start(menu());
        String mac = "pxelinux.cfg/01-52-54-00-00-00-0a";
        for (String miss : List.of(mac, "pxelinux.cfg/7F000001", "pxelinux.cfg/7", "pxelinux.cfg/default-arm")) {
            IOException e = assertThrows(IOException.class, () -> fetch(A, miss), miss);
            assertTrue(e.getMessage().startsWith("error 1"), miss + ": " + e.getMessage());
        }
        String menu = new String(fetch(A, "pxelinux.cfg/default"), StandardCharsets.UTF_8);
        assertEquals(PxelinuxGenerator.generate(menu(), PxelinuxGenerator.Options.defaults()).files().get("default"), menu);
        assertTrue(menu.contains("LINUX arm64/vmlinuz") && menu.contains("INITRD arm64/initrd.img"), menu);
        assertTrue(events.finished("pxelinux.cfg/default").transfer().detail().contains("the published menu 'boards'"));
    }

    @Test
    void theUsersFilesWinAndWithoutAMenuThereIsNoPxelinuxDefault() throws Exception {
        start(null);
        IOException e = assertThrows(IOException.class, () -> fetch(A, "pxelinux.cfg/default"));
        assertTrue(e.getMessage().startsWith("error 1"), e.getMessage());
        assertEquals(0x27051956, ByteBuffer.wrap(fetch(A, "boot.scr.uimg")).getInt(0), "the script is made with no menu too (it says so on the console)");

        Files.createDirectories(root.resolve("pxelinux.cfg"));
        Files.writeString(root.resolve("pxelinux.cfg/default"), "DEFAULT mine\n");
        Files.write(root.resolve("boot.scr.uimg"), new byte[] {1, 2, 3});
        assertEquals("DEFAULT mine\n", new String(fetch(A, "pxelinux.cfg/default"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {1, 2, 3}, fetch(A, "boot.scr.uimg"));
    }
}
