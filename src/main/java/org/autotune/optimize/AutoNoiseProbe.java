package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.autotune.space.Point;

/**
 * The first phase of {@link Auto} on noisy scores: it samples the start twice to tell noise that
 * moves every score (Monte Carlo statistics) from a score that is exact except for rare outliers (a
 * simulator that now and then glitches). When two of the samples score exactly alike, fresh seeds
 * do not change the score: it is treated as exact, and {@link Auto} runs its phases for exact
 * scores, which trust single scores and need far fewer samples. The samples are data for the phases
 * after it.
 *
 * <p>With one slot the start is sampled twice, one sample at a time. With more slots the first wave
 * holds both samples of the start and, in the other slots, the first points of the phase that
 * follows on noisy scores ({@code follow}, whose design begins at the start itself): the probe costs
 * no wave of its own. When the score turns out exact, those points are data for the later phases.
 */
final class AutoNoiseProbe implements Optimizer {
    /** Samples at the start at most. */
    static final int SAMPLES = 2;

    private final Point start;
    private final Optimizer follow;
    private final List<Result> told = new ArrayList<>();
    /** Samples of the start {@code follow} asked for and was not told yet. */
    private int followStarts;
    /** Other points {@code follow} asked for and was not told yet. */
    private final List<Point> followPending = new ArrayList<>();
    /** Results at the start that {@code follow} did not ask for: it learns them when it takes over. */
    private final List<Result> notShared = new ArrayList<>();
    private boolean firstWave = true;
    private int waiting;

    /**
     * @param follow the phase that follows when the score is noisy; it proposes the rest of the
     *               first wave, and is told the results of what it asked
     */
    AutoNoiseProbe(Point start, Optimizer follow) {
        this.start = start;
        this.follow = follow;
    }

    @Override
    public List<Point> ask(int n) {
        if (done()) {
            return List.of();
        }
        var out = new ArrayList<Point>();
        if (firstWave && n >= 2) {
            out.addAll(follow.ask(n - 1));
            for (var p : out) {
                if (p.equals(start)) {
                    followStarts++;
                    waiting++;
                } else {
                    followPending.add(p);
                }
            }
        }
        firstWave = false;
        int k = Math.max(0, Math.min(n - out.size(), SAMPLES - told.size() - waiting));
        waiting += k;
        out.addAll(Collections.nCopies(k, start));
        return out;
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (r.point().equals(start) && waiting > 0) {
                waiting--;
                told.add(r);
                if (followStarts > 0) {
                    followStarts--;
                    follow.tell(List.of(r));
                } else {
                    notShared.add(r);
                }
            } else if (followPending.remove(r.point())) {
                follow.tell(List.of(r));
            } else {
                throw new IllegalArgumentException("the noise probe did not ask for " + r.point());
            }
        }
    }

    /** Earlier results are the next phase's data, as if it had started with them. */
    @Override
    public void learn(List<Result> earlier) {
        follow.learn(earlier);
    }

    @Override
    public boolean done() {
        return waiting == 0 && (told.size() >= SAMPLES || repeated().isPresent());
    }

    /**
     * The phase that follows on noisy scores, told everything it asked for and taught the samples of
     * the start it did not ask for.
     */
    Optimizer follow() {
        follow.learn(List.copyOf(notShared));
        notShared.clear();
        return follow;
    }

    @Override
    public void close() {
        follow.close();
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
