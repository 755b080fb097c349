package org.autotune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code autotune} command in a child JVM, as a user would, and captures its output. */
final class Cli {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private Cli() {
    }

    /** Starts the command without waiting (for kill tests); output goes to files in {@code logDir}. */
    static Process start(Path logDir, String... args) {
        var cmd = new ArrayList<String>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(logDir);
            return new ProcessBuilder(cmd).redirectOutput(logDir.resolve("stdout.txt").toFile())
                .redirectError(logDir.resolve("stderr.txt").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the command in this JVM (fast; no process of its own) and captures what it prints. */
    static Result inProcess(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs the command to its end, its output in a fresh folder under {@code dir}. */
    static Result runIn(Path dir, String... args) {
        return run(dir.resolve("cli-" + System.nanoTime()), args);
    }

    /** Runs the command to its end (at most two minutes). */
    static Result run(Path logDir, String... args) {
        var p = start(logDir, args);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("autotune " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(p.exitValue(), Files.readString(logDir.resolve("stdout.txt")),
                Files.readString(logDir.resolve("stderr.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
