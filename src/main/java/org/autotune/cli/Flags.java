package org.autotune.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.autotune.InputError;

/**
 * Range checks for command-line flags, with the same one line as a campaign file's keys:
 * {@code campaign.yaml: --slots: 0 is outside the allowed range [1, 100000]; fix: give a whole
 * number from 1 to 100000}. Commands call them before they read or write anything.
 */
final class Flags {
    private Flags() {
    }

    /** A whole number within [min, max]; {@code file} is the campaign the flag was given with. */
    static long whole(Path file, String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InputError(file, flag, "%d is outside the allowed range [%d, %d]".formatted(value, min, max),
                "give a whole number from %d to %d".formatted(min, max));
        }
        return value;
    }

    /** A finite number above zero (NaN fails too); {@code example} is a good value to suggest. */
    static double positive(Path file, String flag, double value, String example) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InputError(file, flag, String.format(Locale.ROOT, "%s is not a positive number", value),
                "give a positive number such as " + flag + " " + example);
        }
        return value;
    }
}
