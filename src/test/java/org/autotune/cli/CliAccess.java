package org.autotune.cli;

import java.nio.file.Path;

/** Lets tests in other packages run the real command line in a child JVM. */
public final class CliAccess {
    private CliAccess() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Process start(Path logDir, String... args) {
        return Cli.start(logDir, args);
    }

    public static Result run(Path logDir, String... args) {
        var r = Cli.run(logDir, args);
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }
}
