package dev.bootbench.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BatchingAppenderTest {
    private final LoggerContext ctx = new LoggerContext();

    {
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as Logback's own context has
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent("x", ctx.getLogger("dhcp"), Level.INFO, message, null, null);
    }

    private BatchingAppender started(ch.qos.logback.core.Appender<ILoggingEvent> target, int capacity) {
        target.setContext(ctx);
        target.start();
        BatchingAppender a = new BatchingAppender(target, capacity);
        a.setContext(ctx);
        a.setName("test");
        a.start();
        return a;
    }

    private static Thread writer(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("log-writer-" + name))
                .findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 1_000 && !condition.getAsBoolean(); i++) Thread.sleep(10);
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void everyLineFromEveryThreadIsWrittenInEachThreadsOrderEvenWhenTheQueueIsFull() throws Exception {
        ListAppender<ILoggingEvent> target = new ListAppender<>();
        BatchingAppender a = started(target, 8); // far fewer than the lines: the threads wait for room, nothing is dropped
        int threads = 4;
        int lines = 5_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "t" + t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < lines; i++) a.doAppend(event(name + " " + i));
            });
            th.start();
            started.add(th);
        }
        for (Thread th : started) th.join();
        a.stop();
        assertEquals(threads * lines, target.list.size());
        Map<String, Integer> next = new HashMap<>();
        for (ILoggingEvent e : target.list) {
            String[] parts = e.getFormattedMessage().split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertEquals(expected, Integer.parseInt(parts[1]), "lines of " + parts[0] + " in order");
            next.put(parts[0], expected + 1);
        }
        assertFalse(target.isStarted(), "stopping the writer stops what it writes to");
    }

    @Test
    void anIdleWriterSleepsWithoutATimerAndTheNextLineWakesIt() throws Exception {
        ListAppender<ILoggingEvent> target = new ListAppender<>();
        BatchingAppender a = started(target, 64);
        try {
            Thread w = writer("test");
            a.doAppend(event("first"));
            await(() -> target.list.size() == 1, "the first line is written");
            // nothing more comes: after a while the writer parks with no timeout (WAITING, not TIMED_WAITING)
            await(() -> w.getState() == Thread.State.WAITING, "the idle writer waits with no timer; it is " + w.getState());
            a.doAppend(event("second"));
            await(() -> target.list.size() == 2, "a line after the writer went to sleep wakes it");
            assertEquals("second", target.list.get(1).getFormattedMessage());
        } finally {
            a.stop();
        }
    }

    @Test
    void aBufferedTargetIsFlushedAfterEachBatchSoLinesShowWhileTheServerRuns() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%msg%n");
        enc.start();
        OutputStreamAppender<ILoggingEvent> target = new OutputStreamAppender<>();
        target.setContext(ctx);
        target.setEncoder(enc);
        target.setImmediateFlush(false);
        target.setOutputStream(new BufferedOutputStream(bytes, 1 << 16)); // would hold these lines until closed
        BatchingAppender a = started(target, 64);
        try {
            a.doAppend(event("offer 10.0.0.5"));
            a.doAppend(event("ack 10.0.0.5"));
            await(() -> bytes.toString(StandardCharsets.UTF_8).equals(String.format("offer 10.0.0.5%nack 10.0.0.5%n")),
                    "both lines reached the stream while running: " + bytes);
        } finally {
            a.stop();
        }
    }

    @Test
    void aTargetThatFailsIsReportedAndTheNextLinesAreStillWritten() throws Exception {
        List<String> written = new ArrayList<>();
        AppenderBase<ILoggingEvent> target = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getFormattedMessage().equals("bad")) throw new IllegalStateException("disk full");
                synchronized (written) {
                    written.add(e.getFormattedMessage());
                }
            }
        };
        BatchingAppender a = started(target, 64);
        a.doAppend(event("before"));
        a.doAppend(event("bad"));
        a.doAppend(event("after"));
        a.stop();
        assertEquals(List.of("before", "after"), written);
        assertTrue(ctx.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getLevel() == Status.ERROR && s.getThrowable() != null
                        && "disk full".equals(s.getThrowable().getMessage())), "the failure is in the log's status");
    }

    @Test
    void anInterruptedServerThreadStillHasItsLineWrittenAndKeepsItsInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new ArrayList<>();
        AppenderBase<ILoggingEvent> target = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                try {
                    release.await(); // the writer is held, so the queue of one fills
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.add(e.getFormattedMessage());
                }
            }
        };
        BatchingAppender a = started(target, 1);
        AtomicBoolean keptInterrupt = new AtomicBoolean();
        Thread server = new Thread(() -> {
            a.doAppend(event("one")); // taken by the writer, which is held
            a.doAppend(event("two")); // fills the queue
            a.doAppend(event("three")); // waits for room; interrupted meanwhile
            keptInterrupt.set(Thread.currentThread().isInterrupted());
        });
        server.start();
        await(() -> server.getState() == Thread.State.WAITING, "the server thread waits for room");
        server.interrupt();
        release.countDown();
        server.join(10_000);
        a.stop();
        assertEquals(List.of("one", "two", "three"), written);
        assertTrue(keptInterrupt.get(), "the caller's interrupt is left set");
    }
}
