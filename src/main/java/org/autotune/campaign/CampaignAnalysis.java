package org.autotune.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.autotune.analysis.Digits;
import org.autotune.analysis.GoodnessOfFit;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.Profile;
import org.autotune.analysis.ScanDesign;
import org.autotune.analysis.ScoreNoise;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.score.ScoreType;
import org.autotune.space.Parameter;
import org.autotune.space.Space;
import tools.jackson.databind.JsonNode;

/**
 * Everything {@code autotune analyze} says about a campaign, from its journal alone: the local
 * analysis of the region of the newest finished scan (or, before any scan, of the optimizer's
 * samples within a step of the best one), profile intervals and eigentunes from it, and the
 * goodness of fit of the best sample from its observables.
 */
public final class CampaignAnalysis {
    private final Space space;
    private final String region;
    private final LocalAnalysis local;
    private final Optional<Profile> profile;
    private final Optional<GoodnessOfFit> gof;
    private final SampleRecord best;
    /** The stored report of the region the data allow (lines, numbers), from the newest scan that mapped it. */
    private final Optional<JsonNode> allowed;
    /** Every sample ran with one seed (common random numbers). */
    private final boolean oneSeed;
    /** With one seed: the score's noise measured by replicates with fresh seeds ({@code scan}), if run. */
    private final Optional<ScoreNoise> noise;

    private CampaignAnalysis(Space space, String region, LocalAnalysis local, Optional<Profile> profile,
                             Optional<GoodnessOfFit> gof, SampleRecord best,
                             Optional<JsonNode> allowed, boolean oneSeed, Optional<ScoreNoise> noise) {
        this.space = space;
        this.region = region;
        this.local = local;
        this.profile = profile;
        this.gof = gof;
        this.best = best;
        this.allowed = allowed;
        this.oneSeed = oneSeed;
        this.noise = noise;
    }

    /**
     * @param type  what the score is (fixes Δscore at 1σ)
     * @param level Δχ² of the profile intervals and eigentunes (1 for 1σ)
     * @return empty when the journal holds no finished sample
     */
    public static Optional<CampaignAnalysis> of(Space space, ScoreType type, Journal journal, double level) {
        return of(space, type, journal, level, Optional.empty());
    }

    /** The integer and choice parameters' values an analysis is restricted to, and how to print them. */
    private record Combination(Map<String, Double> values, String text, String which) {
    }

    /**
     * The analysis of the continuous parameters of a campaign with integer or choice parameters, at
     * the best sample's combination of them: {@code space} holds the continuous parameters only, and
     * only the samples with that combination take part.
     *
     * @return empty when the journal holds no finished sample
     */
    public static Optional<CampaignAnalysis> atBestCombination(Space full, ScoreType type, Journal journal,
                                                               double level) {
        var best = journal.best();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        return at(full, type, journal, level, best.get().point(), "the best combination of the others");
    }

    /**
     * As {@link #atBestCombination}, at a given combination of the integer and choice parameters
     * (the one a scan held them at).
     *
     * @param values a value for every integer and choice parameter (others are ignored)
     */
    public static Optional<CampaignAnalysis> atCombination(Space full, ScoreType type, Journal journal, double level,
                                                           Map<String, Double> values) {
        return at(full, type, journal, level, values, "the combination the scan held");
    }

    /**
     * As {@link #atCombination}, at a combination the user chose ({@code --at}).
     *
     * @param which how the output names it, e.g. "the combination given with --at"
     */
    public static Optional<CampaignAnalysis> atCombination(Space full, ScoreType type, Journal journal, double level,
                                                           Map<String, Double> values, String which) {
        return at(full, type, journal, level, values, which);
    }

    private static Optional<CampaignAnalysis> at(Space full, ScoreType type, Journal journal, double level,
                                                 Map<String, Double> values, String which) {
        var fixed = new LinkedHashMap<String, Double>();
        var text = new ArrayList<String>();
        var continuous = new ArrayList<Parameter>();
        for (var p : full.parameters()) {
            if (p.kind().continuous()) {
                continuous.add(p);
            } else {
                double v = values.get(p.name());
                fixed.put(p.name(), v);
                text.add(p.name() + " = " + p.format(v));
            }
        }
        if (continuous.isEmpty()) {
            return Optional.empty();
        }
        return of(new Space(continuous), type, journal, level,
            Optional.of(new Combination(fixed, String.join(", ", text), which)));
    }

    private static Optional<CampaignAnalysis> of(Space space, ScoreType type, Journal journal, double level,
                                                 Optional<Combination> combination) {
        var bestSample = journal.best();
        if (bestSample.isEmpty()) {
            return Optional.empty();
        }
        // only samples with the best one's events: scores from other fidelity stages are on another scale
        long events = bestSample.get().events();
        // read without observables (the fit needs points and scores): bounded memory at 10^5 samples
        var used = new ArrayList<SampleRecord>();
        var noise = new ArrayList<SampleRecord>();
        journal.forEachSample(false, s -> {
            if (s.noiseReplicate()) {
                noise.add(s);
            } else if (s.events() == events && combination.map(c -> c.values().entrySet().stream()
                .allMatch(e -> e.getValue().equals(s.point().get(e.getKey())))).orElse(true)) {
                used.add(s);
            }
        });
        // the best sample of the combination analysed (a neighbouring integer may have scored lower)
        var bestRead = used.stream().filter(s -> s.status() == SampleStatus.FINISHED && s.score().isPresent())
            .min(Comparator.comparingDouble(s -> s.score().getAsDouble())).orElse(bestSample.get());
        // the samples were read without observables; the best one's are the goodness of fit's pulls
        var best = bestRead.id() == bestSample.get().id() ? bestSample.get()
            : journal.sample(bestRead.id()).orElse(bestRead);
        var scan = Designs.newestScan(journal);
        // a scan over another set of parameters (a held scan, analysed over all) does not describe this region
        // and a scan that held the discrete parameters at another combination does not either
        ScanDesign design = scan.filter(x -> combination.map(c -> c.values().equals(x.held())).orElse(true))
            .map(Designs.FinishedScan::design).filter(d -> d.center().length == space.dimension()).orElse(null);
        String region = scan.map(x -> "scan " + x.number()).orElse(null);
        if (design == null) {
            double[] center = space.toUnit(LocalAnalysis.pointOf(space, best.point()));
            double[] widths = new double[space.dimension()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.min(0.2, space.parameter(i).unitStep());
            }
            design = ScanDesign.around(center, widths);
            region = "no scan yet: the campaign's samples within 2.5 steps of the best one";
        }
        if (combination.isPresent()) {
            boolean noScan = region.startsWith("no scan");
            region = (noScan ? "" : region + ", ")
                + "the continuous parameters at " + combination.get().which() + " (" + combination.get().text()
                + "): of its " + used.size() + " samples, those within " + (noScan ? "2.5 steps of the best one"
                : "the scan's region");
        }
        var local = LocalAnalysis.of(space, type, design, used);
        var center = local.minimum().orElse(LocalAnalysis.pointOf(space, best.point()));
        var profile = local.constraints().map(c -> Profile.of(space, center, c, type, level));
        var gof = GoodnessOfFit.of(best.observables(), space.dimension());
        var allowed = journal.meta("region").map(ScanJson::tree);
        boolean oneSeed = used.stream().filter(s -> s.score().isPresent()).mapToLong(SampleRecord::seed).distinct()
            .count() == 1 && used.size() > 1;
        var replicates = NoiseReplicates.of(journal, noise, used);
        return Optional.of(new CampaignAnalysis(space, region, local, profile, gof, best, allowed, oneSeed,
            replicates));
    }

    public LocalAnalysis local() { return local; }

    public Optional<Profile> profile() { return profile; }

    public Optional<GoodnessOfFit> goodnessOfFit() { return gof; }

    /** The report as lines of text. */
    public List<String> describe() {
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "best sample %s: score %.6g%s", best.name(), best.score().getAsDouble(),
            best.scoreError().isPresent() ? String.format(Locale.ROOT, " +- %.2g", best.scoreError().getAsDouble())
                : ""));
        out.add("region: " + region);
        if (region.startsWith("no scan")) {
            out.add("note: 'autotune scan' runs a designed scan around the best sample; the numbers below use only "
                + "the optimizer's samples");
        }
        if (oneSeed) {
            out.add("note: every sample ran with one seed (common random numbers), so they share one noise pattern: "
                + "the quadratic fit's chi2/ndf and p say how smooth the score is, not whether the simulation "
                + "describes the data; " + (noise.isPresent() ? "the replicates with fresh seeds below measure the "
                + "noise" : "the noise itself is measured by samples with fresh seeds ('autotune scan' runs "
                + "replicates at the best point; or seeds: fresh)"));
        }
        noise.ifPresent(n -> out.addAll(n.describe()));
        if (allowed.map(a -> a.path("numbers").path("validated").asBoolean(false)).orElse(false)) {
            out.add("note: the quadratic below describes the score near the best point only; the region the data "
                + "allow (at the end) follows curved and degenerate valleys: quote its intervals");
        }
        out.addAll(local.describe());
        profile.ifPresent(p -> {
            var sigma = sigmas(p);
            out.add(String.format(Locale.ROOT, "profile intervals (others re-minimised on the quadratic, within the "
                + "range; delta chi2 = %s):", Parameter.plain(p.level())));
            for (var i : p.intervals()) {
                var par = space.parameter(space.names().indexOf(i.name()));
                out.add(String.format(Locale.ROOT, "  %-16s [%s%s, %s%s] %s", i.name(),
                    i.lowAtBound() ? "range end " : "", Digits.value(i.low(), sigma.get(i.name())),
                    Digits.value(i.high(), sigma.get(i.name())), i.highAtBound() ? " range end" : "", par.unit()));
            }
            out.add("eigentunes (parameter sets at the same level along each principal direction):");
            for (var t : p.eigentunes()) {
                var values = new ArrayList<String>();
                for (int i = 0; i < space.dimension(); i++) {
                    String name = space.parameter(i).name();
                    values.add(name + "=" + Digits.value(t.point().get(i), sigma.getOrDefault(name, Double.NaN)));
                }
                out.add(String.format(Locale.ROOT, "  %d%c  %s%s", t.direction(), t.sign(), String.join(" ", values),
                    t.clipped() ? String.format(Locale.ROOT, "  (clipped at the range; delta %.2g)", t.delta()) : ""));
            }
        });
        gof.ifPresentOrElse(g -> out.addAll(g.describe(10)),
            () -> out.add("goodness of fit: the metric exposes no observables, so no pulls"));
        allowed.ifPresent(a -> a.get("lines").forEach(line -> out.add(line.asText())));
        return out;
    }

    /** The numbers, as written to analysis.json and the journal. */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("best_sample", best.name());
        map.put("best_score", best.score().getAsDouble());
        map.put("best_point", best.point());
        map.put("region", region);
        map.putAll(local.toMap());
        profile.ifPresent(p -> map.putAll(p.toMap()));
        gof.ifPresent(g -> map.put("goodness_of_fit", g.toMap()));
        noise.ifPresent(n -> map.put("score_noise", n.toMap()));
        allowed.ifPresent(a -> map.put("region_allowed", a.get("numbers")));
        return map;
    }

    /**
     * Each parameter's 1σ for printing its interval and eigentunes: the quadratic's, or where it has
     * none, half the profile interval's width.
     */
    private Map<String, Double> sigmas(Profile p) {
        var out = new HashMap<String, Double>();
        for (var i : p.intervals()) {
            out.put(i.name(), (i.high() - i.low()) / 2);
        }
        local.constraints().ifPresent(c -> c.estimates().stream().filter(e -> e.sigma() > 0
            && Double.isFinite(e.sigma())).forEach(e -> out.put(e.name(), e.sigma())));
        return out;
    }
}
