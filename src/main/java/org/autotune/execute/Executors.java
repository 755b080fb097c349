package org.autotune.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.autotune.Options;

/** The built-in executors by name, built from a campaign file's {@code executor:} section. */
public final class Executors {
    private Executors() {
    }

    /** Name and one line for each built-in executor, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        var map = new LinkedHashMap<String, String>();
        map.put("local", "runs samples as processes on this machine, N at a time (default: one per core)");
        return map;
    }

    /** How many slots the section asks for (or the override), checked. */
    public static int slots(Options ex, OptionalInt override) {
        ex.allowOnly("type", "slots");
        ex.oneOf("type", List.copyOf(descriptions().keySet()), "local");
        int slots = (int) ex.integer("slots", LocalExecutor.defaultSlots(), 1, 4096);
        return override.isPresent() ? override.getAsInt() : slots;
    }

    /** Builds the executor with the given number of slots (see {@link #slots}). */
    public static Executor create(Options ex, int slots) {
        slots(ex, OptionalInt.of(slots));
        return new LocalExecutor(slots);
    }
}
