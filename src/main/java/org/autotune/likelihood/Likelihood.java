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
 * An extended unbinned likelihood over several datasets:
 * <pre>
 *   −ln L(θ) = Σ_datasets [ Σ_j m_j μ_j(θ) − Σ_events ln Σ_j m_j R_j(θ, x_i) ]
 *              + Σ_constraints (θ_k − c_k)² / (2 σ_k²)
 * </pre>
 * (constant terms such as ln n! dropped). Every source contributes to every dataset; each source
 * j gets a rate multiplier parameter {@code <name>_rate_multiplier} (default 1, bounds [0, ∞)).
 *
 * <p><b>Exact derivatives, columnar.</b> Events are stored in columns and cut into fixed batches
 * of {@value #CHUNK}; sources evaluate a whole batch at once on {@link Duals} (value, gradient
 * and Hessian per event as primitive arrays), and the log terms are summed in plain loops. A
 * source's derivatives are carried only over its own free parameters; the rate multipliers enter
 * analytically. The cost per event grows with the number of free parameters n as (n+1)(n+2)/2
 * arrays at order 2 (6 for n=2, 66 for n=10); beyond about 20 free parameters ask for order 1
 * (gradient only) and take the Hessian from finite differences of the gradient.
 *
 * <p><b>Parallel and deterministic.</b> Identical events are merged once at construction
 * ({@link EventTable}; their log terms are weighted by multiplicity). The batches are evaluated
 * in parallel (on the calling thread's fork-join pool, the common pool by default) and their sums
 * added in batch order, so the result does not depend on the number of threads. Sources with no
 * free parameter are evaluated once per dataset and parameter values and cached (a fixed
 * background shape costs nothing per fit step).
 *
 * <p>Immutable after {@link Builder#build()} and thread-safe. A zero or negative total rate at
 * an event gives an infinite or NaN value; {@link Fit} treats such points as outside the model.
 */
public final class Likelihood {
    /** Events per batch; fixed so that sums never depend on the thread count. */
    static final int CHUNK = 1024;

    private final List<String> sourceNames;
    private final List<Source> sources;
    private final List<Dataset> datasets;
    private final List<EventTable> tables;
    private final List<Constraint> constraints;
    private final List<SourceParameter> parameters;
    private final Map<String, Integer> index;
    private final int[][] sourceParams;
    private final int[] multipliers;
    private final int[] constrained;
    private final Intensity intensity;
    private final Map<Long, CachedRates> fixedRates = new ConcurrentHashMap<>();

    private Likelihood(Builder b) {
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
        tables = datasets.stream().map(d -> EventTable.of(d.columnsShared(), d.size(), CHUNK)).toList();
        intensity = new Intensity(sourceNames, sources, sourceParams, multipliers);
    }

    /** Starts a likelihood: add sources, datasets and constraints, then {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the rate multiplier parameter of source {@code sourceName}. */
    public static String multiplierName(String sourceName) {
        return sourceName + "_rate_multiplier";
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
        var freeAt = new int[values.length];
        Arrays.fill(freeAt, -1);
        for (int f = 0; f < free.size(); f++) {
            freeAt[indexOf(free.get(f))] = f;
        }
        var total = theta.length == 0 ? new DSFactory(0, order).constant(0) : theta[0].getFactory().constant(0);
        int n = free.size();
        var events = new double[1 + (order >= 1 ? n : 0) + (order >= 2 ? Duals.pairs(n) : 0)];
        for (int d = 0; d < datasets.size(); d++) {
            total = total.add(expectedTotal(theta));
            var logSum = logSum(d, values, freeAt, n, order);
            for (int k = 0; k < events.length; k++) {
                events[k] += logSum[k];
            }
        }
        for (int c = 0; c < constraints.size(); c++) {
            var con = constraints.get(c);
            var z = theta[constrained[c]].subtract(con.centre()).divide(con.sigma());
            total = total.add(z.square().multiply(0.5));
        }
        return unpack(total, events, free, order);
    }

    /** The layout of sources and parameters, for {@link ExpectedFisher}. */
    Intensity intensity() {
        return intensity;
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

    /** Σ_j m_j μ_j. */
    private DerivativeStructure expectedTotal(DerivativeStructure[] theta) {
        var mu = theta[0].getFactory().constant(0);
        for (int j = 0; j < sources.size(); j++) {
            var own = new DerivativeStructure[sourceParams[j].length];
            for (int p = 0; p < own.length; p++) {
                own[p] = theta[sourceParams[j][p]];
            }
            var muJ = aligned(sources.get(j).expectedCount(own), mu, j);
            mu = mu.add(theta[multipliers[j]].multiply(muJ));
        }
        return mu;
    }

    /**
     * Σ_events w ln λ for dataset d with its derivatives: {value, ∂_a…, packed ∂_a∂_b…}. Batches
     * run in parallel; their sums are added in batch order.
     */
    private double[] logSum(int d, double[] values, int[] freeAt, int n, int order) {
        var fixed = new double[sources.size()][][];
        for (int j = 0; j < sources.size(); j++) {
            if (!intensity.dependsOnFree(j, freeAt)) {
                fixed[j] = cachedRates(d, j, values);
            }
        }
        var table = tables.get(d);
        var parts = IntStream.range(0, table.batchCount()).parallel()
            .mapToObj(b -> Arena.within(table.batch(b).size(), () -> BatchSum.of(intensity.evaluate(
                table.batch(b), values, freeAt, n, order, column(fixed, b)), table.weights(b), n, order)))
            .toArray(double[][]::new);
        var sum = new double[1 + (order >= 1 ? n : 0) + (order >= 2 ? Duals.pairs(n) : 0)];
        for (var p : parts) { // in batch order: independent of the thread count
            for (int k = 0; k < sum.length; k++) {
                sum[k] += p[k];
            }
        }
        return sum;
    }

    private static double[][] column(double[][][] fixed, int b) {
        var out = new double[fixed.length][];
        for (int j = 0; j < fixed.length; j++) {
            out[j] = fixed[j] == null ? null : fixed[j][b];
        }
        return out;
    }

    /** R_j at every distinct event of dataset d (per batch) for a source without free parameters. */
    private double[][] cachedRates(int d, int j, double[] values) {
        var key = (long) d * sources.size() + j;
        var ownValues = Arrays.stream(sourceParams[j]).mapToDouble(k -> values[k]).toArray();
        var hit = fixedRates.get(key);
        if (hit != null && Arrays.equals(hit.values(), ownValues)) {
            return hit.rates();
        }
        var table = tables.get(d);
        var noneFree = new int[values.length];
        Arrays.fill(noneFree, -1);
        var rates = IntStream.range(0, table.batchCount()).parallel()
            .mapToObj(b -> intensity.rates(j, table.batch(b), values, noneFree, 0).v)
            .toArray(double[][]::new);
        fixedRates.put(key, new CachedRates(ownValues, rates));
        return rates;
    }

    /** The rates of one fixed source at one dataset's distinct events, for these values. */
    private record CachedRates(double[] values, double[][] rates) {
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

    /** μ and constraints (as a structure) minus the event sums. */
    private static NegLogLikelihood unpack(DerivativeStructure total, double[] events, List<String> free,
            int order) {
        int n = free.size();
        var gradient = new double[order >= 1 ? n : 0];
        var hessian = new double[order >= 2 ? n : 0][order >= 2 ? n : 0];
        for (int a = 0; a < gradient.length; a++) {
            var orders = new int[n];
            orders[a] = 1;
            gradient[a] = total.getPartialDerivative(orders) - events[1 + a];
        }
        for (int a = 0; a < hessian.length; a++) {
            for (int b = 0; b < n; b++) {
                var orders = new int[n];
                orders[a]++;
                orders[b]++;
                hessian[a][b] = total.getPartialDerivative(orders) - events[1 + n + Duals.pair(a, b)];
            }
        }
        return new NegLogLikelihood(total.getValue() - events[0], free, gradient, hessian);
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
        public Likelihood build() {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException(
                    "a likelihood needs at least one source; fix: call source(name, source)");
            }
            return new Likelihood(this);
        }
    }
}
