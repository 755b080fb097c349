package org.autotune.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleSupplier;
import org.autotune.likelihood.Dataset;
import org.autotune.likelihood.LegacyLikelihood;
import org.autotune.likelihood.LegacySources;
import org.autotune.likelihood.Likelihood;
import org.autotune.likelihood.examples.FlatBackground;
import org.autotune.likelihood.examples.GaussianPeak;
import org.autotune.likelihood.examples.PeakOnBackground;

/**
 * Events per second of −ln L on the peak-on-background example (3 free parameters: both rate
 * multipliers and the peak position) at order 0 (value), 1 (+ gradient) and 2 (+ Hessian), for
 * 10⁴ … 10⁷ events: Autotune's columnar likelihood on 1 thread ({@code ForkJoinPool(1)}) and on
 * all cores (common pool), numpy with hand-written analytic derivatives
 * (bench/likelihood.d/numpy_nll.py, 1 thread) on the same events, and the former per-event
 * {@code DerivativeStructure} implementation (order 2, up to {@code LEGACY_MAX} events). The
 * implementations run interleaved, one pass each per repeat, so all see the same machine load;
 * the figure is the median over the repeats after one warm-up repeat each. Below 10⁶ events a
 * repeat is several passes (10⁶ events in all; a tenth of that for the former implementation),
 * so that a repeat lasts longer than the scheduler's time slices on a loaded machine.
 *
 * <p>Besides wall-clock events/s, "per CPU-s" divides by the CPU time of the one thread that did
 * the work (Java: the pool's worker thread; numpy: the python process, {@code time.process_time}),
 * which depends much less on how busy a shared machine is.
 *
 * <p>Memory: retained = heap still in use after a full GC with the likelihood built, minus
 * before, per event (dataset columns + distinct-event batches); allocated = bytes all JVM
 * threads allocated during one 1-thread pass, per event (garbage included); numpy = peak bytes
 * numpy allocated during one pass (tracemalloc), per event, beside its 8-byte input.
 *
 * <p>usage: LikelihoodBench [MAX_EVENTS (default 10000000)] [REPEATS (default 5)] [LEGACY_MAX (default 1000000)]
 */
public final class LikelihoodBench {
    private static final List<String> FREE = List.of(PeakOnBackground.SIGNAL_MULTIPLIER,
        PeakOnBackground.BACKGROUND_MULTIPLIER, "peak_mean");
    private static final String[] ORDERS = {"value", "value+gradient", "value+gradient+Hessian"};

    private LikelihoodBench() {
    }

    public static void main(String[] args) throws Exception {
        long max = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long legacyMax = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        var numpy = new Numpy();
        var one = new ForkJoinPool(1);
        try {
            System.out.printf(Locale.ROOT, "peak on background, 3 free parameters; %d cores; median of %d "
                + "interleaved repeats after 1 warm-up; numpy %s, 1 thread; SIMD exp/log: %s%n",
                Runtime.getRuntime().availableProcessors(), repeats, numpy.version,
                !"false".equals(System.getProperty("autotune.likelihood.simd")));
            System.out.printf(Locale.ROOT, "%-10s %-24s %-30s %10s %12s %12s%n", "events", "derivatives",
                "implementation", "s/pass", "events/s", "per CPU-s");
            warmUp();
            for (long n = 10_000; n <= max; n *= 10) {
                size((int) n, n >= 10_000_000 ? Math.min(repeats, 3) : repeats, n <= legacyMax, numpy, one);
            }
        } finally {
            one.shutdown();
            numpy.close();
        }
    }

    private static volatile double lastCpu = Double.NaN;

    /** The call's value; its CPU time on this thread (seconds) goes to lastCpu. */
    private static double cpuTimed(DoubleSupplier call) {
        var bean = ManagementFactory.getThreadMXBean();
        long c0 = bean.getCurrentThreadCpuTime();
        double v = call.getAsDouble();
        lastCpu = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
        return v;
    }

    /** k passes; the value of the last. */
    private static double passes(int k, DoubleSupplier pass) {
        double v = Double.NaN;
        for (int i = 0; i < k; i++) {
            v = pass.getAsDouble();
        }
        return v;
    }

    /** Lets the JIT compile the likelihood's loops before anything is timed (about 2 s). */
    private static void warmUp() {
        var lik = Likelihood.builder()
            .source("signal", new GaussianPeak(PeakOnBackground.SIGNAL, PeakOnBackground.MEAN, PeakOnBackground.WIDTH))
            .source("background", new FlatBackground(PeakOnBackground.BACKGROUND, PeakOnBackground.LOWER,
                PeakOnBackground.UPPER))
            .dataset(Dataset.ofColumns("warm-up", energies(100_000))).build();
        long end = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; System.nanoTime() < end || i < 30; i++) {
            lik.negLogLikelihood(lik.defaults(), FREE, i % 3);
        }
    }

    private static void size(int n, int repeats, boolean withLegacy, Numpy numpy, ForkJoinPool one)
            throws Exception {
        var x = energies(n);
        double scale = n / (PeakOnBackground.SIGNAL + PeakOnBackground.BACKGROUND);
        var file = Files.createTempFile("likelihood-bench", ".f64");
        try {
            write(file, x);
            numpy.load(file, n, scale);
        } finally {
            Files.delete(file);
        }
        long before = retained();
        var lik = Likelihood.builder()
            .source("signal", new GaussianPeak(PeakOnBackground.SIGNAL, PeakOnBackground.MEAN, PeakOnBackground.WIDTH))
            .source("background", new FlatBackground(PeakOnBackground.BACKGROUND, PeakOnBackground.LOWER,
                PeakOnBackground.UPPER))
            .dataset(Dataset.ofColumns("data", x)).build();
        long retained = retained() - before;
        var values = lik.defaults();
        values[lik.indexOf(PeakOnBackground.SIGNAL_MULTIPLIER)] = scale;
        values[lik.indexOf(PeakOnBackground.BACKGROUND_MULTIPLIER)] = scale;
        LegacyLikelihood legacy = withLegacy ? legacy(x) : null;
        var finalLik = lik;
        int k = Math.max(1, 1_000_000 / n); // passes per timed repeat: at least ~10^6 events each
        for (int order = 0; order <= 2; order++) {
            int o = order;
            DoubleSupplier single = () -> one.submit(() -> cpuTimed(() -> passes(k,
                () -> finalLik.negLogLikelihood(values, FREE, o).value()))).join();
            DoubleSupplier all = () -> passes(k, () -> finalLik.negLogLikelihood(values, FREE, o).value());
            DoubleSupplier np = () -> numpy.time(o, k);
            var runs = new ArrayList<Run>(List.of(new Run("Autotune columnar, 1 thread", single, true, k),
                new Run("Autotune columnar, all cores", all, true, k), new Run("numpy analytic, 1 thread", np, false, k)));
            if (legacy != null && order == 2) {
                int kl = Math.max(1, k / 10);
                runs.add(new Run("Autotune before (per event), 1", () -> one.submit(
                    () -> passes(kl, () -> legacy.negLogLikelihood(values, FREE, o).value())).join(), true, kl));
                runs.add(new Run("Autotune before (per event), all", () -> passes(kl,
                    () -> legacy.negLogLikelihood(values, FREE, o).value()), true, kl));
            }
            interleave(runs, repeats);
            double check = runs.get(0).value;
            for (var r : runs) {
                if (!(Math.abs(r.value - check) <= 1e-9 * Math.abs(check))) {
                    throw new IllegalStateException("%s gives -ln L %s, Autotune %s".formatted(r.label, r.value, check));
                }
                System.out.printf(Locale.ROOT, "%-10d %-24s %-30s %10.4f %12.0f %12s%n", n, ORDERS[order], r.label,
                    r.median, n / r.median, Double.isNaN(r.cpuMedian) ? "-" : "%.0f".formatted(n / r.cpuMedian));
            }
            System.out.printf(Locale.ROOT, "%-10d %-24s ratios: 1 thread / numpy %.2f, all cores / numpy %.2f, "
                + "all cores / 1 thread %.2f; CPU time numpy / 1 thread %.2f%n", n, ORDERS[order],
                runs.get(2).median / runs.get(0).median, runs.get(2).median / runs.get(1).median,
                runs.get(0).median / runs.get(1).median, runs.get(2).cpuMedian / runs.get(0).cpuMedian);
            System.out.printf(Locale.ROOT, "%-10d %-24s memory per event: retained %.1f B, allocated per pass "
                + "%.1f B; numpy peak per pass %.1f B%n", n, ORDERS[order], (double) retained / n,
                (double) allocated(single) / k / n, (double) numpy.memory(o) / n);
        }
    }

    /** One implementation's timings over the interleaved repeats. */
    private static final class Run {
        final String label;
        final DoubleSupplier pass;
        final boolean javaTimed;
        final List<Double> seconds = new ArrayList<>();
        final List<Double> cpuSeconds = new ArrayList<>();
        double cpuMedian;
        double value;
        double median;

        final int passes;

        Run(String label, DoubleSupplier pass, boolean javaTimed, int passes) {
            this.passes = passes;
            this.label = label;
            this.pass = pass;
            this.javaTimed = javaTimed;
        }

        void once(boolean record) {
            long t0 = System.nanoTime();
            double v = pass.getAsDouble();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = lastCpu;
            if (javaTimed) {
                value = v;
            } else { // numpy reports its own time (without the pipe), CPU time and value
                s = v;
                value = Numpy.lastValue;
                cpu = Numpy.lastCpu;
            }
            if (record) {
                seconds.add(s / passes);
                cpuSeconds.add(cpu / passes);
            }
        }
    }

    private static void interleave(List<Run> runs, int repeats) {
        for (var r : runs) {
            lastCpu = Double.NaN;
            r.once(false);
        }
        for (int i = 0; i < repeats; i++) {
            for (var r : runs) {
                lastCpu = Double.NaN;
                r.once(true);
            }
        }
        for (var r : runs) {
            var s = r.seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            r.median = s[s.length / 2];
            var c = r.cpuSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            r.cpuMedian = c[c.length / 2];
        }
    }

    /** The example's energies: signal and background in the ratio 100 : 1000, fixed seed. */
    private static double[] energies(int n) {
        var rng = new SplittableRandom(1);
        var x = new double[n];
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < PeakOnBackground.SIGNAL / (PeakOnBackground.SIGNAL + PeakOnBackground.BACKGROUND)) {
                double e;
                do {
                    e = PeakOnBackground.MEAN + PeakOnBackground.WIDTH * rng.nextGaussian();
                } while (e < PeakOnBackground.LOWER || e > PeakOnBackground.UPPER);
                x[i] = e;
            } else {
                x[i] = PeakOnBackground.LOWER + (PeakOnBackground.UPPER - PeakOnBackground.LOWER) * rng.nextDouble();
            }
        }
        return x;
    }

    private static LegacyLikelihood legacy(double[] x) {
        var rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i]};
        }
        return LegacyLikelihood.builder()
            .source("signal", LegacySources.gaussianPeak(PeakOnBackground.SIGNAL, PeakOnBackground.MEAN,
                PeakOnBackground.WIDTH))
            .source("background", LegacySources.flatBackground(PeakOnBackground.BACKGROUND,
                PeakOnBackground.LOWER, PeakOnBackground.UPPER))
            .dataset(new Dataset("data", rows)).build();
    }

    private static void write(Path file, double[] x) throws IOException {
        var buffer = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(x);
        try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }

    /** Bytes all JVM threads allocated during one call (garbage included). */
    private static long allocated(DoubleSupplier call) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long a0 = Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
        call.getAsDouble();
        long a1 = Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
        return a1 - a0;
    }

    private static long retained() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The numpy reference in a python3 process, driven line by line. */
    private static final class Numpy implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;
        final String version;

        Numpy() throws IOException {
            var script = Path.of("bench/likelihood.d/numpy_nll.py");
            var pb = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("MKL_NUM_THREADS", "1");
            process = pb.start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            version = ask("version");
        }

        void load(Path file, int n, double scale) {
            ask("load " + file + " " + n + " " + scale);
        }

        /** Seconds numpy took for k passes (and keeps the value for the check). */
        double time(int order, int k) {
            var words = ask("time " + order + " " + k).split(" ");
            lastValue = Double.parseDouble(words[1]);
            lastCpu = Double.parseDouble(words[2]);
            return Double.parseDouble(words[0]);
        }

        static volatile double lastValue;
        static volatile double lastCpu;

        long memory(int order) {
            return Long.parseLong(ask("memory " + order));
        }

        private String ask(String command) {
            in.println(command);
            try {
                var line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("numpy reference exited; is python3-numpy installed? "
                        + "fix: apt-get install python3-numpy");
                }
                return line;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            in.println("quit");
            process.destroy();
        }
    }
}
