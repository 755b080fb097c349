package org.autotune.optimize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * An optimizer that sees every score on a {@link ScoreScale} (monotone, so the minimum is the same
 * point); failed samples stay failed. Asks, convergence and estimates are the inner optimizer's, but
 * for a point whose score was learnt (exact scores): it is answered from that score, without a sample.
 */
final class ScaledScores implements Optimizer {
    private final Optimizer inner;
    private final ScoreScale scale;
    private final Map<Point, Result> known = new HashMap<>();

    ScaledScores(Optimizer inner, ScoreScale scale) {
        this.inner = inner;
        this.scale = scale;
    }

    /** The optimizer itself on the raw scale, else wrapped. */
    static Optimizer of(Optimizer inner, ScoreScale scale) {
        return new ScaledScores(inner, scale);
    }

    @Override
    public List<Point> ask(int n) {
        while (true) {
            var asked = inner.ask(n);
            if (asked.size() != 1 || !known.containsKey(asked.get(0))) {
                return asked;
            }
            inner.tell(scaled(List.of(known.get(asked.get(0)))));
        }
    }

    @Override
    public void tell(List<Result> results) {
        inner.tell(scaled(results));
    }

    /** Earlier exact scores, to answer the inner optimizer's asks for the same points. */
    @Override
    public void learn(List<Result> earlier) {
        earlier.stream().filter(r -> Double.isFinite(r.value())).forEach(r -> known.putIfAbsent(r.point(), r));
    }

    private List<Result> scaled(List<Result> results) {
        return results.stream().map(r -> new Result(r.point(), r.score().map(s -> Score.of(scale.apply(s.value())))))
            .toList();
    }

    @Override
    public boolean done() {
        return inner.done();
    }

    @Override
    public boolean converged() {
        return inner.converged();
    }

    @Override
    public Optional<Point> estimate() {
        return inner.estimate();
    }

    @Override
    public void close() {
        inner.close();
    }
}
