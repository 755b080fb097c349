package org.autotune.optimize;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.optim.PointValuePair;

/**
 * Turns a library optimizer that calls the objective itself (pull style, one point at a time:
 * Hipparchus' BOBYQA and Nelder-Mead) into ask/tell. The library runs on its own thread; each call
 * of the objective hands the point to {@link #ask} and waits for {@link #tell}. The libraries are
 * deterministic, so the points are a function of the scores told and a campaign resumes by
 * replay. One point is outstanding at a time: these methods are sequential by design.
 *
 * <p>The objective sees unit-cube coordinates. A point outside the cube (Nelder-Mead has no
 * bounds) is evaluated at the nearest point inside plus a penalty growing with the distance; a
 * failed sample counts as twice the worst score so far plus one.
 */
final class PullAdapter implements Optimizer {
    private static final double[] STOP = new double[0];

    private final Space space;
    private final Function<MultivariateFunction, PointValuePair> library;
    private final BlockingQueue<double[]> requests = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Double> answers = new ArrayBlockingQueue<>(1);
    private Thread worker;
    private Point outstanding;
    private volatile boolean done;
    private volatile double[] result;
    private double worst = 0;

    PullAdapter(Space space, Function<MultivariateFunction, PointValuePair> library) {
        this.space = space;
        this.library = library;
    }

    @Override
    public List<Point> ask(int n) {
        if (done || outstanding != null || n < 1) {
            return List.of();
        }
        if (worker == null) {
            start();
        }
        double[] x = take(requests);
        if (x == STOP) {
            done = true;
            return List.of();
        }
        outstanding = space.fromUnit(clamp(x));
        return List.of(outstanding);
    }

    private void start() {
        worker = new Thread(() -> {
            try {
                var best = library.apply(this::objective);
                result = best.getPointRef().clone();
            } catch (RuntimeException e) {
                // the library gave up (evaluation limit, degenerate model): the search ends here
            } finally {
                requests.offer(STOP);
            }
        }, "autotune-optimizer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Called on the library's thread: hands the point over and waits for its score. */
    private double objective(double[] x) {
        put(requests, x.clone());
        double value = take(answers);
        double outside = 0;
        for (double v : x) {
            double d = v < 0 ? -v : v > 1 ? v - 1 : 0;
            outside += d * d;
        }
        return outside == 0 ? value : value + (1 + Math.abs(value)) * 1e3 * outside;
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (!r.point().equals(outstanding)) {
                throw new IllegalArgumentException("the optimizer did not ask for " + r.point());
            }
            double v = r.value();
            if (Double.isFinite(v)) {
                worst = Math.max(worst, v);
            } else {
                v = 2 * Math.abs(worst) + 1;
            }
            outstanding = null;
            put(answers, v);
        }
    }

    @Override
    public boolean done() {
        return done;
    }

    /** The library's final point, once it has converged. */
    @Override
    public Optional<Point> estimate() {
        var r = result;
        return r == null ? Optional.empty() : Optional.of(space.fromUnit(clamp(r)));
    }

    private static double[] clamp(double[] x) {
        var u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = Math.max(0, Math.min(1, x[i]));
        }
        return u;
    }

    private static <T> T take(BlockingQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the optimizer", e);
        }
    }

    private static <T> void put(BlockingQueue<T> q, T value) {
        try {
            q.put(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the optimizer", e);
        }
    }
}
