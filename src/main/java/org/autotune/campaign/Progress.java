package org.autotune.campaign;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.space.Point;

/**
 * Receives the campaign's state after every sample, to show it (a live terminal line, log lines).
 * Called from the coordinator thread; must return quickly.
 */
public interface Progress {
    void update(Snapshot snapshot);

    /** Called once when the campaign loop ends. */
    default void end(Snapshot snapshot) {
    }

    /** No output at all. */
    Progress NONE = s -> { };

    /**
     * Counts so far: samples finished (including ones answered from the journal), failed, running,
     * the budget (of this loop: for a later optimizer phase, what is left of the campaign's), the best
     * score and point, wall time, an estimate of the time to the budget, and how many of the finished
     * and failed ones were answered from the journal (another origin's samples, spending no budget).
     */
    record Snapshot(int finished, int failed, int running, int reused, int budget, OptionalDouble bestScore,
                    Optional<Point> bestPoint, String bestSample, Duration elapsed, Optional<Duration> eta,
                    int answered) {
        public int done() {
            return finished + failed;
        }

        /** The finished and failed samples that count against {@link #budget()}. */
        public int spent() {
            return done() - answered;
        }
    }
}
