package org.autotune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;

/**
 * End-to-end samples per second with a trivial simulator, side by side on the same machine and
 * campaign: the local executor, SLURM job arrays, and SLURM with one job per sample. Medians over
 * repeats. Needs a running SLURM cluster (scripts/slurm-start). Not a test: run bench/slurm.
 */
public final class SlurmBench {
    public static void main(String[] args) throws Exception {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        var executors = new LinkedHashMap<String, String>();
        executors.put("local", "{type: local, slots: " + slots + "}");
        executors.put("slurm arrays", "{type: slurm, slots: " + slots + ", poll: 1s}");
        executors.put("slurm one job per sample", "{type: slurm, slots: " + slots + ", poll: 1s, arrays: false}");
        var rates = new LinkedHashMap<String, List<Double>>();
        executors.keySet().forEach(k -> rates.put(k, new ArrayList<>()));
        for (int r = 0; r < repeats; r++) {
            for (var e : executors.entrySet()) {   // interleaved, so drifts of the machine hit all alike
                Path dir = Files.createTempDirectory("autotune-bench-slurm");
                long t0 = System.nanoTime();
                int n = campaign(dir, e.getValue(), budget);
                double s = (System.nanoTime() - t0) / 1e9;
                rates.get(e.getKey()).add(n / s);
                System.out.printf(Locale.ROOT, "round %d %-26s %d samples in %.1f s%n", r, e.getKey(), n, s);
            }
        }
        System.out.printf(Locale.ROOT, "slots=%d repeats=%d (medians)%n", slots, repeats);
        double local = median(rates.get("local"));
        for (var e : rates.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(Locale.ROOT, "%-26s %7.2f samples/s   local/this = %.1f%n", e.getKey(), m, local / m);
        }
        System.out.printf(Locale.ROOT, "ratio samples/s slurm-arrays/one-job-per-sample = %.2f%n",
            median(rates.get("slurm arrays")) / median(rates.get("slurm one job per sample")));
    }

    private static int campaign(Path dir, String executor, int budget) throws Exception {
        Files.writeString(dir.resolve("reference.csv"), "x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        var file = dir.resolve("bench.yaml");
        Files.writeString(file, """
            parameters:
              a: {min: 0, max: 1, step: 0.001}
              b: {min: 0, max: 1, step: 0.001}
            simulator:
              command: [sh, -c, 'printf "x\\n%s\\n%s\\n" "$(($1 % 7))" "$2" > events.csv', sh, "{{seed}}", "{{a}}"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [x]}
            optimizer: {type: coordinate-descent, refinements: 30}
            executor: EXECUTOR
            seeds: fresh
            budget: BUDGET
            """.replace("EXECUTOR", executor).replace("BUDGET", Integer.toString(budget)));
        try (var campaign = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            var outcome = campaign.run(Progress.NONE, Clock.systemUTC());
            if (outcome.last().failed() > 0) {
                throw new IllegalStateException(outcome.last().failed() + " samples failed; see " + dir);
            }
            return outcome.last().done();
        }
    }

    private static double median(List<Double> xs) {
        var a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
