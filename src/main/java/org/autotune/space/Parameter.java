package org.autotune.space;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * A tunable value. Real and log parameters take values in [min, max]; integer parameters take
 * whole numbers in [min, max]; a choice parameter's value is the index of one of its choices
 * (min = 0, max = choices - 1) and renders as the choice's text.
 *
 * <p>{@code step} is the natural step of the parameter: in its unit for real and integer
 * parameters, and a factor (&gt; 1) for log parameters. {@link #unitStep()} gives it as a
 * fraction of the unit cube.
 */
public record Parameter(String name, ParameterKind kind, double min, double max, double start,
                        double step, String unit, String description, List<String> choices) {

    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        choices = List.copyOf(choices);
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        if (kind == ParameterKind.CHOICE) {
            if (choices.size() < 2) {
                throw new IllegalArgumentException(name + ": a choice parameter needs at least two choices");
            }
            min = 0;
            max = choices.size() - 1;
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("%s: min %s must be below max %s".formatted(name, min, max));
        }
        if (kind == ParameterKind.LOG && !(min > 0)) {
            throw new IllegalArgumentException("%s: a log parameter needs min > 0, got %s".formatted(name, min));
        }
        if (!(min <= start && start <= max)) {
            throw new IllegalArgumentException(
                "%s: start %s lies outside [%s, %s]".formatted(name, start, min, max));
        }
        if ((kind == ParameterKind.INTEGER || kind == ParameterKind.CHOICE) && start != Math.rint(start)) {
            throw new IllegalArgumentException("%s: start %s must be a whole number".formatted(name, start));
        }
        if (!(step > 0) || (kind == ParameterKind.LOG && !(step > 1))) {
            throw new IllegalArgumentException("%s: step %s is not positive%s"
                .formatted(name, step, kind == ParameterKind.LOG ? " (a log step is a factor > 1)" : ""));
        }
    }

    /** A real parameter with a step of a tenth of its range. */
    public static Parameter real(String name, double min, double max, double start) {
        return new Parameter(name, ParameterKind.REAL, min, max, start, (max - min) / 10, "", "", List.of());
    }

    /** Maps a value to [0, 1]. Integer and choice values map to the centre of their cell. */
    public double toUnit(double value) {
        return switch (kind) {
            case REAL -> (value - min) / (max - min);
            case LOG -> Math.log(value / min) / Math.log(max / min);
            case INTEGER, CHOICE -> (value - min + 0.5) / cells();
        };
    }

    /** Maps u in [0, 1] (clamped) back to a value; integers and choices round to their cell. */
    public double fromUnit(double u) {
        double c = Math.min(1.0, Math.max(0.0, u));
        return switch (kind) {
            case REAL -> Math.min(max, Math.max(min, min + c * (max - min)));
            case LOG -> c == 1.0 ? max : Math.min(max, Math.max(min, min * Math.exp(c * Math.log(max / min))));
            case INTEGER, CHOICE -> Math.min(max, min + Math.floor(c * cells()));
        };
    }

    /** The step as a fraction of the unit cube. */
    public double unitStep() {
        return switch (kind) {
            case REAL -> step / (max - min);
            case LOG -> Math.log(step) / Math.log(max / min);
            case INTEGER, CHOICE -> Math.max(1.0, Math.rint(step)) / cells();
        };
    }

    /** True when the value is allowed: inside the bounds and, for integers and choices, whole. */
    public boolean contains(double value) {
        boolean inside = min <= value && value <= max;
        return kind.continuous() ? inside : inside && value == Math.rint(value);
    }

    /**
     * The value as text for templates and the journal: exact (shortest text that reads back to the
     * same double), never in exponent notation, independent of locale; a choice renders as its text.
     */
    public String format(double value) {
        if (kind == ParameterKind.CHOICE) {
            return choices.get((int) value);
        }
        if (kind == ParameterKind.INTEGER) {
            return Long.toString((long) value);
        }
        return plain(value);
    }

    /** Shortest exact decimal text of a finite double, without exponent: 0.000012, 62, -3.5. */
    /**
     * {@code value} rounded to {@code digits} significant digits, as the double nearest that decimal
     * (so that {@link #plain} prints 448000000, not 447999999.99999994).
     */
    public static double rounded(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /** {@code value} rounded to a multiple of 10^{@code exponent}, as the double nearest that decimal. */
    public static double roundedTo(double value, int exponent) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(-exponent, RoundingMode.HALF_EVEN).doubleValue();
    }

    public static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        String text = Double.toString(value);
        if (Double.isFinite(value) && text.indexOf('E') < 0) {
            // what the BigDecimal below gives, without it (a replay formats every point it tells):
            // Double.toString has no trailing zeros but a lone ".0", and no exponent in [1e-3, 1e7)
            return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        }
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private double cells() {
        return max - min + 1;
    }
}
