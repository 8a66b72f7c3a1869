package dev.bootbench.engine.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Adds the app's log destinations at start: a rolling file {@code <workspace>/logs/bootbench.log}
 * (10 MB a file, 7 days, 100 MB in all) and a {@link LogTap} for the log view.
 */
public final class LogSetup {
    private LogSetup() {}

    /**
     * Writes out what the log still holds and stops it: the servers' lines are written by a background thread a batch
     * at a time, so a process calls this last, before it exits. Lines logged after it are dropped.
     */
    public static void flushAndStop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) ctx.stop();
    }

    /** Installs the tap (and, when {@code logDir} is not null, the file). Returns the tap. Safe to call again: replaces both. */
    public static synchronized LogTap install(Path logDir, int capacity) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new LogTap(capacity); // another SLF4J binding: the view stays empty rather than breaking
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("tap") != null) root.detachAppender("tap");
        var oldFile = root.getAppender("file");
        if (oldFile != null) {
            root.detachAppender(oldFile);
            oldFile.stop(); // writes what it still holds, and closes the file
        }
        LogTap tap = new LogTap(capacity);
        tap.setContext(ctx);
        tap.start();
        root.addAppender(tap);
        if (logDir != null) {
            RollingFileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file = new RollingFileAppender<>();
            file.setContext(ctx);
            file.setName("file");
            file.setFile(logDir.resolve("bootbench.log").toString());
            SizeAndTimeBasedRollingPolicy<ch.qos.logback.classic.spi.ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
            policy.setContext(ctx);
            policy.setParent(file);
            policy.setFileNamePattern(logDir.resolve("bootbench.%d{yyyy-MM-dd}.%i.log.gz").toString());
            policy.setMaxFileSize(FileSize.valueOf("10MB"));
            policy.setMaxHistory(7);
            policy.setTotalSizeCap(FileSize.valueOf("100MB"));
            policy.start();
            LogConfigurator.registerConverters(ctx);
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%bbtime{yyyy-MM-dd HH:mm:ss} %-5level %logger{0}: %msg%n");
            enc.start();
            file.setRollingPolicy(policy);
            file.setEncoder(enc);
            file.setImmediateFlush(false); // flushed once per batch by the writer in front of it
            file.start();
            if (file.isStarted()) {
                root.addAppender(LogConfigurator.offTheServersThreads(ctx, "file", file));
            }
        }
        return tap;
    }
}
