package org.autotune.optimize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autotune.model.UnitBox;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * The original Autotune algorithm: descend along one parameter at a time until the score stops
 * improving along it, then move to the next parameter; when a full cycle over all parameters
 * brings no improvement, shrink every step; stop after the last shrink brings none.
 *
 * <p>Free slots are used the way physicists did by hand: each batch is a line scan of several
 * steps along the current axis (±1, ±2, … steps when probing; 1, 2, … steps in the improving
 * direction when extending), sampled in parallel. The minimum along an axis is bracketed when a
 * point beyond the best one was sampled and was worse.
 *
 * <p>Works in the unit cube, so integer and choice parameters are stepped cell by cell.
 */
final class CoordinateDescent implements Optimizer {
    private final Space space;
    private final double shrink;
    private final double significance;
    private final double[] step;
    private int refinementsLeft;

    private double[] x;
    private Point current;
    private double score = Double.NaN;
    private double scoreError;
    private int axis;
    private int direction;          // 0 while probing both sides, ±1 while extending
    private int axesThisCycle;
    private boolean improvedThisCycle;
    private boolean done;

    private final Map<Point, Integer> batch = new LinkedHashMap<>();   // point -> offset in steps
    private final Set<Integer> tried = new HashSet<>();   // offsets tried around current
    private final Map<Point, Result> told = new LinkedHashMap<>();
    private final List<PathStep> path = new ArrayList<>();

    CoordinateDescent(Space space, CoordinateDescentSettings settings) {
        this.space = space;
        this.shrink = settings.shrink();
        this.significance = settings.significance();
        this.refinementsLeft = settings.refinements();
        this.step = new double[space.dimension()];
        for (int i = 0; i < step.length; i++) {
            step[i] = space.parameter(i).unitStep();
        }
        this.current = space.start();
        this.x = space.toUnit(current);
    }

    @Override
    public List<Point> ask(int n) {
        if (done || !batch.isEmpty() || n < 1) {
            return List.of();
        }
        if (Double.isNaN(score)) {
            batch.put(current, 0);
            lineScan(n - 1);
            return List.copyOf(batch.keySet());
        }
        while (!done && batch.isEmpty()) {
            lineScan(n);
            if (batch.isEmpty()) {
                nextAxis();   // nothing new to try along this axis (bounds, integer cells)
            }
        }
        return List.copyOf(batch.keySet());
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (!batch.containsKey(r.point()) || told.containsKey(r.point())) {
                throw new IllegalArgumentException("coordinate descent did not ask for " + r.point()
                    + " (or was told it twice)");
            }
            told.put(r.point(), r);
        }
        if (told.size() == batch.size()) {
            conclude();
        }
    }

    @Override
    public boolean done() {
        return done;
    }

    /** The descent stops only when a whole cycle at its finest step found no improvement. */
    @Override
    public boolean converged() {
        return done;
    }

    /**
     * The point the descent stands on: with {@code significance} &gt; 0 it moved there only on an
     * improvement beyond that many standard errors, so with noisy scores it is not the luckiest
     * draw of the line scans around it.
     */
    @Override
    public Optional<Point> estimate() {
        return Double.isNaN(score) ? Optional.empty() : Optional.of(current);
    }

    @Override
    public List<PathStep> pathSince(int from) {
        return PathStep.since(path, from);
    }

    /** Adds up to n points along the current axis to the batch. */
    private void lineScan(int n) {
        int added = 0;
        for (int k = 1; added < n && k <= n + 1; k++) {
            int[] offsets = direction == 0 ? new int[] {k, -k} : new int[] {direction * k};
            for (int offset : offsets) {
                if (added < n && addOffset(offset)) {
                    added++;
                }
            }
        }
    }

    private boolean addOffset(int offset) {
        if (tried.contains(offset)) {
            return false;
        }
        double u = UnitBox.clamp(x[axis] + offset * step[axis]);
        var parameter = space.parameter(axis);
        var p = current.with(parameter.name(), parameter.fromUnit(u));   // other values stay exactly as they are
        if (p.equals(current) || batch.containsKey(p)) {
            return false;
        }
        batch.put(p, offset);
        tried.add(offset);
        return true;
    }

    /** All results of the batch are in: move to its best point if it is better, then decide what next. */
    private void conclude() {
        if (batch.containsKey(current) && Double.isNaN(score)) {
            var r = told.get(current);
            score = r.value();
            scoreError = error(r);
        }
        Point best = null;
        for (var p : batch.keySet()) {
            if (!p.equals(current) && (best == null || told.get(p).value() < told.get(best).value())) {
                best = p;
            }
        }
        if (best == null) {   // only the start point was in the batch
            clearBatch();
            return;
        }
        var r = told.get(best);
        boolean better = r.value() < score - significance * Math.hypot(error(r), scoreError);
        var p = space.parameter(axis);
        double stepInUnits = p.kind() == ParameterKind.LOG
            ? Math.exp(step[axis] * Math.log(p.max() / p.min())) : step[axis] * (p.max() - p.min());
        path.add(new PathStep(path.size() + 1, p.name(), stepInUnits, current, score, best, r.value(),
            better, batch.size()));
        int offset = batch.get(best);
        boolean bracketed = tried.contains(offset + Integer.signum(offset));
        clearBatch();
        if (better) {
            tried.clear();
            current = best;
            x = space.toUnit(best);
            score = r.value();
            scoreError = error(r);
            improvedThisCycle = true;
            direction = Integer.signum(offset);
            if (bracketed) {
                nextAxis();
            }
        } else if (direction != 0 || (tried.contains(1) && tried.contains(-1))) {
            nextAxis();
        }
        // else: probing one step at a time and one side is still untried: the next batch tries it
    }

    private void nextAxis() {
        direction = 0;
        tried.clear();
        axis = (axis + 1) % space.dimension();
        if (++axesThisCycle < space.dimension()) {
            return;
        }
        axesThisCycle = 0;
        if (!improvedThisCycle) {
            if (refinementsLeft == 0) {
                done = true;
                return;
            }
            refinementsLeft--;
            for (int i = 0; i < step.length; i++) {
                step[i] *= shrink;
            }
        }
        improvedThisCycle = false;
    }

    private void clearBatch() {
        batch.clear();
        told.clear();
    }

    private static double error(Result r) {
        return r.score().flatMap(s -> s.standardError().isPresent()
            ? Optional.of(s.standardError().getAsDouble()) : Optional.empty()).orElse(0.0);
    }
}
