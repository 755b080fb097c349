package org.autotune.journal;

import java.util.Locale;
import java.util.Optional;

/**
 * One post-tuning design in the journal's ledger: a scan, grid, local-minimum check or estimate check, numbered
 * within its kind, whose samples have the origin {@code kind-number} (e.g. {@code scan-2}). The
 * design (its points, as JSON) is stored before any of them runs, so an interrupted design
 * resumes with the same points; the result is stored once it is done.
 */
public record DesignRecord(Kind kind, int number, State state, String design, Optional<String> result) {

    /** What the design is. */
    public enum Kind {
        SCAN, GRID, CHECK,
        /** Replicates at an optimizer's estimate of the minimum and at the best sample. */
        ESTIMATE,
        /** A wave of points drawn from the region the data allow, run to validate it. */
        REGION;

        /** The origin of design {@code number}'s samples, e.g. {@code scan-2}. */
        public String origin(int number) {
            return name().toLowerCase(Locale.ROOT) + "-" + number;
        }
    }

    /** Where a design stands. */
    public enum State {
        /** A scan running its first part (lines through the centre). */
        LINES,
        /** A scan running its full design (adapted to the lines' curvature). */
        FULL,
        /** A grid or check running. */
        RUNNING,
        /** Every sample has ended and the result is stored. */
        DONE
    }

    public DesignRecord {
        if (number < 1) {
            throw new IllegalArgumentException("design numbers start at 1, got " + number);
        }
        if (state == State.DONE && result.isEmpty()) {
            throw new IllegalArgumentException(kind.origin(number) + " is done but has no result");
        }
    }

    /** The origin of its samples, e.g. {@code scan-2}. */
    public String origin() {
        return kind.origin(number);
    }

    /** The same design in another state, with its (new) design JSON and result. */
    public DesignRecord with(State newState, String newDesign, Optional<String> newResult) {
        return new DesignRecord(kind, number, newState, newDesign, newResult);
    }
}
