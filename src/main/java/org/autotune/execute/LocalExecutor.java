package org.autotune.execute;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.autotune.TextTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default executor: runs jobs as processes on this machine, at most {@code slots}
 * at a time (the rest wait in order). Each job runs in a session of its own ({@link LocalJob}).
 * When its program exits, every process it started and left running is ended; a job that exceeds
 * its timeout, and every job still running at {@link #close()}, is ended with all its processes:
 * SIGTERM, then SIGKILL after two seconds.
 */
public final class LocalExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(LocalExecutor.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final int slots;
    private final ExecutorService pool;
    private final Set<LocalJob> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public LocalExecutor(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + slots);
        }
        this.slots = slots;
        var n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            r -> {
                var t = new Thread(r, "autotune-local-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    }

    /** One slot per core. */
    public static int defaultSlots() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public JobHandle submit(Job job) {
        var handle = new JobHandle(job, new CompletableFuture<>(), new CompletableFuture<>());
        try {
            pool.execute(() -> {
                try {
                    handle.outcome().complete(run(job, handle));
                } catch (RuntimeException e) {   // keep the contract: outcomes never complete exceptionally
                    handle.outcome().complete(JobOutcome.infrastructure("unexpected error running the job: " + e,
                        "", Duration.ZERO));
                } finally {
                    handle.started().complete("");
                }
            });
        } catch (RejectedExecutionException e) {   // closed: the campaign is stopping
            handle.outcome().complete(cancelled());
            handle.started().complete("");
        }
        return handle;
    }

    /**
     * Ends whatever still runs of the job a coordinator before this one started in the job's folder
     * (one killed with kill -9 could not end it), so that the sample can run again there. Never
     * follows it: its exit status is lost with the coordinator that started it.
     */
    @Override
    public Optional<JobHandle> attach(Job job, String id) {
        int ended = LocalJob.endLeftovers(job.folder(), id, GRACE);
        if (ended > 0) {
            log.warn("sample={} job={} folder={} leftover_processes={} action=ended (SIGTERM, SIGKILL after {})",
                job.sampleId(), id, job.folder(), ended, human(GRACE));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        var queued = pool.shutdownNow();   // jobs not started: their runnables see 'closed' and cancel
        queued.forEach(Runnable::run);
        var jobs = List.copyOf(running);
        // every job at once: SIGTERM to all their processes, then one grace period, then SIGKILL
        ProcessTree.end(jobs.stream().flatMap(j -> j.processes().stream()).toList(), GRACE,
            () -> jobs.stream().flatMap(j -> j.processes().stream()).toList());
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JobOutcome run(Job job, JobHandle handle) {
        if (closed) {
            return cancelled();
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(job.folder());
        } catch (IOException e) {
            return JobOutcome.infrastructure("cannot create the sample folder " + job.folder() + ": " + e
                + "; check that the campaign folder is writable and its disk not full", "", elapsed(t0));
        }
        var search = locate(job.command().get(0), job.folder());
        if (search.found().isEmpty()) {   // what starting it would say; setsid would only exit 127
            boolean exists = search.program().contains("/") && Files.exists(Path.of(search.looked()));
            return cannotStart(job, new IOException(exists ? "error=13, Permission denied"
                : "error=2, No such file or directory"), elapsed(t0));
        }
        LocalJob process;
        try {
            var command = new ArrayList<>(job.command());
            // the program as ProcessBuilder finds it (on our PATH): setsid would search the job's PATH
            command.set(0, search.found().get().toAbsolutePath().toString());
            process = LocalJob.start(command, job.folder(), job.environment(), job.stdout(), job.stderr());
        } catch (IOException e) {   // no fork: nothing the point did
            return cannotStart(job, e, elapsed(t0));
        }
        running.add(process);
        handle.started().complete(process.id());
        log.debug("sample={} job={} state=RUNNING", job.sampleId(), process.id());
        try {
            var outcome = await(job, process, t0);
            log.debug("sample={} job={} state={} exit={}", job.sampleId(), process.id(), outcome.status(),
                outcome.exitCode());
            return outcome;
        } finally {
            running.remove(process);
        }
    }

    private JobOutcome await(Job job, LocalJob process, long t0) {
        boolean ended;
        try {
            ended = process.waitFor(job.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        int left = process.end(GRACE);   // whatever it started and left running: nothing writes here after now
        if (closed) {
            return new JobOutcome(JobOutcome.Status.CANCELLED, -1, "stopped", tail(job), elapsed(t0));
        }
        if (!ended) {
            return JobOutcome.timedOut(job, tail(job), elapsed(t0));
        }
        if (left > 0) {
            log.debug("sample={} job={} leftover_processes={} action=ended", job.sampleId(), process.id(), left);
        }
        int exit = process.leader().exitValue();
        var execFailure = LocalJob.execFailure(exit, job.stderr());
        if (execFailure.isPresent()) {   // e.g. a script whose interpreter does not exist
            return JobOutcome.noProgram("cannot start '" + job.command().get(0) + "': "
                + execFailure.get().substring(execFailure.get().lastIndexOf(": ") + 2) + "; check simulator.command "
                + "(and the first line of a script)", elapsed(t0));
        }
        if (exit != 0) {
            return new JobOutcome(JobOutcome.Status.FAILED, exit, ExitCodes.describe(exit), tail(job), elapsed(t0));
        }
        var outcome = JobOutcome.exitedZero(job, tail(job), elapsed(t0));
        if (outcome.succeeded() && !job.after().isEmpty()) {
            runAfter(job, job.timeout().minusNanos(System.nanoTime() - t0));
            return JobOutcome.exitedZero(job, "", elapsed(t0));
        }
        return outcome;
    }

    /** Runs the job's second command (a metric) and records its exit status in metric-status. */
    private void runAfter(Job job, Duration left) {
        int status;
        try {
            var p = LocalJob.start(job.after(), job.folder(), job.environment(),
                job.folder().resolve("metric-stdout.txt"), job.folder().resolve("metric-stderr.txt"));
            running.add(p);
            try {
                status = p.waitFor(Duration.ofMillis(Math.max(1, left.toMillis()))) ? p.leader().exitValue()
                    : SlurmWrapper.TIMED_OUT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 130;
            } finally {
                p.end(GRACE);
                running.remove(p);
            }
        } catch (IOException e) {
            status = 127;   // as a shell reports a command it cannot start
        }
        try {
            Files.writeString(job.folder().resolve("metric-status"), status + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing metric-status in " + job.folder(), e);
        }
    }

    /**
     * Where starting {@code program} in {@code folder} finds it, as {@link ProcessBuilder} does: a
     * name without '/' on this process's PATH, a relative path from the folder (the job's working
     * directory), an absolute path as given.
     */
    public static ProgramSearch locate(String program, Path folder) {
        if (program.contains("/")) {
            var path = folder.resolve(program).normalize();
            return new ProgramSearch(program, executable(path) ? Optional.of(path) : Optional.empty(),
                path.toString());
        }
        var searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (var entry : searchPath.split(File.pathSeparator, -1)) {
            var path = (entry.isEmpty() ? folder : Path.of(entry)).resolve(program);   // "": the working directory
            if (executable(path)) {
                return new ProgramSearch(program, Optional.of(path), "PATH");
            }
        }
        return new ProgramSearch(program, Optional.empty(), "PATH (" + searchPath + ")");
    }

    /**
     * Where a program was looked for and what was found there.
     *
     * @param looked the file looked at, or "PATH (dir:dir:…)" for a bare name
     */
    public record ProgramSearch(String program, Optional<Path> found, String looked) {
        /** One line for a program that was not found: what was looked for where. */
        public String problem() {
            if (!program.contains("/")) {
                return "the program '" + program + "' was not found on " + looked;
            }
            var what = Files.exists(Path.of(looked)) ? "is not an executable file" : "does not exist";
            return "the program '" + program + "' " + what + (program.equals(looked) ? "" : " (looked for " + looked
                + ")");
        }
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * A job whose program did not start: missing or not executable is the setup's, and stops the
     * campaign at once; anything else (no fork) is worth another try.
     */
    private static JobOutcome cannotStart(Job job, IOException e, Duration elapsed) {
        String program = job.command().get(0);
        String start = "cannot start '" + program + "': " + reason(e);
        String fix = "; check simulator.command (the program must be on PATH or given with a path)";
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,") || message.contains("error=13,")) {   // ENOENT, EACCES
            var looked = locate(program, job.folder()).looked();
            return JobOutcome.noProgram(start + (looked.equals(program) ? ""
                : " (looked " + (program.contains("/") ? "for " : "on ") + looked + ")") + fix, elapsed);
        }
        return JobOutcome.infrastructure(start + fix, "", elapsed);
    }

    private static JobOutcome cancelled() {
        return new JobOutcome(JobOutcome.Status.CANCELLED, -1, "cancelled before it started", "", Duration.ZERO);
    }

    private static String tail(Job job) {
        return TextTail.of(job.stderr(), 20, 4000);
    }

    private static Duration elapsed(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("error=");
        return i >= 0 ? m.substring(i).replaceFirst("error=\\d+, ", "") : m;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 != 0 ? ms + "ms" : ms % 60_000 != 0 ? (ms / 1000) + "s"
            : ms % 3_600_000 != 0 ? (ms / 60_000) + "m" : (ms / 3_600_000) + "h";
    }
}
