package org.autotune.optimize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * BOBYQA whose first model grows only when it needs to, in the manner of Py-BOBYQA's growing
 * initial models: it starts with Powell's 2n + 1 interpolation points (the start and a step either
 * way along each axis, which give a model with a diagonal curvature) and keeps going while every
 * trust-region step improves the best score. At the first step that does not, the diagonal model
 * has failed (a curved valley or correlated parameters), and BOBYQA starts again from the same
 * start and radius with {@code points} interpolation points (a full quadratic model, say). Its
 * first 2n + 1 points are exactly the ones already scored, so they are answered from the scores
 * told, without a sample; only the points the richer model adds cost samples. On a separable
 * score the 2n + 1 points reach the minimum without the full model's extra points; on a curved one
 * the detour costs the few steps the diagonal model took.
 *
 * <p>Scores must be exact (the same point always scores the same). Everything depends only on the
 * scores told, so a campaign resumes by replay.
 */
final class BobyqaGrowing implements Optimizer {
    /**
     * A step of the diagonal model is good when it lowers the best score by at least this fraction of
     * what the step before it (or, for the first, the 2n + 1 first points) gained. Measured with
     * bench/suite-fast, seeds 1-3: with 1, sphere-5 needed 25-28 samples on two seeds (14 with 0.5);
     * with any decrease counting as good (0), rosenbrock-5 and ellipsoid-5 lost more to the detour.
     */
    private static final double GOOD_STEP = 0.5;
    /**
     * Steps after the first 2n + 1 points during which a failed step grows the model; after them a
     * diagonal model that kept working stays. With no limit a diagonal model that reached the minimum
     * of a separable score grew there (its gains shrink near the minimum) and started again from the
     * start: 62 samples to 1e-4 on an 8-parameter separable quadratic instead of 22. Measured with
     * bench/suite-fast, seeds 1-3: 4 steps give the same runs as no limit on ellipsoid-5, rosenbrock-2,
     * -5 and -8 and different-powers-5; 2 steps lost on ellipsoid-5 (seed 2: 3431 against 426).
     */
    private static final int WINDOW = 4;
    private final Space space;
    private final BobyqaSettings settings;
    private final double[] start;
    private final int points;
    private final int first;
    private final Map<Point, Result> scored = new HashMap<>();
    private PullAdapter search;
    private boolean grown;
    private boolean failed;
    private int told;
    private double best = Double.POSITIVE_INFINITY;
    private double startValue;
    private double lastDecrease;

    /**
     * @param start  the start, in the unit cube
     * @param points interpolation points of the grown model, from 2n + 1 to (n + 1)(n + 2)/2
     */
    BobyqaGrowing(Space space, BobyqaSettings settings, double[] start, int points) {
        this.space = space;
        this.settings = settings;
        this.start = start.clone();
        this.points = points;
        this.first = 2 * space.dimension() + 1;
        this.grown = points <= first;
        this.search = PullAdapter.bobyqa(space, settings, start, Math.min(points, first));
    }

    @Override
    public List<Point> ask(int n) {
        while (true) {
            if (failed && !grown) {
                grow();
            }
            var asked = search.ask(n);
            if (asked.isEmpty() || !scored.containsKey(asked.get(0))) {
                return asked;
            }
            tell(List.of(scored.get(asked.get(0))));
        }
    }

    /** Earlier exact scores: points the search asks for again are answered from them, without a sample. */
    @Override
    public void learn(List<Result> earlier) {
        earlier.stream().filter(r -> Double.isFinite(r.value())).forEach(r -> scored.putIfAbsent(r.point(), r));
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            scored.putIfAbsent(r.point(), r);
            told++;
            double v = r.value();
            if (told == 1) {
                startValue = v;
            }
            if (!grown && told > first && told <= first + WINDOW) {
                double decrease = best - v;
                if (!(decrease > GOOD_STEP * lastDecrease)) {
                    failed = true;
                }
                lastDecrease = decrease;
            }
            best = Math.min(best, v);
            if (told == first) {
                lastDecrease = startValue - best;
            }
        }
        search.tell(results);
    }

    /** The diagonal model failed: BOBYQA again from the start, with the richer model. */
    private void grow() {
        search.close();
        grown = true;
        search = PullAdapter.bobyqa(space, settings, start, points);
    }

    /** Done when the search that runs now is done; a diagonal model that failed still grows. */
    @Override
    public boolean done() {
        return search.done() && (grown || !failed);
    }

    @Override
    public boolean converged() {
        return search.converged();
    }

    @Override
    public Optional<Point> estimate() {
        return search.estimate();
    }

    @Override
    public void close() {
        search.close();
    }
}
