package dev.bootbench.bench;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responsiveness benchmark (not a test): opens the real window and replays 200 simultaneous boots
 * by publishing engine events on the bus as fast as the servers would (faster: progress every
 * 50 ms per transfer), then reports the longest gap between two FX pulses and the process RSS.
 *
 * <pre>
 *   Xvfb :99 &amp;
 *   mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   DISPLAY=:99 java $(sed -n 's/^--java-options "\(.*\)"$/\1/p' packaging/jpackage-common.txt) \
 *       -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.bootbench.bench.UiReplayBench [clients]
 * </pre>
 * The JVM options are the desktop launcher's (C1 only, heap 128 MiB to 1 GiB), as users run the app.
 * Targets: longest pulse gap at most 50 ms, RSS at most 400 MB.
 *
 * <p>Also printed: the event pump's longest drain and which listener or ticker took longest; the CPU
 * the FX and render threads used between two pulses (a gap longer than that waited for a CPU: other
 * programs, JIT compiler threads, GC); each gap over 50 ms with when it ended and that CPU; the
 * longest gap from 2 s into the replay on (the first seconds run much code for the first time while
 * the JIT compilers take about one core). {@code -Dbench.threads=true}: CPU per thread, overall and (every
 * thread of the JVM, JIT compilers and GC included) in the replay's first second (or
 * {@code bench.threadsMillis});
 * {@code -Dbench.sample=true}: the methods most often on the FX thread's stack in the pulses it ran
 * longest during the first {@code bench.sampleMillis} (800) ms, or on another thread's with
 * {@code -Dbench.sampleThread=QuantumRenderer-0};
 * {@code -Dbench.watchdog=true}: the FX thread's stack when it stalls. Run it two or three times and
 * note the load ({@code uptime}): on a busy machine the gaps grow.
 */
public final class UiReplayBench {
    private static final Logger tftpLog = LoggerFactory.getLogger("tftp");
    private static final Logger httpLog = LoggerFactory.getLogger("http");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path ws = Files.createTempDirectory("bootbench-bench");
        Files.createDirectories(ws.resolve("root"));
        Files.writeString(ws.resolve("settings.json"), "{\"schemaVersion\":1,\"root\":\"" + ws.resolve("root") + "\"}");
        Files.writeString(ws.resolve("ui.json"), "{\"schemaVersion\":1,\"width\":1280,\"height\":800,\"view\":\"clients\"}");
        System.setProperty("bootbench.noNotifications", "false");
        BenchWindow opened = BenchWindow.open(ws, true, null);
        AppContext ctx = opened.ctx();
        MainWindow win = opened.window();

        AtomicLong maxGap = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        AtomicLong over50 = new AtomicLong();
        // CPU the FX thread and the render thread used between two pulses: what the gaps would be on an idle machine
        // (the gaps themselves also count the time the threads waited for a CPU when other programs run)
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx.isThreadContentionMonitoringSupported()) mx.setThreadContentionMonitoringEnabled(true);
        AtomicLong maxFxCpu = new AtomicLong();
        AtomicLong maxRenderCpu = new AtomicLong();
        long[] renderThread = {-1};
        boolean[] measuring = {false};
        Thread[] fxThread = new Thread[1];
        long[] lastFrame = {System.nanoTime()};
        long[] measureStart = {0};
        // {offset from the replay's start, gap, FX thread CPU, render thread CPU in the gap} in ns
        List<long[]> longGaps = java.util.Collections.synchronizedList(new ArrayList<>());
        if (Boolean.getBoolean("bench.watchdog")) {
            Thread dog = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (measuring[0] && fxThread[0] != null && System.nanoTime() - lastFrame[0] > 300_000_000L) {
                        StringBuilder sb = new StringBuilder("FX thread stalled " + (System.nanoTime() - lastFrame[0]) / 1_000_000 + " ms:\n");
                        StackTraceElement[] st = fxThread[0].getStackTrace();
                        for (int i = 0; i < Math.min(25, st.length); i++) sb.append("    ").append(st[i]).append('\n');
                        System.out.print(sb);
                    }
                }
            }, "watchdog");
            dog.setDaemon(true);
            dog.start();
        }
        Platform.runLater(() -> new AnimationTimer() {
            long last;
            long lastCpu;
            long lastStalled;
            long lastRenderCpu;
            @Override
            public void handle(long now) {
                fxThread[0] = Thread.currentThread();
                lastFrame[0] = System.nanoTime();
                if (renderThread[0] < 0) {
                    for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().startsWith("QuantumRenderer")) renderThread[0] = t.getId();
                }
                long cpu = mx.getCurrentThreadCpuTime();
                long renderCpu = renderThread[0] < 0 ? 0 : mx.getThreadCpuTime(renderThread[0]);
                long fxCpu = cpu - lastCpu, rCpu = renderCpu - lastRenderCpu;
                if (measuring[0] && last != 0) {
                    if (fxCpu > maxFxCpu.get()) maxFxCpu.set(fxCpu);
                    if (rCpu > maxRenderCpu.get()) maxRenderCpu.set(rCpu);
                }
                lastCpu = cpu;
                lastRenderCpu = renderCpu;
                // time the FX thread spent blocked on a monitor or waiting (parked) in Java, in ms (contention monitoring)
                var fxInfo = mx.getThreadInfo(Thread.currentThread().getId());
                long stalled = fxInfo == null ? 0 : Math.max(0, fxInfo.getBlockedTime()) + Math.max(0, fxInfo.getWaitedTime());
                long fxStalled = stalled - lastStalled;
                lastStalled = stalled;
                if (measuring[0] && last != 0) {
                    long gap = now - last;
                    frames.incrementAndGet();
                    if (gap > 50_000_000L) {
                        over50.incrementAndGet();
                        longGaps.add(new long[] {System.nanoTime() - measureStart[0], gap, fxCpu, rCpu, fxStalled, shownRows()});
                    }
                    if (gap > maxGap.get()) maxGap.set(gap);
                }
                last = now;
            }
        }.start());
        Thread.sleep(4000); // warm-up: first layout, CSS, JIT
        measuring[0] = true;
        Thread.sleep(2000);
        measuring[0] = false;
        System.out.printf("idle: frames=%d longest pulse gap=%.1f ms%n", frames.get(), maxGap.get() / 1e6);
        frames.set(0);
        maxGap.set(0);
        over50.set(0);
        maxFxCpu.set(0);
        maxRenderCpu.set(0);
        Platform.runLater(() -> win.clients().selectedProperty().set(null));

        EventBus bus = ctx.bus();
        BootReplay replay = new BootReplay(bus);
        System.out.println("replay starts at " + java.time.LocalTime.now()); // to find it in a flight recording
        long t0 = System.nanoTime();
        longGaps.clear();
        measureStart[0] = t0;
        measuring[0] = true;
        java.util.Map<String, Long> tasksAtStart = taskCpu();
        if (Boolean.getBoolean("bench.threads")) {
            Thread first = new Thread(() -> {
                long window = Long.getLong("bench.threadsMillis", 1000);
                try {
                    Thread.sleep(window);
                } catch (InterruptedException e) {
                    return;
                }
                java.util.Map<String, Long> now = taskCpu();
                StringBuilder sb = new StringBuilder("CPU per thread in the replay's first " + window + " ms (all of the JVM's threads, ms):");
                now.entrySet().stream()
                        .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - tasksAtStart.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0)
                        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12)
                        .forEach(e -> sb.append(String.format(" %s %d,", e.getKey(), e.getValue())));
                System.out.println(sb.substring(0, sb.length() - 1));
            }, "first-second");
            first.setDaemon(true);
            first.start();
        }
        if (Boolean.getBoolean("bench.sample")) {
            // -Dbench.sampleThread=QuantumRenderer-0 samples that thread instead of the FX thread
            String name = System.getProperty("bench.sampleThread");
            Thread target = fxThread[0];
            if (name != null) for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals(name)) target = t;
            sampleFxThread(target, Long.getLong("bench.sampleMillis", 800), frames);
        }
        int threads = 8;
        List<Thread> ts = new ArrayList<>();
        AtomicLong published = new AtomicLong();
        bus.subscribe(e -> published.incrementAndGet());
        for (int t = 0; t < threads; t++) {
            int th = t;
            Thread thread = new Thread(() -> run(bus, replay, clients, th, threads), "replay-" + t);
            thread.start();
            ts.add(thread);
        }
        for (Thread t : ts) t.join();
        long replayMillis = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(2000); // let the UI catch up, keep measuring
        measuring[0] = false;
        int[] rows = new int[1];
        long[] booting = new long[1];
        CountDownLatch read = new CountDownLatch(1);
        Platform.runLater(() -> {
            rows[0] = win.clients().rows().size();
            booting[0] = win.clients().rows().stream().filter(r -> r.getStage() == dev.bootbench.clients.Stage.BOOTING).count();
            read.countDown();
        });
        read.await();
        String rss = status("VmRSS"), hwm = status("VmHWM");
        System.out.printf("clients=%d events=%d in %.1f s (%.0f events/s) rows=%d booting=%d%n", clients, published.get(), replayMillis / 1000.0,
                published.get() * 1000.0 / replayMillis, rows[0], booting[0]);
        System.out.printf("pump: received=%d skipped=%d delivered=%d batches=%d%n", ctx.pump().received(), ctx.pump().skipped(),
                ctx.pump().delivered(), ctx.pump().batches());
        System.out.printf("drain on the FX thread: longest %.1f ms, total %.0f ms%n", ctx.pump().maxDrainNanos() / 1e6, ctx.pump().totalDrainNanos() / 1e6);
        StringBuilder parts = new StringBuilder("  longest per part:");
        ctx.pump().longestByPart().forEach((k, v) -> parts.append(String.format(" %s %.1f ms,", k, v / 1e6)));
        System.out.println(parts.substring(0, parts.length() - 1));
        System.out.printf("frames=%d longest pulse gap=%.1f ms gaps over 50 ms=%d%n", frames.get(), maxGap.get() / 1e6, over50.get());
        System.out.printf("CPU between two pulses: FX thread longest %.1f ms, render thread longest %.1f ms%n", maxFxCpu.get() / 1e6, maxRenderCpu.get() / 1e6);
        long laterGap = 0;
        synchronized (longGaps) {
            for (long[] g : longGaps) if (g[0] - g[1] >= 2_000_000_000L) laterGap = Math.max(laterGap, g[1]);
        }
        // the replay's first seconds also run code for the first time (JIT compilers busy, tables building rows)
        System.out.printf("longest gap starting 2 s or more into the replay: %s%n", laterGap == 0 ? "none over 50 ms" : String.format("%.1f ms", laterGap / 1e6));
        if (!longGaps.isEmpty()) {
            StringBuilder sb = new StringBuilder("gaps over 50 ms (ended at, since the replay started: gap, FX/render thread CPU in it / ms the FX thread was blocked or parked in Java, rows the table had then):");
            synchronized (longGaps) {
                for (long[] g : longGaps.subList(0, Math.min(30, longGaps.size()))) {
                    sb.append(String.format(" +%.2fs %.0fms (%.0f/%.0f/%d, %d rows)", g[0] / 1e9, g[1] / 1e6, g[2] / 1e6, g[3] / 1e6, g[4], g[5]));
                }
            }
            System.out.println(sb);
        }
        System.out.printf("VmRSS=%s VmHWM=%s%n", rss, hwm);
        if (Boolean.getBoolean("bench.threads")) {
            java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
            for (long id : mx.getAllThreadIds()) {
                var info = mx.getThreadInfo(id);
                if (info != null) cpu.merge(info.getThreadName().replaceAll("-\\d+$", "-N"), mx.getThreadCpuTime(id) / 1_000_000, Long::sum);
            }
            cpu.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                    .forEach(e -> System.out.printf("  cpu %-35s %6d ms%n", e.getKey(), e.getValue()));
        }
        // remove the bench's workspace: first let the FX thread finish what it queued and stop, then the
        // context's writer finish its saves, so that nothing writes into the folder while it is deleted
        CountDownLatch fxDone = new CountDownLatch(1);
        Platform.runLater(fxDone::countDown);
        fxDone.await();
        Platform.exit();
        ctx.close();
        if (!UiTestSupport.deleteTree(ws)) System.out.println("could not remove " + ws);
        System.exit(0);
    }

    /** The rows the clients table has now (FX thread). */
    private static long shownRows() {
        var t = javafx.stage.Window.getWindows().get(0).getScene().lookup("#clients-table");
        return t instanceof javafx.scene.control.TableView<?> tv ? tv.getItems().size() : -1;
    }

    /**
     * Samples the FX thread's stack every millisecond for {@code millis} from now and prints, for the
     * two pulses it was seen running in most, the methods most often on its stack (inclusive counts).
     */
    private static void sampleFxThread(Thread fx, long millis, AtomicLong pulses) {
        Thread sampler = new Thread(() -> {
            // per pulse (by the pulse counter at the time of the sample): method -> samples with it on the stack
            java.util.Map<Long, java.util.Map<String, Integer>> byPulse = new java.util.HashMap<>();
            java.util.Map<Long, Integer> samplesByPulse = new java.util.HashMap<>();
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < end) {
                if (fx.getState() == Thread.State.RUNNABLE) {
                    long pulse = pulses.get();
                    StackTraceElement[] st = fx.getStackTrace();
                    if (st.length > 0 && !st[0].getMethodName().contains("_runLoop") && !st[0].getMethodName().equals("park")) {
                        samplesByPulse.merge(pulse, 1, Integer::sum);
                        java.util.Map<String, Integer> inclusive = byPulse.computeIfAbsent(pulse, k -> new java.util.HashMap<>());
                        java.util.Set<String> seen = new java.util.HashSet<>();
                        for (StackTraceElement e : st) {
                            String k = e.getClassName().replaceAll("^.*\\.", "") + "." + e.getMethodName();
                            if (seen.add(k)) inclusive.merge(k, 1, Integer::sum);
                        }
                        for (int i = 0; i < st.length; i++) {
                            if (st[i].getMethodName().equals("reapplyCss") || st[i].getMethodName().equals("findMatchingStyles")) {
                                StringBuilder chain = new StringBuilder("REAPPLY<-");
                                for (int j = i + 1; j < Math.min(st.length, i + 14); j++) chain.append(st[j].getClassName().replaceAll("^.*\\.", "")).append('.').append(st[j].getMethodName()).append(':').append(st[j].getLineNumber()).append(" <- ");
                                inclusive.merge(chain.toString(), 1, Integer::sum);
                                break;
                            }
                        }
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            StringBuilder sb = new StringBuilder("FX thread samples per pulse (first " + millis + " ms): " + samplesByPulse + "\n");
            java.util.Map<String, Integer> all = new java.util.HashMap<>();
            byPulse.values().forEach(m -> m.forEach((k, v) -> all.merge(k, v, Integer::sum)));
            byPulse.put(-1L, all);
            samplesByPulse.put(-1L, samplesByPulse.values().stream().mapToInt(Integer::intValue).sum());
            samplesByPulse.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3).forEach(p -> {
                sb.append("pulse ").append(p.getKey()).append(", ").append(p.getValue()).append(" samples:\n");
                byPulse.get(p.getKey()).entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(400)
                        .forEach(e -> sb.append(String.format("  %4d %s%n", e.getValue(), e.getKey())));
            });
            System.out.print(sb);
        }, "fx-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * CPU time (ms) of every thread of this process, JIT compiler and GC threads included, by name
     * (threads of one name summed), from /proc/self/task; empty where there is no /proc.
     */
    private static java.util.Map<String, Long> taskCpu() {
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        long tick = 10; // ms per clock tick (USER_HZ 100)
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+$", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return cpu;
        }
        return cpu;
    }

    private static String status(String key) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith(key + ":")) return l.substring(key.length() + 1).trim();
        return "?";
    }

    /** One thread's share of the clients, all booting at once: interleaved steps every 50 ms. */
    private static void run(EventBus bus, BootReplay replay, int clients, int thread, int threads) {
        List<Integer> mine = new ArrayList<>();
        for (int i = thread; i < clients; i += threads) mine.add(i);
        for (int i : mine) replay.pxeDhcp(i);
        long boot = 70_000, script = 900, kernel = 8_000_000, initrd = 40_000_000;
        List<Transfer[]> tx = new ArrayList<>();
        for (int i : mine) {
            InetSocketAddress c = new InetSocketAddress(BootReplay.address(i), 2070);
            MacAddress m = BootReplay.mac(i);
            tx.add(new Transfer[] {
                new Transfer(Transfer.nextId(), Transfer.Protocol.TFTP, c, m, BootReplay.bootFile(i), boot, 0, boot, 1468, 8, "octet blksize=1468"),
                new Transfer(Transfer.nextId(), Transfer.Protocol.HTTP, c, m, "boot.ipxe", script, 0, script, 0, 0, "GET"),
                new Transfer(Transfer.nextId(), Transfer.Protocol.HTTP, c, m, "debian/linux", kernel, 0, kernel, 0, 0, "GET"),
                new Transfer(Transfer.nextId(), Transfer.Protocol.HTTP, c, m, "debian/initrd.gz", initrd, 0, initrd, 0, 0, "GET"),
            });
        }
        // step plan: boot program 0-5, iPXE DHCP 6, script 7, kernel 8-40, initrd 41-200, beacon 201
        for (int step = 0; step <= 201; step++) {
            Instant now = Instant.now();
            for (int k = 0; k < mine.size(); k++) {
                int i = mine.get(k);
                Transfer[] t = tx.get(k);
                if (step <= 5) progress(bus, t[0], step, 0, 5, now);
                else if (step == 6) replay.ipxeDhcp(i);
                else if (step == 7) progress(bus, t[1], 1, 0, 1, now);
                else if (step <= 40) progress(bus, t[2], step, 8, 40, now);
                else if (step <= 200) progress(bus, t[3], step, 41, 200, now);
                else bus.publish(new StageBeacon(now, BootReplay.mac(i), "booting", BootReplay.address(i)));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void progress(EventBus bus, Transfer t, int step, int first, int last, Instant now) {
        if (step == first) bus.publish(new TransferStarted(now, t));
        long done = last == first ? t.size() : t.size() * (step - first) / (last - first);
        bus.publish(new TransferProgress(now, t, done));
        if (step == last) {
            Duration d = Duration.ofMillis(Math.max(1, (last - first) * 50L));
            bus.publish(new TransferFinished(now, t, TransferFinished.Outcome.OK, t.size(), d, null));
            (t.protocol() == Transfer.Protocol.TFTP ? tftpLog : httpLog).info("{} {} to {} ({}): ok, {} bytes", t.protocol(), t.file(),
                    t.client().getAddress().getHostAddress(), t.mac(), t.size());
        }
    }
}
