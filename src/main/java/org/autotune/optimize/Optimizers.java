package org.autotune.optimize;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autotune.Options;
import org.autotune.space.Space;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/** The built-in optimizers by name, built from a campaign file's {@code optimizer:} section. */
public final class Optimizers {
    /**
     * Used when a campaign file names no optimizer and every parameter is real or log: chosen by
     * the toy-DMC benchmark (bench/RESULTS.md). With integer or choice parameters the default is
     * {@link #DISCRETE_DEFAULT}.
     */
    public static final String DEFAULT = "surrogate";
    /** The default when some parameter is an integer or a choice. */
    public static final String DISCRETE_DEFAULT = "coordinate-descent";

    private Optimizers() {
    }

    /** Name and one line for each built-in optimizer, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        var map = new LinkedHashMap<String, String>();
        map.put("coordinate-descent", "the original Autotune algorithm: one parameter at a time, parallel "
            + "line scans along it, steps shrink when a full cycle brings no improvement (all parameter kinds)");
        map.put("cma-es", "covariance-matrix adaptation evolution strategy: a generation per batch of slots, learns "
            + "correlated parameters, uses only the ranks of noisy scores (real and log parameters)");
        map.put("nelder-mead", "the downhill simplex: one sample at a time, no derivatives; for one or two slots "
            + "and smooth scores (real and log parameters)");
        map.put("bobyqa", "Powell's bounded trust-region method on a quadratic interpolation model: few samples on "
            + "smooth scores, one at a time (real and log parameters, at least two)");
        map.put("surrogate", "Professor-style trust region: waves of space-filling samples, a model per observable "
            + "(or of the score), the surrogate's minimum checked by a fresh sample (real and log parameters)");
        map.put("bayesian", "Gaussian-process Bayesian optimisation: a space-filling design, then each sample where the "
            + "expected improvement is largest; few samples on smooth or noisy scores, up to ~10 parameters and "
            + "~500 samples (real and log parameters)");
        map.put("local-surrogate", "local-surrogate gradient descent (L-GSO style) for stochastic simulators: "
            + "a space-filling batch in a trust box, a local regression model of the score (reusing earlier samples "
            + "in the box), an Adam step on its gradient (real and log parameters)");
        map.put("enumerate", "discrete design choices: every combination of the integer and choice parameters gets "
            + "its own inner optimizer over the real and log ones (inner: {type: ...}), run side by side; the best "
            + "combination wins (all parameter kinds)");
        return map;
    }

    /**
     * Builds the optimizer.
     *
     * @param seed  the campaign seed, for optimizers that draw random numbers
     * @param slots how many samples run at once, for optimizers that size their batches by it
     */
    public static Optimizer create(Options opt, Space space, long seed, int slots) {
        return create(opt, space, seed, slots, false);
    }

    /**
     * Builds the optimizer.
     *
     * @param noisy true when the same point can score differently (fresh seeds per sample), for
     *              optimizers that then average over samples instead of trusting single scores
     */
    public static Optimizer create(Options opt, Space space, long seed, int slots, boolean noisy) {
        String type = opt.oneOf("type", List.copyOf(descriptions().keySet()),
            space.continuous() ? DEFAULT : DISCRETE_DEFAULT);
        return switch (type) {
            case "cma-es" -> cmaEs(opt, space, seed, slots);
            case "surrogate" -> surrogate(opt, space, seed, slots, noisy);
            case "bayesian" -> bayesian(opt, space, seed, slots, noisy);
            case "nelder-mead" -> nelderMead(opt, space, noisy);
            case "bobyqa" -> bobyqa(opt, space, noisy);
            case "local-surrogate" -> localSurrogate(opt, space, seed, slots, noisy);
            case "enumerate" -> enumerate(opt, space, seed, slots, noisy);
            default -> coordinateDescent(opt, space);
        };
    }

    /** Refuses integer and choice parameters for optimizers that move continuously. */
    private static void continuousOnly(Options opt, Space space, String type) {
        for (var p : space.parameters()) {
            if (!p.kind().continuous()) {
                throw opt.error("type", type + " needs real or log parameters, but '" + p.name() + "' is "
                    + p.kind().name().toLowerCase(Locale.ROOT), "use type: coordinate-descent, which steps "
                    + "integer and choice parameters cell by cell, or fix '" + p.name() + "' in a copy of the campaign");
            }
        }
    }

    private static Optimizer cmaEs(Options opt, Space space, long seed, int slots) {
        opt.allowOnly("type", "population", "sigma", "tolerance", "generations");
        continuousOnly(opt, space, "cma-es");
        int population = (int) opt.integer("population", CmaEs.defaultPopulation(space.dimension(), slots), 4, 10_000);
        double sigma = opt.number("sigma", 0.2);
        if (!(sigma > 0 && sigma <= 1)) {
            throw opt.error("sigma", "initial spread " + sigma + " must lie in (0, 1]: it is a fraction of each "
                + "parameter's range", "use e.g. sigma: 0.2");
        }
        double tolerance = opt.number("tolerance", 1e-3);
        if (!(tolerance > 0 && tolerance < sigma)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive and below sigma " + sigma,
                "use e.g. tolerance: 0.001 (a thousandth of the range)");
        }
        int generations = (int) opt.integer("generations", 1000, 1, 1_000_000);
        return new CmaEs(space, seed, population, sigma, tolerance, generations);
    }

    /**
     * Refuses noisy scores for optimizers that trust single scores (nelder-mead, bobyqa): they would
     * stop on noise and report the luckiest draw. {@code noisy: no} overrides, for noise the user
     * knows to be negligible.
     */
    private static void deterministicOnly(Options opt, String type, boolean noisy) {
        boolean isNoisy = opt.oneOf("noisy", List.of("auto", "no"), "auto").equals("auto") && noisy;
        if (isNoisy) {
            throw opt.error("type", type + " compares single scores, and with seeds: fresh (or replicates) every score "
                + "is a noisy draw: it would stop on noise and report the luckiest draw", "use type: surrogate, bayesian "
                + "or cma-es, which model the noise; or seeds: fixed; or add noisy: no under optimizer if the noise is "
                + "negligible");
        }
    }

    private static Optimizer nelderMead(Options opt, Space space, boolean noisy) {
        opt.allowOnly("type", "tolerance", "evaluations", "noisy");
        continuousOnly(opt, space, "nelder-mead");
        deterministicOnly(opt, "nelder-mead", noisy);
        double tolerance = opt.number("tolerance", 1e-6);
        if (!(tolerance > 0)) {
            throw opt.error("tolerance", "must be positive", "use e.g. tolerance: 1e-6 (change of the score between steps)");
        }
        int evaluations = (int) opt.integer("evaluations", 100_000, 10, 100_000_000);
        double[] start = space.toUnit(space.start());
        double[] steps = space.parameters().stream().mapToDouble(p -> p.unitStep()).toArray();
        return new PullAdapter(space, f -> new SimplexOptimizer(
            tolerance, tolerance).optimize(new MaxEval(evaluations),
            new ObjectiveFunction(f),
            GoalType.MINIMIZE, new InitialGuess(start),
            new NelderMeadSimplex(steps)));
    }

    private static Optimizer bobyqa(Options opt, Space space, boolean noisy) {
        opt.allowOnly("type", "radius", "tolerance", "evaluations", "noisy");
        continuousOnly(opt, space, "bobyqa");
        deterministicOnly(opt, "bobyqa", noisy);
        int n = space.dimension();
        if (n < 2) {
            throw opt.error("type", "bobyqa needs at least two parameters; this campaign has " + n,
                "use type: nelder-mead or coordinate-descent for one parameter");
        }
        double radius = opt.number("radius", 0.1);
        if (!(radius > 0 && radius <= 0.5)) {
            throw opt.error("radius", "first trust radius " + radius + " must lie in (0, 0.5]: it is a fraction of "
                + "each parameter's range", "use e.g. radius: 0.1");
        }
        double tolerance = opt.number("tolerance", 1e-4);
        if (!(tolerance > 0 && tolerance < radius)) {
            throw opt.error("tolerance", "final trust radius " + tolerance + " must be positive and below radius "
                + radius, "use e.g. tolerance: 0.0001");
        }
        int evaluations = (int) opt.integer("evaluations", 100_000, 10, 100_000_000);
        double[] start = space.toUnit(space.start());
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, 1);
        return new PullAdapter(space, f -> new BOBYQAOptimizer(
            2 * n + 1, radius, tolerance).optimize(new MaxEval(evaluations),
            new ObjectiveFunction(f),
            GoalType.MINIMIZE, new InitialGuess(start),
            new SimpleBounds(lo, hi)));
    }

    private static Optimizer surrogate(Options opt, Space space, long seed, int slots, boolean noisy) {
        opt.allowOnly("type", "batch", "radius", "spread", "tolerance", "waves", "noisy");
        continuousOnly(opt, space, "surrogate");
        int batch = (int) opt.integer("batch", Surrogate.defaultBatch(space.dimension(), slots), 2, 100_000);
        double radius = opt.number("radius", 0.25);
        if (!(radius > 0 && radius <= 0.5)) {
            throw opt.error("radius", "first box half-width " + radius + " must lie in (0, 0.5]: it is a fraction of "
                + "each parameter's range", "use e.g. radius: 0.25");
        }
        boolean isNoisy = opt.oneOf("noisy", List.of("auto", "yes", "no"), "auto").equals("auto") ? noisy
            : opt.string("noisy").equals("yes");
        // noisy scores: the design spans the whole trust box, so that the fit averages the noise
        // over a wide base; otherwise it clusters around the proposal, where the minimum is expected
        double spread = opt.number("spread", isNoisy ? 1.0 : 0.25);
        if (!(spread > 0 && spread <= 1)) {
            throw opt.error("spread", "design half-width " + spread + " must lie in (0, 1]: it is a fraction of the "
                + "trust radius", "use e.g. spread: 0.25");
        }
        double tolerance = opt.number("tolerance", 1e-3);
        if (!(tolerance > 0 && tolerance < radius)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive and below radius " + radius,
                "use e.g. tolerance: 0.001 (a thousandth of the range)");
        }
        int waves = (int) opt.integer("waves", 1000, 1, 1_000_000);
        return new Surrogate(space, seed, batch, radius, spread, tolerance, waves, isNoisy);
    }

    private static Optimizer localSurrogate(Options opt, Space space, long seed, int slots, boolean noisy) {
        opt.allowOnly("type", "batch", "radius", "tolerance", "learning-rate", "iterations", "replay", "noisy");
        continuousOnly(opt, space, "local-surrogate");
        int n = space.dimension();
        int batch = (int) opt.integer("batch", LocalSurrogate.defaultBatch(n, slots), 1, 100_000);
        if (batch < n + 2 && !opt.bool("replay", true)) {
            throw opt.error("batch", "a batch of " + batch + " samples cannot fit a linear model of " + n
                + " parameters without replay (it needs n + 2 = " + (n + 2) + ")", "raise batch to at least "
                + (n + 2) + ", or leave replay on");
        }
        double radius = opt.number("radius", 0.05);
        if (!(radius > 0 && radius <= 0.5)) {
            throw opt.error("radius", "first box half-width " + radius + " must lie in (0, 0.5]: it is a fraction of "
                + "each parameter's range", "use e.g. radius: 0.05");
        }
        double tolerance = opt.number("tolerance", 1e-3);
        if (!(tolerance > 0 && tolerance < radius)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive and below radius " + radius,
                "use e.g. tolerance: 0.001 (a thousandth of the range)");
        }
        double learningRate = opt.number("learning-rate", 0.01);
        if (!(learningRate > 0 && learningRate <= 0.5)) {
            throw opt.error("learning-rate", "Adam step size " + learningRate + " must lie in (0, 0.5]: it is about "
                + "the largest step per iteration, as a fraction of each parameter's range", "use e.g. learning-rate: 0.01");
        }
        int iterations = (int) opt.integer("iterations", 1000, 1, 10_000_000);
        boolean replay = opt.bool("replay", true);
        boolean isNoisy = opt.oneOf("noisy", List.of("auto", "yes", "no"), "auto").equals("auto") ? noisy
            : opt.string("noisy").equals("yes");
        return new LocalSurrogate(space, seed,
            new LocalSurrogate.Settings(batch, radius, tolerance, learningRate, iterations, replay, isNoisy));
    }

    private static Optimizer bayesian(Options opt, Space space, long seed, int slots, boolean noisy) {
        opt.allowOnly("type", "initial", "acquisition", "evaluations", "tolerance", "noisy");
        continuousOnly(opt, space, "bayesian");
        int evaluations = (int) opt.integer("evaluations", 500, 2, 100_000);
        int initial = (int) opt.integer("initial", Math.min(evaluations,
            Bayesian.defaultInitial(space.dimension(), slots)), 2, 100_000);
        if (initial > evaluations) {
            throw opt.error("initial", "an initial design of " + initial + " samples does not fit into evaluations: "
                + evaluations, "lower initial or raise evaluations");
        }
        var acquisition = opt.oneOf("acquisition", List.of("ei", "lcb"), "ei").equals("ei")
            ? Acquisition.Kind.EI : Acquisition.Kind.LCB;
        double tolerance = opt.number("tolerance", 0.05);
        if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw opt.error("tolerance", "tolerance " + tolerance + " must be positive: it is a fraction of the "
                + "noise level", "use e.g. tolerance: 0.05");
        }
        boolean isNoisy = opt.oneOf("noisy", List.of("auto", "yes", "no"), "auto").equals("auto") ? noisy
            : opt.string("noisy").equals("yes");
        return new Bayesian(space, seed, new Bayesian.Settings(initial, acquisition, evaluations, tolerance, isNoisy));
    }

    /** Enumerations with more combinations than this are refused: each needs its own inner optimizer. */
    static final long MAX_COMBINATIONS = 10_000;

    private static Optimizer enumerate(Options opt, Space space, long seed, int slots, boolean noisy) {
        opt.allowOnly("type", "inner", "samples");
        if (space.continuous()) {
            throw opt.error("type", "enumerate needs integer or choice parameters to enumerate, and this campaign "
                + "has none", "use the inner optimizer directly, e.g. type: cma-es");
        }
        long count = Enumeration.count(space);
        if (count > MAX_COMBINATIONS) {
            throw opt.error("type", "the integer and choice parameters make " + count + " combinations, more than "
                + MAX_COMBINATIONS, "narrow their ranges, or use type: coordinate-descent");
        }
        int samples = (int) opt.integer("samples", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        var inner = opt.optionalSection("inner").orElseGet(() -> opt.empty("inner"));
        if (inner.string("type", "").equals("enumerate")) {
            throw inner.error("type", "an enumeration inside an enumeration", "list every discrete parameter in "
                + "the outer one; give the inner optimizer for the real and log parameters, e.g. type: cma-es");
        }
        if (space.parameters().stream().noneMatch(p -> p.kind().continuous()) && opt.has("inner")) {
            throw opt.error("inner", "every parameter is discrete, so each combination is one sample and there is "
                + "nothing for an inner optimizer to do", "remove inner:");
        }
        // each combination's optimizer draws its own random numbers, derived from the campaign seed
        return new Enumeration(space, (sub, k) -> create(inner, sub,
            Math.floorMod(seed * 1_000_003L + k, (long) Integer.MAX_VALUE) + 1, slots, noisy), samples);
    }

    private static Optimizer coordinateDescent(Options opt, Space space) {
        opt.allowOnly("type", "shrink", "refinements", "significance");
        double shrink = opt.number("shrink", 0.5);
        if (!(shrink > 0 && shrink < 1)) {
            throw opt.error("shrink", "shrink factor " + shrink + " must lie between 0 and 1",
                "use e.g. 0.5 to halve the steps");
        }
        int refinements = (int) opt.integer("refinements", 4, 0, 30);
        double significance = opt.number("significance", 0);
        if (!(significance >= 0)) {
            throw opt.error("significance", "must be >= 0", "use 0 (plain comparison) or e.g. 1 (one standard error)");
        }
        return new CoordinateDescent(space, shrink, refinements, significance);
    }
}
