package org.autotune.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which log lines reach the terminal or a batch job's log (stderr). A campaign logs one
 * line per sample state change ({@code sample=42 state=FINISHED ...}); the quickstart alone makes
 * about 340, so without {@code -v} stderr gets none of the RUNNING/FINISHED lines and only the first
 * failure (or retry) of each kind, next to the progress line and the summary. The campaign's
 * {@code autotune.log} has another appender and keeps every line.
 */
final class ConsoleFilter extends Filter<ILoggingEvent> {
    private final Level threshold;
    private final boolean everySample;
    private final Set<String> kindsSeen = ConcurrentHashMap.newKeySet();

    /**
     * @param threshold   the lowest level shown
     * @param everySample show every per-sample line ({@code -v} and more)
     */
    ConsoleFilter(Level threshold, boolean everySample) {
        this.threshold = threshold;
        this.everySample = everySample;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(threshold)) {
            return FilterReply.DENY;
        }
        var message = event.getFormattedMessage();
        if (everySample || !message.startsWith("sample=")) {
            return FilterReply.NEUTRAL;
        }
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.DENY;
        }
        return kindsSeen.add(kind(message)) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /**
     * What makes two failures alike: their state (RETRY, FAILED) and their reason, with the numbers
     * in it left out, except exit codes and signals: "timed out after 60 s" and "timed out after 61 s"
     * are one kind, "exit code 3" and "exit code 137" are two.
     */
    static String kind(String message) {
        String state = field(message, "state=");
        String reason = field(message, "reason=").replaceAll("(?<!exit code |signal )\\b\\d+(\\.\\d+)?", "N");
        return state + " " + reason;
    }

    private static String field(String message, String key) {
        int at = message.indexOf(key);
        if (at < 0) {
            return "";
        }
        int from = at + key.length();
        if (key.equals("reason=")) {
            return message.substring(from);   // the reason is last and may hold spaces
        }
        int end = message.indexOf(' ', from);
        return end < 0 ? message.substring(from) : message.substring(from, end);
    }
}
