package dev.bootbench.engine.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The log's configuration at start, in code: one line per event on the console (time, level, service, message),
 * written off the servers' threads by an async appender; Jetty at WARN; the root at {@code -Dbootbench.log.level}
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
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setName("console");
        console.setEncoder(enc);
        console.start();
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getProperty("bootbench.log.level")));
        root.addAppender(offTheServersThreads(ctx, "async", console));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code target} behind a started async appender named {@code name}: servers log one line per exchange, so the
     * write stays off their threads; a full queue makes a server wait rather than lose a line. The console's and the
     * desktop app's log file ({@link LogSetup}) are both written this way.
     */
    static AsyncAppender offTheServersThreads(LoggerContext ctx, String name, ch.qos.logback.core.Appender<ILoggingEvent> target) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(ctx);
        async.setName(name);
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.addAppender(target);
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

    /** The root's level from the property's text: INFO when there is none or it names no level. */
    static Level level(String text) {
        return Level.toLevel(text == null ? null : text.trim(), Level.INFO);
    }
}
