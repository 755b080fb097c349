package org.autotune.execute;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process to run for a sample: an argument list (never a shell line), the folder to run it
 * in, extra environment, a time limit, and the output files it must leave behind.
 * Standard output and error go to {@code stdout.txt} and {@code stderr.txt} in the folder.
 */
public record Job(long sampleId, Path folder, List<String> command, Map<String, String> environment,
                  Duration timeout, List<String> outputs) {

    public Job {
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

    public Path stdout() { return folder.resolve("stdout.txt"); }

    public Path stderr() { return folder.resolve("stderr.txt"); }
}
