package org.autotune.campaign;

import java.util.Locale;
import java.util.Optional;
import org.autotune.journal.SampleRecord;

/** How a campaign's run ended, its best sample, and a one-line explanation. */
public record Outcome(State state, Optional<SampleRecord> best, Progress.Snapshot last, String message) {

    /** Why the loop stopped. */
    public enum State {
        /** The optimizer converged. */
        CONVERGED,
        /** The budget of samples is spent. */
        BUDGET_SPENT,
        /** Stopped by Ctrl-C or SIGTERM; resume continues it. */
        INTERRUPTED,
        /** Too many samples failed in a row: the setup is wrong. */
        TOO_MANY_FAILURES,
        /** The best score did not improve in the campaign's {@code stop: stagnation} samples. */
        STAGNATED,
        /** The run took the campaign's {@code stop: wall-time}; resume continues it. */
        WALL_TIME,
        /**
         * A sample's job could not run, several times in a row, for reasons outside the simulation
         * (the program cannot be started, nodes fail): fix that, then resume.
         */
        INFRASTRUCTURE_FAILED;

        /** The spelling kept in the journal and shown by {@code status}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** True when the run did not get to its end (resume, or the same command again, continues it). */
        public boolean unfinished() {
            return this == INTERRUPTED || this == TOO_MANY_FAILURES || this == WALL_TIME
                || this == INFRASTRUCTURE_FAILED;
        }
    }
}
