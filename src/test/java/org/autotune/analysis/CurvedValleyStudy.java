package org.autotune.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autotune.score.Observable;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Coverage of the region the data allow on a curved, partly degenerate model with a known truth:
 * observables a·b, c, c + c²/2 and a·b + 0.3c of three parameters, so that a and b enter only
 * through their product (a hyperbola-shaped valley a parabola at one point cannot follow). Each
 * pseudo-experiment draws its data (noise {@value #SIGMA_DATA}) and one simulation noise pattern
 * (a fixed seed: {@value #SIGMA_SIM} per observable, the same for every sample), emulates 60
 * samples spread over the whole space and samples the region; the truth is inside the X region
 * when its credibility level is below X.
 */
public final class CurvedValleyStudy {
    public static final Space SPACE = new Space(List.of(
        new Parameter("a", ParameterKind.REAL, 0.2, 2, 1, 0.1, "", "", List.of()),
        new Parameter("b", ParameterKind.REAL, 0.2, 2, 1, 0.1, "", "", List.of()),
        new Parameter("c", ParameterKind.REAL, 0, 2, 1, 0.1, "", "", List.of())));
    static final double[] TRUTH = {1.0, 0.8, 0.6};
    static final double SIGMA_DATA = 0.03;
    static final double SIGMA_SIM = 0.04;

    private CurvedValleyStudy() {
    }

    static double[] model(double[] t) {
        return new double[] {t[0] * t[1], t[2], t[2] + 0.5 * t[2] * t[2], t[0] * t[1] + 0.3 * t[2]};
    }

    /** Pseudo-experiment k: data with its own noise, the simulation with one fixed noise pattern. */
    record Experiment(double[] data, double[] pattern) {
        static Experiment of(long k) {
            var rng = new Random(4000 + k);
            double[] truth = model(TRUTH);
            double[] data = new double[truth.length];
            double[] z = new double[truth.length];
            for (int i = 0; i < truth.length; i++) {
                data[i] = truth[i] + SIGMA_DATA * rng.nextGaussian();
                z[i] = SIGMA_SIM * rng.nextGaussian();
            }
            return new Experiment(data, z);
        }

        Emulator.Sample sample(double[] unit) {
            double[] m = model(SPACE.fromUnit(unit).values());
            var obs = new ArrayList<Observable>();
            for (int i = 0; i < m.length; i++) {
                obs.add(new Observable("y" + i, m[i] + pattern[i], SIGMA_SIM, data[i], SIGMA_DATA));
            }
            return new Emulator.Sample(unit, obs);
        }
    }

    /** {@code count} samples uniform in the box of half-width {@code half} around {@code center}, cut to the cube. */
    static List<Emulator.Sample> design(Experiment e, long seed, int count, double[] center, double half) {
        var rng = new Random(seed);
        var out = new ArrayList<Emulator.Sample>();
        for (int s = 0; s < count; s++) {
            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                u[i] = Math.max(0, Math.min(1, center[i] + half * (2 * rng.nextDouble() - 1)));
            }
            out.add(e.sample(u));
        }
        return out;
    }

    static double[] truthUnit() {
        return SPACE.toUnit(new Point(SPACE.names(), TRUTH));
    }

    /** How many of pseudo-experiments 0 … count − 1 have the truth in their 68 % and in their 95 % region. */
    public static int[] covered(int count) {
        double[] truth = truthUnit();
        int[] in = new int[2];
        for (int k = 0; k < count; k++) {
            var e = Experiment.of(k);
            var samples = design(e, 100 + k, 60, new double[] {0.5, 0.5, 0.5}, 0.5);
            var emulator = Emulator.fit(samples, true).orElseThrow();
            double level = Region.of(SPACE, emulator, List.of(samples.get(0).unit()), k).level(truth);
            in[0] += level < 0.68 ? 1 : 0;
            in[1] += level < 0.95 ? 1 : 0;
        }
        return in;
    }

    /**
     * The same pseudo-experiments mapped by {@link HistoryMatching} from nothing (its space-filling first wave,
     * at most 4 waves): {truth in the 68 % region, in the 95 % region, in NROY, regions validated, refocusing
     * waves run}. A region that is not validated covers nothing.
     */
    public static int[] coveredByHistoryMatching(int count) {
        double[] truth = truthUnit();
        int[] out = new int[5];
        for (int k = 0; k < count; k++) {
            var e = Experiment.of(k);
            var result = HistoryMatching.run(SPACE, List.of(), true, 4, false, 50 + k,
                (wave, points) -> points.stream().map(e::sample).toList()).orElseThrow();
            var outcome = result.outcome();
            double level = outcome.region().level(truth);
            out[0] += outcome.validated() && level < 0.68 ? 1 : 0;
            out[1] += outcome.validated() && level < 0.95 ? 1 : 0;
            out[2] += result.nroy().test(truth) ? 1 : 0;
            out[3] += outcome.validated() ? 1 : 0;
            out[4] += result.refocusing().size();
        }
        return out;
    }
}
