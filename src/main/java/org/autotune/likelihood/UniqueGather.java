package org.autotune.likelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Unique-and-gather: evaluate a function once per distinct argument tuple and scatter the results
 * back to every position that holds that tuple.
 *
 * <p>Detector likelihoods often evaluate the same expensive function on arguments that repeat:
 * integer photon and electron counts, binned drift times, or hidden variables whose combination
 * (e.g. n_electrons + n_photons = quanta) is all that matters. Build the plan once for a fixed set
 * of arguments ({@link #of(double[][])}), then apply it to any function, on plain doubles or on
 * {@code DerivativeStructure}s, as often as needed. Results are bit-identical to evaluating every
 * position: the function sees exactly the same arguments, just fewer times.
 *
 * <p>Tuples are equal when their doubles have equal bits ({@link Arrays#equals(double[],
 * double[])}), so 0.0 and −0.0 are distinct and NaN equals NaN. Immutable and thread-safe; the
 * function is called from the calling thread only, once per unique tuple, in first-seen order.
 */
public final class UniqueGather {
    private final double[][] unique;
    private final int[] index;
    private final int[] multiplicity;

    private UniqueGather(double[][] unique, int[] index, int[] multiplicity) {
        this.unique = unique;
        this.index = index;
        this.multiplicity = multiplicity;
    }

    /** The plan for these argument tuples (one row per position; rows are copied). */
    public static UniqueGather of(double[][] arguments) {
        var seen = new HashMap<Key, Integer>();
        var unique = new ArrayList<double[]>();
        var counts = new ArrayList<Integer>();
        var index = new int[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            var row = arguments[i].clone();
            var at = seen.putIfAbsent(new Key(row), unique.size());
            if (at == null) {
                at = unique.size();
                unique.add(row);
                counts.add(0);
            }
            index[i] = at;
            counts.set(at, counts.get(at) + 1);
        }
        return new UniqueGather(unique.toArray(double[][]::new), index,
            counts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The plan for single arguments. */
    public static UniqueGather of(double[] arguments) {
        var rows = new double[arguments.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {arguments[i]};
        }
        return of(rows);
    }

    /** {@code f} applied to every single argument, evaluated once per unique value. */
    public static double[] apply(double[] arguments, DoubleUnaryOperator f) {
        var plan = of(arguments);
        var values = new double[plan.uniqueCount()];
        for (int u = 0; u < values.length; u++) {
            values[u] = f.applyAsDouble(plan.unique[u][0]);
        }
        return plan.gather(values);
    }

    /** How many positions the plan covers. */
    public int size() {
        return index.length;
    }

    /** How many distinct tuples there are (= how many times {@link #apply} calls the function). */
    public int uniqueCount() {
        return unique.length;
    }

    /** The distinct tuples in first-seen order (a copy). */
    public double[][] uniqueArguments() {
        return Arrays.stream(unique).map(double[]::clone).toArray(double[][]::new);
    }

    /** How many positions hold distinct tuple {@code u}. */
    public int multiplicity(int u) {
        return multiplicity[u];
    }

    /** Which distinct tuple position {@code i} holds. */
    public int uniqueIndex(int i) {
        return index[i];
    }

    /** {@code f} at every position, evaluated once per distinct tuple (works for any type T). */
    public <T> List<T> apply(Function<double[], T> f) {
        var values = new ArrayList<T>(unique.length);
        for (var row : unique) {
            values.add(f.apply(row.clone()));
        }
        return gather(values);
    }

    /** Scatters one value per distinct tuple back to every position. */
    public <T> List<T> gather(List<T> uniqueValues) {
        checkLength(uniqueValues.size());
        var out = new ArrayList<T>(index.length);
        for (int i : index) {
            out.add(uniqueValues.get(i));
        }
        return out;
    }

    /** Scatters one double per distinct tuple back to every position. */
    public double[] gather(double[] uniqueValues) {
        checkLength(uniqueValues.length);
        var out = new double[index.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = uniqueValues[index[i]];
        }
        return out;
    }

    private void checkLength(int n) {
        if (n != unique.length) {
            throw new IllegalArgumentException(
                "got %d values for %d unique tuples; fix: pass one value per uniqueArguments() row"
                    .formatted(n, unique.length));
        }
    }

    /** A tuple compared by bits, so equal keys always give bit-identical results. */
    private record Key(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
