package dev.bootbench.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogTapTest {
    @Test
    void keepsTheNewestLinesAndHandsThemOutInOrder() {
        LogTap tap = new LogTap(3);
        List<Long> heard = new ArrayList<>();
        tap.addListener(e -> heard.add(e.seq()));
        for (int i = 1; i <= 5; i++) tap.add(Instant.now(), Level.INFO, "dhcp", "line " + i);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), heard);
        assertEquals(List.of("line 3", "line 4", "line 5"), tap.since(0).stream().map(LogTap.Entry::message).toList());
        assertEquals(List.of("line 5"), tap.since(4).stream().map(LogTap.Entry::message).toList());
        assertEquals(List.of("line 4", "line 5"), tap.since(3).stream().map(LogTap.Entry::message).toList());
        assertEquals(List.of(), tap.since(5));
        assertEquals(2, tap.dropped());
    }

    @Test
    void readsServiceAndMac() {
        LogTap tap = new LogTap(10);
        LogTap.Entry e = tap.add(Instant.now(), Level.WARN, "tftp", "RRQ from 52:54:00:AB:cd:01 not found");
        assertEquals("tftp", e.service());
        assertEquals("52:54:00:ab:cd:01", e.mac());
        assertNull(tap.add(Instant.now(), Level.INFO, "serve", "no mac here").mac());
        assertEquals("proxydhcp", LogTap.serviceOf("proxydhcp"));
        assertEquals("http", LogTap.serviceOf("org.eclipse.jetty.server.Server"));
        assertEquals("app", LogTap.serviceOf("dev.bootbench.workspace.Workspace"));
        assertEquals("clients", LogTap.serviceOf("sessions"));
    }

    @Test
    void setupWritesTheLogFileAndFeedsTheTap(@TempDir Path dir) throws Exception {
        LogTap tap = LogSetup.install(dir.resolve("logs"), 100);
        LoggerFactory.getLogger("dhcp").info("hello from 08:00:27:00:00:01");
        assertTrue(tap.since(0).stream().anyMatch(e -> e.message().equals("hello from 08:00:27:00:00:01")));
        Path file = dir.resolve("logs/bootbench.log");
        // the file is written off the logging thread: the line is there within moments
        long end = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(file).contains("INFO  dhcp: hello from 08:00:27:00:00:01") && System.nanoTime() < end) Thread.sleep(10);
        assertTrue(Files.readString(file).contains("INFO  dhcp: hello from 08:00:27:00:00:01"));
        LogTap again = LogSetup.install(null, 10); // replaces both: no file any more
        LoggerFactory.getLogger("dhcp").info("second");
        assertTrue(again.since(0).stream().anyMatch(e -> e.message().equals("second")));
        assertTrue(tap.since(0).stream().noneMatch(e -> e.message().equals("second")));
        assertTrue(!Files.readString(file).contains("second"));
    }
}
