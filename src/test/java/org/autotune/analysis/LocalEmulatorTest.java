package org.autotune.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.autotune.score.Observable;
import org.junit.jupiter.api.Test;

/**
 * The local emulator on observables that vary over the range more than one quadratic describes
 * (steep, curved functions of three parameters, as pulse times that go as 1/(a + b + c) do): samples
 * it never saw are predicted a third as far off as by one global quadratic, and within the errors it
 * claims; points beyond the samples' reach are not trusted.
 */
class LocalEmulatorTest {
    private static final double SIGMA = 0.01;

    private static double[] truth(double[] u) {
        double a = u[0];
        double b = u[1];
        double c = u[2];
        return new double[] {1 / (a + b + 0.1), Math.exp(2 * c) * (0.5 + a), Math.log(0.05 + a) + b * b,
            Math.sin(4 * b) * c};
    }

    private static Emulator.Sample sample(double[] u) {
        double[] y = truth(u);
        var obs = new ArrayList<Observable>();
        for (int j = 0; j < y.length; j++) {
            obs.add(new Observable("o" + j, y[j], SIGMA, 0.5, SIGMA));
        }
        return new Emulator.Sample(u, obs);
    }

    private static List<Emulator.Sample> uniform(long seed, int count) {
        var rng = new SplittableRandom(seed);
        var out = new ArrayList<Emulator.Sample>();
        for (int s = 0; s < count; s++) {
            out.add(sample(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()}));
        }
        return out;
    }

    /** The unseen samples' prediction χ² per degree of freedom (one per observable and sample). */
    private static double chi2PerNdf(Emulator emulator, List<Emulator.Sample> unseen) {
        double chi2 = 0;
        int ndf = 0;
        for (var s : unseen) {
            chi2 += emulator.predictionChi2(s.unit(), s.observables());
            ndf += emulator.observables();
        }
        return chi2 / ndf;
    }

    /** Root mean square of (prediction − simulation)/σ over the unseen samples and observables. */
    private static double rmsError(Emulator emulator, List<Emulator.Sample> unseen) {
        double s = 0;
        int count = 0;
        for (var smp : unseen) {
            double[] p = emulator.predict(smp.unit());
            for (int j = 0; j < p.length; j++) {
                double d = (p[j] - smp.observables().get(j).simulated()) / SIGMA;
                s += d * d;
                count++;
            }
        }
        return Math.sqrt(s / count);
    }

    @Test
    void a_point_far_from_every_sample_is_beyond_its_reach_and_not_trusted() {
        var learnt = new ArrayList<Emulator.Sample>();
        for (var s : uniform(3, 400)) {
            if (s.unit()[0] < 0.5) {
                learnt.add(s);
            }
        }
        var local = Emulator.fitLocal(learnt, true, new double[] {0, 0, 0}, new double[] {1, 1, 1}).orElseThrow();
        assertThat(local.trusted(new double[] {0.25, 0.5, 0.5})).isTrue();
        assertThat(local.trusted(new double[] {0.98, 0.5, 0.5})).isFalse();
        assertThat(local.logLikelihood(new double[] {0.98, 0.5, 0.5})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(local.unbounded().trusted(new double[] {0.98, 0.5, 0.5})).isTrue();
        var global = Emulator.fit(learnt, true, new double[] {0, 0, 0}, new double[] {1, 1, 1}).orElseThrow();
        assertThat(global.trusted(new double[] {0.98, 0.5, 0.5})).isTrue();
    }

    @Test
    void samples_it_never_saw_fit_as_the_local_emulator_predicts_where_one_quadratic_fails() {
        var learnt = uniform(1, 400);
        var unseen = uniform(2, 40);
        var global = Emulator.fit(learnt, true).orElseThrow();
        var local = Emulator.fitLocal(learnt, true, null, null).orElseThrow();
        assertThat(local.description()).startsWith("local polynomials around");
        // the observables are exact functions, so the fits' errors are misfit, not noise: the errors each
        // emulator claims for unseen samples must be right within a factor sqrt(2) (measured: chi2/ndf 1.42
        // local, 1.28 global over 160 pulls), and the local one's predictions a third as far off or better
        // (measured: 4.2 against 13.8 sigma rms)
        assertThat(chi2PerNdf(local, unseen)).isBetween(0.5, 2.0);
        assertThat(rmsError(local, unseen)).isLessThan(rmsError(global, unseen) / 3);
    }
}
