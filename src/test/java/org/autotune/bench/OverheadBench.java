package org.autotune.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;

/**
 * The tool's own overhead per sample: a campaign whose simulator is trivial (one {@code sh} that
 * writes a three-line CSV from its arguments) runs on 2 slots, side by side with a baseline that
 * runs the same number of the same processes on 2 threads without Autotune. Overhead per sample
 * = (campaign wall time − baseline wall time) × slots / samples: what Autotune adds (templates,
 * journal transactions, scoring, optimizer) to each slot's time. Medians over repeats.
 * Not a test: run it with {@code bench/overhead}.
 */
public final class OverheadBench {
    private static final int SLOTS = 2;
    /** The simulator: writes x = seed mod 7 and x = a, so scores vary and the descent goes on. */
    private static final String SCRIPT = "printf 'x\\n%s\\n%s\\n' \"$(($1 % 7))\" \"$2\" > events.csv";

    public static void main(String[] args) throws Exception {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        var campaignMs = new ArrayList<Double>();
        var baselineMs = new ArrayList<Double>();
        var overheads = new ArrayList<Double>();
        for (int r = 0; r <= repeats; r++) {   // round 0 warms up the JVM and is dropped
            Path dir = Files.createTempDirectory("autotune-bench");
            long t0 = System.nanoTime();
            int samples = campaign(dir, budget);
            double c = (System.nanoTime() - t0) / 1e6;
            double b = baseline(dir, samples);
            System.out.printf(Locale.ROOT, "round %d: %d samples: campaign %.0f ms, baseline %.0f ms%n",
                r, samples, c, b);
            if (r > 0) {
                campaignMs.add(c / samples);
                baselineMs.add(b / samples);
                overheads.add((c - b) * SLOTS / samples);
            }
        }
        double c = median(campaignMs);
        double b = median(baselineMs);
        System.out.printf(Locale.ROOT, "slots=%d repeats=%d (medians)%n", SLOTS, repeats);
        System.out.printf(Locale.ROOT, "campaign: %.2f ms wall per sample = %.0f samples/s%n", c, 1000 / c);
        System.out.printf(Locale.ROOT, "baseline, same processes without Autotune: %.2f ms wall per sample%n", b);
        System.out.printf(Locale.ROOT, "ratio campaign/baseline wall time = %.2f%n", c / b);
        System.out.printf(Locale.ROOT, "overhead per sample per slot = %.2f ms (goal < 20 ms)%n", median(overheads));
    }

    /** Runs the campaign; returns how many samples it ran. */
    private static int campaign(Path dir, int budget) throws Exception {
        Files.writeString(dir.resolve("reference.csv"), "x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        Files.writeString(dir.resolve("in.template"), "a={{a}} b={{b}} seed={{seed}}\n");
        var file = dir.resolve("bench.yaml");
        var yaml = """
            parameters:
              a: {min: 0, max: 1, step: 0.001}
              b: {min: 0, max: 1, step: 0.001}
            simulator:
              templates: [in.template]
              command: [sh, -c, SCRIPT, sh, "{{seed}}", "{{a}}"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [x]}
            optimizer: {type: coordinate-descent, refinements: 30}
            executor: {slots: SLOTS}
            seeds: fresh
            budget: BUDGET
            """.replace("SCRIPT", "'" + SCRIPT.replace("'", "''") + "'")
            .replace("SLOTS", Integer.toString(SLOTS)).replace("BUDGET", Integer.toString(budget));
        Files.writeString(file, yaml);
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            var outcome = campaign.run(Progress.NONE, Clock.systemUTC());
            if (outcome.last().failed() > 0) {
                throw new IllegalStateException(outcome.last().failed() + " samples failed; see " + dir);
            }
            return outcome.last().done();
        }
    }

    private static double baseline(Path dir, int samples) throws Exception {
        var pool = Executors.newFixedThreadPool(SLOTS);
        long t0 = System.nanoTime();
        var futures = new ArrayList<Future<Integer>>();
        for (int i = 0; i < samples; i++) {
            Path folder = dir.resolve("baseline").resolve(Integer.toString(i));
            var cmd = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh", Long.toString(1_000_000L + i), "0.5"));
            futures.add(pool.submit(() -> {
                Files.createDirectories(folder);
                var p = new ProcessBuilder(cmd).directory(folder.toFile())
                    .redirectOutput(folder.resolve("stdout.txt").toFile())
                    .redirectError(folder.resolve("stderr.txt").toFile())
                    .redirectInput(new File("/dev/null")).start();
                return p.waitFor();
            }));
        }
        for (var f : futures) {
            f.get();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return ms;
    }

    private static double median(List<Double> xs) {
        var a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
