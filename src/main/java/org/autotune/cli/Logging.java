package org.autotune.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where log lines go: the campaign's own {@code autotune.log} always gets every INFO line
 * (DEBUG with -v, TRACE with -vv). Stderr gets warnings only while the live progress line is shown,
 * and INFO lines when output is not a terminal (a batch job, a pipe): there a progress line at most
 * every 10 seconds, the first failure of each kind and the summary; the line per sample state
 * change only with -v (see {@link ConsoleFilter}).
 */
final class Logging {
    private Logging() {
    }

    static void configure(int verbosity, boolean liveLine, Path logFile) {
        var ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        var root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        Level level = verbosity >= 2 ? Level.TRACE : verbosity == 1 ? Level.DEBUG : Level.INFO;
        root.setLevel(level);
        // The HDF5 reader logs every object header at DEBUG; its warnings are all a user needs.
        ctx.getLogger("io.jhdf").setLevel(Level.WARN);
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(ctx);
        console.setTarget("System.err");
        console.setEncoder(encoder(ctx, "%d{HH:mm:ss} %-5level %msg%n"));
        var filter = new ConsoleFilter(liveLine && verbosity == 0 ? Level.WARN : level, verbosity > 0);
        filter.setContext(ctx);
        filter.start();
        console.addFilter(filter);
        console.start();
        root.addAppender(console);
        if (logFile != null) {
            var file = new FileAppender<ILoggingEvent>();
            file.setContext(ctx);
            file.setFile(logFile.toString());
            file.setAppend(true);
            file.setEncoder(encoder(ctx, "%d{ISO8601} %-5level [%thread] %logger{20} %msg%n"));
            file.start();
            root.addAppender(file);
        }
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        var enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(pattern);
        enc.start();
        return enc;
    }
}
