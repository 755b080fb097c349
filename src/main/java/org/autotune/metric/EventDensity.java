package org.autotune.metric;

/**
 * A probability density over the observables, estimated from a sample's simulated events, for the
 * {@code likelihood} metric: {@code logDensity(x)} is ln p(x) with ∫ p dx ≤ 1 (what falls outside a
 * histogram's range is lost, not renormalised away). Immutable and thread-safe.
 */
interface EventDensity {
    /** ln p(x) for one event (one value per observable); never NaN, and finite (the floor and kernels see to it). */
    double logDensity(double[] x);

    /**
     * A histogram on a regular grid of cells, with a floor: every cell counts as if it held
     * {@code floor} more simulated events, so a reference event in a cell the simulation left empty
     * costs ln(floor/N) rather than infinity. p_k = (n_k + floor) / ((N + floor·K) · volume_k),
     * where N counts every simulated event, also those outside the range. {@code floor} must be > 0.
     */
    static Histogram histogram(double[][] events, double[] lower, double[] upper, int bins, double floor) {
        return new Histogram(events, lower, upper, bins, floor);
    }

    /**
     * A Gaussian product-kernel estimate, p(x) = (1/N) Σ_i Π_j φ((x_j − e_ij)/h_j)/h_j, with Scott's
     * bandwidth h_j = factor · s_j · N^(−1/(d+4)) (s_j the simulated standard deviation; Scott,
     * "Multivariate Density Estimation", 1992, eq. 6.42). Cost N per evaluated event.
     */
    static Kernel kernel(double[][] events, double factor) {
        return new Kernel(events, factor);
    }

    /** See {@link EventDensity#histogram}. */
    final class Histogram implements EventDensity {
        private final double[] lower;
        private final double[] upper;
        private final int bins;
        private final double floor;
        private final long[] counts;
        private final double logNorm;
        private final long total;

        private Histogram(double[][] events, double[] lower, double[] upper, int bins, double floor) {
            this.lower = lower.clone();
            this.upper = upper.clone();
            this.bins = bins;
            this.floor = floor;
            int cells = 1;
            double volume = 1;
            for (int j = 0; j < lower.length; j++) {
                cells = Math.multiplyExact(cells, bins);
                volume *= (upper[j] - lower[j]) / bins;
            }
            counts = new long[cells];
            for (var e : events) {
                int c = cell(e);
                if (c >= 0) {
                    counts[c]++;
                }
            }
            total = events.length;
            logNorm = Math.log((total + floor * cells) * volume);
        }

        @Override
        public double logDensity(double[] x) {
            int c = cell(x);
            double n = c < 0 ? 0 : counts[c];
            return Math.log(n + floor) - logNorm;
        }

        /** Simulated events in the cell of {@code x} (0 outside the range). */
        long count(double[] x) {
            int c = cell(x);
            return c < 0 ? 0 : counts[c];
        }

        /** The flat cell index of x, or −1 outside the range (the upper edge belongs to the last bin). */
        int cell(double[] x) {
            int c = 0;
            for (int j = 0; j < lower.length; j++) {
                if (!(x[j] >= lower[j] && x[j] <= upper[j])) {
                    return -1;
                }
                int b = (int) ((x[j] - lower[j]) / (upper[j] - lower[j]) * bins);
                c = c * bins + Math.min(bins - 1, b);
            }
            return c;
        }

        double floor() {
            return floor;
        }

        long total() {
            return total;
        }
    }

    /** See {@link EventDensity#kernel}. */
    final class Kernel implements EventDensity {
        private final double[][] events;
        private final double[] inverseWidths;
        private final double logNorm;

        private Kernel(double[][] events, double factor) {
            this.events = events;
            int n = events.length;
            int d = events[0].length;
            inverseWidths = new double[d];
            double norm = Math.log(n);
            for (int j = 0; j < d; j++) {
                double mean = 0;
                for (var e : events) {
                    mean += e[j];
                }
                mean /= n;
                double ss = 0;
                for (var e : events) {
                    ss += (e[j] - mean) * (e[j] - mean);
                }
                double h = factor * Math.sqrt(ss / (n - 1)) * Math.pow(n, -1.0 / (d + 4));
                if (!(h > 0)) {
                    throw new MetricException("column " + (j + 1) + " of the simulated events is constant; "
                        + "a kernel density needs spread (use density: histogram)");
                }
                inverseWidths[j] = 1 / h;
                norm += Math.log(h) + 0.5 * Math.log(2 * Math.PI);
            }
            logNorm = norm;
        }

        /** Log-sum-exp over the kernels, so far-away events give a large negative value, not −∞. */
        @Override
        public double logDensity(double[] x) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (var e : events) {
                double a = 0;
                for (int j = 0; j < x.length; j++) {
                    double z = (x[j] - e[j]) * inverseWidths[j];
                    a -= 0.5 * z * z;
                }
                if (a > max) {
                    sum = sum * Math.exp(max - a) + 1;
                    max = a;
                } else {
                    sum += Math.exp(a - max);
                }
            }
            return max + Math.log(sum) - logNorm;
        }
    }
}
