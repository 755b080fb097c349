package org.autotune.execute;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.autotune.Options;

/**
 * The {@code executor:} settings of a SLURM campaign. Every value reaches {@code sbatch} as its own
 * argument, never through a shell.
 *
 * @param partition partition (queue); default: the cluster's default partition
 * @param time      SLURM time limit per sample; default: the simulator's timeout plus five minutes
 * @param memory    memory per sample, e.g. {@code 2G}
 * @param cpus      CPUs per sample
 * @param extra     further sbatch options, each one argument, e.g. {@code --constraint=haswell}
 * @param poll      longest wait between two looks at the queue (the wait starts short and backs off)
 * @param sacct     {@code auto}: use sacct when the cluster has accounting; {@code never}: rely on
 *                  completion markers and squeue only
 * @param arrays    true: samples submitted together go into one job array; false: one job each
 * @param markerWait how long a job that left the queue (or is COMPLETED) may take to show its
 *                  completion marker before it counts as lost (network filesystems can lag)
 */
public record SlurmOptions(Optional<String> partition, Optional<Duration> time, Optional<String> memory, int cpus,
                           Optional<String> account, Optional<String> qos, List<String> extra, Duration poll,
                           String sacct, boolean arrays, Duration markerWait) {

    static final List<String> KEYS = List.of("type", "slots", "partition", "time", "memory", "cpus", "account",
        "qos", "extra", "poll", "sacct", "arrays", "marker-wait");

    public SlurmOptions {
        extra = List.copyOf(extra);
    }

    static SlurmOptions from(Options ex) {
        ex.allowOnly(KEYS);
        var extra = ex.strings("extra");
        for (String e : extra) {
            if (!e.startsWith("--") || e.contains("\n")) {
                throw ex.error("extra", "'" + e + "' is not a single sbatch option",
                    "write each option as one list entry starting with --, e.g. extra: [--constraint=haswell]");
            }
        }
        return new SlurmOptions(ex.optionalString("partition"), ex.has("time")
            ? Optional.of(ex.duration("time", Duration.ofHours(1))) : Optional.empty(), ex.optionalString("memory"),
            (int) ex.integer("cpus", 1, 1, 1024), ex.optionalString("account"), ex.optionalString("qos"), extra,
            ex.duration("poll", Duration.ofSeconds(10)), ex.oneOf("sacct", List.of("auto", "never"), "auto"),
            ex.bool("arrays", true), ex.duration("marker-wait", Duration.ofSeconds(30)));
    }

    /** sbatch's --time value (minutes, at least one) for samples with the given timeout. */
    String timeLimit(Duration sampleTimeout) {
        var limit = time.orElse(sampleTimeout.plusMinutes(5));
        long minutes = Math.max(1, (limit.toSeconds() + 59) / 60);
        return Long.toString(minutes);
    }
}
