package org.autotune.likelihood;

/**
 * Σ_i w_i ln λ_i over one batch of events with its derivatives, from λ's: ∂ ln λ = ∂λ / λ and
 * ∂_a∂_b ln λ = ∂_a∂_b λ / λ − ∂_a λ ∂_b λ / λ². Plain loops over the batch's arrays.
 */
final class BatchSum {
    private BatchSum() {
    }

    /** {Σ w ln λ, Σ w ∂_a ln λ…, Σ w ∂_a∂_b ln λ… (packed a ≤ b)} for n free parameters. */
    static double[] of(Intensity.Batch lambda, double[] w, int n, int order) {
        var out = new double[1 + (order >= 1 ? n : 0) + (order >= 2 ? Duals.pairs(n) : 0)];
        var v = lambda.value();
        int size = v.length;
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += w[i] * Math.log(v[i]);
        }
        out[0] = s;
        if (order == 0) {
            return out;
        }
        var inv = new double[size];
        var wInv = new double[size];
        for (int i = 0; i < size; i++) {
            inv[i] = 1 / v[i];
            wInv[i] = w[i] * inv[i];
        }
        var g = lambda.gradient();
        var q = new double[n][]; // ∂_a λ / λ
        for (int a = 0; a < n; a++) {
            if (g[a] == null) {
                continue;
            }
            out[1 + a] = dot(g[a], wInv);
            if (order >= 2) {
                q[a] = new double[size];
                for (int i = 0; i < size; i++) {
                    q[a][i] = g[a][i] * inv[i];
                }
            }
        }
        if (order < 2) {
            return out;
        }
        var h = lambda.hessian();
        for (int b = 0; b < n; b++) {
            for (int a = 0; a <= b; a++) {
                int ab = Duals.pair(a, b);
                double t = h[ab] == null ? 0 : dot(h[ab], wInv);
                if (q[a] != null && q[b] != null) {
                    t -= dot3(q[a], q[b], w);
                }
                out[1 + n + ab] = t;
            }
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double dot3(double[] x, double[] y, double[] z) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i] * z[i];
        }
        return s;
    }
}
