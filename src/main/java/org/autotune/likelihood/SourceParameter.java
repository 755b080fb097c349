package org.autotune.likelihood;

/**
 * A parameter of the likelihood: its name, its default value and the bounds a fit respects.
 * Sources that declare the same name share the parameter.
 */
public record SourceParameter(String name, double defaultValue, double lower, double upper) {
    public SourceParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name; fix: pass e.g. \"mean\"");
        }
        if (!(lower < upper)) { // also rejects NaN
            throw new IllegalArgumentException(
                "%s: lower bound %s must be below upper bound %s".formatted(name, lower, upper));
        }
        if (!(lower <= defaultValue && defaultValue <= upper)) {
            throw new IllegalArgumentException("%s: default %s is outside [%s, %s]; fix: move it inside"
                .formatted(name, defaultValue, lower, upper));
        }
    }

    /** An unbounded parameter. */
    public static SourceParameter of(String name, double defaultValue) {
        return new SourceParameter(name, defaultValue, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY);
    }
}
