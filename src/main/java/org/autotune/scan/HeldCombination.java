package org.autotune.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * A scan of a campaign with integer or choice parameters: those are held at the values of the
 * best sample, the scan and its quadratic vary only the real and log parameters, and each integer
 * parameter is also tried at its neighbouring integers (the others at the best point), which says
 * whether the held value is a minimum along it. An empty {@code held} map is a continuous campaign.
 *
 * @param full the campaign's space
 * @param held the integer and choice parameters' values, in the space's order (empty: none)
 */
record HeldCombination(Space full, Map<String, Double> held) {
    HeldCombination {
        held = new LinkedHashMap<>(held);
    }

    /** The best sample's values of the campaign's integer and choice parameters. */
    static HeldCombination of(Space full, Map<String, Double> best) {
        var held = new LinkedHashMap<String, Double>();
        for (var p : full.parameters()) {
            if (!p.kind().continuous()) {
                held.put(p.name(), best.get(p.name()));
            }
        }
        return new HeldCombination(full, held);
    }

    boolean none() {
        return held.isEmpty();
    }

    /** True when the point (every parameter's value) has the held values. */
    boolean holds(Map<String, Double> point) {
        return held.entrySet().stream().allMatch(e -> e.getValue().equals(point.get(e.getKey())));
    }

    /** The parameters the scan varies: all of them, or the real and log ones. */
    Space scanned() {
        return none() ? full : new Space(full.parameters().stream().filter(p -> p.kind().continuous()).toList());
    }

    /** The campaign point of a unit-cube point of {@link #scanned()}, the held values filled in. */
    Point point(double[] unit) {
        if (none()) {
            return full.fromUnit(unit);
        }
        var scanned = scanned().fromUnit(unit);
        var values = new double[full.dimension()];
        for (int i = 0; i < values.length; i++) {
            String name = full.parameter(i).name();
            values[i] = held.containsKey(name) ? held.get(name) : scanned.get(name);
        }
        return new Point(full.names(), values);
    }

    /** One integer parameter at a neighbouring integer, everything else at the centre. */
    record Neighbour(String name, double value, Point point) {
    }

    /** Each integer parameter at its held value −1 and +1, within its range. */
    List<Neighbour> neighbours(double[] center) {
        var out = new ArrayList<Neighbour>();
        var base = point(center);
        for (var p : full.parameters()) {
            if (p.kind() != ParameterKind.INTEGER) {
                continue;
            }
            double v = held.get(p.name());
            for (double n : new double[] {v - 1, v + 1}) {
                if (p.contains(n)) {
                    out.add(new Neighbour(p.name(), n, base.with(p.name(), n)));
                }
            }
        }
        return out;
    }

    /** The held values as text: {@code n = 3, mode = fast}. */
    String text() {
        var parts = new ArrayList<String>();
        held.forEach((name, v) -> parts.add(name + " = " + full.parameter(full.names().indexOf(name)).format(v)));
        return String.join(", ", parts);
    }

    /**
     * What the scan says about the held values: which are held, and each integer parameter's
     * scores at its neighbours next to the held value's.
     *
     * @param centre the score at the centre (the held values), NaN when failed
     * @param scores the neighbours' scores in the order of {@link #neighbours}, NaN when failed
     * @param which  where the values come from: "the best sample's values" or "the combination given with --at"
     */
    List<String> describe(double centre, List<Neighbour> neighbours, double[] scores, String which) {
        if (none()) {
            return List.of();
        }
        var lines = new ArrayList<String>();
        lines.add("held at " + which + ": " + text() + " (integer and choice parameters; the scan and "
            + "its analysis vary " + String.join(", ", scanned().names()) + ")");
        var better = new ArrayList<String>();
        for (var p : full.parameters()) {
            if (p.kind() != ParameterKind.INTEGER) {
                continue;
            }
            var row = new ArrayList<String>();
            for (int k = 0; k < neighbours.size(); k++) {
                var nb = neighbours.get(k);
                if (nb.name().equals(p.name()) && nb.value() < held.get(p.name())) {
                    row.add(p.format(nb.value()) + ": " + score(scores[k]));
                }
            }
            row.add(p.format(held.get(p.name())) + " (held): " + score(centre));
            for (int k = 0; k < neighbours.size(); k++) {
                var nb = neighbours.get(k);
                if (nb.name().equals(p.name()) && nb.value() > held.get(p.name())) {
                    row.add(p.format(nb.value()) + ": " + score(scores[k]));
                }
                if (nb.name().equals(p.name()) && scores[k] < centre) {
                    better.add(p.name() + " = " + p.format(nb.value()));
                }
            }
            lines.add("  " + p.name() + " at its neighbouring integers, the rest at the best point: score "
                + String.join("; ", row));
        }
        if (!better.isEmpty()) {
            lines.add("note: " + String.join(" and ", better) + " scored lower than the held value; the next "
                + "'autotune scan' scans around the then best sample");
        }
        return lines;
    }

    private static String score(double v) {
        return Double.isNaN(v) ? "failed" : String.format(Locale.ROOT, "%.6g", v);
    }
}
