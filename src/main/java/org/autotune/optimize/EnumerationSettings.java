package org.autotune.optimize;

import org.autotune.Options;
import org.autotune.space.Space;

/**
 * What the enumeration of discrete design choices was configured with.
 *
 * @param samples at most this many points per combination, at least 1
 * @param inner   the section that configures each combination's optimizer over the real and log
 *                parameters (empty: the default optimizer)
 */
record EnumerationSettings(int samples, Options inner) {
    /** Enumerations with more combinations than this are refused: each needs its own inner optimizer. */
    static final long MAX_COMBINATIONS = 10_000;

    EnumerationSettings {
        if (samples < 1) {
            throw new IllegalArgumentException("samples " + samples + " must be at least 1");
        }
    }

    /** Reads and checks the {@code optimizer:} section of a campaign file. */
    static EnumerationSettings from(Options opt, Space space, int slots, boolean noisy) {
        opt.allowOnly("type", "inner", "samples");
        if (space.continuous()) {
            throw opt.error("type", "enumerate needs integer or choice parameters to enumerate, and this campaign "
                + "has none", "use the inner optimizer directly, e.g. type: cma-es");
        }
        long count = Enumeration.count(space);
        if (count > MAX_COMBINATIONS) {
            throw opt.error("type", "the integer and choice parameters make " + count + " combinations, more than "
                + MAX_COMBINATIONS, "narrow their ranges, or use type: coordinate-descent");
        }
        int samples = (int) opt.integer("samples", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        var inner = opt.optionalSection("inner").orElseGet(() -> opt.empty("inner"));
        if (inner.string("type", "").equals("enumerate")) {
            throw inner.error("type", "an enumeration inside an enumeration", "list every discrete parameter in "
                + "the outer one; give the inner optimizer for the real and log parameters, e.g. type: cma-es");
        }
        if (space.parameters().stream().noneMatch(p -> p.kind().continuous()) && opt.has("inner")) {
            throw opt.error("inner", "every parameter is discrete, so each combination is one sample and there is "
                + "nothing for an inner optimizer to do", "remove inner:");
        }
        return new EnumerationSettings(samples, inner);
    }
}
