package org.autotune.execute;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.autotune.Options;

/** The built-in executors by name, built from a campaign file's {@code executor:} section. */
public final class Executors {
    /** Samples in flight on a cluster when the campaign file does not say. */
    static final int DEFAULT_SLURM_SLOTS = 16;

    private Executors() {
    }

    /** Name and one line for each built-in executor, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        var map = new LinkedHashMap<String, String>();
        map.put("local", "runs samples as processes on this machine, N at a time (default: one per core)");
        map.put("slurm", "submits samples as SLURM job arrays and follows them (survives restarts: re-attaches "
            + "to running jobs)");
        return map;
    }

    /** Checks the section and returns how many samples may run at once (or the override). */
    public static int slots(Options ex, OptionalInt override) {
        String type = ex.oneOf("type", List.copyOf(descriptions().keySet()), "local");
        int fallback = type.equals("slurm") ? DEFAULT_SLURM_SLOTS : LocalExecutor.defaultSlots();
        if (type.equals("slurm")) {
            SlurmOptions.from(ex);
        } else {
            ex.allowOnly("type", "slots");
        }
        int slots = (int) ex.integer("slots", fallback, 1, 100_000);
        return override.isPresent() ? override.getAsInt() : slots;
    }

    /**
     * Builds the executor.
     *
     * @param campaignDir the campaign folder (a cluster executor keeps its job files there)
     * @param name        the campaign's name, for job names
     */
    public static Executor create(Options ex, int slots, Path campaignDir, String name) {
        slots(ex, OptionalInt.of(slots));
        if (ex.string("type", "local").equals("slurm")) {
            return new SlurmExecutor(SlurmOptions.from(ex), slots, campaignDir.resolve("slurm"), name);
        }
        return new LocalExecutor(slots);
    }
}
