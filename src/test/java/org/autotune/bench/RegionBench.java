package org.autotune.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.autotune.YamlFile;
import org.autotune.analysis.Degeneracy;
import org.autotune.analysis.Emulator;
import org.autotune.analysis.HistoryMatching;
import org.autotune.analysis.Region;
import org.autotune.analysis.RegionWaves;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * The toy-DMC closure of the region analysis on pseudo-data sets (in process, see {@link ToyDmcInProcess}):
 * per set, reference data simulated at the truth with its own seed, a surrogate tuning with its own
 * simulation seed (fixed seeds, 40 events), then the region waves; prints each wave's marginals
 * against the truth and the truth's credibility level. usage: RegionBench [SETS] [BUDGET] [WAVES] [FIRST SET]
 * [METHOD: waves (default), hm (history matching, polynomial emulators), hm-local (local emulators)]
 */
public final class RegionBench {
    public static void main(String[] args) throws Exception {
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int maxWaves = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int first = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String method = args.length > 4 ? args[4] : "waves";
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT"))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        var pool = Executors.newFixedThreadPool(2);
        var tally = new ClosureTally();
        for (int set = first; set < first + sets; set++) {
            long t0 = System.nanoTime();
            try (var toy = ToyDmcInProcess.create(OptionalLong.of(1000 + set))) {
                var space = toy.space();
                long simSeed = 3 + 100L * set;
                var opt = Optimizers.create(YamlFile.parse(Path.of("b.yaml"), "type: surrogate"), space, simSeed, 2,
                    false, true);
                var samples = new ArrayList<Emulator.Sample>();
                var scores = new ArrayList<double[]>();
                int told = 0;
                long id = 0;
                while (!opt.done() && told < budget) {
                    var points = opt.ask(Math.min(8, budget - told));
                    if (points.isEmpty()) {
                        break;
                    }
                    var futures = new ArrayList<Future<Score>>();
                    for (var p : points) {
                        long myId = ++id;
                        futures.add(pool.submit(() -> toy.score(myId, p, simSeed, 40)));
                    }
                    var results = new ArrayList<Result>();
                    for (int k = 0; k < points.size(); k++) {
                        var s = futures.get(k).get();
                        results.add(new Result(points.get(k), Optional.of(s)));
                        samples.add(new Emulator.Sample(space.toUnit(points.get(k)), s.observables()));
                        scores.add(new double[] {s.value()});
                    }
                    opt.tell(results);
                    told += points.size();
                }
                double[] truth = space.toUnit(new Point(space.names(), space.names().stream()
                    .mapToDouble(ToyDmcBench.TRUTH::get).toArray()));
                var truthScore = toy.score(++id, space.fromUnit(truth), simSeed, 40).value();
                int best = 0;
                for (int k = 0; k < scores.size(); k++) {
                    if (scores.get(k)[0] < scores.get(best)[0]) {
                        best = k;
                    }
                }
                System.out.printf(Locale.ROOT, "set %d: %d samples, best %.2f, truth %.2f (%.0f s)%n", set,
                    samples.size(), scores.get(best)[0], truthScore, (System.nanoTime() - t0) / 1e9);
                final long[] ids = {id};
                final double[] waveBest = {Double.POSITIVE_INFINITY};
                var waveSamples = new ArrayList<List<Emulator.Sample>>();
                BiFunction<Integer, List<double[]>, List<Emulator.Sample>> runner = (wave, units) -> {
                    var futures = new ArrayList<Future<Score>>();
                    for (var u : units) {
                        long myId = ++ids[0];
                        futures.add(pool.submit(() -> toy.score(myId, space.fromUnit(u), simSeed, 40)));
                    }
                    var out = new ArrayList<Emulator.Sample>();
                    for (int k = 0; k < units.size(); k++) {
                        try {
                            var sc = futures.get(k).get();
                            waveBest[0] = Math.min(waveBest[0], sc.value());
                            out.add(new Emulator.Sample(units.get(k), sc.observables()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    waveSamples.add(out);
                    return out;
                };
                RegionWaves.Outcome outcome;
                if (method.startsWith("hm")) {
                    var hm = HistoryMatching.run(space, samples, true, maxWaves, method.equals("hm-local"), 7, runner)
                        .orElseThrow();
                    hm.refocusing().forEach(r -> System.out.println("  refocus: " + r));
                    System.out.printf(Locale.ROOT, "  truth in NROY: %s (ruled out by wave %d)%n", hm.nroy().test(truth),
                        hm.ruledOutBy().applyAsInt(truth));
                    outcome = hm.outcome();
                } else {
                    outcome = RegionWaves.run(space, samples, samples.get(best).unit(), true, maxWaves,
                        3 * space.dimension(), 7, runner).orElseThrow();
                }
                int w = 0;
                for (var wave : outcome.waves()) {
                    var region = wave.region();
                    var emu = region.emulator();
                    var v = wave.validation().orElseThrow();
                    System.out.printf(Locale.ROOT, "  wave %d: %s on %d samples, scale %.2f, acceptance %.2f, chi2 at "
                        + "mode %.1f/%d, truth level %.3f, chi2 at truth %.1f, validation chi2 %.1f/%d p %.3g%s%n", ++w,
                        emu.description(), emu.samples(), emu.scale(), region.acceptance(), region.chi2AtMode(),
                        emu.observables(), region.level(truth), emu.chi2(truth), v.chi2(), v.ndf(), v.pValue(),
                        wave.beyond() ? " BEYOND" : "");
                    var beyond = region.beyondSamples();
                    for (int i = 0; i < space.dimension(); i++) {
                        var m = region.marginals().get(i);
                        System.out.printf(Locale.ROOT, "    %-14s truth %.3f  median %.3f  68%% [%.3f, %.3f]  95%% [%.3f,"
                            + " %.3f] sd %.3f box [%.3f, %.3f]%s%n", m.name(), truth[i], m.median(), m.low68(),
                            m.high68(), m.low95(), m.high95(), m.sd(), emu.lower()[i], emu.upper()[i],
                            beyond[i] ? " BEYOND" : "");
                    }
                }
                var lastEmu = outcome.region().emulator();
                var lastRan = waveSamples.get(waveSamples.size() - 1);
                double[] contribution = new double[lastEmu.observables()];
                for (var smp : lastRan) {
                    double[] z = lastEmu.predictionPulls(smp.unit(), smp.observables());
                    for (int j = 0; j < z.length; j++) {
                        contribution[j] += z[j] * z[j];
                    }
                }
                var order = java.util.stream.IntStream.range(0, contribution.length).boxed()
                    .sorted((x, y) -> Double.compare(contribution[y], contribution[x])).limit(8).toList();
                for (int j : order) {
                    System.out.printf(Locale.ROOT, "    validation chi2 of %-24s %.1f over %d samples%n",
                        lastEmu.names().get(j), contribution[j], lastRan.size());
                }
                double noise = ClosureTally.noiseAtTruth(toy, space.fromUnit(truth), ids);
                var degeneracy = Degeneracy.of(space, outcome.region());
                var set1 = new ClosureTally.Set1(set, outcome.validated(), outcome.region().level(truth),
                    Math.min(scores.get(best)[0], waveBest[0]) - truthScore, noise, degeneracy.fixed(),
                    degeneracy.degenerate());
                tally.add(set1);
                System.out.printf(Locale.ROOT, "RESULT set %d validated %s truth level %.3f best %.2f waves' best %.2f "
                    + "truth %.2f noise %.2f fixed %s degenerate %s%n", set, outcome.validated(),
                    outcome.region().level(truth), scores.get(best)[0], waveBest[0], truthScore, noise,
                    degeneracy.fixed(), degeneracy.degenerate());
            }
        }
        pool.shutdown();
        tally.describe().forEach(System.out::println);
    }
}
