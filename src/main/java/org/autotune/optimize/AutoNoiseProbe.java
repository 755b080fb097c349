package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.autotune.space.Point;

/**
 * The first phase of {@link Auto} on noisy scores: it samples the start twice (one at a time with
 * one slot, at once with two or more) to tell noise that moves every score (Monte
 * Carlo statistics) from a score that is exact except for rare outliers (a simulator that now and
 * then glitches). When two of the samples score exactly alike, fresh seeds do not change the score:
 * it is treated as exact, and {@link Auto} runs its phases for exact scores, which trust single
 * scores and need far fewer samples. The samples are data for the phases after it.
 */
final class AutoNoiseProbe implements Optimizer {
    /** Samples at the start at most. */
    static final int SAMPLES = 2;

    private final Point start;
    private final List<Result> told = new ArrayList<>();
    private int waiting;

    AutoNoiseProbe(Point start) {
        this.start = start;
    }

    @Override
    public List<Point> ask(int n) {
        if (done()) {
            return List.of();
        }
        int k = Math.max(0, Math.min(n, SAMPLES - told.size() - waiting));
        waiting += k;
        return Collections.nCopies(k, start);
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (waiting == 0 || !r.point().equals(start)) {
                throw new IllegalArgumentException("the noise probe did not ask for " + r.point());
            }
            waiting--;
            told.add(r);
        }
    }

    @Override
    public boolean done() {
        return waiting == 0 && (told.size() >= SAMPLES || repeated().isPresent());
    }

    /** True when two samples of the start scored exactly alike: the score does not depend on the seed. */
    boolean exact() {
        return repeated().isPresent();
    }

    /** A sample whose score another sample repeated exactly: the start's exact score. */
    Optional<Result> repeated() {
        for (int i = 0; i < told.size(); i++) {
            for (int j = i + 1; j < told.size(); j++) {
                double a = told.get(i).value();
                if (Double.isFinite(a) && a == told.get(j).value()) {
                    return Optional.of(told.get(i));
                }
            }
        }
        return Optional.empty();
    }
}
