package org.autotune.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.autotune.YamlFile;
import org.autotune.score.Score;
import org.autotune.optimize.FidelitySchedule;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.space.Point;

/**
 * A fidelity schedule against fixed events per sample on the toy-DMC campaign (8 parameters, the
 * example's simulator code, files and metric, in process), side by side on the same seeds, with the
 * same budget of simulated events for each: the default optimizer at 40 events per sample, at 640,
 * and with {@code fidelity: {events: [40, 160, 640], samples: [S1, S2]}}.
 *
 * <p>Reported per configuration, medians over seeds: how well the final estimate (the optimizer's
 * own, or else its best sample at the highest fidelity) matches the data, judged independently of
 * the run: its score with {@value #JUDGE_EVENTS} events and a seed no run used, minus the truth's
 * score with the same events and seed (the toy has degenerate parameter combinations, so the
 * distance to the true parameters says little; this difference says how much worse than the truth
 * the tuned simulation describes the data); the distance to the truth (root-mean-square over the
 * unit-cube coordinates) for reference; the events and samples spent; the waves of 8 slots.
 *
 * <p>usage: FidelityBench [EVENTS_BUDGET (default 64000)] [SEEDS (default 1,2,3,4,5)]
 */
public final class FidelityBench {
    private static final int SLOTS = 8;
    private static final int JUDGE_EVENTS = 5120;

    record Config(String name, int[] events, int[] points) {
    }

    record Run(double excess, double distance, long events, int samples, int waves) {
    }

    private FidelityBench() {
    }

    public static void main(String[] args) throws Exception {
        long budget = args.length > 0 ? Long.parseLong(args[0]) : 64_000;
        long[] seeds = Arrays.stream((args.length > 1 ? args[1] : "1,2,3,4,5").split(","))
            .mapToLong(Long::parseLong).toArray();
        var configs = List.of(
            new Config("fixed 40 events", new int[] {40}, new int[] {Integer.MAX_VALUE}),
            new Config("fixed 640 events", new int[] {640}, new int[] {Integer.MAX_VALUE}),
            new Config("fidelity [40, 160, 640], samples [200, 100]", new int[] {40, 160, 640},
                new int[] {200, 100, Integer.MAX_VALUE}));
        try (var toy = new OptimizersBench.ToyDmc()) {
            System.out.printf(Locale.ROOT, "toy-dmc, default optimizer (%s), %d slots, budget %d simulated events, "
                + "seeds %s%n", Optimizers.DEFAULT, SLOTS, budget, Arrays.toString(seeds));
            System.out.printf(Locale.ROOT, "%-44s %12s %9s %8s %8s %6s   per seed: score excess%n",
                "configuration", "score excess", "distance", "events", "samples", "waves");
            var medians = new double[configs.size()];
            for (int c = 0; c < configs.size(); c++) {
                var config = configs.get(c);
                var runs = new ArrayList<Run>();
                for (long seed : seeds) {
                    runs.add(run(toy, config, seed, budget));
                }
                medians[c] = median(runs.stream().mapToDouble(Run::excess).toArray());
                System.out.printf(Locale.ROOT, "%-44s %12.2f %9.3f %8.0f %8.0f %6.0f   %s%n", config.name(), medians[c],
                    median(runs.stream().mapToDouble(Run::distance).toArray()),
                    median(runs.stream().mapToDouble(r -> r.events()).toArray()),
                    median(runs.stream().mapToDouble(Run::samples).toArray()),
                    median(runs.stream().mapToDouble(Run::waves).toArray()),
                    runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.excess())).toList());
            }
            System.out.printf(Locale.ROOT, "ratio score excess fixed-40/fidelity = %.2f, fixed-640/fidelity = %.2f%n",
                medians[0] / medians[2], medians[1] / medians[2]);
        }
    }

    /** The campaign loop with {@code SLOTS} samples in flight, until the optimizer is done or the events are spent. */
    static Run run(OptimizersBench.ToyDmc toy, Config config, long seed, long budget) {
        var space = toy.space();
        var opt = new FidelitySchedule(space, new FidelitySchedule.Stages(config.events(), config.points(), 0.5),
            (s, stage) -> Optimizers.create(YamlFile.parse(Path.of("bench.yaml"), "type: " + Optimizers.DEFAULT), s,
                seed + stage, SLOTS, false, true));
        record InFlight(Point point, int events, long id, int wave) {
        }
        var queue = new ArrayDeque<InFlight>();
        long spent = 0;
        long id = 0;
        int lastWave = 0;
        int freedWave = 0;
        int bestEvents = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        Point best = space.start();
        while (true) {
            if (!opt.done() && spent < budget) {
                var points = opt.ask(SLOTS - queue.size());
                int events = opt.events().orElseThrow();
                for (var p : points) {
                    if (spent + events > budget) {
                        break;
                    }
                    spent += events;
                    queue.add(new InFlight(p, events, ++id, freedWave + 1));
                }
            }
            if (queue.isEmpty()) {
                break;
            }
            var s = queue.poll();
            lastWave = Math.max(lastWave, s.wave());
            freedWave = s.wave();
            Score score = toy.evaluate(seed, s.id(), s.point(), s.events());
            opt.tell(List.of(new Result(s.point(), Optional.ofNullable(score))));
            if (score != null && (s.events() > bestEvents || score.value() < bestScore)) {
                bestEvents = s.events();
                bestScore = score.value();
                best = s.point();
            }
        }
        var estimate = opt.estimate().orElse(best);
        long judgeSeed = 1_000_000 + seed;
        var judged = toy.evaluate(judgeSeed, Long.MAX_VALUE - 1, estimate, JUDGE_EVENTS);
        var truth = toy.evaluate(judgeSeed, Long.MAX_VALUE - 2, toy.truth(), JUDGE_EVENTS);
        double excess = judged == null ? Double.POSITIVE_INFINITY : judged.value() - truth.value();
        return new Run(excess, toy.distance(estimate), spent, (int) id, lastWave);
    }

    private static double median(double[] v) {
        var s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
