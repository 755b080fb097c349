package org.autotune.likelihood;

import org.hipparchus.analysis.differentiation.DSCompiler;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Runs a per-event {@link Source#differentialRate} over a batch: the bridge that lets sources
 * written on {@code DerivativeStructure}s work with the columnar likelihood, one event at a time.
 */
final class PerEventRates {
    private PerEventRates() {
    }

    static Duals evaluate(Source source, Duals[] params, EventColumns events) {
        int n = params.length == 0 ? 0 : params[0].variables;
        int order = params.length == 0 ? 0 : params[0].order;
        var factory = new DSFactory(n, order);
        var compiler = factory.getCompiler();
        var at = indices(compiler, n, order);
        var ds = new DerivativeStructure[params.length];
        for (int p = 0; p < ds.length; p++) {
            var all = new double[compiler.getSize()];
            all[0] = params[p].value(0);
            for (int a = 0; a < n && order >= 1; a++) {
                all[at[1 + a]] = params[p].derivative(a, 0);
            }
            for (int b = 0; b < n && order >= 2; b++) {
                for (int a = 0; a <= b; a++) {
                    all[at[1 + n + Duals.pair(a, b)]] = params[p].secondDerivative(a, b, 0);
                }
            }
            ds[p] = factory.build(all);
        }
        int size = events.size();
        var v = new double[size];
        var g = new double[order >= 1 ? n : 0][size];
        var h = new double[order >= 2 ? Duals.pairs(n) : 0][size];
        for (int i = 0; i < size; i++) {
            var r = source.differentialRate(ds, events.row(i));
            v[i] = r.getValue();
            if (r.getFreeParameters() != n || r.getOrder() != order) {
                continue; // a source without parameters may answer in any factory: a constant
            }
            var all = r.getAllDerivatives();
            for (int k = 0; k < g.length; k++) {
                g[k][i] = all[at[1 + k]];
            }
            for (int k = 0; k < h.length; k++) {
                h[k][i] = all[at[1 + n + k]];
            }
        }
        return new Duals(n, order, v, g, h);
    }

    /** Where the value, each ∂_a and each packed ∂_a∂_b sit in getAllDerivatives(). */
    private static int[] indices(DSCompiler compiler, int n, int order) {
        var at = new int[1 + n + (order >= 2 ? Duals.pairs(n) : 0)];
        for (int a = 0; a < n && order >= 1; a++) {
            var orders = new int[n];
            orders[a] = 1;
            at[1 + a] = compiler.getPartialDerivativeIndex(orders);
        }
        for (int b = 0; b < n && order >= 2; b++) {
            for (int a = 0; a <= b; a++) {
                var orders = new int[n];
                orders[a]++;
                orders[b]++;
                at[1 + n + Duals.pair(a, b)] = compiler.getPartialDerivativeIndex(orders);
            }
        }
        return at;
    }
}
