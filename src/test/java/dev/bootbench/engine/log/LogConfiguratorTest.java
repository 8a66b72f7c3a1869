package dev.bootbench.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogConfiguratorTest {

    @Test
    void logbackFindsItAtStartSoTheConsoleGetsOurLinesOffTheServersThreads() {
        // without the META-INF/services entry Logback would fall back to its own console appender, on the caller's thread
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertConsoleThroughAsync(ctx);
    }

    @Test
    void itSetsUpTheConsoleThroughABatchingWriterThatFlushesOncePerBatch() {
        LoggerContext ctx = new LoggerContext();
        LogConfigurator c = new LogConfigurator();
        c.setContext(ctx);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, c.configure(ctx));
        BatchingAppender async = assertConsoleThroughAsync(ctx);
        assertEquals(LogConfigurator.QUEUE, async.capacity());
        assertFalse(((OutputStreamAppender<?>) async.target()).isImmediateFlush(), "the writer flushes once per batch");
        assertEquals(Level.WARN, ctx.getLogger("org.eclipse.jetty").getLevel());
        ctx.stop();
    }

    @Test
    void theRootLevelComesFromTheBootbenchPropertyAndABadOneIsInfo() {
        assertEquals(Level.INFO, LogConfigurator.level(null));
        assertEquals(Level.WARN, LogConfigurator.level("WARN"));
        assertEquals(Level.DEBUG, LogConfigurator.level(" debug "));
        assertEquals(Level.INFO, LogConfigurator.level("loud"));
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineIsLeftToLogback() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/bootbench/logback.xml");
        try {
            LoggerContext ctx = new LoggerContext();
            LogConfigurator c = new LogConfigurator();
            c.setContext(ctx);
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, c.configure(ctx));
            assertNull(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("async"), "nothing of ours was added");
        } finally {
            if (before == null) System.clearProperty("logback.configurationFile");
            else System.setProperty("logback.configurationFile", before);
        }
    }

    private static BatchingAppender assertConsoleThroughAsync(LoggerContext ctx) {
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        BatchingAppender async = assertInstanceOf(BatchingAppender.class, root.getAppender("async"));
        assertTrue(async.isStarted());
        OutputStreamAppender<ILoggingEvent> console = assertInstanceOf(OutputStreamAppender.class, async.target());
        assertEquals("console", console.getName());
        PatternLayoutEncoder enc = assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
        assertEquals(LogConfigurator.CONSOLE_PATTERN, enc.getPattern());
        return async;
    }
}
