package dev.bootbench.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bootbench.clients.BootSession;
import dev.bootbench.clients.SessionListener;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.MainWindow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real desktop app, run by {@link ClientsViewBootIT} in a process of its own inside the server's network
 * namespace (a thread cannot be moved into one): its real {@link AppContext} on a prepared workspace, the servers
 * started and the menu published through the view models as a user's clicks do, the Clients view shown and never
 * switched. It writes, with wall-clock times the test compares with the guests' serial consoles:
 * <ul>
 *   <li>{@code rows.jsonl}: every 100 ms, what each visible row of the clients table draws (the text nodes of its
 *       labels and the width of its progress bar's fill, not the view model's values);</li>
 *   <li>{@code stages.jsonl}: each stage the engine's boot sessions reach;</li>
 *   <li>{@code transfers.jsonl}: each transfer that starts.</li>
 * </ul>
 * Commands come as lines appended to {@code commands}: {@code click MAC} (a simulated mouse click on the row, then
 * the detail pane's title and timeline are written to {@code click-MAC.json}), {@code screenshot NAME}
 * ({@code NAME.png}) and {@code quit}.
 */
public final class ClientsViewApp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path out;
    private MainWindow window;
    private final FxRobot robot = new FxRobot();

    private ClientsViewApp(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String menuName = args[2];
        new ClientsViewApp(out).run(workspace, menuName);
    }

    private void run(Path workspace, String menuName) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            AppContext ctx = new AppContext(workspace, true);
            window = new MainWindow(ctx, s);
            s.setWidth(1280);
            s.setHeight(800);
            s.show();
            window.show("clients");
            ctx.sessions().addListener(new SessionListener() {
                @Override
                public void sessionChanged(BootSession session) {}

                @Override
                public boolean followsEveryChange() {
                    return false;
                }

                @Override
                public void stageReached(BootSession session, BootSession.StageReached st) {
                    write("stages.jsonl", Map.of("t", System.currentTimeMillis(), "mac", String.valueOf(session.mac()), "stage", st.stage().name(),
                            "detail", String.valueOf(st.detail())));
                }
            });
            ctx.bus().subscribe(e -> {
                if (e instanceof TransferStarted t) {
                    write("transfers.jsonl", Map.of("t", System.currentTimeMillis(), "mac", String.valueOf(t.transfer().mac()),
                            "client", t.transfer().client().getAddress().getHostAddress(), "file", t.transfer().file()));
                }
            });
        });
        // what a user does: start the servers, open the menu and publish it
        onFx(() -> window.servers().startAll()).join();
        awaitFx(() -> window.servers().servicesUpProperty().get() == 3, 60_000, "the three services running");
        onFx(() -> window.menus().ready()).join().join();
        onFx(() -> window.menus().openMenu(menuName)).join();
        awaitFx(() -> menuName.equals(window.menus().nameProperty().get()), 20_000, "the menu open");
        if (!onFx(() -> window.menus().publish()).join().join()) throw new IllegalStateException("publishing failed: " + fx(() -> window.menus().messageProperty().get()));
        if (!fx(() -> window.currentView()).equals("clients")) throw new IllegalStateException("the Clients view is not shown");
        System.out.println("CLIENTS-VIEW-APP READY");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                List<Map<String, Object>> rows = fx(this::visibleRows);
                long now = System.currentTimeMillis();
                for (Map<String, Object> r : rows) {
                    r.put("t", now);
                    write("rows.jsonl", r);
                }
            } catch (RuntimeException e) {
                System.out.println("sampling failed: " + e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        Path commands = out.resolve("commands");
        int done = 0;
        while (true) {
            List<String> lines = Files.exists(commands) ? Files.readAllLines(commands) : List.of();
            for (; done < lines.size(); done++) {
                String[] c = lines.get(done).trim().split(" ", 2);
                switch (c[0]) {
                    case "click" -> click(c[1]);
                    case "screenshot" -> screenshot(c[1]);
                    case "quit" -> {
                        sampler.shutdownNow();
                        onFx(() -> {
                            window.context().close();
                            return null;
                        }).join();
                        System.out.println("CLIENTS-VIEW-APP DONE");
                        System.exit(0);
                    }
                    default -> System.out.println("unknown command " + lines.get(done));
                }
                write("done.jsonl", Map.of("command", lines.get(done)));
            }
            Thread.sleep(100);
        }
    }

    private TableView<?> table() {
        return (TableView<?>) window.view("clients").lookup("#clients-table");
    }

    /** What each visible row draws: column title to the text on screen; the progress as the fill's share of the bar. */
    private List<Map<String, Object>> visibleRows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Node n : table().lookupAll(".table-row-cell")) {
            if (!(n instanceof TableRow<?> row) || !row.isVisible() || row.getItem() == null) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            for (Node c : row.getChildrenUnmodifiable()) {
                if (!(c instanceof javafx.scene.control.TableCell<?, ?> cell) || cell.getTableColumn() == null) continue;
                String col = cell.getTableColumn().getText();
                Node content = cell.getChildrenUnmodifiable().stream().filter(x -> x instanceof Region && !(x instanceof Text))
                        .filter(x -> x.isVisible()).findFirst().orElse(null);
                if (content instanceof Label l) {
                    Text t = (Text) l.lookup(".text");
                    r.put(col, t == null ? "" : t.getText());
                } else if (content instanceof Region bar && !bar.getChildrenUnmodifiable().isEmpty()) {
                    double w = bar.getWidth();
                    double fill = bar.getChildrenUnmodifiable().get(0).getLayoutBounds().getWidth();
                    r.put(col, w > 0 ? Math.round(fill / w * 1000) / 1000.0 : 0.0);
                }
            }
            r.put("tooltip", row.getTooltip() == null ? "" : row.getTooltip().getText());
            out.add(r);
        }
        return out;
    }

    private void click(String mac) throws Exception {
        Node cell = fx(() -> {
            for (Node n : table().lookupAll(".table-row-cell")) {
                if (n instanceof TableRow<?> row && row.isVisible() && row.getItem() != null) {
                    for (Node c : row.getChildrenUnmodifiable()) {
                        if (c instanceof javafx.scene.control.TableCell<?, ?> tc && tc.getTableColumn() != null
                                && tc.getTableColumn().getText().equals("MAC")) {
                            Node content = tc.getChildrenUnmodifiable().stream().filter(x -> x instanceof Label).findFirst().orElse(null);
                            if (content instanceof Label l && mac.equals(l.getText())) return c;
                        }
                    }
                }
            }
            return null;
        });
        if (cell == null) {
            write("click-" + mac + ".json", Map.of("error", "no visible row for " + mac));
            return;
        }
        robot.clickOn(cell);
        Thread.sleep(1000);
        Map<String, Object> r = fx(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", ((Label) window.view("clients").lookup("#client-title")).getText());
            m.put("hint", ((Label) window.view("clients").lookup("#client-failure")).getText());
            ListView<?> tl = (ListView<?>) window.view("clients").lookup("#client-timeline");
            List<String> items = new ArrayList<>();
            for (Node n : tl.lookupAll(".list-cell")) {
                if (n instanceof javafx.scene.control.ListCell<?> c && c.getText() != null && !c.getText().isEmpty()) items.add(c.getText());
            }
            m.put("timeline", items);
            m.put("timelineSize", tl.getItems() == null ? 0 : tl.getItems().size());
            return m;
        });
        write("click-" + mac + ".json", r);
    }

    private void screenshot(String name) throws Exception {
        WritableImage img = fx(() -> window.scene().snapshot(null));
        BufferedImage b = SwingFXUtils.fromFXImage(img, null);
        ImageIO.write(b, "png", out.resolve(name + ".png").toFile());
    }

    private synchronized void write(String file, Map<String, ?> line) {
        try (Writer w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(line));
            w.write('\n');
        } catch (IOException e) {
            System.out.println("cannot write " + file + ": " + e);
        }
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) {
        return onFx(c).join();
    }

    private static <T> CompletableFuture<T> onFx(java.util.concurrent.Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static void awaitFx(java.util.concurrent.Callable<Boolean> c, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (fx(c)) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }
}
