package org.autotune.campaign;

import java.time.Duration;
import java.util.Optional;

/**
 * When a campaign stops, decided outside the optimizers: the run loop asks every rule after each
 * result it tells, and asks for new points only while every rule allows more samples. The
 * optimizer's own convergence ends the campaign too; these rules add the campaign's limits.
 */
public interface StopRule {
    /** How many more new samples this rule allows; unlimited unless it is a budget. */
    default int allowance(Tally tally) {
        return Integer.MAX_VALUE;
    }

    /** The reason to stop now, after a result was told; empty to go on. */
    Optional<Outcome.State> check(Tally tally);

    /**
     * The loop's counts after a result was told.
     *
     * @param used         new samples created so far (answers from the journal are free)
     * @param failedInRow  samples failed since the last one that finished
     * @param sinceBetter  results told since the best score last improved
     * @param elapsed      wall time of this run (on the campaign's clock)
     */
    record Tally(int used, int failedInRow, int sinceBetter, Duration elapsed) {
    }

    /** At most {@code samples} new samples; the loop ends once those in flight are told. */
    record Budget(int samples) implements StopRule {
        @Override
        public int allowance(Tally tally) {
            return Math.max(0, samples - tally.used());
        }

        @Override
        public Optional<Outcome.State> check(Tally tally) {
            return Optional.empty();
        }
    }

    /** Stops when {@code inRow} samples in a row failed: the setup is probably wrong. */
    record FailureRate(int inRow) implements StopRule {
        /** At least 5 in a row, and at least one full round of the executor's slots. */
        public static FailureRate forSlots(int slots) {
            return new FailureRate(Math.max(5, slots));
        }

        @Override
        public Optional<Outcome.State> check(Tally tally) {
            return tally.failedInRow() >= inRow ? Optional.of(Outcome.State.TOO_MANY_FAILURES) : Optional.empty();
        }
    }

    /** Stops when the best score has not improved in {@code samples} results. */
    record Stagnation(int samples) implements StopRule {
        public Stagnation {
            if (samples < 1) {
                throw new IllegalArgumentException("stagnation needs at least 1 sample, got " + samples);
            }
        }

        @Override
        public Optional<Outcome.State> check(Tally tally) {
            return tally.sinceBetter() >= samples ? Optional.of(Outcome.State.STAGNATED) : Optional.empty();
        }
    }

    /** Stops once this run has taken {@code limit} of wall time; resume continues it. */
    record WallTime(Duration limit) implements StopRule {
        public WallTime {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("wall time must be positive, got " + limit);
            }
        }

        @Override
        public Optional<Outcome.State> check(Tally tally) {
            return tally.elapsed().compareTo(limit) >= 0 ? Optional.of(Outcome.State.WALL_TIME) : Optional.empty();
        }
    }
}
