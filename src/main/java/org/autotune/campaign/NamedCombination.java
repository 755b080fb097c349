package org.autotune.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.autotune.InputError;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;

/**
 * A combination of integer and choice parameters named on the command line ({@code --at n=3,mode=fast}):
 * the analysis, scan and check of the real and log parameters hold the discrete ones there instead of
 * at the best sample's values. Parameters not named take the values of the best sample that has the
 * named ones.
 */
public final class NamedCombination {
    private NamedCombination() {
    }

    /**
     * Parses {@code NAME=VALUE,...}: each name an integer or choice parameter of the space, each value
     * an integer in its range or one of its choices (as written in the campaign file).
     *
     * @param file the campaign file or folder the messages name
     * @param flag the flag, for the messages ({@code --at})
     * @return the named values, choices as their index
     */
    public static Map<String, Double> parse(Path file, String flag, String text, Space space) {
        var discrete = space.parameters().stream().filter(p -> !p.kind().continuous()).toList();
        String example = discrete.isEmpty() ? "" : " (e.g. " + flag + " " + example(discrete.get(0)) + ")";
        if (discrete.isEmpty()) {
            throw new InputError(file, flag, "this campaign has no integer or choice parameter to hold",
                "leave out " + flag + ": the analysis varies every parameter");
        }
        var names = discrete.stream().map(Parameter::name).toList();
        var values = new LinkedHashMap<String, Double>();
        for (var part : text.split(",", -1)) {
            var kv = part.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new InputError(file, flag, "'" + part + "' is not NAME=VALUE", "write NAME=VALUE,..." + example);
            }
            String name = kv[0].trim();
            String value = kv[1].trim();
            int index = space.names().indexOf(name);
            if (index < 0 || space.parameter(index).kind().continuous()) {
                throw new InputError(file, flag, (index < 0 ? "no parameter '" : "'") + name + "'"
                    + (index < 0 ? " in this campaign" : " is a real or log parameter, which the analysis varies"),
                    "name integer or choice parameters: " + String.join(", ", names));
            }
            values.put(name, value(file, flag, space.parameter(index), value));
        }
        return values;
    }

    /**
     * Every integer and choice parameter's value: the named ones, the others at the best finished
     * sample (with the campaign best's number of events) that has the named values.
     *
     * @throws InputError naming {@code flag} when no finished sample has the named values
     */
    public static Map<String, Double> complete(Path file, String flag, Space space, Journal journal,
                                               Map<String, Double> named) {
        var best = journal.best();
        if (best.isEmpty()) {
            return named;
        }
        int events = best.get().events();
        var seen = new TreeSet<String>();
        var match = new ArrayList<SampleRecord>();
        journal.forEachSample(false, s -> {
            if (s.status() == SampleStatus.FINISHED && s.score().isPresent() && s.events() == events) {
                seen.add(text(space, s.point(), named.keySet().stream().toList()));
                if (named.entrySet().stream().allMatch(e -> e.getValue().equals(s.point().get(e.getKey())))) {
                    match.add(s);
                }
            }
        });
        Optional<SampleRecord> bestMatch = match.stream()
            .min(Comparator.comparingDouble(s -> s.score().getAsDouble()));
        if (bestMatch.isEmpty()) {
            String asked = text(space, named, List.copyOf(named.keySet()));
            throw new InputError(file, flag, "no finished sample has " + asked,
                "choose one that has samples: " + String.join("; ", seen));
        }
        var values = new LinkedHashMap<String, Double>();
        for (var p : space.parameters()) {
            if (!p.kind().continuous()) {
                values.put(p.name(), named.getOrDefault(p.name(), bestMatch.get().point().get(p.name())));
            }
        }
        return values;
    }

    /** {@code n = 3, mode = fast}: the given parameters' values as written in templates. */
    public static String text(Space space, Map<String, Double> values, List<String> names) {
        var parts = new ArrayList<String>();
        for (var name : names) {
            var p = space.parameter(space.names().indexOf(name));
            parts.add(name + " = " + p.format(values.get(name)));
        }
        return String.join(", ", parts);
    }

    private static double value(Path file, String flag, Parameter p, String text) {
        if (p.kind() == ParameterKind.CHOICE) {
            int i = p.choices().indexOf(text);
            if (i < 0) {
                throw new InputError(file, flag, "'" + text + "' is not a choice of " + p.name(),
                    "use one of " + String.join(", ", p.choices()));
            }
            return i;
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!p.contains(v)) {
            throw new InputError(file, flag, p.name() + " = " + text + " is not an integer from "
                + p.format(p.min()) + " to " + p.format(p.max()), "use a value in that range");
        }
        return v;
    }

    private static String example(Parameter p) {
        return p.name() + "=" + p.format(p.kind() == ParameterKind.CHOICE ? 0 : p.min());
    }
}
