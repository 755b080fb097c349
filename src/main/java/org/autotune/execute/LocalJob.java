package org.autotune.execute;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one job on this machine. The program starts in a session of its own
 * ({@code setsid}, from util-linux), so a terminal's Ctrl-C reaches the coordinator and not the
 * simulator, and everything it starts can be found again: the members of its session, its
 * descendants (looked at every second while it runs), and every process started with
 * {@link #MARKER} in its environment, which names the sample folder and which even a child that
 * calls setsid itself inherits. When the program exits, all of them are ended, so nothing writes
 * into a sample folder after its outcome is known.
 *
 * <p>The job's id, {@code local:PID:TICKS}, holds the program's process id (which is also its
 * session id) and its start time in clock ticks after boot, so that a later coordinator can tell
 * it from a process that got the same id.
 */
final class LocalJob {
    /** The environment variable every process of a job is started with: the job's sample folder. */
    static final String MARKER = "AUTOTUNE_SAMPLE_FOLDER";
    /** How often the descendants of a running job are looked at. */
    private static final Duration LOOK = Duration.ofSeconds(1);
    private static final Optional<Path> SETSID = LocalExecutor.locate("setsid", Path.of("/")).found();

    private final Process leader;
    private final String marker;
    private final long session;
    private final String id;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    private LocalJob(Process leader, String marker, long session, String id) {
        this.leader = leader;
        this.marker = marker;
        this.session = session;
        this.id = id;
    }

    /**
     * Starts {@code command} in {@code folder}, in a session of its own, marked as a process of the
     * folder; its input is empty, its output and error go to the given files.
     *
     * @param environment added to the inherited environment
     * @throws IOException when the process cannot be started (no fork)
     */
    static LocalJob start(List<String> command, Path folder, Map<String, String> environment, Path stdout,
                          Path stderr) throws IOException {
        var argv = new ArrayList<String>();
        SETSID.ifPresent(s -> argv.add(s.toString()));
        argv.addAll(command);
        var builder = new ProcessBuilder(argv).directory(folder.toFile()).redirectInput(new File("/dev/null"))
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        var marker = marker(folder);
        builder.environment().put(MARKER, marker.substring(MARKER.length() + 1));
        var leader = builder.start();
        long pid = leader.pid();
        var ticks = ProcessTree.startTicks(pid);
        return new LocalJob(leader, marker, SETSID.isPresent() ? pid : -1,
            "local:" + pid + (ticks.isPresent() ? ":" + ticks.getAsLong() : ""));
    }

    /**
     * The line setsid printed when it could not run the program (a script's interpreter is missing),
     * e.g. {@code setsid: failed to execute ./sim: No such file or directory}; empty otherwise.
     */
    static Optional<String> execFailure(int exit, Path stderr) {
        if ((exit != 126 && exit != 127) || SETSID.isEmpty()) {
            return Optional.empty();
        }
        try (var in = Files.newInputStream(stderr)) {
            var first = new String(in.readNBytes(1000), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return first.startsWith("setsid: failed to execute ") ? Optional.of(first) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The job's id for the journal: {@code local:PID:TICKS} (just {@code local:PID} without /proc). */
    String id() {
        return id;
    }

    Process leader() {
        return leader;
    }

    /**
     * Waits at most {@code timeout} for the program to exit, looking at its descendants meanwhile.
     *
     * @return true when it exited
     */
    boolean waitFor(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            leader.descendants().forEach(seen::add);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !leader.isAlive();
            }
            if (leader.waitFor(Math.min(left, LOOK.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }

    /**
     * Ends the program, if it still runs, and every process it started.
     *
     * @return how many processes besides the program were still running
     */
    int end(Duration grace) {
        boolean leaderAlive = leader.isAlive();
        int ended = ProcessTree.end(processes(), grace, this::processes);
        try {
            leader.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);   // reaped, so exitValue() is known
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ended - (leaderAlive ? 1 : 0);
    }

    /** The program, if it still runs, and every process it started that still runs. */
    List<ProcessHandle> processes() {
        var found = new ArrayList<ProcessHandle>(ProcessTree.find(session, marker));
        found.addAll(leader.descendants().toList());
        seen.stream().filter(ProcessHandle::isAlive).forEach(found::add);
        found.add(leader.toHandle());
        return List.copyOf(new LinkedHashSet<>(found));
    }

    /**
     * Ends what is left of a job of {@code folder} that a coordinator before this one started (and
     * did not live to end: kill -9): every process marked with the folder, and the members of the
     * recorded session while its leader, by its start time, is the recorded one.
     *
     * @param id the job's id as journaled ({@code local:PID:TICKS}), or empty
     * @return how many processes were running
     */
    static int endLeftovers(Path folder, String id, Duration grace) {
        long session = recordedSession(id);
        var found = ProcessTree.find(session, marker(folder));
        return found.isEmpty() ? 0 : ProcessTree.end(found, grace, () -> ProcessTree.find(session, marker(folder)));
    }

    /** The session of a journaled id whose leader still runs with the recorded start time; -1 otherwise. */
    private static long recordedSession(String id) {
        var parts = id.split(":");
        if (parts.length != 3 || !parts[0].equals("local")) {
            return -1;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            long ticks = Long.parseLong(parts[2]);
            var now = ProcessTree.startTicks(pid);
            return now.isPresent() && now.getAsLong() == ticks ? pid : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String marker(Path folder) {
        return MARKER + "=" + folder.toAbsolutePath().normalize();
    }
}
