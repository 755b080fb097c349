package org.autotune.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autotune.space.Parameter;
import org.autotune.space.Space;

/**
 * The region the data allow, in words and numbers: how it was mapped and validated, each
 * parameter's median with its 68 % and 95 % intervals (only when real samples drawn from the
 * region fit as the emulator predicted; otherwise it says why the numbers are withheld), and
 * which parameters the data fix and which move together ({@link Degeneracy}).
 */
public record RegionReport(List<String> lines, Map<String, Object> numbers) {
    public RegionReport {
        lines = List.copyOf(lines);
        numbers = Map.copyOf(numbers);
    }

    /** When the samples did not allow the region to be mapped (e.g. the emulator's likelihood is not finite). */
    public static RegionReport notMapped(String reason) {
        return new RegionReport(List.of("region the data allow: not mapped (" + reason + ")"),
            Map.of("validated", false));
    }

    public static RegionReport of(Space space, RegionWaves.Outcome outcome) {
        var region = outcome.region();
        var emulator = region.emulator();
        var degeneracy = Degeneracy.of(space, region);
        var lines = new ArrayList<String>();
        var map = new LinkedHashMap<String, Object>();
        int ran = outcome.waves().stream()
            .mapToInt(w -> w.validation().map(RegionWaves.Validation::samples).orElse(0)).sum();
        lines.add(String.format(Locale.ROOT, "region the data allow: posterior of %d emulated observables (%s in the "
            + "parameters, %d samples), %d draws; %d validation samples in %d wave(s)", emulator.observables(),
            emulator.description(), emulator.samples(), region.draws().size(), ran, outcome.waves().size()));
        var last = outcome.waves().get(outcome.waves().size() - 1);
        var v = last.validation().orElseThrow();
        if (emulator.scale() > 1) {
            lines.add(String.format(Locale.ROOT, "errors scaled by %.2f: the emulated chi2 at the best point exceeds "
                + "its degrees of freedom", Math.sqrt(emulator.scale())));
        }
        map.put("validated", outcome.validated());
        map.put("validation_chi2", v.chi2());
        map.put("validation_ndf", v.ndf());
        map.put("validation_p", v.pValue());
        map.put("error_scale", Math.sqrt(emulator.scale()));
        if (outcome.validated()) {
            lines.add(String.format(Locale.ROOT, "validated: %d samples drawn from the region fit as predicted "
                + "(chi2 %.1f/%d, p = %.2g)", v.samples(), v.chi2(), v.ndf(), v.pValue()));
            lines.add(String.format(Locale.ROOT, "  %-16s %12s   %-27s %-27s", "parameter", "median", "68% interval",
                "95% interval"));
            var intervals = new LinkedHashMap<String, Object>();
            for (int i = 0; i < space.dimension(); i++) {
                var p = space.parameter(i);
                var m = region.marginals().get(i);
                int digits = digits(p, m);
                lines.add(String.format(Locale.ROOT, "  %-16s %12s   %-27s %-27s %s", p.name(),
                    value(p, m.median(), digits), interval(p, m.low68(), m.high68(), digits),
                    interval(p, m.low95(), m.high95(), digits), p.unit()));
                intervals.put(p.name(), List.of(p.fromUnit(m.low95()), p.fromUnit(m.low68()), p.fromUnit(m.median()),
                    p.fromUnit(m.high68()), p.fromUnit(m.high95())));
            }
            map.put("intervals_95_68_median_68_95", intervals);
        } else if (v.passed()) {
            lines.add(String.format(Locale.ROOT, "NOT mapped to its end: after %d waves the region still runs on "
                + "beyond the samples, so its intervals are withheld; run 'autotune scan' again to follow it further",
                outcome.waves().size()));
        } else {
            lines.add(String.format(Locale.ROOT, "NOT validated: samples drawn from the region do not fit as the "
                + "emulator predicts (chi2 %.1f/%d, p = %.2g); its intervals are withheld: the observables vary "
                + "more than its polynomials describe there", v.chi2(), v.ndf(), v.pValue()));
        }
        lines.addAll(degeneracy.describe(space));
        map.put("fixed", degeneracy.fixed());
        map.put("degenerate", degeneracy.degenerate());
        map.put("measured_combinations", degeneracy.measured());
        return new RegionReport(lines, map);
    }

    /** Decimal places that show two significant digits of the 68 % half-width (negative: round to tens, …). */
    static int digits(Parameter p, Region.Marginal m) {
        double half = (p.fromUnit(m.high68()) - p.fromUnit(m.low68())) / 2;
        if (!(half > 0) || !Double.isFinite(half)) {
            return 6;
        }
        return Math.min(12, 1 - (int) Math.floor(Math.log10(half)));
    }

    private static String value(Parameter p, double unit, int digits) {
        double v = p.fromUnit(unit);
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String interval(Parameter p, double lo, double hi, int digits) {
        return "[" + (lo <= 1e-6 ? "range end " : "") + value(p, lo, digits) + ", " + value(p, hi, digits)
            + (hi >= 1 - 1e-6 ? " range end" : "") + "]";
    }
}
