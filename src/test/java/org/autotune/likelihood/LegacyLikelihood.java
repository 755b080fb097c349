package org.autotune.likelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The likelihood as it was before the columnar rewrite, kept in the tests as the reference for
 * equivalence tests and for the side-by-side benchmark: one order-2 {@link DerivativeStructure}
 * per event and source ({@link Source#differentialRate}), chunks of 256 events.
 *
 * <p>Original documentation:
 * An extended unbinned likelihood over several datasets:
 * <pre>
 *   −ln L(θ) = Σ_datasets [ Σ_j m_j μ_j(θ) − Σ_events ln Σ_j m_j R_j(θ, x_i) ]
 *              + Σ_constraints (θ_k − c_k)² / (2 σ_k²)
 * </pre>
 * (constant terms such as ln n! dropped). Every source contributes to every dataset; each source
 * j gets a rate multiplier parameter {@code <name>_rate_multiplier} (default 1, bounds [0, ∞)).
 *
 * <p><b>Exact derivatives.</b> Free parameters become order-2 {@link DerivativeStructure}s, so
 * one pass gives the value, gradient and Hessian. The cost of each arithmetic operation grows
 * with the number of partial derivatives kept, (n+1)(n+2)/2 for n free parameters at order 2:
 * 6 for n=2, 66 for n=10, 231 for n=20. About 20 free parameters is the practical limit. Beyond
 * it, ask for order 1 (gradient only, n+1 numbers) and take the Hessian from finite differences
 * of the gradient, or split the parameters into blocks (profile nuisance parameters that only
 * a few sources use).
 *
 * <p><b>Parallel and deterministic.</b> Identical events are merged once at construction
 * ({@link UniqueGather}; their log terms are weighted by multiplicity). The distinct events are
 * cut into fixed chunks of {@value #CHUNK} events, chunks are evaluated in parallel, and the
 * chunk sums are added in chunk order, so the result does not depend on the number of threads.
 * Sources with no free parameter are evaluated once per dataset and parameter values and cached
 * (a fixed background shape costs nothing per fit step).
 *
 * <p>Immutable after {@link Builder#build()} and thread-safe. A zero or negative total rate at
 * an event gives an infinite or NaN value; {@link Fit} treats such points as outside the model.
 */
public final class LegacyLikelihood {
    /** Events per parallel chunk; fixed so that sums never depend on the thread count. */
    static final int CHUNK = 256;

    private final List<String> sourceNames;
    private final List<Source> sources;
    private final List<Dataset> datasets;
    private final List<UniqueGather> plans;
    private final List<double[][]> uniqueEvents;
    private final List<Constraint> constraints;
    private final List<SourceParameter> parameters;
    private final Map<String, Integer> index;
    private final int[][] sourceParams;
    private final int[] multipliers;
    private final int[] constrained;
    private final Map<Long, CachedRates> fixedRates = new ConcurrentHashMap<>();

    private LegacyLikelihood(Builder b) {
        sourceNames = List.copyOf(b.sources.keySet());
        sources = List.copyOf(b.sources.values());
        datasets = List.copyOf(b.datasets);
        constraints = List.copyOf(b.constraints);
        var params = new LinkedHashMap<String, SourceParameter>();
        for (var s : sources) {
            s.parameters().forEach(p -> params.putIfAbsent(p.name(), p));
        }
        for (var name : sourceNames) {
            var m = multiplierName(name);
            params.put(m, new SourceParameter(m, 1.0, 0.0, Double.POSITIVE_INFINITY));
        }
        parameters = List.copyOf(params.values());
        index = new HashMap<>();
        for (int k = 0; k < parameters.size(); k++) {
            index.put(parameters.get(k).name(), k);
        }
        sourceParams = sources.stream()
            .map(s -> s.parameters().stream().mapToInt(p -> index.get(p.name())).toArray())
            .toArray(int[][]::new);
        multipliers = sourceNames.stream().mapToInt(n -> index.get(multiplierName(n))).toArray();
        constrained = constraints.stream().mapToInt(c -> indexOf(c.parameter())).toArray();
        plans = datasets.stream().map(d -> UniqueGather.of(d.events())).toList();
        uniqueEvents = plans.stream().map(UniqueGather::uniqueArguments).toList();
    }

    /** Starts a likelihood: add sources, datasets and constraints, then {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the rate multiplier parameter of source {@code sourceName}. */
    public static String multiplierName(String sourceName) {
        return Likelihood.multiplierName(sourceName);
    }

    /** All parameters: the sources' own (first declaration wins), then one multiplier per source. */
    public List<SourceParameter> parameters() {
        return parameters;
    }

    /** The default value of every parameter, in the order of {@link #parameters()}. */
    public double[] defaults() {
        return parameters.stream().mapToDouble(SourceParameter::defaultValue).toArray();
    }

    /** Position of a parameter in {@link #parameters()}. */
    public int indexOf(String name) {
        var k = index.get(name);
        if (k == null) {
            throw new IllegalArgumentException("no parameter %s; fix: use one of %s"
                .formatted(name, index.keySet().stream().sorted().toList()));
        }
        return k;
    }

    /** The datasets. */
    public List<Dataset> datasets() {
        return datasets;
    }

    /** −ln L at {@code values} (one per parameter), value only. */
    public double value(double[] values) {
        return negLogLikelihood(values, List.of(), 0).value();
    }

    /**
     * −ln L at {@code values} (one per parameter) with derivatives up to {@code order} (0, 1 or
     * 2) with respect to the {@code free} parameters; the others are held at their values.
     */
    public NegLogLikelihood negLogLikelihood(double[] values, List<String> free, int order) {
        if (values.length != parameters.size()) {
            throw new IllegalArgumentException("got %d values for %d parameters %s"
                .formatted(values.length, parameters.size(),
                    parameters.stream().map(SourceParameter::name).toList()));
        }
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("order " + order + " must be 0, 1 or 2");
        }
        var theta = variables(values, free, order);
        var total = theta.length == 0 ? new DSFactory(0, order).constant(0) : theta[0].getFactory().constant(0);
        for (int d = 0; d < datasets.size(); d++) {
            total = total.add(datasetTerm(d, theta, values));
        }
        for (int c = 0; c < constraints.size(); c++) {
            var con = constraints.get(c);
            var z = theta[constrained[c]].subtract(con.centre()).divide(con.sigma());
            total = total.add(z.square().multiply(0.5));
        }
        return unpack(total, free, order);
    }

    private DerivativeStructure[] variables(double[] values, List<String> free, int order) {
        var factory = new DSFactory(free.size(), order);
        var theta = new DerivativeStructure[values.length];
        for (int k = 0; k < values.length; k++) {
            theta[k] = factory.constant(values[k]);
        }
        for (int f = 0; f < free.size(); f++) {
            int k = indexOf(free.get(f));
            if (free.indexOf(free.get(f)) != f) {
                throw new IllegalArgumentException("parameter " + free.get(f) + " is listed twice as free");
            }
            theta[k] = factory.variable(f, values[k]);
        }
        return theta;
    }

    /** Σ_j m_j μ_j − Σ_events w_u ln Σ_j m_j R_j for dataset d. */
    private DerivativeStructure datasetTerm(int d, DerivativeStructure[] theta, double[] values) {
        var own = new DerivativeStructure[sources.size()][];
        var mu = theta[0].getFactory().constant(0);
        var fixed = new double[sources.size()][];
        for (int j = 0; j < sources.size(); j++) {
            own[j] = pick(theta, sourceParams[j]);
            var muJ = aligned(sources.get(j).expectedCount(own[j]), mu, j);
            mu = mu.add(theta[multipliers[j]].multiply(muJ));
            if (isConstant(own[j])) {
                fixed[j] = cachedRates(d, j, own[j], values);
            }
        }
        var events = uniqueEvents.get(d);
        int chunks = (events.length + CHUNK - 1) / CHUNK;
        var parts = IntStream.range(0, chunks).parallel()
            .mapToObj(c -> chunkLogSum(d, c, theta, own, fixed))
            .toArray(DerivativeStructure[]::new);
        var logSum = theta[0].getFactory().constant(0);
        for (var p : parts) { // in chunk order: independent of the thread count
            logSum = logSum.add(p);
        }
        return mu.subtract(logSum);
    }

    private DerivativeStructure chunkLogSum(int d, int chunk, DerivativeStructure[] theta,
            DerivativeStructure[][] own, double[][] fixed) {
        var events = uniqueEvents.get(d);
        int from = chunk * CHUNK;
        int to = Math.min(events.length, from + CHUNK);
        var batch = Arrays.copyOfRange(events, from, to);
        var rates = new DerivativeStructure[sources.size()][];
        for (int j = 0; j < sources.size(); j++) {
            if (fixed[j] == null) {
                rates[j] = perEvent(sources.get(j), own[j], batch);
            }
        }
        var plan = plans.get(d);
        var sum = theta[0].getFactory().constant(0);
        for (int i = 0; i < batch.length; i++) {
            DerivativeStructure rate = null;
            for (int j = 0; j < sources.size(); j++) {
                var m = theta[multipliers[j]];
                var term = fixed[j] != null ? m.multiply(fixed[j][from + i]) : m.multiply(rates[j][i]);
                rate = rate == null ? term : rate.add(term);
            }
            sum = sum.add(rate.log().multiply(plan.multiplicity(from + i)));
        }
        return sum;
    }

    /** R_j at every distinct event of dataset d for a source whose parameters are all fixed. */
    private double[] cachedRates(int d, int j, DerivativeStructure[] own, double[] values) {
        var key = (long) d * sources.size() + j;
        var ownValues = Arrays.stream(sourceParams[j]).mapToDouble(k -> values[k]).toArray();
        var hit = fixedRates.get(key);
        if (hit != null && Arrays.equals(hit.values(), ownValues)) {
            return hit.rates();
        }
        var events = uniqueEvents.get(d);
        var rates = Arrays.stream(perEvent(sources.get(j), own, events))
            .mapToDouble(DerivativeStructure::getValue).toArray();
        fixedRates.put(key, new CachedRates(ownValues, rates));
        return rates;
    }

    /** The rates of one fixed source at one dataset's distinct events, for these values. */
    private record CachedRates(double[] values, double[] rates) {
    }

    /**
     * A source without parameters cannot see the current factory, so it may return a constant
     * from any factory; only its value is used then. Otherwise factories must match.
     */
    private DerivativeStructure aligned(DerivativeStructure r, DerivativeStructure like, int j) {
        if (r.getFreeParameters() == like.getFreeParameters() && r.getOrder() == like.getOrder()) {
            return r;
        }
        if (sourceParams[j].length == 0) {
            return like.getFactory().constant(r.getValue());
        }
        throw new IllegalStateException(("source %s returned a DerivativeStructure from another "
            + "DSFactory; fix: build constants with params[0].getFactory().constant(c)")
            .formatted(sourceNames.get(j)));
    }

    private static DerivativeStructure[] perEvent(Source s, DerivativeStructure[] own, double[][] events) {
        var out = new DerivativeStructure[events.length];
        for (int i = 0; i < events.length; i++) {
            out[i] = s.differentialRate(own, events[i]);
        }
        return out;
    }

    private static boolean isConstant(DerivativeStructure[] params) {
        for (var p : params) {
            var all = p.getAllDerivatives();
            for (int i = 1; i < all.length; i++) {
                if (all[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static DerivativeStructure[] pick(DerivativeStructure[] theta, int[] at) {
        var out = new DerivativeStructure[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = theta[at[i]];
        }
        return out;
    }

    private static NegLogLikelihood unpack(DerivativeStructure total, List<String> free, int order) {
        int n = free.size();
        var gradient = new double[order >= 1 ? n : 0];
        var hessian = new double[order >= 2 ? n : 0][order >= 2 ? n : 0];
        for (int a = 0; a < gradient.length; a++) {
            var orders = new int[n];
            orders[a] = 1;
            gradient[a] = total.getPartialDerivative(orders);
        }
        for (int a = 0; a < hessian.length; a++) {
            for (int b = 0; b < n; b++) {
                var orders = new int[n];
                orders[a]++;
                orders[b]++;
                hessian[a][b] = total.getPartialDerivative(orders);
            }
        }
        return new NegLogLikelihood(total.getValue(), free, gradient, hessian);
    }

    /** Collects sources, datasets and constraints. */
    public static final class Builder {
        private final Map<String, Source> sources = new LinkedHashMap<>();
        private final List<Dataset> datasets = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();

        private Builder() {
        }

        /** Adds a source under a unique name (its multiplier is {@code <name>_rate_multiplier}). */
        public Builder source(String name, Source source) {
            if (sources.putIfAbsent(name, source) != null) {
                throw new IllegalArgumentException(
                    "source " + name + " added twice; fix: give each source its own name");
            }
            return this;
        }

        /** Adds a dataset; every source contributes to it. */
        public Builder dataset(Dataset dataset) {
            datasets.add(dataset);
            return this;
        }

        /** Adds a Gaussian constraint on a parameter. */
        public Builder constraint(Constraint constraint) {
            constraints.add(constraint);
            return this;
        }

        /** The likelihood; needs at least one source. */
        public LegacyLikelihood build() {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException(
                    "a likelihood needs at least one source; fix: call source(name, source)");
            }
            return new LegacyLikelihood(this);
        }
    }
}
