package org.autotune.likelihood;

/**
 * Σ_i w_i ln λ_i over one batch of events with its derivatives, from λ's: ∂ ln λ = ∂λ / λ and
 * ∂_a∂_b ln λ = ∂_a∂_b λ / λ − ∂_a λ ∂_b λ / λ². Plain loops over the batch's arrays.
 */
final class BatchSum {
    private BatchSum() {
    }

    /**
     * {Σ w ln λ, Σ w ∂_a ln λ…, Σ w ∂_a∂_b ln λ… (packed a ≤ b)} for n free parameters; a null
     * {@code w} means weight 1 for every event.
     */
    static double[] of(Intensity.Batch lambda, double[] w, int n, int order) {
        var out = new double[1 + (order >= 1 ? n : 0) + (order >= 2 ? Duals.pairs(n) : 0)];
        var v = lambda.value();
        int size = v.length;
        var logs = Arena.array(size);
        SimdMath.log(v, logs);
        out[0] = w == null ? sum(logs) : dot(w, logs);
        if (order == 0) {
            return out;
        }
        var inv = Arena.array(size);
        var wInv = Arena.array(size);
        for (int i = 0; i < size; i++) {
            inv[i] = 1 / v[i];
            wInv[i] = w == null ? inv[i] : w[i] * inv[i];
        }
        var g = lambda.gradient();
        var q = new double[n][]; // ∂_a λ / λ
        for (int a = 0; a < n; a++) {
            if (g[a] == null) {
                continue;
            }
            out[1 + a] = dot(g[a], wInv);
            if (order >= 2) {
                q[a] = Arena.array(size);
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
                    t -= w == null ? dot(q[a], q[b]) : dot3(q[a], q[b], w);
                }
                out[1 + n + ab] = t;
            }
        }
        return out;
    }

    /**
     * Σ x_i y_i with 4 independent partial sums (so the adds pipeline instead of waiting on each
     * other), combined in a fixed order: deterministic for a given batch.
     */
    static double dot(double[] x, double[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ x_i, as {@link #dot}. */
    static double sum(double[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ x_i y_i z_i, as {@link #dot}. */
    static double dot3(double[] x, double[] y, double[] z) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            s0 += x[i] * y[i] * z[i];
            s1 += x[i + 1] * y[i + 1] * z[i + 1];
            s2 += x[i + 2] * y[i + 2] * z[i + 2];
            s3 += x[i + 3] * y[i + 3] * z[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += x[i] * y[i] * z[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
