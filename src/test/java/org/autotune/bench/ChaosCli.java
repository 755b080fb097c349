package org.autotune.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.autotune.cli.Main;

/**
 * The real {@code autotune} command in a child JVM, as a user runs it (as the CLI tests do), for
 * the chaos benchmark; and the probes the benchmark counts with: internal errors in the output,
 * simulator processes still alive (found by a marker in their arguments or environment), and the
 * sample statuses in a journal, read directly with SQLite.
 */
public final class ChaosCli {
    /** What one command did; {@code timedOut}: it was killed after the timeout. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        /** A stack trace or the CLI's "internal error" line: a bug, whatever the exit code. */
        public boolean internalError() {
            return ChaosCli.internalError(stdout + stderr);
        }

        /** The last line on stderr (the CLI's one-line error), or "". */
        public String lastErrorLine() {
            var lines = stderr.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private ChaosCli() {
    }

    /** Starts {@code autotune ARGS} without waiting; its output goes to files in {@code logDir}. */
    public static Process start(Path logDir, List<String> args) {
        var cmd = new ArrayList<String>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Djava.awt.headless=true");
        // the command as users run it, started faster: the benchmark starts a few hundred JVMs
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        try {
            Files.createDirectories(logDir);
            return new ProcessBuilder(cmd).redirectOutput(logDir.resolve("stdout.txt").toFile())
                .redirectError(logDir.resolve("stderr.txt").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code autotune ARGS} to its end, or kills it (and its descendants) after {@code timeout}. */
    public static Result run(Path logDir, Duration timeout, String... args) {
        var p = start(logDir, List.of(args));
        try {
            boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            return new Result(ended ? p.exitValue() : -1, read(logDir.resolve("stdout.txt")),
                read(logDir.resolve("stderr.txt")), !ended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads what a started command wrote so far (lossy for bytes that are not UTF-8). */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java stack trace, or the line the CLI prints for a bug. */
    public static boolean internalError(String text) {
        return text.contains("Exception") || text.contains("\tat org.") || text.contains(" at org.")
            || text.contains("internal error");
    }

    /** Live processes whose arguments or environment hold {@code marker} (the environment: Linux only). */
    public static List<ProcessHandle> marked(String marker) {
        var self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> p.pid() != self)
            .filter(p -> hasMarker(p, marker)).toList();
    }

    /** Ends what {@link #marked} finds, so that one case's leftovers don't count against the next. */
    public static void endMarked(String marker) {
        marked(marker).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean hasMarker(ProcessHandle p, String marker) {
        var args = p.info().arguments().orElse(new String[0]);
        for (var a : args) {
            if (a.contains(marker)) {
                return true;
            }
        }
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
            return new String(env, StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException | SecurityException goneOrNotOurs) {
            return false;
        }
    }

    /** Each sample folder's status, read-only from the journal; empty if it cannot be read. */
    public static Map<String, String> statuses(Path journal) {
        var out = new LinkedHashMap<String, String>();
        if (!Files.isRegularFile(journal)) {
            return out;
        }
        var props = new Properties();
        props.setProperty("open_mode", "1");   // SQLITE_OPEN_READONLY
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + journal, props);
             var st = db.createStatement();
             var rs = st.executeQuery("SELECT folder, status FROM samples ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException unreadable) {
            out.clear();
        }
        return out;
    }
}
