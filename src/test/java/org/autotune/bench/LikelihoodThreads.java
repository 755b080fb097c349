package org.autotune.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.autotune.likelihood.Dataset;
import org.autotune.likelihood.Likelihood;
import org.autotune.likelihood.examples.FlatBackground;
import org.autotune.likelihood.examples.GaussianPeak;
import org.autotune.likelihood.examples.PeakOnBackground;

/**
 * Why the columnar likelihood's second core helps little below ~10⁷ events: for each size and order,
 * back-to-back passes on a 1-thread pool, on a 2-thread pool and from the calling thread with the
 * common pool (as {@code bench/likelihood} does), interleaved; wall and <em>process</em> CPU time per
 * pass (all threads summed). Equal CPU per pass for 1 and 2 threads means the parallel split costs no
 * extra work (no contention, no spinning): a missing wall-clock speed-up is then time the second
 * thread was not running. Then the wake-up latency of an idle pool thread: the time from submitting a
 * trivial task to its start, after the pool was idle 20 ms (median and 90th percentile of 200), which
 * every pass pays once (its worker parks between passes).
 *
 * <p>usage: LikelihoodThreads SIZES (e.g. 100000,1000000) REPEATS
 */
public final class LikelihoodThreads {
    private static final List<String> FREE = List.of(PeakOnBackground.SIGNAL_MULTIPLIER,
        PeakOnBackground.BACKGROUND_MULTIPLIER, "peak_mean");
    private static final String[] HOW = {"1 thread", "pool of 2", "caller + common pool"};

    private LikelihoodThreads() {
    }

    public static void main(String[] args) throws Exception {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var one = new ForkJoinPool(1);
        var two = new ForkJoinPool(2);
        int repeats = Integer.parseInt(args[1]);
        System.out.printf(Locale.ROOT, "%d cores, load average %.1f at the start%n",
            Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        for (String size : args[0].split(",")) {
            int n = Integer.parseInt(size);
            var lik = likelihood(n);
            var values = lik.defaults();
            int passes = Math.max(3, 20_000_000 / n);
            for (int order = 0; order <= 2; order++) {
                int o = order;
                Runnable run = () -> {
                    for (int i = 0; i < passes; i++) {
                        lik.negLogLikelihood(values, FREE, o);
                    }
                };
                var wall = new double[3][repeats];
                var cpu = new double[3][repeats];
                for (int r = -1; r < repeats; r++) {   // r = -1: warm-up
                    for (int w = 0; w < 3; w++) {
                        long c0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        runOn(w == 0 ? one : w == 1 ? two : null, run);
                        if (r >= 0) {
                            wall[w][r] = (System.nanoTime() - t0) / 1e3 / passes;
                            cpu[w][r] = (os.getProcessCpuTime() - c0) / 1e3 / passes;
                        }
                    }
                }
                for (int w = 0; w < 3; w++) {
                    System.out.printf(Locale.ROOT,
                        "%-9d order %d  %-22s µs/pass wall %9.0f  CPU %9.0f  CPU / 1 thread's %.2f%n",
                        n, o, HOW[w], median(wall[w]), median(cpu[w]), median(cpu[w]) / median(cpu[0]));
                }
            }
        }
        wakeUp(two);
        System.exit(0);
    }

    private static void runOn(ForkJoinPool pool, Runnable run) throws InterruptedException, ExecutionException {
        if (pool == null) {
            run.run();
        } else {
            pool.submit(run).get();
        }
    }

    /** Submit-to-start latency of an idle pool thread. */
    private static void wakeUp(ForkJoinPool pool) throws Exception {
        var latency = new double[200];
        for (int i = 0; i < latency.length; i++) {
            Thread.sleep(20);
            long t0 = System.nanoTime();
            latency[i] = pool.submit(() -> (System.nanoTime() - t0) / 1e3).get();
        }
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "wake-up of an idle pool thread: median %.0f µs, 90th percentile %.0f µs%n",
            latency[latency.length / 2], latency[latency.length * 9 / 10]);
    }

    private static Likelihood likelihood(int n) {
        var rng = new SplittableRandom(1);
        var x = new double[n];
        double signal = PeakOnBackground.SIGNAL / (PeakOnBackground.SIGNAL + PeakOnBackground.BACKGROUND);
        for (int i = 0; i < n; i++) {
            double e;
            do {
                e = rng.nextDouble() < signal ? PeakOnBackground.MEAN + PeakOnBackground.WIDTH * rng.nextGaussian()
                    : PeakOnBackground.LOWER + (PeakOnBackground.UPPER - PeakOnBackground.LOWER) * rng.nextDouble();
            } while (e < PeakOnBackground.LOWER || e > PeakOnBackground.UPPER);
            x[i] = e;
        }
        return Likelihood.builder()
            .source("signal", new GaussianPeak(PeakOnBackground.SIGNAL, PeakOnBackground.MEAN, PeakOnBackground.WIDTH))
            .source("background", new FlatBackground(PeakOnBackground.BACKGROUND, PeakOnBackground.LOWER,
                PeakOnBackground.UPPER))
            .dataset(Dataset.ofColumns("data", x)).build();
    }

    private static double median(double[] x) {
        var s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
