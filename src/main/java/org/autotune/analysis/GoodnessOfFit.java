package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.autotune.score.Observable;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * How well one sample describes the data, from the observables its metric exposes: each
 * observable's pull (simulated − reference)/√(σ_sim² + σ_ref²), χ² = Σ pull², ndf = observables −
 * tuned parameters, and the p-value of χ² with ndf degrees of freedom. The pulls show
 * <em>which</em> observables the tune cannot describe.
 */
public record GoodnessOfFit(double chi2, int observables, int ndf, double pValue, List<Observable> pulls) {
    /** A pull beyond this size is listed as not described. */
    public static final double BAD_PULL = 3;

    /** Empty when the metric exposes no observables. */
    public static Optional<GoodnessOfFit> of(List<Observable> observables, int parameters) {
        if (observables.isEmpty()) {
            return Optional.empty();
        }
        double chi2 = 0;
        for (var o : observables) {
            chi2 += o.pull() * o.pull();
        }
        int ndf = observables.size() - parameters;
        double p = ndf > 0 && Double.isFinite(chi2) ? 1 - new ChiSquaredDistribution(ndf).cumulativeProbability(chi2)
            : Double.NaN;
        var sorted = new ArrayList<>(observables);
        sorted.sort(Comparator.comparingDouble((Observable o) -> -Math.abs(o.pull())));
        return Optional.of(new GoodnessOfFit(chi2, observables.size(), ndf, p, List.copyOf(sorted)));
    }

    /** The observables with |pull| above {@link #BAD_PULL}, largest first. */
    public List<Observable> bad() {
        return pulls.stream().filter(o -> Math.abs(o.pull()) > BAD_PULL).toList();
    }

    public List<String> describe(int shown) {
        var out = new ArrayList<String>();
        out.add(ndf > 0
            ? String.format(Locale.ROOT, "goodness of fit at the best sample: chi2/ndf = %.1f/%d = %.2f, p = %.2g "
                + "(%d observables - %d parameters)", chi2, ndf, chi2 / ndf, pValue, observables, observables - ndf)
            : String.format(Locale.ROOT, "goodness of fit at the best sample: chi2 = %.1f over %d observables "
                + "(no degrees of freedom left for %d parameters)", chi2, observables, observables - ndf));
        var bad = bad();
        out.add(bad.isEmpty() ? String.format(Locale.ROOT, "every observable within %.0f sigma of the data", BAD_PULL)
            : String.format(Locale.ROOT, "%d observable(s) beyond %.0f sigma: the tune cannot describe them",
                bad.size(), BAD_PULL));
        out.add("largest pulls (simulated - data)/error:");
        for (var o : pulls.subList(0, Math.min(shown, pulls.size()))) {
            out.add(String.format(Locale.ROOT, "  %-32s %+8.2f   sim %.5g +- %.2g, data %.5g +- %.2g", o.name(),
                o.pull(), o.simulated(), o.simulatedError(), o.reference(), o.referenceError()));
        }
        return out;
    }

    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("chi2", chi2);
        map.put("observables", observables);
        map.put("ndf", ndf);
        map.put("p_value", Double.isNaN(pValue) ? null : pValue);
        var pullMap = new LinkedHashMap<String, Object>();
        for (var o : pulls) {
            pullMap.put(o.name(), Double.isFinite(o.pull()) ? o.pull() : String.valueOf(o.pull()));
        }
        map.put("pulls", pullMap);
        return map;
    }
}
