package org.autotune.execute;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.autotune.TextTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default executor: runs jobs as processes on this machine, at most {@code slots}
 * at a time (the rest wait in order). A job that exceeds its timeout, and every job still running
 * at {@link #close()}, is stopped with its whole process tree: SIGTERM, then SIGKILL after two
 * seconds.
 */
public final class LocalExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(LocalExecutor.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final int slots;
    private final ExecutorService pool;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
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
        if (closed) {
            throw new IllegalStateException("executor is closed");
        }
        var handle = new JobHandle(job, new CompletableFuture<>(), new CompletableFuture<>());
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
        return handle;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        var queued = pool.shutdownNow();   // jobs not started: their runnables see 'closed' and cancel
        queued.forEach(Runnable::run);
        running.forEach(p -> ProcessTree.stop(p, GRACE));
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JobOutcome run(Job job, JobHandle handle) {
        if (closed) {
            return new JobOutcome(JobOutcome.Status.CANCELLED, -1, "cancelled before it started", "",
                Duration.ZERO);
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(job.folder());
        } catch (IOException e) {
            return JobOutcome.infrastructure("cannot create the sample folder " + job.folder() + ": " + e
                + "; check that the campaign folder is writable and its disk not full", "", elapsed(t0));
        }
        Process process;
        try {
            var builder = new ProcessBuilder(job.command()).directory(job.folder().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(job.stdout().toFile()).redirectError(job.stderr().toFile());
            builder.environment().putAll(job.environment());
            process = builder.start();
        } catch (IOException e) {   // missing or not executable program, or no fork: nothing the point did
            return cannotStart(job, e, elapsed(t0));
        }
        running.add(process);
        String id = "local:" + process.pid();
        handle.started().complete(id);
        log.debug("sample={} job={} state=RUNNING", job.sampleId(), id);
        try {
            var outcome = await(job, process, t0);
            log.debug("sample={} job={} state={} exit={}", job.sampleId(), id, outcome.status(),
                outcome.exitCode());
            return outcome;
        } finally {
            running.remove(process);
        }
    }

    private JobOutcome await(Job job, Process process, long t0) {
        boolean ended;
        try {
            ended = process.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (closed) {
            ProcessTree.stop(process, GRACE);
            return new JobOutcome(JobOutcome.Status.CANCELLED, -1, "stopped", tail(job), elapsed(t0));
        }
        if (!ended) {
            ProcessTree.stop(process, GRACE);
            return JobOutcome.timedOut(job, tail(job), elapsed(t0));
        }
        int exit = process.exitValue();
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
            var p = new ProcessBuilder(job.after()).directory(job.folder().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(job.folder().resolve("metric-stdout.txt").toFile())
                .redirectError(job.folder().resolve("metric-stderr.txt").toFile()).start();
            running.add(p);
            try {
                if (p.waitFor(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS)) {
                    status = p.exitValue();
                } else {
                    ProcessTree.stop(p, GRACE);
                    status = SlurmWrapper.TIMED_OUT;
                }
            } finally {
                running.remove(p);
            }
        } catch (IOException e) {
            status = 127;   // as a shell reports a command it cannot start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 130;
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
