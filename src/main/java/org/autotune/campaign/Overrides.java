package org.autotune.campaign;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.autotune.InputError;

/**
 * Command-line settings that take precedence over the campaign file for quick use. Their ranges are
 * those of the file's keys ({@code budget}, {@code executor.slots}, {@code seed}); {@link #check}
 * says which flag is out of range, before anything is written.
 */
public record Overrides(Optional<Integer> budget, OptionalInt slots, OptionalLong seed, Optional<Path> dir,
                        boolean forceNew) {
    /** The largest number of samples run at once, as for {@code executor.slots}. */
    public static final int MAX_SLOTS = 100_000;

    public static Overrides none() {
        return new Overrides(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), false);
    }

    /**
     * Checks every flag's range, naming {@code file} (the campaign it was given with) and the flag.
     *
     * @throws InputError for the first flag out of range
     */
    public Overrides check(Path file) {
        budget.ifPresent(b -> whole(file, "--budget", b, 1, CampaignConfig.MAX_BUDGET));
        slots.ifPresent(s -> whole(file, "--slots", s, 1, MAX_SLOTS));
        seed.ifPresent(s -> whole(file, "--seed", s, 1, CampaignConfig.MAX_SEED));
        return this;
    }

    static void whole(Path file, String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InputError(file, key, "%d is outside the allowed range [%d, %d]".formatted(value, min, max),
                "give a whole number from %d to %d".formatted(min, max));
        }
    }
}
