package dev.bootbench.engine.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The log's configuration at start, in code: one line per event on the console (time, level, service, message),
 * written off the servers' threads a batch at a time ({@link BatchingAppender}, one write to standard output per
 * batch); Jetty at WARN; the root at {@code -Dbootbench.log.level}
 * (INFO when unset or not a level). Found by Logback through {@code META-INF/services}.
 *
 * <p>Why not a {@code logback.xml}: reading one loads an XML parser and Logback's configuration model, hundreds of
 * classes on the main thread before the app or {@code serve} does anything (issue #19, the first ACK after a start;
 * figures in src/bench/README.md). {@code -Dlogback.configurationFile=...} still wins: this configurator then leaves
 * it to Logback's own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The console's line: time, level, service (the logger's name), message. */
    public static final String CONSOLE_PATTERN = "%bbtime{HH:mm:ss} %-5level %logger{0}: %msg%n";
    /** Lines the console's writer may hold before a server's thread waits for it (none is ever dropped). */
    static final int QUEUE = 16384;

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        registerConverters(ctx);
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(CONSOLE_PATTERN);
        enc.start();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(ctx);
        console.setName("console");
        console.setEncoder(enc);
        console.setImmediateFlush(false);
        console.setOutputStream(standardOutput());
        console.start();
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getProperty("bootbench.log.level")));
        root.addAppender(offTheServersThreads(ctx, "async", console));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code target} behind a started {@link BatchingAppender} named {@code name}: servers log one line per exchange,
     * so the writing stays off their threads; a full queue makes a server wait rather than lose a line. The console's
     * and the desktop app's log file ({@link LogSetup}) are both written this way.
     */
    static BatchingAppender offTheServersThreads(LoggerContext ctx, String name, Appender<ILoggingEvent> target) {
        BatchingAppender async = new BatchingAppender(target, QUEUE);
        async.setContext(ctx);
        async.setName(name);
        async.start();
        return async;
    }

    /** Makes {@code %bbtime} ({@link MillisTimestampConverter}) known to the patterns of {@code ctx}'s encoders. */
    @SuppressWarnings("unchecked")
    static void registerConverters(LoggerContext ctx) {
        Object registry = ctx.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        java.util.Map<String, String> rules = registry instanceof java.util.Map<?, ?> m
                ? (java.util.Map<String, String>) m : new java.util.HashMap<>();
        rules.put("bbtime", MillisTimestampConverter.class.getName());
        ctx.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
    }

    /**
     * The process's standard output, buffered: the batching writer flushes it once per batch (the console appender's
     * {@code immediateFlush} is off) where {@code System.out} would write each line on its own. Closing it (the
     * appender's stop) flushes it and leaves the descriptor open for whatever the process prints after.
     */
    static OutputStream standardOutput() {
        OutputStream fd = new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len); // whole, not byte by byte as FilterOutputStream would
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return new BufferedOutputStream(fd, 1 << 16);
    }

    /** The root's level from the property's text: INFO when there is none or it names no level. */
    static Level level(String text) {
        return Level.toLevel(text == null ? null : text.trim(), Level.INFO);
    }
}
