package org.autotune.optimize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.Options;
import org.autotune.space.Space;

/** The built-in optimizers by name, built from a campaign file's {@code optimizer:} section. */
public final class Optimizers {
    /** Used when a campaign file names no optimizer. */
    public static final String DEFAULT = "coordinate-descent";

    private Optimizers() {
    }

    /** Name and one line for each built-in optimizer, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        var map = new LinkedHashMap<String, String>();
        map.put("coordinate-descent", "the original Autotune algorithm: one parameter at a time, parallel "
            + "line scans along it, steps shrink when a full cycle brings no improvement (all parameter kinds)");
        return map;
    }

    /**
     * Builds the optimizer.
     *
     * @param seed  the campaign seed, for optimizers that draw random numbers
     * @param slots how many samples run at once, for optimizers that size their batches by it
     */
    public static Optimizer create(Options opt, Space space, long seed, int slots) {
        String type = opt.oneOf("type", List.copyOf(descriptions().keySet()), DEFAULT);
        return switch (type) {
            default -> coordinateDescent(opt, space);
        };
    }

    private static Optimizer coordinateDescent(Options opt, Space space) {
        opt.allowOnly("type", "shrink", "refinements", "significance");
        double shrink = opt.number("shrink", 0.5);
        if (!(shrink > 0 && shrink < 1)) {
            throw opt.error("shrink", "shrink factor " + shrink + " must lie between 0 and 1",
                "use e.g. 0.5 to halve the steps");
        }
        int refinements = (int) opt.integer("refinements", 4, 0, 30);
        double significance = opt.number("significance", 0);
        if (!(significance >= 0)) {
            throw opt.error("significance", "must be >= 0", "use 0 (plain comparison) or e.g. 1 (one standard error)");
        }
        return new CoordinateDescent(space, shrink, refinements, significance);
    }
}
