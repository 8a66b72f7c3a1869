package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.boot.NextBoot;
import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.http.BootScriptRequest;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's configuration from a workspace: next boots given for once are used up; edits never tear an answer. */
class EngineSetupTest {
    static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");
    @TempDir Path dir;
    final ExecutorService owner = Executors.newSingleThreadExecutor();
    final AtomicInteger saves = new AtomicInteger();

    @AfterEach
    void stop() {
        owner.shutdownNow();
    }

    EngineSetup setup(Settings s) throws Exception {
        Workspace ws = new Workspace(dir);
        ws.saveSettings(s);
        MenuStore store = new MenuStore(dir);
        store.save("M", MenuPublisherTest.menu("M"));
        store.setPublished("M");
        return new EngineSetup(ws, s, new EventBus(), owner::execute, saves::incrementAndGet);
    }

    static BootScriptRequest request(MacAddress mac) throws Exception {
        return new BootScriptRequest(mac, InetAddress.getByName("10.0.0.50"), InetAddress.getByName("10.0.0.1"), 80, Map.of());
    }

    /** Runs on the owner's thread and waits: what the owner did by then is done. */
    void onOwner(Runnable r) throws Exception {
        owner.submit(r).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNextBootForOnceIsUsedUpAndTheBootAfterGetsTheMenu() throws Exception {
        Settings s = new Settings();
        EngineSetup setup = setup(s);
        assertTrue(setup.boot().script(request(MAC)).contains("menu M"), "the published menu is served from the start");
        onOwner(() -> setup.setNextBoot(MAC, new NextBoot("local", false)));
        assertEquals("local", s.hosts.get(MAC.toString()).nextBoot);
        assertNull(s.hosts.get(MAC.toString()).nextBootAlways);
        String first = setup.boot().script(request(MAC));
        assertTrue(first.contains("\nexit\n") && !first.contains("menu M"), first);
        onOwner(() -> {});
        assertTrue(setup.boot().script(request(MAC)).contains("menu M"), "once: the next boot after is the menu");
        assertNull(s.hosts.get(MAC.toString()), "gone from the settings too");
        assertEquals(1, saves.get(), "and saved");
    }

    @Test
    void aNextBootForEveryBootStays() throws Exception {
        Settings s = new Settings();
        EngineSetup setup = setup(s);
        onOwner(() -> setup.setNextBoot(MAC, new NextBoot("linux", true)));
        for (int i = 0; i < 3; i++) {
            assertTrue(setup.boot().script(request(MAC)).contains("goto linux\n"));
            onOwner(() -> {});
        }
        assertEquals(Boolean.TRUE, s.hosts.get(MAC.toString()).nextBootAlways);
        assertEquals(0, saves.get());
    }

    @Test
    void settingsChangedReachTheDecisionsAtTheNextRequest() throws Exception {
        Settings s = new Settings();
        EngineSetup setup = setup(s);
        ClientInfo bios = new ClientInfo(MAC, 1, Firmware.BIOS, 0, "PXEClient:Arch:00000:UNDI:002001", null, null, null, null);
        assertEquals("undionly.kpxe", setup.boot().decide(bios, Ipv4.parse("10.0.0.1")).bootFile());
        s.biosBoot = "lpxelinux.0";
        assertEquals("undionly.kpxe", setup.boot().decide(bios, Ipv4.parse("10.0.0.1")).bootFile(), "an edit in progress is not seen");
        setup.refresh();
        assertEquals("lpxelinux.0", setup.boot().decide(bios, Ipv4.parse("10.0.0.1")).bootFile());
        assertTrue(setup.boot().script(request(MAC)).contains("menu M"), "the published menu survives a refresh");
    }

    @Test
    void theSecureBootPathChosenInTheSettingsReachesUefiClientsAndABadOneIsNamed() throws Exception {
        Settings s = new Settings();
        EngineSetup setup = setup(s);
        ClientInfo x64 = new ClientInfo(MAC, 1, Firmware.UEFI_X64, 7, "PXEClient:Arch:00007:UNDI:003016", null, null, null, null);
        ClientInfo arm = new ClientInfo(MAC, 1, Firmware.UEFI_ARM64, 11, "PXEClient:Arch:00011:UNDI:003000", null, null, null, null);
        assertEquals("ipxe.efi", setup.boot().decide(x64, Ipv4.parse("10.0.0.1")).bootFile());
        assertEquals("grubaa64.efi", setup.boot().decide(arm, Ipv4.parse("10.0.0.1")).bootFile());
        s.uefiPath = "shim-grub";
        s.arm64Path = "shim-grub";
        setup.refresh();
        assertEquals("shimx64.efi", setup.boot().decide(x64, Ipv4.parse("10.0.0.1")).bootFile());
        assertEquals("shimaa64.efi", setup.boot().decide(arm, Ipv4.parse("10.0.0.1")).bootFile());
        s.uefiPath = "sometimes";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, setup::refresh);
        assertTrue(e.getMessage().startsWith("uefiPath: ") && e.getMessage().contains("'sometimes'"), e.getMessage());
    }

    @Test
    void aGrubPathWhoseProgramsAreNotInTheServedFolderIsNamedWithWhereToGetThem() throws Exception {
        Settings s = new Settings();
        Path root = java.nio.file.Files.createDirectories(dir.resolve("served"));
        assertEquals(List.of("UEFI arm64 clients boot by GRUB, but the served folder " + root + " has no grubaa64.efi: copy them in with the Files view"
                        + " (Debian/Ubuntu packages shim-signed:arm64, grub-efi-arm64-signed)"),
                EngineSetup.missingPrograms(EngineSetup.bootConfig(s, null, null, null), root), "arm64's default path is GRUB; x64's iPXE is not checked");
        s.uefiPath = "shim-grub";
        s.arm64Boot = "arm64/ipxe.efi";
        java.nio.file.Files.writeString(root.resolve("grubx64.efi"), "");
        List<String> w = EngineSetup.missingPrograms(EngineSetup.bootConfig(s, null, null, null), root);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("UEFI x64 clients boot by Secure Boot: shim → GRUB, but the served folder " + root + " has no shimx64.efi:"), w.get(0));
        java.nio.file.Files.writeString(root.resolve("shimx64.efi"), "");
        assertEquals(List.of(), EngineSetup.missingPrograms(EngineSetup.bootConfig(s, null, null, null), root));
        assertEquals(List.of(), EngineSetup.missingPrograms(EngineSetup.bootConfig(s, null, null, null), dir.resolve("not-there")));
    }

    /** shim and GRUB in grub/ of a structured root (#24) are where DHCP gives them from: not missing. */
    @Test
    void secureBootProgramsInGrubOfAStructuredRootAreNotMissing() throws Exception {
        Settings s = new Settings();
        s.uefiPath = "shim-grub";
        s.arm64Boot = "arm64/ipxe.efi";
        Path root = java.nio.file.Files.createDirectories(dir.resolve("served/grub"));
        root = root.getParent();
        java.nio.file.Files.writeString(root.resolve("grub/shimx64.efi"), "");
        List<String> w = EngineSetup.missingPrograms(EngineSetup.bootConfig(s, null, null, null), root);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("has no grubx64.efi:"), w.get(0));
        java.nio.file.Files.writeString(root.resolve("grub/grubx64.efi"), "");
        assertEquals(List.of(), EngineSetup.missingPrograms(EngineSetup.bootConfig(s, null, null, null), root));
    }

    /**
     * Next boot edited on the owner's thread while eight threads answer DHCP and /boot.ipxe for ten seconds: no
     * exception, and every answer is one that some configuration gives (the menu, the local disk, or the entry).
     */
    @Test
    void editsWhileEightThreadsAnswerNeverTearAnAnswer() throws Exception {
        Settings s = new Settings();
        EngineSetup setup = setup(s);
        BootCore core = setup.boot();
        ClientInfo ipxe = new ClientInfo(MAC, 1, Firmware.BIOS, 0, "PXEClient:Arch:00000:UNDI:002001", "iPXE", null, null, null);
        ClientInfo pxe = new ClientInfo(MAC, 1, Firmware.UEFI_X64, 7, "PXEClient:Arch:00007:UNDI:003000", null, null, null, null);
        String menu = BootCore.menuScript(MenuPublisherTest.menu("M"), "http://10.0.0.1", MAC.toString(), null);
        String local = BootCore.menuScript(MenuPublisherTest.menu("M"), "http://10.0.0.1", MAC.toString(), new NextBoot("local", true));
        String entry = BootCore.menuScript(MenuPublisherTest.menu("M"), "http://10.0.0.1", MAC.toString(), new NextBoot("linux", true));
        long end = System.nanoTime() + 10_000_000_000L;
        ExecutorService answerers = Executors.newFixedThreadPool(8);
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answers = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean http = t % 2 == 0;
            running.add(answerers.submit(() -> {
                while (System.nanoTime() < end) {
                    if (http) {
                        String got = core.script(request(MAC));
                        if (!got.equals(menu) && !got.equals(local) && !got.equals(entry)) wrong.add(got);
                    } else {
                        BootDecision a = core.decide(ipxe, Ipv4.parse("10.0.0.1"));
                        BootDecision b = core.decide(pxe, Ipv4.parse("10.0.0.1"));
                        if (!"http://10.0.0.1/boot.ipxe?mac=52:54:00:12:34:56".equals(a.bootFile()) || !"ipxe.efi".equals(b.bootFile())) {
                            wrong.add(a + " / " + b);
                        }
                    }
                    answers.incrementAndGet();
                }
                return null;
            }));
        }
        String[] choices = {"local", "linux", null};
        for (int i = 0; System.nanoTime() < end; i++) {
            String c = choices[i % 3];
            onOwner(() -> setup.setNextBoot(MAC, c == null ? null : new NextBoot(c, true)));
        }
        for (Future<?> f : running) f.get(30, TimeUnit.SECONDS); // an exception in an answering thread fails here
        answerers.shutdown();
        assertTrue(wrong.isEmpty(), wrong.size() + " torn answers, e.g. " + (wrong.isEmpty() ? "" : wrong.get(0)));
        assertTrue(answers.get() > 1000, "the threads answered: " + answers.get());
    }
}
