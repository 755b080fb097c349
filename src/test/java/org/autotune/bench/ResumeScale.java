package org.autotune.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;
import org.autotune.execute.Executor;
import org.autotune.execute.Job;
import org.autotune.execute.JobHandle;
import org.autotune.execute.JobOutcome;

/**
 * Writes a campaign journal that the optimizer itself wrote, for {@code bench/resume-scale}: a
 * CMA-ES campaign of N samples on two parameters (population N / 100, so that it runs ~100 generations
 * and does not stop early) (the overhead benchmark's simulator, x = seed mod 7
 * and x = a, scored by mean-std), run by the real run loop, metric and journal. Only the executor
 * is a stand-in: it writes the simulator's one output file itself instead of starting {@code sh}
 * (a process per sample would take hours for 10⁵ samples on a busy machine). The journal then
 * replays exactly: {@code autotune resume} on the campaign file finds nothing to do.
 *
 * <p>usage: ResumeScale FOLDER SAMPLES
 */
public final class ResumeScale {
    private ResumeScale() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("reference.csv"), "x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        Files.writeString(dir.resolve("in.template"), "a={{a}} b={{b}} seed={{seed}}\n");
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            name: resume-scale
            parameters:
              a: {min: 0, max: 1, step: 0.001}
              b: {min: 0, max: 1, step: 0.001}
            simulator:
              templates: [in.template]
              command: [sh, -c, 'printf ''x\\n%s\\n%s\\n'' "$(($1 % 7))" "$2" > events.csv', sh, "{{seed}}", "{{a}}"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [x]}
            optimizer: {type: cma-es, population: POPULATION, tolerance: 1.0e-12, generations: 1000000}
            executor: {slots: 2}
            seeds: fresh
            budget: BUDGET
            """.replace("BUDGET", Integer.toString(n)).replace("POPULATION", Integer.toString(Math.max(10, n / 100))));
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            var outcome = campaign.run(Progress.NONE, Clock.systemUTC(), new Instant());
            System.out.println("samples: " + outcome.last().done());
        }
    }

    /** Does what the simulator's {@code sh -c printf} does, in this process, at once. */
    private static final class Instant implements Executor {
        @Override
        public int slots() {
            return 2;
        }

        @Override
        public JobHandle submit(Job job) {
            var args = job.command();   // sh -c SCRIPT sh SEED A
            long seed = Long.parseLong(args.get(4));
            try {
                Files.createDirectories(job.folder());
                Files.writeString(job.folder().resolve("events.csv"), "x\n" + (seed % 7) + "\n" + args.get(5) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new JobHandle(job, CompletableFuture.completedFuture("instant:" + job.sampleId()),
                CompletableFuture.completedFuture(new JobOutcome(JobOutcome.Status.SUCCEEDED, JobOutcome.Cause.SAMPLE,
                    0, "", "", Duration.ofMillis(1))));
        }

        @Override
        public void close() {
            // nothing runs in the background
        }
    }
}
