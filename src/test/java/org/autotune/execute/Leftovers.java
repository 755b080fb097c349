package org.autotune.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Processes still running, found as a user would look for them: by a marker in their command line
 * (a unique argument, e.g. {@code sleep 30.123}), or by their working directory (ps, /proc).
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** Live processes whose command line contains {@code marker}. */
    public static List<ProcessHandle> withArgument(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
    }

    /** Live processes working in {@code folder} or below it (their current directory, from /proc). */
    public static List<ProcessHandle> in(Path folder) {
        var root = folder.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).startsWith(root);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;   // gone, or another user's
            }
        }).toList();
    }

    /** One line per process, for a failure message. */
    public static String describe(List<ProcessHandle> processes) {
        return String.join("\n", processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
            .toList());
    }
}
