package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.autotune.score.Observable;

/** The optimal filter against cases with a known answer: a known pulse in known (coloured) noise. */
class OptimalFilterTest {
    static final int N = 256;
    static final int PRE = 64;

    /** A pulse (rise 5, fall 30 samples), peak 1. */
    static double[] template(double fall) {
        var t = new double[N];
        double peak = 0;
        for (int i = PRE; i < N; i++) {
            t[i] = Math.exp(-(i - PRE) / fall) - Math.exp(-(i - PRE) / 5.0);
            peak = Math.max(peak, t[i]);
        }
        for (int i = 0; i < N; i++) {
            t[i] /= peak;
        }
        return t;
    }

    /** White noise (sd 0.5) plus AR(1) noise with correlation 0.95 (sd 1), started in equilibrium. */
    static double[] noise(SplittableRandom rng) {
        var x = new double[N];
        double a = 0.95;
        double s = rng.nextGaussian();
        for (int i = 0; i < N; i++) {
            s = a * s + Math.sqrt(1 - a * a) * rng.nextGaussian();
            x[i] = s + 0.5 * rng.nextGaussian();
        }
        return x;
    }

    static List<double[]> pulses(SplittableRandom rng, double[] template, double amplitude, int n) {
        var out = new ArrayList<double[]>();
        for (int k = 0; k < n; k++) {
            var x = noise(rng);
            for (int i = 0; i < N; i++) {
                x[i] += amplitude * template[i];
            }
            out.add(x);
        }
        return out;
    }

    /**
     * Noise with a known PSD J(f) = 1 + 20/(1 + (f/4)^2), drawn in the frequency domain (independent
     * complex Gaussians per bin, Hermitian), so it is exactly stationary over the trace.
     */
    static double[] spectralNoise(SplittableRandom rng) {
        var spectrum = new org.hipparchus.complex.Complex[N];
        for (int k = 0; k <= N / 2; k++) {
            double j = 1 + 20 / (1 + Math.pow(k / 4.0, 2));
            if (k == 0 || k == N / 2) {
                spectrum[k] = new org.hipparchus.complex.Complex(Math.sqrt(j) * rng.nextGaussian(), 0);
            } else {
                double s = Math.sqrt(j / 2);
                spectrum[k] = new org.hipparchus.complex.Complex(s * rng.nextGaussian(), s * rng.nextGaussian());
                spectrum[N - k] = spectrum[k].conjugate();
            }
        }
        var fft = new org.hipparchus.transform.FastFourierTransformer(org.hipparchus.transform.DftNormalization.STANDARD);
        var x = fft.transform(spectrum, org.hipparchus.transform.TransformType.INVERSE);
        var out = new double[N];
        for (int i = 0; i < N; i++) {
            out[i] = x[i].getReal() * Math.sqrt(N);   // STANDARD inverse divides by N; rescale to unit-ish size
        }
        return out;
    }

    static List<double[]> noises(SplittableRandom rng, int n) {
        var out = new ArrayList<double[]>();
        for (int k = 0; k < n; k++) {
            out.add(noise(rng));
        }
        return out;
    }

    @Test
    void the_amplitude_is_unbiased_and_chi2_follows_its_degrees_of_freedom() {
        var rng = new SplittableRandom(2026);
        var template = template(30);
        var noise = new ArrayList<double[]>();
        for (int i = 0; i < 2000; i++) {
            noise.add(spectralNoise(rng));
        }
        var filter = new OptimalFilter(template, OptimalFilter.psd(noise));
        int k = 1000;
        var traces = new ArrayList<double[]>();
        for (int t = 0; t < k; t++) {
            var x = spectralNoise(rng);
            for (int i = 0; i < N; i++) {
                x[i] += 5.0 * template[i];
            }
            traces.add(x);
        }
        double sum = 0;
        double sq = 0;
        double chi2 = 0;
        int dof = filter.degreesOfFreedom();
        double q95 = new ChiSquaredDistribution(dof).inverseCumulativeProbability(0.95);
        int above = 0;
        for (var trace : traces) {
            var fit = filter.fit(trace);
            sum += fit.amplitude();
            sq += fit.amplitude() * fit.amplitude();
            chi2 += fit.chi2();
            above += fit.chi2() > q95 ? 1 : 0;
        }
        double mean = sum / k;
        double sd = Math.sqrt(sq / k - mean * mean);
        assertThat(dof).isEqualTo(N - 2);
        // unbiased amplitude: 4 standard errors of the mean of 1000 fits
        assertThat(mean).isCloseTo(5.0, within(4 * sd / Math.sqrt(k)));
        // mean chi2 = dof: 4 SE of the mean of 1000 chi2 values (sd sqrt(2 dof)), plus the bias of a PSD
        // estimated from M = 2000 traces, E[1/J_hat] = M/(M-1) / J, i.e. dof/(M-1) = 0.13
        assertThat(chi2 / k).isCloseTo(dof, within(4 * Math.sqrt(2.0 * dof / k) + 0.13));
        // the tail too (noise stationary over the trace, so the bins are independent): 5 % above the
        // 95 % quantile, within 4 SE of a binomial fraction
        assertThat(above / (double) k).isCloseTo(0.05, within(4 * Math.sqrt(0.05 * 0.95 / k)));
    }

    @Test
    void with_a_time_offset_fit_a_shifted_pulse_gives_its_shift_and_an_unbiased_amplitude() {
        // a large pulse (amplitude 200, noise of order 1 per sample): the timing error is far below
        // one sample, so the fitted shift is exact
        var rng = new SplittableRandom(31);
        var template = template(30);
        var noise = new ArrayList<double[]>();
        for (int i = 0; i < 2000; i++) {
            noise.add(spectralNoise(rng));
        }
        var filter = new OptimalFilter(template, OptimalFilter.psd(noise));
        int k = 500;
        double sum = 0;
        double sq = 0;
        for (int t = 0; t < k; t++) {
            int shift = t % 11 - 5;   // -5 ... +5 samples, cyclic
            var x = spectralNoise(rng);
            for (int i = 0; i < N; i++) {
                x[i] += 200.0 * template[Math.floorMod(i - shift, N)];
            }
            var fit = filter.fitWithShift(x, 8);
            assertThat(fit.shift()).isEqualTo(shift);
            sum += fit.amplitude();
            sq += fit.amplitude() * fit.amplitude();
            // at the fitted shift the chi2 equals the amplitude-only fit of the pulse moved back
            var back = new double[N];
            for (int i = 0; i < N; i++) {
                back[i] = x[Math.floorMod(i + shift, N)];
            }
            assertThat(fit.chi2()).isCloseTo(filter.fit(back).chi2(), within(1e-6 * fit.chi2()));
        }
        double mean = sum / k;
        double sd = Math.sqrt(sq / k - mean * mean);
        assertThat(mean).isCloseTo(200.0, within(4 * sd / Math.sqrt(k)));
    }

    @TempDir
    Path dir;

    private void write(Path file, List<double[]> traces) throws Exception {
        var sb = new StringBuilder();
        for (int t = 0; t < traces.size(); t++) {
            sb.append(t);
            for (double v : traces.get(t)) {
                sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
            }
            sb.append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
    }

    @Test
    void the_metric_accepts_the_right_shape_and_rejects_a_slower_one() throws Exception {
        var rng = new SplittableRandom(7);
        write(dir.resolve("ref/pulses.csv"), pulses(rng, template(30), 20, 400));
        write(dir.resolve("ref/noise.csv"), noises(rng, 1000));
        write(dir.resolve("right/traces.csv"), pulses(rng, template(30), 40, 40));
        write(dir.resolve("slow/traces.csv"), pulses(rng, template(40), 40, 40));
        var yaml = "{type: optimal-filter, reference: ref/pulses.csv, noise: ref/noise.csv, pretrigger: 64, mode: MODE}";
        var average = MetricFixture.metric(dir, yaml.replace("MODE", "average"));
        var perEvent = MetricFixture.metric(dir, yaml.replace("MODE", "per-event"));
        int dof = N - 2;
        var right = average.score(MetricFixture.sample(dir.resolve("right")));
        var slow = average.score(MetricFixture.sample(dir.resolve("slow")));
        // the right shape: one chi2 value with 254 dof (sd 22.5); 4 sd
        assertThat(right.value()).isCloseTo(dof, within(4 * Math.sqrt(2.0 * dof)));
        assertThat(right.components().get("amplitude")).isCloseTo(40, within(1.0));
        assertThat(slow.value()).isGreaterThan(dof + 10 * Math.sqrt(2.0 * dof));
        var eventsRight = perEvent.score(MetricFixture.sample(dir.resolve("right")));
        var eventsSlow = perEvent.score(MetricFixture.sample(dir.resolve("slow")));
        // mean chi2/dof of 40 events: sd sqrt(2/254)/sqrt(40) = 0.014 for independent bins; this noise is
        // not periodic over the trace, which widens the spread (see above), so use the measured
        // standard error: 4 of them, plus the PSD-estimate bias dof/(M-1)/dof = 0.001
        assertThat(eventsRight.value()).isCloseTo(1.0, within(4 * eventsRight.standardError().getAsDouble() + 0.001));
        assertThat(eventsSlow.value() - eventsRight.value()).isGreaterThan(4 * Math.hypot(
            eventsRight.standardError().getAsDouble(), eventsSlow.standardError().getAsDouble()));
    }

    @Test
    void the_spectral_observables_add_up_to_the_chi2_and_default_to_the_lowest_64_bins() throws Exception {
        var rng = new SplittableRandom(8);
        write(dir.resolve("ref/pulses.csv"), pulses(rng, template(30), 20, 400));
        write(dir.resolve("ref/noise.csv"), noises(rng, 1000));
        write(dir.resolve("slow/traces.csv"), pulses(rng, template(40), 40, 40));
        var all = MetricFixture.metric(dir, "{type: optimal-filter, reference: ref/pulses.csv, noise: ref/noise.csv,"
            + " pretrigger: 64, observables: " + N / 2 + "}").score(MetricFixture.sample(dir.resolve("slow")));
        // every bin 1..N/2: real and imaginary parts, none at the Nyquist frequency's imaginary part
        assertThat(all.observables()).hasSize(N - 1);
        double sum = all.observables().stream().mapToDouble(o -> o.pull() * o.pull()).sum();
        assertThat(sum).isCloseTo(all.value(), within(1e-9 * all.value()));
        var lowest = MetricFixture.metric(dir, "{type: optimal-filter, reference: ref/pulses.csv, noise: ref/noise.csv,"
            + " pretrigger: 64}").score(MetricFixture.sample(dir.resolve("slow")));
        assertThat(lowest.observables()).hasSize(2 * 64).extracting(Observable::name).startsWith("fre1", "fim1");
        assertThat(lowest.value()).isEqualTo(all.value());
    }
}
