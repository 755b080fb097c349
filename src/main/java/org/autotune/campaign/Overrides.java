package org.autotune.campaign;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Command-line settings that take precedence over the campaign file for quick use. */
public record Overrides(Optional<Integer> budget, OptionalInt slots, OptionalLong seed, Optional<Path> dir,
                        boolean forceNew) {
    public static Overrides none() {
        return new Overrides(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), false);
    }
}
