package org.autotune.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.autotune.likelihood.Likelihood;
import org.autotune.likelihood.UniqueGather;
import org.autotune.likelihood.examples.PeakOnBackground;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Unique-and-gather: EVENTS events × n_electrons 0..29 × n_photons 0..29, a yield model
 * (order-2 {@link DerivativeStructure}s, 3 parameters) that depends only on the event's drift-time
 * bin (10 bins) and on n_electrons + n_photons. Evaluated at every position, and through a
 * {@link UniqueGather} plan (plan built inside the measurement). Counts function evaluations and
 * the bytes the measuring thread allocated ({@code com.sun.management.ThreadMXBean
 * #getThreadAllocatedBytes}: exact, cumulative, unaffected by GC), plus the heap still in use
 * after a full GC while the results are held (what stays resident; approximate).
 *
 * <p>usage: UniqueGatherBench [EVENTS (default 200)]
 */
public final class UniqueGatherBench {
    private UniqueGatherBench() {
    }

    public static void main(String[] args) {
        uniqueAndGather(args.length > 0 ? Integer.parseInt(args[0]) : 200);
    }

    private static void uniqueAndGather(int events) {
        var rng = new SplittableRandom(2);
        var positions = new ArrayList<double[]>();
        for (int e = 0; e < events; e++) {
            int driftBin = rng.nextInt(10);
            for (int ne = 0; ne < 30; ne++) {
                for (int nph = 0; nph < 30; nph++) {
                    positions.add(new double[] {driftBin, ne + nph});
                }
            }
        }
        var args = positions.toArray(double[][]::new);
        var factory = new DSFactory(3, 2);
        var params = new DerivativeStructure[] {factory.variable(0, 0.8), factory.variable(1, 1.3),
            factory.variable(2, 0.05)};
        var calls = new AtomicLong();
        Function<double[], DerivativeStructure> yield = t -> {
            calls.incrementAndGet();
            return yieldModel(params, t[0], t[1]);
        };
        System.out.printf(Locale.ROOT, "unique-and-gather: %d events x 30 n_e x 30 n_ph = %d positions, "
            + "order-2 structures in 3 parameters%n", events, args.length);
        System.out.printf(Locale.ROOT, "%-22s %12s %16s %16s%n", "", "evaluations", "allocated MB", "retained MB");
        var direct = measure(calls, () -> {
            var out = new ArrayList<DerivativeStructure>(args.length);
            for (var t : args) {
                out.add(yield.apply(t));
            }
            return out;
        });
        var gathered = measure(calls, () -> UniqueGather.of(args).apply(yield));
        print("every position", direct);
        print("unique-and-gather", gathered);
        System.out.printf(Locale.ROOT, "ratio evaluations %.0f, allocated %.1f, retained %.1f%n",
            (double) direct[0] / gathered[0], (double) direct[1] / gathered[1], (double) direct[2] / gathered[2]);
    }

    /**
     * A made-up yield model with the cost profile of a real one: a recombination fraction from a
     * drift-time-dependent field, a Binomial-like log-probability of the quanta.
     */
    private static DerivativeStructure yieldModel(DerivativeStructure[] p, double driftBin, double quanta) {
        var field = p[2].multiply(-driftBin).exp().multiply(p[1]);
        var recombination = field.add(1).log().negate().exp().multiply(p[0]);
        return recombination.log().multiply(quanta).add(recombination.negate().log1p().multiply(60 - quanta));
    }

    /** {evaluations, bytes allocated by this thread, bytes retained after GC} for one call. */
    private static long[] measure(AtomicLong calls, Supplier<List<DerivativeStructure>> work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = retained();
        calls.set(0);
        long a0 = threads.getThreadAllocatedBytes(id);
        var result = work.get();
        long allocated = threads.getThreadAllocatedBytes(id) - a0;
        long held = retained() - before;
        if (result.size() == 0) {
            throw new IllegalStateException("no results");
        }
        return new long[] {calls.get(), allocated, held};
    }

    private static long retained() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static void print(String label, long[] m) {
        System.out.printf(Locale.ROOT, "%-22s %12d %16.1f %16.1f%n", label, m[0], m[1] / 1e6, m[2] / 1e6);
    }
}
