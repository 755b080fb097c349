package org.autotune.optimize;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.autotune.model.UnitBox;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

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
 *
 * <p>The search ends ({@link #done()}) when the library converges or gives up in one of the ways
 * it documents: the evaluation limit is reached, or BOBYQA's trust-region step fails to reduce its
 * model. Any other exception on the library's thread is a bug: it is thrown again, wrapped, from
 * the next {@link #ask} or {@link #tell}. {@link #close()} ends the library's thread.
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
    private volatile boolean closed;
    private volatile double[] result;
    private volatile Throwable failure;
    private double worst = 0;

    PullAdapter(Space space, Function<MultivariateFunction, PointValuePair> library) {
        this.space = space;
        this.library = library;
    }

    /** Hipparchus' Nelder–Mead simplex, starting at the space's start with the parameters' steps. */
    static PullAdapter nelderMead(Space space, NelderMeadSettings settings) {
        double[] start = space.toUnit(space.start());
        double[] steps = space.parameters().stream().mapToDouble(p -> p.unitStep()).toArray();
        double tolerance = settings.tolerance();
        return new PullAdapter(space, f -> new SimplexOptimizer(tolerance, tolerance).optimize(
            new MaxEval(settings.evaluations()), new ObjectiveFunction(f), GoalType.MINIMIZE,
            new InitialGuess(start), new NelderMeadSimplex(steps)));
    }

    /** Hipparchus' BOBYQA in the unit cube with 2n + 1 interpolation points, starting at the space's start. */
    static PullAdapter bobyqa(Space space, BobyqaSettings settings) {
        return bobyqa(space, settings, space.toUnit(space.start()), 2 * space.dimension() + 1);
    }

    /**
     * Hipparchus' BOBYQA as {@link #bobyqa(Space, BobyqaSettings)}, starting at a given point of the
     * unit cube, with {@code points} interpolation points (from n + 2 to (n + 1)(n + 2)/2, a full
     * quadratic model).
     */
    static PullAdapter bobyqa(Space space, BobyqaSettings settings, double[] start, int points) {
        int n = space.dimension();
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, 1);
        return new PullAdapter(space, f -> new BOBYQAOptimizer(points, settings.radius(), settings.tolerance())
            .optimize(new MaxEval(settings.evaluations()), new ObjectiveFunction(f), GoalType.MINIMIZE,
                new InitialGuess(start), new SimpleBounds(lo, hi)));
    }

    @Override
    public List<Point> ask(int n) {
        rethrowFailure();
        if (done || closed || outstanding != null || n < 1) {
            return List.of();
        }
        if (worker == null) {
            start();
        }
        double[] x = take(requests);
        if (x == STOP) {
            rethrowFailure();
            done = true;
            return List.of();
        }
        outstanding = space.fromUnit(UnitBox.clamp(x));
        return List.of(outstanding);
    }

    private void start() {
        worker = new Thread(this::runLibrary, "autotune-optimizer");
        worker.setDaemon(true);
        worker.start();
    }

    /** The library's thread: runs the search to its end and records how it ended. */
    private void runLibrary() {
        try {
            var best = library.apply(this::objective);
            result = best.getPointRef().clone();
        } catch (Closed e) {
            // close() ended the search: nobody waits for its result
        } catch (MathIllegalStateException e) {
            if (!gaveUp(e)) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            requests.offer(STOP);
        }
    }

    /** The ways Hipparchus documents for a search that cannot go on: not bugs, the search just ends. */
    private static boolean gaveUp(MathIllegalStateException e) {
        var why = e.getSpecifier();
        return why == LocalizedCoreFormats.MAX_COUNT_EXCEEDED || why == LocalizedOptimFormats.TRUST_REGION_STEP_FAILED;
    }

    /** Called on the library's thread: hands the point over and waits for its score. */
    private double objective(double[] x) {
        double value;
        try {
            if (closed) {
                throw new Closed();
            }
            requests.put(x.clone());
            value = answers.take();
        } catch (InterruptedException e) {
            throw new Closed();
        }
        double outside = 0;
        for (double v : x) {
            double d = v < 0 ? -v : v > 1 ? v - 1 : 0;
            outside += d * d;
        }
        return outside == 0 ? value : value + (1 + Math.abs(value)) * 1e3 * outside;
    }

    @Override
    public void tell(List<Result> results) {
        rethrowFailure();
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
        return done || closed;
    }

    /** The library returned its result (it throws instead when it runs out of evaluations). */
    @Override
    public boolean converged() {
        return done && result != null;
    }

    /** The library's final point, once it has converged. */
    @Override
    public Optional<Point> estimate() {
        var r = result;
        return r == null ? Optional.empty() : Optional.of(space.fromUnit(UnitBox.clamp(r)));
    }

    /** Ends the library's thread (waiting up to a second for it) and proposes nothing more. */
    @Override
    public void close() {
        closed = true;
        var w = worker;
        if (w == null) {
            return;
        }
        w.interrupt();
        try {
            w.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrowFailure() {
        var f = failure;
        if (f != null) {
            throw new IllegalStateException("the optimizer library failed: " + f, f);
        }
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

    /** Thrown on the library's thread to unwind it after {@link #close()}. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super("closed", null, false, false);
        }
    }
}
