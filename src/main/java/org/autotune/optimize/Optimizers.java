package org.autotune.optimize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.Options;
import org.autotune.space.Space;

/**
 * The built-in optimizers by name, built from a campaign file's {@code optimizer:} section. Each
 * optimizer's keys are read and checked by its settings record ({@code CmaEsSettings.from}, …).
 */
public final class Optimizers {
    /**
     * Used when a campaign file names no optimizer: {@code auto}, which picks by the problem (see
     * {@link #create(Options, Space, long, int, boolean, boolean)}), chosen on bench/suite
     * (bench/RESULTS.md, docs/optimizers.md).
     */
    public static final String DEFAULT = "auto";
    /** What {@code auto} runs when some parameter is an integer or a choice. */
    public static final String DISCRETE_DEFAULT = "coordinate-descent";
    /** What {@code auto} runs when the metric exposes observables (built-in χ² metrics). */
    public static final String OBSERVABLES_DEFAULT = "surrogate";

    /** Builds one optimizer from its section of the campaign file. */
    @FunctionalInterface
    private interface Factory {
        Optimizer create(Options opt, Space space, long seed, int slots, boolean noisy);
    }

    /** A built-in: one line for {@code autotune plugins}, and how to build it. */
    private record BuiltIn(String description, Factory factory) {
    }

    private static final Map<String, BuiltIn> BUILT_INS = builtIns();

    private Optimizers() {
    }

    /** Name and one line for each built-in optimizer, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        var map = new LinkedHashMap<String, String>();
        BUILT_INS.forEach((name, builtIn) -> map.put(name, builtIn.description()));
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
        return create(opt, space, seed, slots, noisy, false);
    }

    /**
     * Builds the optimizer. {@code auto} (the default) picks: coordinate descent when a parameter
     * is an integer or a choice; the surrogate when the metric exposes observables, which it models
     * one by one; otherwise {@link Auto}, phases of BOBYQA and Bayesian optimisation on the single
     * number.
     *
     * @param observables true when the metric's scores carry observables ({@code Metric.observables()})
     */
    public static Optimizer create(Options opt, Space space, long seed, int slots, boolean noisy,
                                   boolean observables) {
        String type = pick(opt, space, observables);
        return type.equals(DEFAULT) ? new Auto(space, seed, slots, OptimizerKeys.noisy(opt, noisy),
            noisy && opt.string("noisy", "auto").equals("auto"))
            : BUILT_INS.get(type).factory().create(opt, space, seed, slots, noisy);
    }

    /**
     * What {@link #create(Options, Space, long, int, boolean, boolean)} builds, in words: the type,
     * and for {@code auto} what it picks and why.
     */
    public static String describe(Options opt, Space space, boolean noisy, boolean observables) {
        String type = pick(opt, space, observables);
        if (!opt.string("type", DEFAULT).equals(DEFAULT)) {
            return type;
        }
        return DEFAULT + ": " + switch (type) {
            case DISCRETE_DEFAULT -> type + " (integer or choice parameters)";
            case OBSERVABLES_DEFAULT -> type + " (the metric has observables)";
            default -> OptimizerKeys.noisy(opt, noisy)
                ? "Bayesian optimisation in shrinking boxes (one number per sample, noisy)"
                : "BOBYQA and Bayesian phases (one number per sample, exact)";
        };
    }

    /**
     * The optimizer to build: the section's type, or for {@code auto} coordinate descent (integer or
     * choice parameters), the surrogate (observables) or {@link #DEFAULT} itself ({@link Auto}).
     */
    private static String pick(Options opt, Space space, boolean observables) {
        String type = opt.oneOf("type", List.copyOf(BUILT_INS.keySet()), DEFAULT);
        if (!type.equals(DEFAULT)) {
            return type;
        }
        opt.allowOnly("type", "noisy");
        return !space.continuous() ? DISCRETE_DEFAULT : observables ? OBSERVABLES_DEFAULT : DEFAULT;
    }

    private static Map<String, BuiltIn> builtIns() {
        var map = new LinkedHashMap<String, BuiltIn>();
        map.put("auto", new BuiltIn("the default: coordinate descent with integer or choice parameters; the "
            + "surrogate when the metric exposes observables (built-in χ² metrics); otherwise, for one number per "
            + "sample, BOBYQA and Gaussian-process phases (exact scores) or Bayesian optimisation in shrinking boxes "
            + "(noisy scores)", (opt, space, seed, slots, noisy) -> create(opt, space, seed, slots, noisy)));
        map.put("coordinate-descent", new BuiltIn("the original Autotune algorithm: one parameter at a time, "
            + "parallel line scans along it, steps shrink when a full cycle brings no improvement (all parameter "
            + "kinds)", (opt, space, seed, slots, noisy) ->
            new CoordinateDescent(space, CoordinateDescentSettings.from(opt, space, slots, noisy))));
        map.put("cma-es", new BuiltIn("covariance-matrix adaptation evolution strategy: a generation per batch of "
            + "slots, learns correlated parameters, uses only the ranks of noisy scores (real and log parameters)",
            (opt, space, seed, slots, noisy) -> new CmaEs(space, seed, CmaEsSettings.from(opt, space, slots, noisy))));
        map.put("nelder-mead", new BuiltIn("the downhill simplex: one sample at a time, no derivatives; for one or "
            + "two slots and smooth scores (real and log parameters)", (opt, space, seed, slots, noisy) ->
            PullAdapter.nelderMead(space, NelderMeadSettings.from(opt, space, slots, noisy))));
        map.put("bobyqa", new BuiltIn("Powell's bounded trust-region method on a quadratic interpolation model: few "
            + "samples on smooth scores, one at a time (real and log parameters, at least two)",
            (opt, space, seed, slots, noisy) -> PullAdapter.bobyqa(space, BobyqaSettings.from(opt, space, slots,
                noisy))));
        map.put("surrogate", new BuiltIn("Professor-style trust region: waves of space-filling samples, a model per "
            + "observable (or of the score), the surrogate's minimum checked by a fresh sample (real and log "
            + "parameters)", (opt, space, seed, slots, noisy) ->
            new Surrogate(space, seed, SurrogateSettings.from(opt, space, slots, noisy))));
        map.put("bayesian", new BuiltIn("Gaussian-process Bayesian optimisation: a space-filling design, then each "
            + "sample where the expected improvement is largest; few samples on smooth or noisy scores, up to ~10 "
            + "parameters and ~500 samples (real and log parameters)", (opt, space, seed, slots, noisy) ->
            new Bayesian(space, seed, BayesianSettings.from(opt, space, slots, noisy))));
        map.put("local-surrogate", new BuiltIn("local-surrogate gradient descent (L-GSO style) for stochastic "
            + "simulators: a space-filling batch in a trust box, a local regression model of the score (reusing "
            + "earlier samples in the box), an Adam step on its gradient (real and log parameters)",
            (opt, space, seed, slots, noisy) ->
                new LocalSurrogate(space, seed, LocalSurrogateSettings.from(opt, space, slots, noisy))));
        map.put("enumerate", new BuiltIn("discrete design choices: every combination of the integer and choice "
            + "parameters gets its own inner optimizer over the real and log ones (inner: {type: ...}), run side "
            + "by side; the best combination wins (all parameter kinds)", Optimizers::enumerate));
        return Collections.unmodifiableMap(map);
    }

    private static Optimizer enumerate(Options opt, Space space, long seed, int slots, boolean noisy) {
        var settings = EnumerationSettings.from(opt, space, slots, noisy);
        // each combination's optimizer draws its own random numbers, derived from the campaign seed
        return new Enumeration(space, settings, (sub, k) -> create(settings.inner(), sub,
            Math.floorMod(seed * 1_000_003L + k, (long) Integer.MAX_VALUE) + 1, slots, noisy));
    }
}
