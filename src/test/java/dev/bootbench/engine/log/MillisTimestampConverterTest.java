package dev.bootbench.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MillisTimestampConverterTest {

    private static MillisTimestampConverter started(ZoneId zone, String pattern) {
        MillisTimestampConverter c = new MillisTimestampConverter(zone);
        c.setContext(new LoggerContext());
        c.setOptionList(pattern == null ? null : List.of(pattern));
        c.start();
        return c;
    }

    @Test
    void itWritesWhatJavaTimeWritesForTheSamePatternWithMilliseconds() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        MillisTimestampConverter c = started(zone, "yyyy-MM-dd HH:mm:ss");
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
        List<Long> times = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (long t = now - 2_500; t < now + 2_500; t += 7) times.add(t); // within seconds and across them
        for (long t = -3_000; t <= 3_000; t += 499) times.add(t); // before 1970: the second and the millisecond floor
        // the last second of summer time in 2026 (the clocks go back an hour at 01:00 UTC) and the hour after
        long fallBack = ZonedDateTime.of(2026, 10, 25, 1, 0, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli();
        for (long t = fallBack - 1_500; t < fallBack + 1_500; t += 250) times.add(t);
        times.add(now + 86_400_000L); // a day on, then back in time
        times.add(now);
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 2_000; i++) times.add(random.nextLong(-4_000_000_000_000L, 4_000_000_000_000L));
        for (long t : times) {
            assertEquals(reference.format(Instant.ofEpochMilli(t)), c.format(t), "at " + t);
        }
    }

    @Test
    void threadsSharingItEachGetTheirOwnTimesText() throws Exception {
        ZoneId zone = ZoneId.of("UTC");
        MillisTimestampConverter c = started(zone, "HH:mm:ss");
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                long base = thread * 1_000_000L; // each thread in seconds of its own, so the cached second keeps changing
                done.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(base);
                    for (int i = 0; i < 20_000; i++) {
                        long t = base + random.nextLong(0, 5_000);
                        assertEquals(reference.format(Instant.ofEpochMilli(t)), c.format(t));
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConsolesAndTheFilesLinesReadAsTheyDidWithLogbacksOwnDate() {
        LoggerContext ctx = new LoggerContext();
        LogConfigurator.registerConverters(ctx);
        LoggingEvent event = new LoggingEvent("x", ctx.getLogger("dhcp"), Level.INFO, "offer 10.0.0.5 to {}", null,
                new Object[] {"52:54:00:12:34:56"});
        for (long t : new long[] {System.currentTimeMillis(), 1_796_000_000_007L, 999L}) {
            event.setTimeStamp(t);
            assertEquals(encode(ctx, "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n", event),
                    encode(ctx, LogConfigurator.CONSOLE_PATTERN, event));
            assertEquals(encode(ctx, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n", event),
                    encode(ctx, "%bbtime{yyyy-MM-dd HH:mm:ss} %-5level %logger{0}: %msg%n", event));
        }
        String line = encode(ctx, LogConfigurator.CONSOLE_PATTERN, event);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  dhcp: offer 10\\.0\\.0\\.5 to 52:54:00:12:34:56\\R"), line);
    }

    @Test
    void aPatternThatIsNotATimeIsReportedAndTheTimeStillWritten() {
        MillisTimestampConverter c = started(ZoneId.of("UTC"), "HH:mm:ss'"); // an unclosed quote
        assertTrue(c.isStarted());
        assertTrue(c.getContext().getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getLevel() == Status.ERROR && s.getMessage().contains("not a time pattern")));
        assertEquals("00:00:01.234", c.format(1_234));
        assertEquals("00:00:01.234", started(ZoneId.of("UTC"), null).format(1_234), "no pattern: HH:mm:ss");
    }

    private static String encode(LoggerContext ctx, String pattern, LoggingEvent event) {
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(pattern);
        enc.start();
        return new String(enc.encode(event), StandardCharsets.UTF_8);
    }
}
