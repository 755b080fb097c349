package org.autotune.execute;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process to run for a sample: an argument list (never a shell line), the folder to run it
 * in, extra environment, a time limit, and the output files it must leave behind.
 * Standard output and error go to {@code stdout.txt} and {@code stderr.txt} in the folder.
 *
 * <p>{@code after}, when not empty, is a second command (a metric computed inside the job) run in
 * the same folder once the first succeeded and left its outputs, within the same time limit: its
 * output goes to {@code metric-stdout.txt} and {@code metric-stderr.txt}, its exit status to
 * {@code metric-status}. Its failure does not fail the job; the metric reads the status.
 */
public record Job(long sampleId, Path folder, List<String> command, Map<String, String> environment,
                  Duration timeout, List<String> outputs, List<String> after) {

    /** A job without a command after it. */
    public Job(long sampleId, Path folder, List<String> command, Map<String, String> environment, Duration timeout,
               List<String> outputs) {
        this(sampleId, folder, command, environment, timeout, outputs, List.of());
    }

    public Job {
        after = List.copyOf(after);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        outputs = List.copyOf(outputs);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("sample " + sampleId + ": empty command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("sample " + sampleId + ": timeout must be positive");
        }
    }

    /** This job with a command to run after it (a metric computed inside the job). */
    public Job then(List<String> next) {
        return new Job(sampleId, folder, command, environment, timeout, outputs, next);
    }

    public Path stdout() { return folder.resolve("stdout.txt"); }

    public Path stderr() { return folder.resolve("stderr.txt"); }
}
