package org.autotune.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;

/**
 * For each observable the metric exposes, the range of simulated values over every finished
 * sample (the envelope) against the data value. Data outside the envelope by more than their
 * combined error cannot be fitted by any point the campaign has sampled: the model misses
 * something there, or the search range is too narrow.
 */
record Envelope(List<Band> bands, int samples) {
    /** Data farther outside the envelope than this many combined standard errors count as outside. */
    static final double OUTSIDE = 1.0;

    /**
     * One observable: the lowest and highest simulated value, with the standard error and id of the
     * samples that gave them, and the data value with its error.
     */
    record Band(String name, double min, double minError, long minSample, double max, double maxError, long maxSample,
                double reference, double referenceError) {

        /** How far the data lie outside [min, max], in combined standard errors at the nearer edge; 0 inside. */
        double distance() {
            if (reference < min) {
                return (min - reference) / Math.hypot(referenceError, minError);
            }
            if (reference > max) {
                return (reference - max) / Math.hypot(referenceError, maxError);
            }
            return 0;
        }

        boolean outside() {
            return distance() > OUTSIDE;
        }
    }

    /**
     * Observables in the order the metric gives them, from every finished sample that has them; the
     * journal's samples are read one at a time (bounded memory at any size).
     */
    static Envelope of(Journal journal) {
        var builder = new Builder();
        journal.forEachSample(true, builder::add);
        return builder.build();
    }

    /** Widens the bands sample by sample. */
    private static final class Builder {
        private final Map<String, Band> bands = new LinkedHashMap<>();
        private int used;

        void add(SampleRecord s) {
            if (s.status() != SampleStatus.FINISHED || s.observables().isEmpty()) {
                return;
            }
            used++;
            for (var o : s.observables()) {
                double v = o.simulated();
                if (!Double.isFinite(v)) {
                    continue;
                }
                var b = bands.get(o.name());
                if (b == null) {
                    bands.put(o.name(), new Band(o.name(), v, o.simulatedError(), s.id(), v, o.simulatedError(), s.id(),
                        o.reference(), o.referenceError()));
                } else if (v < b.min()) {
                    bands.put(o.name(), new Band(o.name(), v, o.simulatedError(), s.id(), b.max(), b.maxError(),
                        b.maxSample(), b.reference(), b.referenceError()));
                } else if (v > b.max()) {
                    bands.put(o.name(), new Band(o.name(), b.min(), b.minError(), b.minSample(), v, o.simulatedError(),
                        s.id(), b.reference(), b.referenceError()));
                }
            }
        }

        Envelope build() {
            return new Envelope(List.copyOf(bands.values()), used);
        }
    }

    /** The observables whose data lie outside the envelope, farthest first. */
    List<Band> outside() {
        var out = new ArrayList<Band>();
        for (var b : bands) {
            if (b.outside()) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparingDouble(Band::distance).reversed());
        return out;
    }

    /** A family of observables plotted together: histogram bins {@code x[0]}, {@code x[1]}, … or one alone. */
    record Group(String name, List<Integer> members) {
    }

    private static final Pattern INDEXED = Pattern.compile("^(.*?)(\\[\\d+\\]|(?<=[^\\d.:\\[])\\d+)$");

    /** Observables grouped by name without a trailing index ({@code amplitude[3]}, {@code pulse:re12}), in order. */
    static List<Group> groups(List<String> names) {
        var groups = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < names.size(); i++) {
            var m = INDEXED.matcher(names.get(i));
            String key = m.matches() && !m.group(1).isEmpty() ? m.group(1) : names.get(i);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        var out = new ArrayList<Group>();
        groups.forEach((k, v) -> out.add(new Group(k, List.copyOf(v))));
        return out;
    }

    List<String> names() {
        return bands.stream().map(Band::name).toList();
    }
}
