package org.autotune.cli;

import java.time.Duration;
import java.time.Instant;
import org.autotune.campaign.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as plain log lines (batch jobs, pipes): one summary line at most every 10 seconds, and at the end. */
final class LogProgress implements Progress {
    private static final Logger log = LoggerFactory.getLogger(LogProgress.class);
    private final String prefix;
    private Instant last = Instant.EPOCH;

    /** @param prefix put before each line, e.g. the campaign's name when several run at once */
    LogProgress(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void update(Snapshot s) {
        var now = Instant.now();
        if (Duration.between(last, now).toSeconds() >= 10) {
            last = now;
            log.info("{}progress done={}/{} {}", prefix, s.spent(), s.budget(), describe(s));
        }
    }

    @Override
    public void end(Snapshot s) {
        log.info("{}progress done={}/{} {}", prefix, s.spent(), s.budget(), describe(s));
    }

    static String describe(Snapshot s) {
        var sb = new StringBuilder();
        sb.append("running=").append(s.running()).append(" failed=").append(s.failed());
        if (s.answered() > 0) {   // answered by samples already in the journal: no budget spent on them
            sb.append(" from-journal=").append(s.answered());
        }
        s.bestScore().ifPresent(b -> sb.append(" best=").append(Summary.number(b)).append(" (sample ")
            .append(s.bestSample()).append(')'));
        s.eta().ifPresent(e -> sb.append(" eta<=").append(human(e)));
        return sb.toString();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h" + (s % 3600) / 60 + "m";
    }
}
