package org.autotune.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.InputError;
import org.autotune.analysis.Emulator;
import org.autotune.analysis.EmulatorJson;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.ScanDesign;
import org.autotune.journal.SampleRecord;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;

/**
 * The per-observable emulators of {@code autotune export --emulators}: one polynomial per observable
 * (with its prediction error) fitted to the finished samples of the analysed region, the region
 * {@code analyze} uses (the newest scan's, or before any scan the samples within 2.5 steps of the
 * best one), exactly as the scan's region mapping fits them. With integer or choice parameters, over
 * the real and log ones at the best sample's combination of the others.
 *
 * @param space    the parameters the emulators are functions of
 * @param emulator the fitted emulators
 * @param region   which samples they learnt from, in words
 * @param held     the integer and choice parameters' values (empty: none)
 */
public record EmulatorExport(Space space, Emulator emulator, String region, Map<String, Double> held, int events) {
    /** The emulators of a campaign's journal; a one-line {@link InputError} when its samples do not allow them. */
    public static EmulatorExport of(CampaignView view) {
        var best = view.best().orElseThrow(() -> new InputError(view.config().file(), "--emulators",
            "no finished sample yet", "let 'autotune run' finish samples first"));
        var full = view.space();
        var held = new LinkedHashMap<String, Double>();
        var continuous = new ArrayList<Parameter>();
        for (var p : full.parameters()) {
            if (p.kind().continuous()) {
                continuous.add(p);
            } else {
                held.put(p.name(), best.point().get(p.name()));
            }
        }
        if (continuous.isEmpty()) {
            throw new InputError(view.config().file(), "--emulators", "the campaign has no real or log parameter "
                + "to emulate the observables over", "compare the combinations with 'autotune export' instead");
        }
        var space = new Space(continuous);
        var scan = Designs.newestScan(view.journal()).filter(s -> s.design().center().length == space.dimension());
        ScanDesign design = scan.map(Designs.FinishedScan::design).orElseGet(() -> around(space, best));
        String region = scan.map(s -> "the region of scan " + s.number())
            .orElse("the samples within 2.5 steps of the best one (no scan yet)");
        var samples = new ArrayList<Emulator.Sample>();
        for (SampleRecord s : view.samples()) {
            boolean combination = held.entrySet().stream()
                .allMatch(e -> e.getValue().equals(s.point().get(e.getKey())));
            if (combination && s.toScore().isPresent() && s.events() == best.events() && !s.observables().isEmpty()
                && !s.noiseReplicate()) {
                double[] u = space.toUnit(LocalAnalysis.pointOf(space, s.point()));
                if (design.covers(u)) {
                    samples.add(new Emulator.Sample(u, s.observables()));
                }
            }
        }
        boolean crn = view.config().seeds() == SeedPolicy.FIXED;
        Optional<Emulator> emulator = samples.isEmpty() ? Optional.empty() : Emulator.fit(samples, crn);
        return new EmulatorExport(space, emulator.orElseThrow(() -> new InputError(view.config().file(),
            "--emulators", samples.size() + " finished samples with observables, " + region + ", do not determine "
                + "even a linear emulator (or the metric exposes no observables)", "run 'autotune scan' first, "
                + "with a metric that gives observables (chi2 against reference data)")), region, held, best.events());
    }

    private static ScanDesign around(Space space, SampleRecord best) {
        double[] center = space.toUnit(LocalAnalysis.pointOf(space, best.point()));
        double[] widths = new double[space.dimension()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(0.2, space.parameter(i).unitStep());
        }
        return ScanDesign.around(center, widths);
    }

    /** The file's content: the format name, the campaign, the parameters' unit-cube mapping, the emulators. */
    public Map<String, Object> toMap(String campaign) {
        var map = new LinkedHashMap<String, Object>();
        map.put("format", "autotune-emulators/1");
        map.put("campaign", campaign);
        map.put("region", region);
        map.put("events", events);
        if (!held.isEmpty()) {
            map.put("held", held);
        }
        var parameters = new ArrayList<Map<String, Object>>();
        for (var p : space.parameters()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", p.name());
            entry.put("kind", p.kind() == ParameterKind.LOG ? "log" : "real");
            entry.put("min", p.min());
            entry.put("max", p.max());
            parameters.add(entry);
        }
        map.put("parameters", parameters);
        map.putAll(EmulatorJson.of(emulator));
        return map;
    }

    /** The parameters' names in the order of the emulators' coordinates. */
    public List<String> names() {
        return space.names();
    }
}
