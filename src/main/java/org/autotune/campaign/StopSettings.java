package org.autotune.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.autotune.Options;

/**
 * The campaign file's optional {@code stop:} section, limits on top of the budget and the
 * optimizer's own convergence:
 * <pre>
 * stop:
 *   stagnation: 40      # stop when the best score has not improved in 40 samples
 *   wall-time: 2h       # stop after 2 hours of this run; resume continues
 * </pre>
 */
public record StopSettings(OptionalInt stagnation, Optional<Duration> wallTime) {

    /** No {@code stop:} section. */
    public static StopSettings none() {
        return new StopSettings(OptionalInt.empty(), Optional.empty());
    }

    /** Reads and checks the section (file, line and key in every message). */
    static StopSettings read(Options root) {
        var section = root.optionalSection("stop");
        if (section.isEmpty()) {
            return none();
        }
        var stop = section.get().allowOnly("stagnation", "wall-time");
        var stagnation = stop.has("stagnation")
            ? OptionalInt.of((int) stop.integer("stagnation", 1, 1, 10_000_000)) : OptionalInt.empty();
        Optional<Duration> wallTime = Optional.empty();
        if (stop.has("wall-time")) {
            var d = stop.duration("wall-time", Duration.ZERO);
            if (d.isZero() || d.isNegative()) {
                throw stop.error("wall-time", "the wall time must be positive", "write e.g. wall-time: 2h");
            }
            wallTime = Optional.of(d);
        }
        return new StopSettings(stagnation, wallTime);
    }

    /** The stop rules these settings add to the budget and the failure rate. */
    public List<StopRule> rules() {
        var out = new ArrayList<StopRule>();
        stagnation.ifPresent(n -> out.add(new StopRule.Stagnation(n)));
        wallTime.ifPresent(d -> out.add(new StopRule.WallTime(d)));
        return out;
    }
}
