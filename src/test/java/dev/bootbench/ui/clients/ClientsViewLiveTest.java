package dev.bootbench.ui.clients;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.DhcpMessageType;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The clients table as a technician sees it: what the rows draw (the text nodes on screen, not the
 * model's values) follows a boot as it happens, for a row that appears while the view is shown, and
 * rows can be selected by mouse and keyboard from any column.
 */
@ExtendWith(ApplicationExtension.class)
class ClientsViewLiveTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = UiTestSupport.open(stage, UiTestSupport.workspace(""));
        window.show("clients");
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private TableView<?> table() {
        return (TableView<?>) window.view("clients").lookup("#clients-table");
    }

    /** The visible row showing {@code mac}, or null. FX thread. */
    private TableRow<?> rowOf(String mac) {
        for (Node n : table().lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> r && r.isVisible() && r.getItem() instanceof ClientRow c && c.mac().equals(mac)) return r;
        }
        return null;
    }

    /** Column title to the text the row draws in it (the label's text node, as laid out). FX thread. */
    static Map<String, String> drawn(TableRow<?> r) {
        Map<String, String> out = new LinkedHashMap<>();
        if (r == null) return out;
        for (Node c : r.getChildrenUnmodifiable()) {
            if (c instanceof LiveCell<?, ?, ?> l && l.content() instanceof Label label) {
                Text t = (Text) label.lookup(".text");
                out.put(l.getTableColumn().getText(), t == null ? "" : t.getText());
            }
        }
        return out;
    }

    /** Waits until the row draws what {@code want} accepts; on timeout, says what it drew and what the model held. */
    private void awaitDrawn(String what, String mac, java.util.function.Predicate<Map<String, String>> want) {
        try {
            await(what, () -> want.test(drawn(rowOf(mac))));
        } catch (AssertionError e) {
            String state = fx(() -> {
                TableRow<?> r = rowOf(mac);
                ClientRow m = r == null ? null : (ClientRow) r.getItem();
                return "drawn " + drawn(r) + "; model stage=" + (m == null ? null : m.getStage()) + " file=" + (m == null ? null : m.fileProperty().get())
                        + "; needsLayout row=" + (r != null && r.isNeedsLayout()) + " table=" + table().isNeedsLayout();
            });
            throw new AssertionError(e.getMessage() + ": " + state, e);
        }
    }

    private void dhcp(MacAddress mac, String ip) {
        window.context().bus().publish(new DhcpEvent(Instant.now(), "eth1", mac, 1, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER,
                Firmware.BIOS, "PXEClient:Arch:00000:UNDI:002001", null, null, Ipv4.parse(ip), "undionly.kpxe", false, null));
    }

    /** A UEFI PXE client that got {@code ip} and {@code bootFile}, selected, in a window of 1280x800. */
    private void selectedAt1280(MacAddress mac, String ip, String bootFile) throws Exception {
        window.context().bus().publish(new DhcpEvent(Instant.now(), "eth1", mac, 1, DhcpMessageType.REQUEST, DhcpMessageType.ACK,
                Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003016", null, null, Ipv4.parse(ip), bootFile, false, null));
        await("a row", () -> rowOf(mac.toString()) != null);
        javafx.application.Platform.runLater(() -> {
            window.root().getScene().getWindow().setWidth(1280);
            window.root().getScene().getWindow().setHeight(800);
            @SuppressWarnings("unchecked")
            TableView<ClientRow> t = (TableView<ClientRow>) table();
            t.getSelectionModel().select((ClientRow) rowOf(mac.toString()).getItem());
        });
    }

    /** At 1280x800 the selected client's Next boot choice is readable ("menu", not "m") (#24). */
    @Test
    void theNextBootChoiceIsNotCutAt1280() throws Exception {
        await("the table is ready", () -> window.clientsView().ready());
        MacAddress mac = MacAddress.parse("52:54:00:12:34:57");
        dhcp(mac, "10.77.0.21");
        await("a row", () -> rowOf(mac.toString()) != null);
        javafx.scene.control.ComboBox<?> next = (javafx.scene.control.ComboBox<?>) window.view("clients").lookup("#next-boot");
        javafx.application.Platform.runLater(() -> {
            window.root().getScene().getWindow().setWidth(1280);
            window.root().getScene().getWindow().setHeight(800);
            next.getEditor().setText("menu");
        });
        await("laid out at 1280 px", () -> window.root().getScene().getWindow().getWidth() == 1280);
        await("the choice is wide enough for 'menu' and its arrow", () -> next.getWidth() >= 96);
    }

    /**
     * At 1280x800 the table's iPXE column draws the build's version whole, not cut with "..."; the selected client's
     * firmware, iPXE build with its features and address are shown whole, wrapped, and follow the client: selected when
     * its PXE ROM asked, the line names the iPXE build once iPXE asks.
     */
    @Test
    void theSelectedClientsIpxeBuildIsShownWholeAndFollowedAt1280() throws Exception {
        await("the table is ready", () -> window.clientsView().ready());
        MacAddress mac = MacAddress.parse("52:54:00:12:34:58");
        selectedAt1280(mac, "10.77.0.22", "ipxe.efi");
        Label summary = (Label) window.view("clients").lookup("#client-summary");
        await("the summary of the PXE ROM's request", () -> summary.getText().contains("10.77.0.22") && !summary.getText().contains("iPXE"));

        Map<String, Integer> features = new LinkedHashMap<>();
        for (String f : new String[] {"aoe", "dns", "efi", "http", "https", "iscsi", "menu", "nfs", "srp", "tftp", "fcoe", "pxe", "pxeext"}) {
            features.put(f, 1);
        }
        window.context().bus().publish(new DhcpEvent(Instant.now(), "eth1", mac, 2, DhcpMessageType.REQUEST, DhcpMessageType.ACK,
                Firmware.UEFI_X64, "PXEClient:Arch:00007:UNDI:003016", "iPXE", new dev.bootbench.engine.dhcp.IpxeInfo("1.21.1", null, features),
                Ipv4.parse("10.77.0.22"), "boot.ipxe", false, null));
        await("the summary follows: it names the iPXE build and every feature",
                () -> summary.getText().contains("iPXE 1.21.1") && summary.getText().contains("pxeext") && summary.getText().contains("10.77.0.22"));
        await("laid out at 1280 px", () -> window.root().getScene().getWindow().getWidth() == 1280 && !summary.isNeedsLayout());
        await("the summary is drawn whole: " + fx(summary::getText), () -> {
            Text drawnText = (Text) summary.lookup(".text");
            return drawnText != null && drawnText.getText().equals(summary.getText());
        });
        awaitDrawn("the iPXE column draws the version whole", mac.toString(), d -> "1.21.1".equals(d.get("iPXE")));
    }

    /** At 1280x800 a long line of the selected client's timeline wraps: drawn whole within the list, not past its right edge. */
    @Test
    void aLongTimelineLineIsDrawnWholeAt1280() throws Exception {
        await("the table is ready", () -> window.clientsView().ready());
        MacAddress mac = MacAddress.parse("52:54:00:12:34:59");
        String file = "images/windows-11-24h2-enterprise/efi/boot/bootx64.efi";
        selectedAt1280(mac, "10.77.0.23", file);
        javafx.scene.Parent timeline = (javafx.scene.Parent) window.view("clients").lookup("#client-timeline");
        await("laid out at 1280 px", () -> window.root().getScene().getWindow().getWidth() == 1280 && !timeline.isNeedsLayout());
        await("the DHCP line with its boot file is drawn whole", () -> {
            for (Node n : timeline.lookupAll(".list-cell .label")) {
                if (n instanceof Label c && c.getText() != null && c.getText().contains(file)) {
                    Text drawnText = (Text) c.lookup(".text");
                    // whole, and within the list's width: read without scrolling sideways
                    return drawnText != null && drawnText.getText().equals(c.getText())
                            && drawnText.localToScene(drawnText.getBoundsInLocal()).getMaxX() <= timeline.localToScene(timeline.getBoundsInLocal()).getMaxX();
                }
            }
            return false;
        });
    }

    /** A long path in the File column is cut at its start, so the file's own name is what shows. */
    @Test
    void theFileColumnShowsTheFilesNameOfALongPath() throws Exception {
        await("the table is ready", () -> window.clientsView().ready());
        MacAddress mac = MacAddress.parse("52:54:00:12:34:5a");
        dhcp(mac, "10.77.0.24");
        Transfer t = new Transfer(Transfer.nextId(), Transfer.Protocol.HTTP, new InetSocketAddress("10.77.0.24", 2000), mac,
                "images/debian-12.8/amd64/install/initrd.gz", 28_000_000, 0, 28_000_000, 0, 1, null);
        window.context().bus().publish(new TransferStarted(Instant.now(), t));
        javafx.application.Platform.runLater(() -> {
            window.root().getScene().getWindow().setWidth(1280);
            window.root().getScene().getWindow().setHeight(800);
        });
        awaitDrawn("the column ends with the file's name", mac.toString(), d -> d.getOrDefault("File", "").endsWith("/initrd.gz"));
    }

    @Test
    void aRowAddedWhileTheViewIsShownDrawsEveryNewValue() throws Exception {
        await("the table is ready", () -> window.clientsView().ready());
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        dhcp(mac, "10.77.0.20");
        await("the row draws the DHCP stage", () -> drawn(rowOf(mac.toString())).getOrDefault("Stage", "").contains("DHCP"));
        Transfer t = new Transfer(Transfer.nextId(), Transfer.Protocol.TFTP, new InetSocketAddress("10.77.0.20", 2000), mac, "undionly.kpxe",
                100_000, 0, 100_000, 512, 1, "octet");
        window.context().bus().publish(new TransferStarted(Instant.now(), t));
        awaitDrawn("the row draws the boot program's stage and file", mac.toString(),
                d -> d.getOrDefault("Stage", "").contains("boot program") && d.getOrDefault("File", "").equals("undionly.kpxe"));
        String elapsedBefore = fx(() -> drawn(rowOf(mac.toString())).get("Elapsed"));
        window.context().bus().publish(new TransferProgress(Instant.now(), t, 50_000));
        await("the row draws the progress", () -> {
            TableRow<?> r = rowOf(mac.toString());
            for (Node c : r.getChildrenUnmodifiable()) {
                if (c instanceof LiveCell<?, ?, ?> l && l.content() instanceof LightBar b) {
                    Node fill = b.getChildrenUnmodifiable().get(0);
                    return Math.abs(fill.getLayoutBounds().getWidth() - b.getWidth() * 0.5) <= 1.5 && b.getWidth() > 10;
                }
            }
            return false;
        });
        await("the row draws a rate and a later elapsed time", () -> {
            Map<String, String> d = drawn(rowOf(mac.toString()));
            return d.get("Rate").endsWith("/s") && !d.get("Elapsed").equals(elapsedBefore);
        });
    }

    @Test
    void aClickOnAnyColumnSelectsTheRowAndTheKeyboardMovesOn(FxRobot robot) {
        await("the table is ready", () -> window.clientsView().ready());
        dhcp(MacAddress.parse("52:54:00:00:00:01"), "10.77.0.21");
        dhcp(MacAddress.parse("52:54:00:00:00:02"), "10.77.0.22");
        await("two rows", () -> rowOf("52:54:00:00:00:01") != null && rowOf("52:54:00:00:00:02") != null);
        for (String column : new String[] {"Stage", "MAC", "File", "Progress", "Elapsed"}) {
            fx(() -> {
                table().getSelectionModel().clearSelection();
                return null;
            });
            Node cell = fx(() -> {
                for (Node c : rowOf("52:54:00:00:00:02").getChildrenUnmodifiable()) {
                    if (c instanceof LiveCell<?, ?, ?> l && l.getTableColumn().getText().equals(column)) return c;
                }
                return null;
            });
            assertNotNull(cell, column);
            robot.clickOn(cell);
            await("a click in " + column + " selects the row", () -> window.clients().selectedProperty().get() != null
                    && window.clients().selectedProperty().get().mac().equals("52:54:00:00:00:02"));
        }
        assertEquals("52:54:00:00:00:02", fx(() -> ((Label) window.view("clients").lookup("#client-title")).getText()).split(" ")[0],
                "the detail pane shows the selected client");
        assertTrue(fx(() -> table().isFocused()), "the click focused the table");
        robot.type(KeyCode.UP);
        await("UP selects the row above", () -> window.clients().selectedProperty().get() != null
                && window.clients().selectedProperty().get().mac().equals("52:54:00:00:00:01"));
        robot.type(KeyCode.DOWN);
        await("DOWN selects the row below", () -> window.clients().selectedProperty().get().mac().equals("52:54:00:00:00:02"));
    }

    /** Rows the table draws (visible, with a client). FX thread. */
    private int drawnRows() {
        int n = 0;
        for (Node c : table().lookupAll(".table-row-cell")) if (c instanceof TableRow<?> r && r.isVisible() && r.getItem() != null) n++;
        return n;
    }

    /** The filter narrows the table; its clear button, shown only while there is text, empties it and every client is back. */
    @Test
    void theFiltersClearButtonShowsEveryClientAgain(FxRobot robot) {
        await("the table is ready", () -> window.clientsView().ready());
        dhcp(MacAddress.parse("52:54:00:00:00:01"), "10.77.0.21");
        dhcp(MacAddress.parse("52:54:00:00:00:02"), "10.77.0.22");
        await("two rows", () -> drawnRows() == 2);
        javafx.scene.control.TextField search = robot.lookup("#clients-search").query();
        Node clear = fx(() -> search.lookup(".clear-button"));
        assertNotNull(clear, "a clear button in the field");
        await("no clear button while the filter is empty", () -> clear.getOpacity() == 0 || !clear.isVisible());
        robot.clickOn(search).write("00:00:02");
        await("the filter leaves one row", () -> drawnRows() == 1 && rowOf("52:54:00:00:00:02") != null);
        await("the clear button shows", () -> clear.isVisible() && clear.getOpacity() == 1);
        robot.clickOn(clear);
        await("the filter is empty", () -> search.getText().isEmpty());
        await("both rows again", () -> drawnRows() == 2);
    }
}
