package org.autotune.likelihood;

import java.util.List;

/**
 * The total intensity λ(θ, x) = Σ_j m_j R_j(θ, x) of a set of sources on one batch of events,
 * with its first and second derivatives with respect to the free parameters, as arrays over the
 * batch. Shared by {@link Likelihood} and {@link ExpectedFisher}. Immutable and thread-safe.
 */
final class Intensity {
    private final List<String> names;
    private final List<Source> sources;
    private final int[][] sourceParams;
    private final int[] multipliers;

    /** λ at every event of a batch; null entries of gradient and hessian are zero. */
    record Batch(double[] value, double[][] gradient, double[][] hessian) {
    }

    Intensity(List<String> names, List<Source> sources, int[][] sourceParams, int[] multipliers) {
        this.names = names;
        this.sources = sources;
        this.sourceParams = sourceParams;
        this.multipliers = multipliers;
    }

    int sourceCount() {
        return sources.size();
    }

    Source source(int j) {
        return sources.get(j);
    }

    int[] sourceParams(int j) {
        return sourceParams[j];
    }

    /** Whether source j has a free parameter ({@code freeAt[k]} = free position of k, or −1). */
    boolean dependsOnFree(int j, int[] freeAt) {
        for (int k : sourceParams[j]) {
            if (freeAt[k] >= 0) {
                return true;
            }
        }
        return false;
    }

    /** R_j at every event of the batch, its parameters as dual numbers over its own free ones. */
    Duals rates(int j, EventColumns batch, double[] values, int[] freeAt, int order) {
        var own = sourceParams[j];
        int local = 0;
        for (int k : own) {
            local += freeAt[k] >= 0 ? 1 : 0;
        }
        var params = new Duals[own.length];
        int next = 0;
        for (int p = 0; p < own.length; p++) {
            int k = own[p];
            params[p] = freeAt[k] >= 0
                ? Duals.variable(batch.size(), local, order, next++, values[k])
                : Duals.fixed(batch.size(), local, order, values[k]);
        }
        var r = sources.get(j).differentialRates(params, batch);
        if (r.size() != batch.size() || (r.variables != 0 && (r.variables != local || r.order != order))) {
            throw new IllegalStateException(("source %s returned %d rates with %d variables for %d events "
                + "and %d variables; fix: build the result from params and the batch's columns")
                .formatted(names.get(j), r.size(), r.variables, batch.size(), local));
        }
        return r;
    }

    /**
     * λ and its derivatives on the batch. {@code fixed[j]}, when not null, holds R_j already
     * evaluated (a source without free parameters); {@code free} is the number of free parameters.
     */
    Batch evaluate(EventColumns batch, double[] values, int[] freeAt, int free, int order, double[][] fixed) {
        int size = batch.size();
        double[] lambda = null;
        var gradient = new double[order >= 1 ? free : 0][];
        var hessian = new double[order >= 2 ? Duals.pairs(free) : 0][];
        for (int j = 0; j < sources.size(); j++) {
            var r = fixed[j] != null ? new Duals(0, 0, fixed[j], new double[0][], new double[0][])
                : rates(j, batch, values, freeAt, order);
            double m = values[multipliers[j]];
            lambda = add(lambda, m, r.v);
            if (order == 0) {
                continue;
            }
            int fm = freeAt[multipliers[j]];
            int[] global = globalOf(j, freeAt);
            if (fm >= 0) {
                gradient[fm] = add(gradient[fm], 1, r.v);   // ∂(m R)/∂m = R
            }
            for (int a = 0; a < r.variables; a++) {
                gradient[global[a]] = add(gradient[global[a]], m, r.g[a]);
            }
            if (order < 2) {
                continue;
            }
            for (int a = 0; a < r.variables; a++) { // ∂²(m R)/∂m∂θ = ∂R/∂θ
                if (fm >= 0) {
                    int at = Duals.pair(fm, global[a]);
                    hessian[at] = add(hessian[at], fm == global[a] ? 2 : 1, r.g[a]);
                }
                for (int b = a; b < r.variables; b++) {
                    int at = Duals.pair(global[a], global[b]);
                    hessian[at] = add(hessian[at], m, r.h[Duals.pair(a, b)]);
                }
            }
        }
        return new Batch(lambda, gradient, hessian);
    }

    /** The free position of each of source j's local variables. */
    private int[] globalOf(int j, int[] freeAt) {
        var own = sourceParams[j];
        var global = new int[own.length];
        int next = 0;
        for (int k : own) {
            if (freeAt[k] >= 0) {
                global[next++] = freeAt[k];
            }
        }
        return global;
    }

    /** out + c·x (allocating out when null); a null x is zero. */
    private static double[] add(double[] out, double c, double[] x) {
        if (x == null) {
            return out;
        }
        if (out == null) {
            var o = Arena.array(x.length);
            for (int i = 0; i < o.length; i++) {
                o[i] = c * x[i];
            }
            return o;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] += c * x[i];
        }
        return out;
    }
}
