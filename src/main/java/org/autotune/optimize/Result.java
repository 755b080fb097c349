package org.autotune.optimize;

import java.util.Optional;
import org.autotune.score.Score;
import org.autotune.space.Point;

/** A point an optimizer asked for and its score; empty when the sample failed. */
public record Result(Point point, Optional<Score> score) {
    /** The score value, or +∞ for a failed sample, so minimisers steer away from it. */
    public double value() {
        return score.map(Score::value).orElse(Double.POSITIVE_INFINITY);
    }
}
