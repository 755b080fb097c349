package org.autotune.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.autotune.Options;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;

/** Reads the {@code parameters:} section into a space, with one clear message per mistake. */
final class ParameterReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> KEYS =
        List.of("kind", "min", "max", "start", "step", "unit", "description", "choices");
    private static final List<String> KINDS = List.of("real", "log", "integer", "choice");
    private static final List<String> RESERVED = List.of("seed", "events", "sample_dir", "sample_id", "campaign_dir");

    private ParameterReader() {
    }

    static Space read(Options root) {
        var section = root.section("parameters");
        if (section.keys().isEmpty()) {
            throw root.error("parameters", "no parameters to tune", "list at least one parameter with min and max");
        }
        var out = new ArrayList<Parameter>();
        for (String name : section.keys()) {
            out.add(parameter(section, name));
        }
        return new Space(out);
    }

    private static Parameter parameter(Options section, String name) {
        if (!NAME.matcher(name).matches()) {
            throw section.error(name, "parameter name '" + name + "' cannot be used as a {{placeholder}}",
                "use letters, digits and underscores, starting with a letter");
        }
        if (RESERVED.contains(name)) {
            throw section.error(name, "'" + name + "' is a built-in placeholder", "rename the parameter");
        }
        var p = section.section(name).allowOnly(KEYS);
        var kind = ParameterKind.valueOf(p.oneOf("kind", KINDS, "real").toUpperCase(Locale.ROOT));
        return kind == ParameterKind.CHOICE ? choice(p, name) : numeric(p, name, kind);
    }

    private static Parameter numeric(Options p, String name, ParameterKind kind) {
        if (p.has("choices")) {
            throw p.error("choices", "only a choice parameter has choices", "add 'kind: choice' or remove 'choices'");
        }
        double min = p.number("min");
        double max = p.number("max");
        if (!(min < max)) {
            throw p.error("max", "min %s is not below max %s".formatted(plain(min), plain(max)),
                min > max ? "swap them" : "widen the range");
        }
        if (kind == ParameterKind.LOG && !(min > 0)) {
            throw p.error("min", "a log parameter needs min > 0, got " + plain(min),
                "use a positive min or kind: real");
        }
        // Every optimizer maps the range onto [0, 1] through max - min (or max / min for log), so
        // that must be a finite double: -1e308..1e308 would turn every point into NaN.
        if (!Double.isFinite(kind == ParameterKind.LOG ? max / min : max - min)) {
            throw p.error("max", "the range from %s to %s is too wide to compute with (%s overflows)".formatted(
                min, max, kind == ParameterKind.LOG ? "max / min" : "max - min"),
                kind == ParameterKind.LOG ? "narrow the bounds (max / min below 1e308)"
                    : "narrow the bounds (max - min below 1e308), or use kind: log for a range over many decades");
        }
        if (kind == ParameterKind.INTEGER) {
            whole(p, "min", min);
            whole(p, "max", max);
        }
        double start = p.number("start", middle(kind, min, max));
        if (!(min <= start && start <= max)) {
            throw p.error("start", "start %s lies outside [%s, %s]".formatted(plain(start), plain(min), plain(max)),
                "choose a start between min and max");
        }
        if (kind == ParameterKind.INTEGER) {
            whole(p, "start", start);
        }
        double step = p.number("step", defaultStep(kind, min, max));
        if (kind == ParameterKind.LOG && !(step > 1)) {
            throw p.error("step", "a log parameter's step is a factor and must be > 1, got " + plain(step),
                "use e.g. 1.5 to step by 50%");
        }
        if (!(step > 0)) {
            throw p.error("step", "step must be positive, got " + plain(step), "use e.g. a tenth of max - min");
        }
        if (kind != ParameterKind.LOG && step > max - min) {
            throw p.error("step", "step %s is larger than the range %s".formatted(plain(step), plain(max - min)),
                "use a step of about a tenth of max - min");
        }
        return new Parameter(name, kind, min, max, start, step, p.string("unit", ""), p.string("description", ""),
            List.of());
    }

    private static Parameter choice(Options p, String name) {
        var choices = p.strings("choices");
        if (choices.size() < 2) {
            throw p.error("choices", "a choice parameter needs at least two choices", "list them: choices: [a, b]");
        }
        if (choices.stream().distinct().count() != choices.size()) {
            throw p.error("choices", "choices repeat", "list each choice once");
        }
        for (String k : List.of("min", "max", "step")) {
            if (p.has(k)) {
                throw p.error(k, "a choice parameter has no " + k, "remove '" + k + "'");
            }
        }
        String start = p.string("start", choices.get(0));
        int index = choices.indexOf(start);
        if (index < 0) {
            throw p.error("start", "start '" + start + "' is not one of the choices " + choices,
                Options.closest(start, choices).map(c -> "did you mean '" + c + "'?").orElse("use one of the choices"));
        }
        return new Parameter(name, ParameterKind.CHOICE, 0, choices.size() - 1, index, 1, p.string("unit", ""),
            p.string("description", ""), choices);
    }

    private static void whole(Options p, String key, double v) {
        if (v != Math.rint(v)) {
            throw p.error(key, "an integer parameter needs whole numbers, got " + plain(v), "round it");
        }
    }

    private static double middle(ParameterKind kind, double min, double max) {
        return switch (kind) {
            case LOG -> Math.sqrt(min * max);
            case INTEGER -> Math.floor((min + max) / 2);
            default -> (min + max) / 2;
        };
    }

    private static double defaultStep(ParameterKind kind, double min, double max) {
        return switch (kind) {
            case LOG -> Math.pow(max / min, 0.1);
            case INTEGER -> Math.max(1, Math.rint((max - min) / 10));
            default -> (max - min) / 10;
        };
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? Parameter.plain(v) : String.valueOf(v);
    }
}
