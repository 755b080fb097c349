package org.autotune.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * What the data measure, in terms of the observables: the Jacobian J of the emulated observables
 * (each divided by its error) at the region's densest point gives the information JᵀJ. Its
 * eigenvectors with a 1σ half-width below {@value #MEASURED} of the range are the combinations the
 * data measure; the others are combinations the observables do not see. A parameter is
 * <em>fixed by the data</em> when its spread in the region (all others free) is at most
 * {@value #COMPENSATED} times its spread with every other parameter held at the best point: no
 * other parameter can make up for a change of it, or when that spread is below {@value #NARROW} of
 * its range anyway (measured, if correlated). Otherwise it is <em>degenerate</em>: it moves together
 * with others along a valley, and only their combination is measured.
 */
public record Degeneracy(List<String> fixed, List<String> degenerate, int measured, List<Direction> valleys) {
    /** A direction is measured when its 1σ half-width (unit cube) is below this. */
    public static final double MEASURED = 0.1;
    /** Marginal over conditional spread beyond which a parameter counts as compensated by others. */
    public static final double COMPENSATED = 2;
    /** Marginal spread (unit cube, standard deviation) below which a parameter counts as fixed however correlated. */
    public static final double NARROW = 0.05;

    /** A direction the observables do not see: 1σ half-width (unit cube, ∞ when flat) and components. */
    public record Direction(double width, double[] components) {
    }

    public Degeneracy {
        fixed = List.copyOf(fixed);
        degenerate = List.copyOf(degenerate);
        valleys = List.copyOf(valleys);
    }

    /** From the region's emulator at its densest point and its marginal spreads. */
    public static Degeneracy of(Space space, Region region) {
        int n = space.dimension();
        double[] mode = region.mode();
        var emulator = region.emulator();
        double[] variance = emulator.variance(mode);
        int k = variance.length;
        double[][] jacobian = new double[k][n];
        for (int i = 0; i < n; i++) {
            double h = 1e-4;
            double[] up = mode.clone();
            double[] down = mode.clone();
            up[i] = Math.min(1, mode[i] + h);
            down[i] = Math.max(0, mode[i] - h);
            double[] a = emulator.predict(up);
            double[] b = emulator.predict(down);
            for (int j = 0; j < k; j++) {
                jacobian[j][i] = (a[j] - b[j]) / (up[i] - down[i]) / Math.sqrt(variance[j]);
            }
        }
        double[][] info = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                for (int j = 0; j < k; j++) {
                    info[i][l] += jacobian[j][i] * jacobian[j][l];
                }
            }
        }
        var eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(info));
        int measured = 0;
        var valleys = new ArrayList<Direction>();
        double[] values = eigen.getEigenvalues();
        for (int d = values.length - 1; d >= 0; d--) {   // ascending information: least measured first
            double width = values[d] > 0 ? 1 / Math.sqrt(values[d]) : Double.POSITIVE_INFINITY;
            if (width < MEASURED) {
                measured++;
            } else {
                valleys.add(new Direction(width, eigen.getEigenvector(d).toArray()));
            }
        }
        var fixed = new ArrayList<String>();
        var degenerate = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            double conditional = info[i][i] > 0 ? 1 / Math.sqrt(info[i][i]) : Double.POSITIVE_INFINITY;
            double marginal = region.marginals().get(i).sd();
            boolean compensated = marginal > COMPENSATED * conditional && marginal > NARROW;
            (compensated ? degenerate : fixed).add(space.parameter(i).name());
        }
        return new Degeneracy(fixed, degenerate, measured, valleys);
    }

    /** The statement in words, e.g. "the data fix a, c and 1 combination of the rest; b, d move together". */
    public List<String> describe(Space space) {
        var out = new ArrayList<String>();
        int combinations = Math.max(0, measured - fixed.size());
        if (degenerate.isEmpty()) {
            out.add("the data fix every parameter: " + String.join(", ", fixed));
            return out;
        }
        out.add(String.format(Locale.ROOT, "the data fix %s%d combination%s of the rest; %s move together along a "
            + "valley (their spread in the region is over %.0fx what the data allow each alone)",
            fixed.isEmpty() ? "" : String.join(", ", fixed) + " and ", combinations, combinations == 1 ? "" : "s",
            String.join(", ", degenerate), COMPENSATED));
        for (var v : valleys) {
            var parts = new ArrayList<String>();
            double[] c = v.components();
            for (int i = 0; i < c.length; i++) {
                if (Math.abs(c[i]) >= 0.3) {
                    var p = space.parameter(i);
                    String log = p.kind() == ParameterKind.LOG ? "log " : "";
                    parts.add(String.format(Locale.ROOT, "%+.2f %s%s", c[i], log, p.name()));
                }
            }
            out.add(String.format(Locale.ROOT, "  unmeasured: %s (%s)", String.join(" ", parts), v.width() > 1
                ? "the observables do not bound it within the range"
                : String.format(Locale.ROOT, "1 sigma %.2f of the range", v.width())));
        }
        return out;
    }
}
