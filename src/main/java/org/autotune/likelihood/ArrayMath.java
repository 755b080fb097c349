package org.autotune.likelihood;

/** Element-wise loops over primitive arrays for {@link Duals}; a null array stands for zeros. */
final class ArrayMath {
    private ArrayMath() {
    }

    static double[] at(double[][] parts, int k) {
        return k < parts.length ? parts[k] : null;
    }

    static double[][] sum(double[][] x, double[][] y, int n) {
        var out = new double[n][];
        for (int k = 0; k < n; k++) {
            var a = at(x, k);
            var b = at(y, k);
            if (a == null || b == null) {
                out[k] = a == null ? b : a;
            } else {
                out[k] = Arena.array(a.length);
                for (int i = 0; i < a.length; i++) {
                    out[k][i] = a[i] + b[i];
                }
            }
        }
        return out;
    }

    static double[] scaled(double[] x, double c) {
        var out = Arena.array(x.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * c;
        }
        return out;
    }

    static double[][] scaledAll(double[][] x, double c) {
        var out = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] == null ? null : scaled(x[k], c);
        }
        return out;
    }

    static double[] times(double[] x, double[] y) {
        var out = Arena.array(x.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * y[i];
        }
        return out;
    }

    static double[][] timesAll(double[][] x, double[] y) {
        var out = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] == null ? null : times(x[k], y);
        }
        return out;
    }

    /** out + x·y (allocating out when null); null x or y means zero. */
    static double[] fma(double[] out, double[] x, double[] y) {
        if (x == null || y == null) {
            return out;
        }
        if (out == null) {
            return times(x, y);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] += x[i] * y[i];
        }
        return out;
    }

    /** out + x·y·z (allocating out when null). */
    static double[] fma(double[] out, double[] x, double[] y, double[] z) {
        if (out == null) {
            var o = Arena.array(x.length);
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i] * y[i] * z[i];
            }
            return o;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] += x[i] * y[i] * z[i];
        }
        return out;
    }
}
