package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.model.Frame;
import org.junit.jupiter.api.Test;

/**
 * The active-subspace model of local-surrogate: with 40 parameters a full quadratic (861
 * coefficients) is out of reach of a few batches, but a score that depends on three combinations
 * of them is modelled by a quadratic in those three.
 */
class LocalModelsTest {
    private static final int N = 40;
    private static final double RADIUS = 0.1;
    private static final double NOISE = 0.01;

    /** Three orthonormal random directions (Gram-Schmidt, seeded). */
    private static double[][] directions(long seed) {
        var rng = new SplittableRandom(seed);
        double[][] v = new double[3][N];
        for (int a = 0; a < 3; a++) {
            for (int i = 0; i < N; i++) {
                v[a][i] = rng.nextGaussian();
            }
            for (int b = 0; b < a; b++) {
                double d = dot(v[a], v[b]);
                for (int i = 0; i < N; i++) {
                    v[a][i] -= d * v[b][i];
                }
            }
            double norm = Math.sqrt(dot(v[a], v[a]));
            for (int i = 0; i < N; i++) {
                v[a][i] /= norm;
            }
        }
        return v;
    }

    /**
     * Σ_a c_a (v_a·(u − 0.5) + 0.2)² with curvatures 10, 20, 40: curved, anisotropic, in 3 of 40
     * directions, and sloped along each of them near the centre 0.5 (where the gradient along
     * v_a is 0.4 c_a, well above the noise: a direction the score barely changes along near the
     * design is one the gradients cannot reveal, nor need to).
     */
    private static double score(double[][] v, double[] u) {
        double s = 0;
        double[] c = {10, 20, 40};
        for (int a = 0; a < 3; a++) {
            double z = 0.2;
            for (int i = 0; i < N; i++) {
                z += v[a][i] * (u[i] - 0.5);
            }
            s += c[a] * z * z;
        }
        return s;
    }

    /**
     * Eight iterations' fits: a batch of 2(n + 1) noisy samples around a centre that random-walks
     * by 0.03 per coordinate, fitted with the replayed samples weighted by the box as the optimizer
     * weighs them.
     */
    private static LocalFit fitEightIterations(double[][] v, long seed) {
        var rng = new SplittableRandom(seed);
        var models = new LocalModels(N);
        var all = new ArrayList<double[]>();
        var scores = new ArrayList<Double>();
        double[] center = new double[N];
        Arrays.fill(center, 0.5);
        Optional<LocalFit> model = Optional.empty();
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < N; i++) {
                center[i] = 0.5 + 0.1 * rng.nextGaussian();
            }
            for (int k = 0; k < 2 * (N + 1); k++) {
                double[] u = new double[N];
                for (int i = 0; i < N; i++) {
                    u[i] = center[i] + RADIUS * (2 * rng.nextDouble() - 1);
                }
                all.add(u);
                scores.add(score(v, u) + NOISE * rng.nextGaussian());
            }
            var box = new TrustBox(t, center, RADIUS);
            var xs = new ArrayList<double[]>();
            var y = new ArrayList<Double>();
            var w = new ArrayList<Double>();
            for (int k = 0; k < all.size(); k++) {
                if (box.weight(all.get(k)) >= 0.05) {
                    xs.add(all.get(k));
                    y.add(scores.get(k));
                    w.add(box.weight(all.get(k)));
                }
            }
            model = models.fit(Frame.around(center, RADIUS), xs, y.stream().mapToDouble(Double::doubleValue).toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return model.orElseThrow();
    }

    @Test
    void with_many_parameters_it_fits_a_quadratic_in_the_directions_the_score_depends_on() {
        var v = directions(3);
        var model = fitEightIterations(v, 5);
        assertThat(model.basis()).isInstanceOf(LocalBasis.Subspace.class);
        var found = ((LocalBasis.Subspace) model.basis()).directions();
        // each true direction lies mostly in the span of the ones found (a random direction would
        // have about sqrt(k / 40) of its length there, 0.35 for k = 5); the gradients reveal a
        // direction only as far as they vary along it, so the span is not exact
        for (double[] truth : v) {
            double inSpan = 0;
            for (double[] w : found) {
                inSpan += dot(truth, w) * dot(truth, w);
            }
            assertThat(Math.sqrt(inSpan)).as("length of a true direction inside the found span").isGreaterThan(0.8);
        }
        assertThat(found.length).isLessThan(10);   // the noise's directions are left linear
    }

    @Test
    void the_gradient_it_steps_on_has_nothing_left_in_the_directions_the_score_does_not_depend_on() {
        var v = directions(7);
        var model = fitEightIterations(v, 9);
        double[] g = LocalModels.shrunkGradient(model, 2);
        double[] inactive = g.clone();
        double active = 0;
        for (double[] truth : v) {
            double c = dot(truth, g);
            active += c * c;
            for (int i = 0; i < N; i++) {
                inactive[i] -= c * truth[i];
            }
        }
        double[] raw = model.gradient();
        double rawInactive = dot(raw, raw);
        for (double[] truth : v) {
            rawInactive -= dot(truth, raw) * dot(truth, raw);
        }
        // the raw gradient has noise (and what the found directions miss) in the 37 inactive
        // directions; what the step keeps of it is small: the design does not drift there
        assertThat(Math.sqrt(active)).isGreaterThan(1);
        assertThat(Math.sqrt(dot(inactive, inactive))).isLessThan(0.05 * Math.sqrt(active));
        assertThat(rawInactive).isPositive();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
