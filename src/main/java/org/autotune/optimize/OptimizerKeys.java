package org.autotune.optimize;

import java.util.List;
import java.util.Locale;
import org.autotune.Options;
import org.autotune.space.Space;

/**
 * Checks that several optimizers' settings share: which parameter kinds an optimizer can move,
 * whether it can stand noisy scores, and how the {@code noisy:} key overrides the campaign's noise.
 */
final class OptimizerKeys {
    private OptimizerKeys() {
    }

    /** Refuses integer and choice parameters for optimizers that move continuously. */
    static void continuousOnly(Options opt, Space space, String type) {
        for (var p : space.parameters()) {
            if (!p.kind().continuous()) {
                throw opt.error("type", type + " needs real or log parameters, but '" + p.name() + "' is "
                    + p.kind().name().toLowerCase(Locale.ROOT), "use type: coordinate-descent, which steps "
                    + "integer and choice parameters cell by cell, or fix '" + p.name()
                    + "' in a copy of the campaign");
            }
        }
    }

    /**
     * Refuses noisy scores for optimizers that trust single scores (nelder-mead, bobyqa): they would
     * stop on noise and report the luckiest draw. {@code noisy: no} overrides, for noise the user
     * knows to be negligible.
     */
    static void deterministicOnly(Options opt, String type, boolean noisy) {
        boolean isNoisy = opt.oneOf("noisy", List.of("auto", "no"), "auto").equals("auto") && noisy;
        if (isNoisy) {
            throw opt.error("type", type + " compares single scores, and with seeds: fresh (or replicates) every "
                + "score is a noisy draw: it would stop on noise and report the luckiest draw", "use type: "
                + "surrogate, bayesian or cma-es, which model the noise; or seeds: fixed; or add noisy: no under "
                + "optimizer if the noise is negligible");
        }
    }

    /** {@code noisy: auto} (the default) follows the campaign; {@code yes} or {@code no} override it. */
    static boolean noisy(Options opt, boolean campaignNoisy) {
        return opt.oneOf("noisy", List.of("auto", "yes", "no"), "auto").equals("auto") ? campaignNoisy
            : opt.string("noisy").equals("yes");
    }
}
