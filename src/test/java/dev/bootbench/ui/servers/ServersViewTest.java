package dev.bootbench.ui.servers;

import dev.bootbench.engine.DhcpMode;
import static dev.bootbench.ui.UiTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceName;
import dev.bootbench.engine.dhcp.OtherDhcpServerEvent;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class ServersViewTest {
    private MainWindow window;
    private Path ws;

    @Start
    void start(Stage stage) throws Exception {
        ws = UiTestSupport.workspace("\"dhcpMode\":\"FULL\",\"iface\":\"\"");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private static String text(FxRobot robot, String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }

    @Test
    void aFailedServiceEventShowsTheReasonAndWhatToDo(FxRobot robot) {
        String reason = "UDP port 67 on 10.77.0.1: permission denied";
        publish(new ServiceEvent(Instant.now(), ServiceName.DHCP, ServiceEvent.State.FAILED, reason, dev.bootbench.engine.ServiceProblem.NO_PRIVILEGE));
        await("dhcp failed", () -> text(robot, "#dhcp-state").equals("failed"));
        assertEquals(reason, text(robot, "#dhcp-detail"));
        Label advice = robot.lookup("#dhcp-advice").query();
        assertTrue(advice.isVisible());
        assertTrue(advice.getText().contains("bootbench-privileged"), advice.getText());
        assertTrue(robot.lookup("#dhcp-state").query().getStyleClass().contains("state-bad"));
        assertTrue(((Label) robot.lookup("#status-services").query()).getText().startsWith("● 0 of 3"));

        publish(new ServiceEvent(Instant.now(), ServiceName.PROXY_DHCP, ServiceEvent.State.LISTENING, "listening on eth1 10.77.0.1 ports 67 and 4011"));
        await("dhcp running", () -> text(robot, "#dhcp-state").equals("running"));
        assertFalse(robot.lookup("#dhcp-advice").query().isVisible());
        await("status counts it", () -> ((Label) robot.lookup("#status-services").query()).getText().startsWith("● 1 of 3"));
    }

    /** A stopped service says "stopped" once: in its state, with no detail line repeating it (#24). */
    @Test
    void aStoppedServiceSaysSoOnce(FxRobot robot) {
        for (String id : java.util.List.of("#tftp", "#http")) {
            assertEquals("stopped", text(robot, id + "-state"));
            assertFalse(robot.lookup(id + "-detail").query().isVisible(), id + " repeats: " + text(robot, id + "-detail"));
        }
        publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.LISTENING, "listening on 10.77.0.1 port 69"));
        await("tftp running", () -> text(robot, "#tftp-state").equals("running") && robot.lookup("#tftp-detail").query().isVisible());
        window.context().engine().stop(dev.bootbench.engine.BootEngine.Service.TFTP);
        publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.STOPPED, ""));
        await("tftp stopped", () -> text(robot, "#tftp-state").equals("stopped"));
        assertFalse(robot.lookup("#tftp-detail").query().isVisible());
    }

    private void publish(dev.bootbench.engine.EngineEvent e) {
        ctx().bus().publish(e);
    }

    private dev.bootbench.ui.AppContext ctx() {
        return window.context();
    }

    @Test
    void startingDhcpWithoutAnInterfaceFailsWithTheEnginesReason(FxRobot robot) {
        robot.clickOn("#dhcp-toggle");
        await("dhcp failed", () -> text(robot, "#dhcp-state").equals("failed"));
        assertTrue(text(robot, "#dhcp-detail").contains("needs the bench interface"), text(robot, "#dhcp-detail"));
        assertFalse(robot.lookup("#dhcp-advice").query().isVisible(), "a setting at fault gets no port or interface advice");
        assertFalse(ctx().engine().isRunning(dev.bootbench.engine.BootEngine.Service.DHCP));
        org.controlsfx.control.ToggleSwitch toggle = robot.lookup("#dhcp-toggle").query();
        await("the switch is off again: DHCP did not start", () -> !toggle.isSelected() && !toggle.isDisabled());
    }

    @Test
    void anotherDhcpServerOffersAOneClickSwitchToProxy(FxRobot robot) throws Exception {
        Node banner = robot.lookup("#other-dhcp-banner").query();
        assertFalse(banner.isVisible());
        publish(new OtherDhcpServerEvent(Instant.now(), "eth1", "192.0.2.1", "192.0.2.1", "192.0.2.57", null, null));
        await("banner", banner::isVisible);
        assertTrue(text(robot, "#other-dhcp-text").contains("192.0.2.1"));
        robot.clickOn("#switch-to-proxy");
        await("proxy mode", () -> ctx().settings().dhcpMode == DhcpMode.PROXY);
        assertFalse(banner.isVisible());
        await("saved", () -> Files.readString(ws.resolve("settings.json")).contains("PROXY"));
        assertEquals(DhcpMode.PROXY, new Workspace(ws).loadSettings().dhcpMode);
    }

    @Test
    void theSecureBootPathChosenHereIsSavedAndDecidesWhatUefiClientsBoot(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.bootbench.engine.boot.BootPath> x64 = robot.lookup("#uefi-path").query();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.bootbench.engine.boot.BootPath> arm = robot.lookup("#arm64-path").query();
        assertEquals(dev.bootbench.engine.boot.BootPath.IPXE, x64.getValue(), "iPXE by default");
        assertEquals(dev.bootbench.engine.boot.BootPath.GRUB, arm.getValue(), "GRUB on arm64 by default");
        robot.clickOn("#uefi-path");
        robot.clickOn("Secure Boot: shim → GRUB (shimx64.efi, grubx64.efi)");
        assertEquals(dev.bootbench.engine.boot.BootPath.SHIM_GRUB, x64.getValue());
        robot.clickOn("#save-settings");
        await("saved", () -> Files.readString(ws.resolve("settings.json")).contains("\"uefiPath\" : \"shim-grub\""));
        assertEquals(null, new Workspace(ws).loadSettings().arm64Path, "a default left alone is not written");
        var x64Client = new dev.bootbench.engine.dhcp.ClientInfo(dev.bootbench.engine.net.MacAddress.parse("52:54:00:00:00:09"), 1,
                dev.bootbench.engine.dhcp.Firmware.UEFI_X64, 7, "PXEClient:Arch:00007:UNDI:003016", null, null, null, null);
        await("the engine decides by it", () -> "shimx64.efi".equals(ctx().engine().boot()
                .decide(x64Client, dev.bootbench.engine.net.Ipv4.parse("10.0.0.1")).bootFile()));
    }

    @Test
    void wrongFieldsGiveAMessageAndChangeNothing(FxRobot robot) throws Exception {
        TextField port = robot.lookup("#http-port").query();
        robot.interact(() -> port.setText("eighty"));
        TextField range = robot.lookup("#dhcp-range").query();
        robot.interact(() -> range.setText("10.0.0.9-10.0.0.1"));
        robot.clickOn("#save-settings");
        Label msg = robot.lookup("#servers-message").query();
        assertTrue(msg.getText().contains("HTTP port must be 1 to 65535"), msg.getText());
        assertTrue(msg.getText().contains("Pool ends before it starts"), msg.getText());
        assertEquals(80, ctx().settings().httpPort);
        robot.interact(() -> {
            port.setText("8080");
            range.setText("10.0.0.100-10.0.0.120");
        });
        robot.clickOn("#save-settings");
        await("saved", () -> Files.readString(ws.resolve("settings.json")).contains("8080"));
        Settings s = new Workspace(ws).loadSettings();
        assertEquals(8080, s.httpPort);
        assertEquals("10.0.0.100-10.0.0.120", s.range);
    }

    @Test
    void bootProgramsPerFirmwareIncludingHttpBootAreShownAndSaved(FxRobot robot) throws Exception {
        javafx.scene.control.TitledPane pane = robot.lookup("#boot-programs").query();
        assertFalse(pane.isExpanded(), "folded by default");
        robot.interact(() -> pane.setExpanded(true));
        TextField bios = robot.lookup("#boot-bios").query();
        TextField uefi = robot.lookup("#boot-uefi").query();
        TextField http = robot.lookup("#boot-http").query();
        TextField httpArm = robot.lookup("#boot-http-arm64").query();
        TextField uboot = robot.lookup("#boot-uboot").query();
        assertEquals("undionly.kpxe", bios.getText(), "the settings' boot programs are shown");
        assertEquals("ipxe.efi", uefi.getText());
        assertEquals("", http.getText(), "no HTTP Boot program of its own: the UEFI x64 one goes");
        assertEquals("boot.scr.uimg", uboot.getText(), "U-Boot's default boot file");
        robot.interact(() -> {
            http.setText(" x64/snponly.efi ");
            httpArm.setText("http://10.77.0.9/arm64.efi");
            uboot.setText("boards/boot.scr.uimg");
        });
        robot.interact(() -> pane.setExpanded(false)); // the save button back in sight
        robot.clickOn("#save-settings");
        await("saved", () -> Files.readString(ws.resolve("settings.json")).contains("x64/snponly.efi"));
        Settings s = new Workspace(ws).loadSettings();
        assertEquals("x64/snponly.efi", s.httpBoot);
        assertEquals("http://10.77.0.9/arm64.efi", s.arm64HttpBoot);
        assertEquals("boards/boot.scr.uimg", s.ubootBoot);
        assertEquals("undionly.kpxe", s.biosBoot, "the others as they were");
        assertEquals("ipxe.efi", s.uefiBoot);
        assertEquals(null, s.arm64Boot);
    }

    @Test
    void listsInterfacesWithTheirAddresses(FxRobot robot) {
        await("interfaces listed", () -> window.servers().interfaces().stream().anyMatch(n -> n.name().equals("lo")));
        robot.interact(() -> window.servers().interfaces().stream().filter(n -> n.name().equals("lo")).findFirst().ifPresent(window.servers().ifaceProperty()::set));
        assertTrue(((Label) robot.lookup("#iface-warning").query()).getText().contains("Loopback"));
    }


    /**
     * The messages of the validation decorations shown on {@code field}: the icons ControlsFX draws over its edge (nodes
     * of the field itself), each with its message as a tooltip. FX thread.
     */
    private static java.util.List<String> decorations(TextField field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Node n : field.getChildrenUnmodifiable()) {
            if (n instanceof Label l && l.getTooltip() != null && l.isVisible() && l.getGraphic() != null) out.add(l.getTooltip().getText());
        }
        return out;
    }

    private static java.util.List<String> decorationsOf(FxRobot robot, TextField field) {
        return UiTestSupport.fx(() -> decorations(field));
    }

    /** A wrong address is marked on its field with the words Save then says; a right one takes the mark away (#24). */
    @Test
    void aWrongRouterIsDecoratedWithWhatSaveRefusesAndARightOneClearsIt(FxRobot robot) {
        TextField router = robot.lookup("#dhcp-router").query();
        assertEquals(java.util.List.of(), decorationsOf(robot, router), "nothing marked at first");
        robot.clickOn(router).write("10.77.0.256");
        String refused = "Router must be an IPv4 address or empty";
        await("decorated", () -> decorationsOf(robot, router).equals(java.util.List.of(refused)));
        robot.clickOn("#save-settings");
        assertEquals(refused, text(robot, "#servers-message"), "Save refuses it in the same words");
        robot.interact(() -> router.setText("10.77.0.254"));
        await("the mark is gone", () -> decorationsOf(robot, router).isEmpty());
        robot.clickOn("#save-settings");
        await("saved", () -> "10.77.0.254".equals(ctx().settings().router));
    }

    /** Every typed field of the view is checked as Save checks it. */
    @Test
    void everyTypedFieldIsDecoratedWithSavesMessage(FxRobot robot) {
        javafx.scene.control.TitledPane pane = robot.lookup("#boot-programs").query();
        robot.interact(() -> pane.setExpanded(true));
        String[][] cases = {
            {"#dhcp-range", "10.0.0.9-10.0.0.1", "Pool ends before it starts", "10.0.0.1-10.0.0.9"},
            {"#dhcp-range", "10.0.0.9", "Pool must be FIRST-LAST, e.g. 10.77.0.100-10.77.0.199", ""},
            {"#dhcp-lease", "30", "Lease time must be a number of seconds from 60 to 604800", "3600"},
            {"#dhcp-dns", "10.77.0.1, dns.example", "DNS 'dns.example' is not an IPv4 address", "10.77.0.1, 9.9.9.9"},
            {"#tftp-port", "0", "TFTP port must be 1 to 65535", "69"},
            {"#http-port", "80a", "HTTP port must be 1 to 65535", "8080"},
            {"#boot-http", "ftp://10.77.0.9/x.efi", "HTTP Boot x64 must be a path of the root folder or an http:// or https:// URL with a host", "http://10.77.0.9/x.efi"},
            {"#boot-http-arm64", "http:///arm64.efi", "HTTP Boot arm64 must be a path of the root folder or an http:// or https:// URL with a host", "arm64/grubaa64.efi"},
        };
        for (String[] c : cases) {
            TextField f = robot.lookup(c[0]).query();
            robot.interact(() -> f.setText(c[1]));
            await(c[0] + " marked", () -> decorationsOf(robot, f).equals(java.util.List.of(c[2])));
            assertEquals(c[2], saveMessage(robot), "Save says the same of " + c[0]);
            robot.interact(() -> f.setText(c[3]));
            await(c[0] + " unmarked", () -> decorationsOf(robot, f).isEmpty());
        }
    }

    /** What Save says now (the fields are not saved while one is wrong). */
    private String saveMessage(FxRobot robot) {
        return UiTestSupport.fx(() -> {
            window.servers().apply();
            return window.servers().messageProperty().get();
        });
    }

    /** The DHCP mode's segmented buttons choose the mode, one always chosen; the address fields only count in full mode. */
    @Test
    void theModeButtonsChooseTheDhcpModeAndOneStaysChosen(FxRobot robot) throws Exception {
        javafx.scene.control.ToggleButton full = robot.lookup("#dhcp-mode-full").query();
        javafx.scene.control.ToggleButton proxy = robot.lookup("#dhcp-mode-proxy").query();
        TextField range = robot.lookup("#dhcp-range").query();
        assertTrue(full.isSelected());
        assertFalse(range.isDisabled());
        robot.clickOn(proxy);
        assertEquals(DhcpMode.PROXY, window.servers().dhcpModeProperty().get());
        assertTrue(range.isDisabled(), "the pool is not ours in proxy mode");
        robot.clickOn(proxy);
        assertTrue(proxy.isSelected(), "clicking the chosen mode keeps it chosen");
        assertEquals(DhcpMode.PROXY, window.servers().dhcpModeProperty().get());
        robot.clickOn("#save-settings");
        await("saved", () -> new Workspace(ws).loadSettings().dhcpMode == DhcpMode.PROXY);
        robot.clickOn(full);
        assertFalse(range.isDisabled());
    }
}
