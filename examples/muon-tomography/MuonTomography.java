import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small muon-tomography Monte Carlo for detector design: cosmic muons cross an iron target and
 * scatter in it; N tracking planes above the target measure the incoming track and N planes below
 * it the outgoing one; the scattering angle is the difference of the two fitted directions. A track
 * needs hits in at least two planes on each side, and each plane records a muon with probability
 * EFFICIENCY, so more planes buy acceptance but cost more.
 * Physics and geometry: README.md next to this file.
 *
 * <pre>
 * usage: java MuonTomography.java planes=N span=L separation=H [seed=S] [muons=M] [edges=smooth|hard]
 *        writes score.txt ("loss error") and summary.csv into the current folder
 * </pre>
 */
public final class MuonTomography {
    static final double GAP = 0.05;            // m, from the target's surface to the nearest plane
    static final double TARGET_SIDE = 0.5;     // m, side of the square iron target (muons are generated through it)
    static final double TARGET_THICKNESS = 0.1; // m of iron
    static final double X0_IRON = 0.01757;     // m, radiation length of iron (PDG)
    static final double RESOLUTION = 1e-3;     // m, hit resolution of a plane in x and in y
    static final double ANGULAR_SPREAD = 0.1;  // rad, r.m.s. of the muons' direction about the vertical (per projection)
    static final double P_MIN = 1, P_MAX = 20; // GeV/c, momentum range (log-uniform)
    static final double EDGE = 0.005;          // m, width of the smoothed panel edge
    static final double EFFICIENCY = 0.85;     // probability that a plane records a muon crossing it

    private MuonTomography() {
    }

    /** What one sample measures. */
    record Result(double loss, double lossError, double acceptance, double rmsError) {
    }

    /**
     * Simulates {@code muons} muons through the target with a detector of {@code planes} planes per
     * side, square panels of side {@code span} (m), the planes of each side spread over
     * {@code separation} (m). The loss is the mean squared error of the measured scattering angle per
     * accepted muon (mrad²) divided by the acceptance: the variance of an average over a fixed
     * exposure. With smooth edges a muon's acceptance is a product of sigmoids of its distance to the
     * panel edges (width EDGE), so that the loss changes smoothly with the span; with hard edges it
     * is 0 or 1.
     */
    static Result simulate(int planes, double span, double separation, long seed, int muons, boolean smooth) {
        if (planes < 2 || !(span > 0) || !(separation > 0) || muons < 1) {
            throw new IllegalArgumentException("need planes >= 2, span > 0, separation > 0, muons >= 1");
        }
        var random = new SplittableRandom(seed);
        double[] z = new double[planes];   // heights above the target's surface
        for (int k = 0; k < planes; k++) {
            z[k] = GAP + separation * k / (planes - 1);
        }
        double sumW = 0, sumWE = 0, sumWE2 = 0;
        double xt = TARGET_THICKNESS / X0_IRON;
        double[] in = new double[2], out = new double[2];
        for (int m = 0; m < muons; m++) {
            double p = P_MIN * Math.exp(random.nextDouble() * Math.log(P_MAX / P_MIN));
            // Highland formula (PDG eq. 34.15), per projection, for a muon (beta = 1)
            double theta0 = 0.0136 / p * Math.sqrt(xt) * (1 + 0.038 * Math.log(xt));
            boolean[][] hit = new boolean[2][planes];   // which planes record this muon, above and below
            int[] hits = new int[2];
            for (int side = 0; side < 2; side++) {
                for (int k = 0; k < planes; k++) {
                    hit[side][k] = random.nextDouble() < EFFICIENCY;
                    hits[side] += hit[side][k] ? 1 : 0;
                }
            }
            double weight = hits[0] >= 2 && hits[1] >= 2 ? 1 : 0;
            double error2 = 0;
            for (int axis = 0; axis < 2; axis++) {
                double x0 = (random.nextDouble() - 0.5) * TARGET_SIDE;   // where the muon crosses the target
                double slopeIn = Math.tan(random.nextGaussian() * ANGULAR_SPREAD);
                double scatter = random.nextGaussian() * theta0;
                double slopeOut = Math.tan(Math.atan(slopeIn) + scatter);
                for (int side = 0; side < 2; side++) {
                    double slope = side == 0 ? slopeIn : slopeOut;
                    // incoming track above (z > 0, the muon comes down), outgoing below (z < 0); the
                    // muon must cross every panel, and the planes that record it give the fit
                    double n = 0, sz = 0, sx = 0, szz = 0, szx = 0;
                    for (int k = 0; k < planes; k++) {
                        double zk = (side == 0 ? 1 : -1) * (z[k] + TARGET_THICKNESS / 2);
                        double x = x0 + slope * zk;
                        weight *= acceptance(x, span, smooth);
                        double measured = x + random.nextGaussian() * RESOLUTION;
                        if (hit[side][k]) {
                            n++;
                            sz += zk;
                            sx += measured;
                            szz += zk * zk;
                            szx += zk * measured;
                        }
                    }
                    // least-squares slope (any value when fewer than two hits: the weight is 0 then)
                    double fitted = n >= 2 ? (n * szx - sz * sx) / (n * szz - sz * sz) : 0;
                    (side == 0 ? in : out)[axis] = fitted;
                }
                double measured = Math.atan(out[axis]) - Math.atan(in[axis]);
                error2 += Math.pow(1e3 * (measured - scatter), 2) / 2;   // mrad², mean of the two projections
            }
            sumW += weight;
            sumWE += weight * error2;
            sumWE2 += weight * error2 * error2;
        }
        double acceptance = sumW / muons;
        if (!(sumW > 0)) {
            return new Result(Double.POSITIVE_INFINITY, 0, 0, Double.NaN);
        }
        double mse = sumWE / sumW;
        // standard error of a weighted mean (effective number of muons sumW), then of mse / acceptance;
        // the acceptance's own binomial error is second order here and left out
        double variance = Math.max(0, sumWE2 / sumW - mse * mse);
        double mseError = Math.sqrt(variance / sumW);
        return new Result(mse / acceptance, mseError / acceptance, acceptance, Math.sqrt(mse));
    }

    /** 1 inside the panel, 0 outside; smooth: a sigmoid of the distance to the nearest edge. */
    static double acceptance(double x, double span, boolean smooth) {
        double inside = span / 2 - Math.abs(x);
        if (!smooth) {
            return inside >= 0 ? 1 : 0;
        }
        return 1 / (1 + Math.exp(-inside / EDGE));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>(Map.of("seed", "1", "muons", "20000", "edges", "smooth"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                System.err.println("expected key=value, got '" + arg + "'; usage: planes=N span=L separation=H "
                    + "[seed=S] [muons=M] [edges=smooth|hard]");
                System.exit(2);
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        for (String key : new String[] {"planes", "span", "separation"}) {
            if (!a.containsKey(key)) {
                System.err.println("missing " + key + "=...; usage: planes=N span=L separation=H");
                System.exit(2);
            }
        }
        var r = simulate(Integer.parseInt(a.get("planes")), Double.parseDouble(a.get("span")),
            Double.parseDouble(a.get("separation")), Long.parseLong(a.get("seed")), Integer.parseInt(a.get("muons")),
            !a.get("edges").equals("hard"));
        Files.writeString(Path.of("score.txt"), String.format(Locale.ROOT, "%.9g %.9g%n", r.loss(), r.lossError()));
        Files.writeString(Path.of("summary.csv"), String.format(Locale.ROOT,
            "loss,loss_error,acceptance,rms_error_mrad%n%.9g,%.9g,%.9g,%.9g%n", r.loss(), r.lossError(),
            r.acceptance(), r.rmsError()));
    }
}
