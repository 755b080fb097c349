package org.autotune.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Finds and stops processes: a process with everything it started (a simulator's shell, its
 * children), or every process of a job. Stopping is SIGTERM to each, then SIGKILL to whatever is
 * left after the grace period.
 *
 * <p>On Linux the process table ({@code /proc}) tells each process's session and start time, and
 * the environment it was started with; elsewhere only the descendants of a running process are
 * found.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {
    }

    /** Stops {@code process} and its descendants (a SLURM command, a program past its time). */
    static void stop(Process process, Duration grace) {
        var tree = new ArrayList<ProcessHandle>(process.descendants().toList());   // first: orphans re-parent
        tree.add(process.toHandle());
        end(tree, grace, () -> process.descendants().toList());
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);   // reaped, so exitValue() is known
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends processes: SIGTERM to each, then SIGKILL to each still alive after at most {@code grace},
     * and to those {@code more} finds then (started in the meantime).
     *
     * @return how many of them were alive at first
     */
    static int end(Collection<ProcessHandle> processes, Duration grace, Supplier<Collection<ProcessHandle>> more) {
        var alive = processes.stream().filter(ProcessHandle::isAlive).filter(ProcessTree::notUs).toList();
        if (alive.isEmpty()) {
            return 0;   // nothing left that could have started more
        }
        alive.forEach(ProcessHandle::destroy);
        boolean interrupted = false;   // a stop must finish even on an interrupted thread (the executor closing)
        long deadline = System.nanoTime() + grace.toNanos();
        while (alive.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        var rest = new LinkedHashSet<ProcessHandle>(alive);
        rest.addAll(more.get());
        rest.stream().filter(ProcessTree::notUs).forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return alive.size();
    }

    /**
     * The live processes (other than this one) of the session {@code session}, or started with the
     * environment entry {@code environment} (e.g. {@code AUTOTUNE_SAMPLE_FOLDER=/campaign/samples/000042}).
     * Empty where there is no {@code /proc}.
     *
     * @param session a session id, or -1 for none
     */
    static List<ProcessHandle> find(long session, String environment) {
        var entry = (environment + "\0").getBytes(StandardCharsets.UTF_8);
        Predicate<ProcessHandle> member = p -> (session > 0 && stat(p.pid()).map(s -> s.session() == session)
            .orElse(false)) || environ(p.pid()).map(e -> contains(e, entry)).orElse(false);
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        return ProcessHandle.allProcesses().filter(ProcessTree::notUs).filter(member).toList();
    }


    /** A process's session id and start time (in clock ticks after boot), from /proc; empty when gone. */
    record Stat(long session, long startTicks) {
    }

    static Optional<Stat> stat(long pid) {
        try {
            var text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // "pid (comm) state ppid pgrp session ... starttime ...": comm may hold spaces and parentheses
            var fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(Long.parseLong(fields[3]), Long.parseLong(fields[19])));
        } catch (IOException | RuntimeException e) {   // gone, no /proc, or not Linux's format
            return Optional.empty();
        }
    }

    /** The start time of a live process in clock ticks after boot; empty when it is gone or unknown. */
    static OptionalLong startTicks(long pid) {
        return stat(pid).map(s -> OptionalLong.of(s.startTicks())).orElse(OptionalLong.empty());
    }

    private static Optional<byte[]> environ(long pid) {
        try {
            return Optional.of(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ")));
        } catch (IOException | SecurityException e) {   // gone, or another user's
            return Optional.empty();
        }
    }

    /** True when {@code entry} (ending in NUL) is one of the NUL-separated entries in {@code environ}. */
    private static boolean contains(byte[] environ, byte[] entry) {
        outer:
        for (int i = 0; i + entry.length <= environ.length; i++) {
            if (i > 0 && environ[i - 1] != 0) {
                continue;   // entries start at the beginning or after a NUL
            }
            for (int j = 0; j < entry.length; j++) {
                if (environ[i + j] != entry[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean notUs(ProcessHandle p) {
        return p.pid() != ProcessHandle.current().pid();
    }
}
