package org.autotune.optimize;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.autotune.space.Point;

/**
 * Ask/tell strategy. Proposals depend only on (configuration, seed, results told so far), so a
 * campaign is resumed by replaying its journal through a new optimizer.
 *
 * <p>Threading: called from one thread only. Points must lie inside the space. An optimizer that
 * holds a thread or another resource releases it in {@link #close()}; the campaign closes its
 * optimizer when the run ends, however it ends.
 */
public interface Optimizer extends AutoCloseable {
    /** Up to {@code n} points to sample next; fewer (or none) while waiting for results. */
    List<Point> ask(int n);

    /** Scores for points this optimizer asked for; a point it never asked for throws IllegalArgumentException. */
    void tell(List<Result> results);

    /** True when the optimizer has nothing more to propose (converged or gave up). */
    boolean done();

    /**
     * True when {@link #done()} because the search met its own convergence test (a step, spread or
     * expected improvement below its tolerance); false while it runs, and when it stopped at a
     * limit of its own (generations, evaluations, waves, iterations) or ran out of points, so that
     * the campaign does not call a search converged that only used up its samples.
     */
    default boolean converged() {
        return false;
    }

    /**
     * The optimizer's own estimate of the minimum (e.g. the mean of its search distribution or the
     * minimum of its model), which with noisy scores is better than the luckiest single sample;
     * empty when it has none.
     */
    default Optional<Point> estimate() {
        return Optional.empty();
    }

    /**
     * Results of samples this optimizer did not ask for (those of an earlier phase of the campaign,
     * all inside its space), to use as data; called at most once, before the first {@link #ask}.
     * A model-based optimizer fits them and skips the initial design they already cover; the
     * others ignore them. Proposals then depend on these results too, so a resume must learn the
     * same ones.
     */
    default void learn(List<Result> earlier) {
    }

    /**
     * Events per sample for the points of the last {@link #ask}; empty: the campaign's
     * {@code events} (see {@link FidelitySchedule}).
     */
    default OptionalInt events() {
        return OptionalInt.empty();
    }

    /**
     * The steps of the optimizer's path (e.g. coordinate descent: axis, step, accepted or not)
     * after the first {@code from} (the number already read), oldest first, for the journal and the
     * report; empty for an optimizer that keeps no path. Only the new steps are copied, so the run
     * loop can ask after every tell.
     */
    default List<PathStep> pathSince(int from) {
        return List.of();
    }

    /** Every step of the path so far, oldest first (a copy: prefer {@link #pathSince}). */
    default List<PathStep> path() {
        return pathSince(0);
    }

    /** Releases what the optimizer holds (a library thread); it proposes nothing afterwards. */
    @Override
    default void close() {
    }
}
