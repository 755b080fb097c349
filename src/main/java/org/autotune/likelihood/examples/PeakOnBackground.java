package org.autotune.likelihood.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.autotune.analysis.Digits;
import org.autotune.likelihood.Dataset;
import org.autotune.likelihood.Fit;
import org.autotune.likelihood.FitResult;
import org.autotune.likelihood.Likelihood;
import org.autotune.likelihood.ProfileLikelihood;

/**
 * A two-source detector model: a Gaussian line (5 keV, 0.5 keV resolution, 100 expected events)
 * on a flat background (1000 expected events) in [0, 10] keV. Generates one dataset with a fixed
 * seed, fits the two rate multipliers and the line position, and prints best ± σ, the
 * correlation matrix and the profile interval of the signal count.
 *
 * <p>Run: {@code autotune fit-example [--seed N]}, or
 * {@code java -cp target/classes:$(cat cp.txt) org.autotune.likelihood.examples.PeakOnBackground}.
 */
public final class PeakOnBackground {
    /** Expected signal events at multiplier 1. */
    public static final double SIGNAL = 100;
    /** Expected background events at multiplier 1. */
    public static final double BACKGROUND = 1000;
    /** Line position and resolution (keV). */
    public static final double MEAN = 5;
    public static final double WIDTH = 0.5;
    /** Analysis region (keV). */
    public static final double LOWER = 0;
    public static final double UPPER = 10;
    /** The signal's rate multiplier: s = SIGNAL × this. */
    public static final String SIGNAL_MULTIPLIER = Likelihood.multiplierName("signal");
    /** The background's rate multiplier: b = BACKGROUND × this. */
    public static final String BACKGROUND_MULTIPLIER = Likelihood.multiplierName("background");

    private PeakOnBackground() {
    }

    /** The likelihood of one dataset of energies (one column, keV). */
    public static Likelihood likelihood(double[][] events) {
        return Likelihood.builder()
            .source("signal", new GaussianPeak(SIGNAL, MEAN, WIDTH))
            .source("background", new FlatBackground(BACKGROUND, LOWER, UPPER))
            .dataset(new Dataset("data", events))
            .build();
    }

    /**
     * A pseudo-experiment: Poisson numbers of signal (mean {@code s}) and background (mean
     * {@code b}) events, then their energies. Signal energies outside [0, 10] keV (10 widths
     * away: never in practice) are redrawn.
     */
    public static double[][] generate(RandomGenerator rng, double s, double b) {
        var events = new ArrayList<double[]>();
        for (int i = poisson(rng, s); i > 0; i--) {
            double x;
            do {
                x = MEAN + WIDTH * rng.nextGaussian();
            } while (x < LOWER || x > UPPER);
            events.add(new double[] {x});
        }
        for (int i = poisson(rng, b); i > 0; i--) {
            events.add(new double[] {LOWER + (UPPER - LOWER) * rng.nextDouble()});
        }
        return events.toArray(double[][]::new);
    }

    /**
     * Poisson draw by counting arrivals of a unit-rate process in time {@code mean}: exact for
     * any mean and O(mean) work, fine for the few thousand events here.
     */
    static int poisson(RandomGenerator rng, double mean) {
        int n = 0;
        double t = -Math.log(1 - rng.nextDouble());
        while (t < mean) {
            n++;
            t -= Math.log(1 - rng.nextDouble());
        }
        return n;
    }

    /** Generates, fits and prints the example with this seed. */
    public static void run(PrintWriter out, long seed) {
        var events = generate(new SplittableRandom(seed), SIGNAL, BACKGROUND);
        var lik = likelihood(events);
        var free = List.of(SIGNAL_MULTIPLIER, BACKGROUND_MULTIPLIER, "peak_mean");
        var fit = new Fit(lik, free);
        var best = fit.minimize(lik.defaults());
        out.printf("peak on background: %d events, seed %d, true s=%.0f b=%.0f mean=%.1f keV%n",
            events.length, seed, SIGNAL, BACKGROUND, MEAN);
        out.printf("fit: -ln L = %.4f after %d Newton steps (converged: %s)%n",
            best.negLogLikelihood(), best.iterations(), best.converged());
        printParameter(out, "s", SIGNAL, best, lik, SIGNAL_MULTIPLIER);
        printParameter(out, "b", BACKGROUND, best, lik, BACKGROUND_MULTIPLIER);
        printParameter(out, "peak_mean [keV]", 1, best, lik, "peak_mean");
        out.println("correlation (s, b, peak_mean):");
        for (var row : best.correlation()) {
            out.printf("  %7.3f %7.3f %7.3f%n", row[0], row[1], row[2]);
        }
        var interval = ProfileLikelihood.interval(fit, best, SIGNAL_MULTIPLIER);
        double width = SIGNAL * Math.min(interval.minus(), interval.plus());
        out.printf("profile 68.3%% interval of s: [%s, %s] (-%s / +%s)%n",
            Digits.value(SIGNAL * interval.lower(), width), Digits.value(SIGNAL * interval.upper(), width),
            Digits.value(SIGNAL * interval.minus(), width), Digits.value(SIGNAL * interval.plus(), width));
        out.flush();
    }

    private static void printParameter(PrintWriter out, String label, double scale,
            FitResult best, Likelihood lik, String name) {
        double sigma = scale * best.error(name);
        // two significant digits of σ, the value to the same place (as analyze and the report print them)
        out.printf("  %-16s = %9s ± %s%n", label, Digits.value(scale * best.value(lik, name), sigma),
            Digits.sigma(sigma));
    }

    /** Runs the example with seed 1 (or the first argument) and prints to stdout. */
    public static void main(String[] args) {
        run(new PrintWriter(System.out, true), args.length > 0 ? Long.parseLong(args[0]) : 1);
    }
}
