package org.autotune.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs samples as SLURM job arrays. Jobs submitted close together go into one array
 * ({@code sbatch --array=0-N%slots}); each task runs a fixed wrapper script that reads its sample
 * folder from the array's task list, the command from {@code command.argv} (NUL-separated, so no
 * value is ever interpreted by a shell), runs it under {@code timeout}, and records its exit status
 * atomically in {@code exit-status}. That marker tells completion even where {@code sacct} is not
 * available and after a job has aged out of {@code squeue}; squeue and sacct fill in jobs that
 * died without writing it (time limit, cancellation, node failure).
 *
 * <p>Sample folders must be on a filesystem the compute nodes share with the machine running
 * Autotune. Jobs survive the coordinator: {@link #attach} picks them up again after a restart.
 */
public final class SlurmExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SlurmExecutor.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(250);

    private final SlurmOptions options;
    private final int slots;
    private final Path workDir;
    private final String jobName;
    private final Path wrapper;
    private final boolean sacct;
    private final List<SlurmTask> pending = new ArrayList<>();
    private final Map<String, SlurmTask> active = new LinkedHashMap<>();
    private final Thread loop;
    private final SlurmPoller poller;
    private int arrays;
    private volatile boolean closed;

    /**
     * @param workDir folder for the wrapper script, task lists and SLURM's own logs (the campaign's
     *                {@code slurm/} folder)
     * @param name    campaign name, used in job names so users can tell campaigns apart in squeue
     */
    public SlurmExecutor(SlurmOptions options, int slots, Path workDir, String name) {
        this.options = options;
        this.slots = slots;
        this.workDir = workDir.toAbsolutePath();
        this.jobName = "autotune-" + name.replaceAll("[^A-Za-z0-9_.-]", "_");
        var version = Slurm.run(List.of("sbatch", "--version"));
        if (!version.ok()) {
            throw new IllegalStateException("cannot run sbatch (" + version.err().strip() + "): run Autotune on a "
                + "machine that can submit SLURM jobs, or use executor type local");
        }
        this.sacct = options.sacct().equals("auto") && Slurm.hasAccounting();
        this.poller = new SlurmPoller(options.markerWait());
        this.wrapper = SlurmWrapper.write(this.workDir);
        this.loop = new Thread(this::run, "autotune-slurm");
        loop.setDaemon(true);
        loop.start();
        log.info("executor=slurm slots={} sacct={} folder={}", slots, sacct, this.workDir);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public JobHandle submit(Job job) {
        var handle = new JobHandle(job, new CompletableFuture<>(), new CompletableFuture<>());
        synchronized (this) {
            if (closed) {   // the campaign is stopping
                handle.started().complete("");
                handle.outcome().complete(new JobOutcome(JobOutcome.Status.CANCELLED, -1, "cancelled before it "
                    + "was submitted", "", Duration.ZERO));
                return handle;
            }
            pending.add(new SlurmTask(job, handle, System.nanoTime()));
            notifyAll();
        }
        return handle;
    }

    /** Follows a job submitted before a restart, given the id it had ({@code slurm:123_4}). */
    @Override
    public Optional<JobHandle> attach(Job job, String id) {
        if (!id.matches("slurm:\\d+_\\d+")) {
            return Optional.empty();
        }
        var handle = new JobHandle(job, CompletableFuture.completedFuture(id), new CompletableFuture<>());
        synchronized (this) {
            active.put(id.substring("slurm:".length()), new SlurmTask(job, handle, System.nanoTime()));
            notifyAll();
        }
        log.info("sample={} job={} state=ATTACHED", job.sampleId(), id);
        return Optional.of(handle);
    }

    /** Cancels every job this executor follows (scancel) and completes them as CANCELLED. */
    @Override
    public void close() {
        List<SlurmTask> cancelled;
        List<String> ids;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ids = List.copyOf(active.keySet());
            cancelled = new ArrayList<>(pending);
            cancelled.addAll(active.values());
            pending.clear();
            active.clear();
            notifyAll();
        }
        var reply = Slurm.scancel(ids);
        if (!reply.ok()) {
            log.warn("scancel of {} failed: {}", ids, reply.err().strip());
        }
        for (var t : cancelled) {
            t.handle().started().complete("");
            t.complete(new JobOutcome(JobOutcome.Status.CANCELLED, -1, "cancelled", "", t.elapsed()));
        }
        loop.interrupt();
    }

    private void run() {
        Duration delay = FIRST_POLL;
        while (!closed) {
            boolean changed;
            try {
                changed = submitPending() | poller.poll(snapshot(), sacct, this::finish);
            } catch (RuntimeException e) {   // keep following jobs: one bad reply must not lose them
                log.warn("slurm poll failed: {}", e.toString());
                changed = false;
            }
            delay = changed ? FIRST_POLL : min(options.poll(), delay.multipliedBy(3).dividedBy(2));
            synchronized (this) {
                if (pending.isEmpty() && !closed) {
                    try {
                        wait(delay.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private synchronized Map<String, SlurmTask> snapshot() {
        return new LinkedHashMap<>(active);
    }

    private void finish(String id, JobOutcome outcome) {
        SlurmTask task;
        synchronized (this) {
            task = active.remove(id);
        }
        if (task != null) {
            log.debug("sample={} job=slurm:{} state={} {}", task.job().sampleId(), id, outcome.status(),
                outcome.message());
            task.complete(outcome);
        }
    }

    /**
     * Submits everything waiting as one job array (or one job each); returns true when it submitted
     * something.
     */
    private boolean submitPending() {
        List<SlurmTask> waiting;
        synchronized (this) {
            if (pending.isEmpty()) {
                return false;
            }
            waiting = List.copyOf(pending);
            pending.clear();
        }
        if (options.arrays()) {
            submitArray(waiting);
        } else {
            waiting.forEach(t -> submitArray(List.of(t)));
        }
        return true;
    }

    private void submitArray(List<SlurmTask> batch) {
        int index = ++arrays;
        try {
            Path tasks = workDir.resolve("arrays").resolve(index + ".tasks");
            Files.createDirectories(tasks.getParent());
            Files.createDirectories(workDir.resolve("logs"));
            var lines = new StringBuilder();
            for (var t : batch) {
                SlurmWrapper.prepare(t.job());
                lines.append(t.job().folder().toAbsolutePath()).append('\n');
            }
            var tmp = tasks.resolveSibling(index + ".tasks.tmp");
            Files.writeString(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, tasks, StandardCopyOption.ATOMIC_MOVE);
            var reply = Slurm.run(sbatch(batch, tasks));
            if (!reply.ok()) {
                fail(batch, Slurm.unreachable(reply)
                    ? "sbatch got no answer from SLURM: " + reply.err().strip().replace('\n', ' ')
                    : "sbatch refused the job array: " + reply.err().strip().replace('\n', ' ')
                    + "; check executor.partition, time, memory, account and qos");
                return;
            }
            String arrayId = Slurm.jobId(reply.out());
            synchronized (this) {
                for (int i = 0; i < batch.size(); i++) {
                    active.put(arrayId + "_" + i, batch.get(i));
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).handle().started().complete("slurm:" + arrayId + "_" + i);
            }
            log.info("slurm array={} tasks={} name={}", arrayId, batch.size(), jobName);
        } catch (IOException e) {
            fail(batch, "cannot write the job files: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(batch, e.getMessage());
        }
    }

    private List<String> sbatch(List<SlurmTask> batch, Path tasks) {
        var timeout = batch.stream().map(t -> t.job().timeout()).max(Duration::compareTo).orElseThrow();
        var cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=" + jobName,
            "--array=0-" + (batch.size() - 1) + "%" + slots, "--time=" + options.timeLimit(timeout),
            "--cpus-per-task=" + options.cpus(), "--output=" + workDir.resolve("logs") + "/%A_%a.out",
            "--chdir=" + workDir));
        options.memory().ifPresent(m -> cmd.add("--mem=" + m));
        options.partition().ifPresent(p -> cmd.add("--partition=" + p));
        options.account().ifPresent(a -> cmd.add("--account=" + a));
        options.qos().ifPresent(q -> cmd.add("--qos=" + q));
        cmd.addAll(options.extra());
        cmd.add(wrapper.toString());
        cmd.add(tasks.toString());
        return cmd;
    }

    private static void fail(List<SlurmTask> batch, String message) {
        for (var t : batch) {
            t.handle().started().complete("");
            t.complete(JobOutcome.infrastructure(message, "", t.elapsed()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Writes bytes to a file atomically (write, then rename), for files jobs read. */
    static void writeAtomically(Path file, byte[] bytes) {
        try {
            var tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
