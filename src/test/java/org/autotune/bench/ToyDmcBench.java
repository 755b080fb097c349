package org.autotune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Overrides;
import org.autotune.campaign.Progress;
import org.autotune.journal.SampleRecord;
import org.autotune.space.Point;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The 8-parameter toy-DMC tuning problem (examples/toy-dmc) as a benchmark: each optimizer runs
 * the example's campaign with the same seeds and budget, side by side. Target: the score of the true
 * parameters with the same seed (common random numbers) plus that score's standard error (one
 * noise standard deviation). Per run: samples until the score first reaches the target, the best
 * score minus the truth's score, and the distance of the best point from the truth in unit-cube
 * coordinates. Medians over seeds; the last line is the ratio of the first optimizer's median
 * samples-to-target to the last one's.
 * Waves: see {@link #waves}. Not a test: run it with {@code bench/toy-dmc}.
 */
public final class ToyDmcBench {
    static final Map<String, Double> TRUTH = org.autotune.examples.ToyDmcFiles.TRUTH;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    record Run(String optimizer, long seed, int samples, int toTarget, int wavesToTarget, int waves, double excess,
               double distance) {
    }

    public static void main(String[] args) throws Exception {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        OptionalInt slots = args.length > 3 ? OptionalInt.of(Integer.parseInt(args[3])) : OptionalInt.empty();
        var seeds = args.length > 1 ? List.of(args[1].split(",")).stream().map(Long::parseLong).toList() : List.of(3L, 4L, 5L);
        var optimizers = new LinkedHashMap<String, String>();
        for (String spec : (args.length > 2 ? args[2] : "coordinate-descent={type: coordinate-descent, refinements: 4}")
            .split(";")) {
            int eq = spec.indexOf('=');
            optimizers.put(spec.substring(0, eq).trim(), spec.substring(eq + 1).trim());
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("autotune-toy-dmc-bench");
        org.autotune.examples.ToyDmcFiles.copyExample(work);
        String text = Files.readString(work.resolve("campaign.yaml"));
        var runs = new ArrayList<Run>();
        for (long seed : seeds) {
            double[] truth = truthScore(work, text, seed);
            double target = truth[0] + truth[1];
            System.out.printf(Locale.ROOT, "seed %d: score at the truth %.2f +- %.2f, target %.2f%n", seed, truth[0],
                truth[1], target);
            for (var o : optimizers.entrySet()) {   // interleaved: every optimizer on this seed, then the next seed
                long t0 = System.nanoTime();
                var run = run(work, text, o.getKey(), o.getValue(), seed, budget, slots, target, truth[0]);
                runs.add(run);
                System.out.printf(Locale.ROOT, "  %-20s samples %d in %d waves, to target %s, best - target %.2f, "
                    + "distance %.3f (%.0f s)%n", o.getKey(), run.samples(), run.waves(), run.toTarget() < 0
                    ? "not reached" : run.toTarget() + " samples, " + run.wavesToTarget() + " waves",
                    run.excess(), run.distance(), (System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "%nbudget %d, seeds %s, slots %s (medians over seeds)%n", budget, seeds,
            slots.isPresent() ? slots.getAsInt() : "from the campaign file");
        System.out.println("| optimizer | samples to target | waves to target | best score - truth's score | distance "
            + "to truth (unit cube) | reached |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String name : optimizers.keySet()) {
            var mine = runs.stream().filter(r -> r.optimizer().equals(name)).toList();
            var to = mine.stream().mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY : r.toTarget()).toArray();
            double medianTo = median(to);
            double medianWaves = median(mine.stream().mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY
                : r.wavesToTarget()).toArray());
            int maxWaves = mine.stream().mapToInt(Run::waves).max().orElse(0);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.3f | %d of %d |%n", name,
                Double.isInfinite(medianTo) ? "> " + budget : String.format(Locale.ROOT, "%.0f", medianTo),
                Double.isInfinite(medianWaves) ? "> " + maxWaves : String.format(Locale.ROOT, "%.0f", medianWaves),
                median(mine.stream().mapToDouble(Run::excess).toArray()),
                median(mine.stream().mapToDouble(Run::distance).toArray()),
                mine.stream().filter(r -> r.toTarget() >= 0).count(), mine.size());
        }
        var names = List.copyOf(optimizers.keySet());
        if (names.size() > 1) {
            String first = names.get(0);
            String last = names.get(names.size() - 1);
            double a = median(runs.stream().filter(r -> r.optimizer().equals(first))
                .mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY : r.toTarget()).toArray());
            double b = median(runs.stream().filter(r -> r.optimizer().equals(last))
                .mapToDouble(r -> r.toTarget() < 0 ? Double.POSITIVE_INFINITY : r.toTarget()).toArray());
            String lastName = last.equals(org.autotune.optimize.Optimizers.DEFAULT) ? "default" : last;
            System.out.printf(Locale.ROOT, "ratio samples-to-target %s/%s = %s%n", first, lastName, Double.isInfinite(a)
                ? "> " + String.format(Locale.ROOT, "%.1f", budget / b) + " (" + first + " did not reach it in "
                + budget + ")" : String.format(Locale.ROOT, "%.2f", a / b));
        }
    }

    /** The truth's score and its standard error. */
    private static double[] truthScore(Path work, String text, long seed) throws IOException {
        var tree = (ObjectNode) YAML.readTree(text);
        var parameters = (ObjectNode) tree.get("parameters");
        TRUTH.forEach((name, value) -> ((ObjectNode) parameters.get(name)).put("start", value));
        tree.put("budget", 1);
        tree.put("seed", seed);
        var file = work.resolve("truth-" + seed + ".yaml");
        Files.writeString(file, YAML.writeValueAsString(tree));
        try (var c = Campaign.open(CampaignConfig.read(file), Overrides.none(), false)) {
            var outcome = c.run(Progress.NONE, Clock.systemUTC());
            var best = outcome.best().orElseThrow(() -> new IllegalStateException("the truth sample failed"));
            return new double[] {best.score().getAsDouble(), best.scoreError().orElse(0)};
        }
    }

    private static Run run(Path work, String text, String name, String optimizer, long seed, int budget,
                           OptionalInt slots, double target, double truthScore) throws IOException {
        var tree = (ObjectNode) YAML.readTree(text);
        tree.set("optimizer", YAML.readTree(optimizer));
        tree.put("budget", budget);
        tree.put("seed", seed);
        var file = work.resolve(name + "-" + seed + ".yaml");
        Files.writeString(file, YAML.writeValueAsString(tree));
        var config = CampaignConfig.read(file);
        try (var c = Campaign.open(config, new Overrides(Optional.empty(), slots, OptionalLong.empty(),
            Optional.empty(), true), false)) {
            c.run(Progress.NONE, Clock.systemUTC());
            var samples = c.journal().samples().stream().filter(s -> s.origin().equals("optimizer"))
                .toList();
            int toTarget = -1;
            double best = Double.POSITIVE_INFINITY;
            SampleRecord bestSample = null;
            for (int i = 0; i < samples.size(); i++) {
                var s = samples.get(i);
                if (s.score().isPresent()) {
                    if (toTarget < 0 && s.score().getAsDouble() <= target) {
                        toTarget = i + 1;
                    }
                    if (s.score().getAsDouble() < best) {
                        best = s.score().getAsDouble();
                        bestSample = s;
                    }
                }
            }
            int[] wave = waves(samples);
            var space = config.space();
            var bestPoint = bestSample.point();
            double[] u = space.toUnit(new Point(space.names(), space.names().stream()
                .mapToDouble(bestPoint::get).toArray()));
            double[] t = space.toUnit(new Point(space.names(), space.names().stream().mapToDouble(TRUTH::get).toArray()));
            double d = 0;
            for (int i = 0; i < u.length; i++) {
                d += (u[i] - t[i]) * (u[i] - t[i]);
            }
            return new Run(name, seed, samples.size(), toTarget, toTarget < 0 ? -1 : wave[toTarget - 1],
                java.util.Arrays.stream(wave).max().orElse(0), best - truthScore, Math.sqrt(d));
        }
    }

    /**
     * Each sample's wave: 1 + the largest wave among the samples that had finished when it was
     * created (1 for samples created before any finished). With every simulation taking the same
     * time, waves count wall-clock rounds on unlimited hardware; they never under-count, since a
     * sample created after another finished may not actually have waited for it.
     */
    static int[] waves(List<SampleRecord> samples) {
        int[] wave = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            var created = samples.get(i).created();
            int w = 0;
            for (int j = 0; j < samples.size(); j++) {
                var f = samples.get(j).finished();
                if (j != i && f.isPresent() && !f.get().isAfter(created) && wave[j] > 0) {
                    w = Math.max(w, wave[j]);
                }
            }
            wave[i] = w + 1;
        }
        return wave;
    }

    static double median(double[] values) {
        var v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
