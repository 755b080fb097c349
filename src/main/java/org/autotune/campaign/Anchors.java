package org.autotune.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.autotune.InputError;
import org.autotune.Options;
import org.autotune.YamlFile;
import org.autotune.likelihood.AnchorInterpolation;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.space.Parameter;
import org.autotune.space.Point;

/**
 * A total rate μ(θ) interpolated between samples at anchor values of some parameters (the
 * campaign file's {@code anchors:} section), for explicit likelihoods whose expected count comes
 * from simulations (see {@link AnchorInterpolation}). The anchor samples run as journaled samples on
 * the campaign's executor, so a second call re-runs nothing finished; the other parameters stay at
 * their start values.
 * <pre>
 * anchors:
 *   mode: cross                  # or grid, or combined
 *   parameters: {x: [-1, 0, 1], y: [-1, 0, 1], z: [0, 1]}
 *   groups: [[x, y]]             # combined only: grids within groups, cross between them
 *   nominal: {x: 0, y: 0}        # cross and combined; default: each parameter's start
 *   rate: score                  # or {component: NAME}, or {observable: NAME} (its simulated value)
 * </pre>
 */
public final class Anchors {
    /** The origin of the anchor samples: {@code anchors/1}, {@code anchors/2}, … */
    public static final String ORIGIN = "anchors";
    /** The file the interpolated totals are written to, in the campaign folder. */
    public static final String FILE_NAME = "anchors.json";

    private final CampaignConfig config;
    private final String mode;
    private final List<int[]> groups;
    private final List<String> names;
    private final List<double[]> values;
    private final double[] nominal;
    private final Rate rate;

    /** Which number of a sample's score is the total rate. */
    private record Rate(String kind, String name) {
        double of(Score score) {
            return switch (kind) {
                case "score" -> score.value();
                case "component" -> Optional.ofNullable(score.components().get(name)).orElseThrow(() ->
                    new IllegalStateException("the score has no component '" + name + "' (it has "
                        + score.components().keySet() + ")"));
                default -> score.observables().stream().filter(o -> o.name().equals(name)).findFirst()
                    .map(Observable::simulated).orElseThrow(() -> new IllegalStateException("the score has no "
                        + "observable '" + name + "' (it has " + score.observables().stream().map(Observable::name)
                        .toList() + ")"));
            };
        }

        String describe() {
            return kind.equals("score") ? "the score" : "the " + kind + " " + name;
        }
    }

    /** What {@link #run} did: how the samples ended, and the interpolation (absent when one failed). */
    public record Result(Outcome samples, Optional<Totals> totals, String message) {
    }

    /** The anchors' rates and the interpolation between them. */
    public record Totals(List<String> names, List<Map<String, Double>> points, List<Double> rates,
                         AnchorInterpolation interpolation) {
    }

    private Anchors(CampaignConfig config, String mode, List<int[]> groups, List<String> names, List<double[]> values,
                    double[] nominal, Rate rate) {
        this.config = config;
        this.mode = mode;
        this.groups = groups;
        this.names = List.copyOf(names);
        this.values = values;
        this.nominal = nominal;
        this.rate = rate;
    }

    /** The campaign file's {@code anchors:} section, checked; empty when it has none. */
    public static Optional<Anchors> of(CampaignConfig config) {
        var root = YamlFile.parse(config.file(), config.text());
        return root.optionalSection("anchors").map(a -> read(a, config));
    }

    /** Parameter names in anchor order. */
    public List<String> names() {
        return names;
    }

    /** "cross", "grid" or "combined". */
    public String mode() {
        return mode;
    }

    /** The anchor points (as the interpolation asks for them, without repeats), each a full campaign point. */
    public List<Point> points() {
        var out = new ArrayList<Point>();
        for (var a : anchorCoordinates()) {
            out.add(point(a));
        }
        return out;
    }

    /**
     * Runs the anchor samples (those finished before are answered from the journal), builds the
     * interpolation and writes {@value #FILE_NAME} into the campaign folder.
     */
    public Result run(Campaign campaign, Progress progress, Clock clock) {
        var coordinates = anchorCoordinates();
        var points = coordinates.stream().map(this::point).toList();
        var run = campaign.runDesign(points, ORIGIN, 1, "anchors", progress, clock);
        var outcome = run.outcome();
        if (outcome.state() == Outcome.State.INTERRUPTED) {
            return new Result(outcome, Optional.empty(), outcome.message());
        }
        var scores = run.scores();
        var byCoordinates = new LinkedHashMap<List<Double>, Double>();
        for (int i = 0; i < coordinates.size(); i++) {
            var score = scores.get(i);
            if (score.isEmpty()) {
                // failed samples are final in the journal (as for any origin): a new folder re-runs them
                return new Result(outcome, Optional.empty(), "the anchor sample at " + describe(coordinates.get(i))
                    + " failed, so there is nothing to interpolate; 'autotune status " + config.file()
                    + "' names it and its folder (stderr.txt); after fixing the cause, run the anchors in a new "
                    + "folder: autotune anchors " + config.file() + " --dir NEW_FOLDER");
            }
            double r;
            try {
                r = rate.of(score.get());
            } catch (IllegalStateException e) {
                throw new InputError(config.file(), "anchors.rate", e.getMessage(),
                    "name one the metric gives, or use rate: score");
            }
            byCoordinates.put(key(coordinates.get(i)), r);
        }
        var interpolation = interpolation(a -> byCoordinates.get(key(a)));
        var totals = new Totals(names, coordinates.stream().map(this::asMap).toList(),
            List.copyOf(byCoordinates.values()), interpolation);
        write(campaign.directory().resolve(FILE_NAME), totals);
        return new Result(outcome, Optional.of(totals), "every anchor sample has finished; the rate is "
            + rate.describe() + " of each sample");
    }

    /** The point of an evaluation: the given values, the nominal (cross) or start (grid) for the others. */
    public double[] at(Map<String, Double> given) {
        var x = nominal.clone();
        given.forEach((name, v) -> {
            int k = names.indexOf(name);
            if (k < 0) {
                throw new InputError(config.file(), "--at", "'" + name + "' is not an anchored parameter",
                    "use " + String.join(", ", names));
            }
            x[k] = v;
        });
        return x;
    }

    private AnchorInterpolation interpolation(ToDoubleFunction<double[]> mu) {
        return switch (mode) {
            case "grid" -> AnchorInterpolation.grid(values, mu);
            case "combined" -> AnchorInterpolation.combined(values, groups, nominal, mu);
            default -> AnchorInterpolation.cross(values, nominal, mu);
        };
    }

    /** The anchor coordinates the interpolation reads, in its order, without repeats. */
    private List<double[]> anchorCoordinates() {
        var seen = new LinkedHashMap<List<Double>, double[]>();
        interpolation(a -> {
            seen.putIfAbsent(key(a), a.clone());
            return 1;
        });
        return List.copyOf(seen.values());
    }

    private Point point(double[] coordinates) {
        var p = config.space().start();
        for (int k = 0; k < names.size(); k++) {
            p = p.with(names.get(k), coordinates[k]);
        }
        return p;
    }

    private Map<String, Double> asMap(double[] coordinates) {
        var m = new LinkedHashMap<String, Double>();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), coordinates[k]);
        }
        return m;
    }

    private String describe(double[] coordinates) {
        var parts = new ArrayList<String>();
        for (int k = 0; k < names.size(); k++) {
            parts.add(names.get(k) + "=" + Parameter.plain(coordinates[k]));
        }
        return String.join(", ", parts);
    }

    private static List<Double> key(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private void write(Path file, Totals totals) {
        var json = new LinkedHashMap<String, Object>();
        json.put("mode", mode);
        json.put("parameters", totals.names());
        var anchorValues = new LinkedHashMap<String, double[]>();
        for (int k = 0; k < names.size(); k++) {
            anchorValues.put(names.get(k), values.get(k));
        }
        json.put("anchor_values", anchorValues);
        if (!mode.equals("grid")) {
            json.put("nominal", asMap(nominal));
        }
        if (mode.equals("combined")) {
            json.put("groups", groups.stream().map(g -> Arrays.stream(g).mapToObj(names::get).toList()).toList());
        }
        var anchors = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < totals.points().size(); i++) {
            var m = new LinkedHashMap<String, Object>(totals.points().get(i));
            m.put("rate", totals.rates().get(i));
            anchors.add(m);
        }
        json.put("anchors", anchors);
        try {
            Files.writeString(file, ScanJson.write(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static Anchors read(Options a, CampaignConfig config) {
        a.allowOnly("mode", "parameters", "groups", "nominal", "rate");
        String mode = a.oneOf("mode", List.of("cross", "grid", "combined"), "cross");
        boolean grid = mode.equals("grid");
        var space = config.space();
        var section = a.section("parameters");
        var names = section.keys();
        if (names.isEmpty()) {
            throw a.error("parameters", "no anchored parameters",
                "list anchor values, e.g. parameters: {x: [-1, 0, 1]}");
        }
        var values = new ArrayList<double[]>();
        for (var name : names) {
            int index = space.names().indexOf(name);
            if (index < 0) {
                throw section.error(name, "no parameter '" + name + "' in this campaign",
                    "use one of " + String.join(", ", space.names()));
            }
            var p = space.parameter(index);
            var texts = section.strings(name);
            var v = new double[texts.size()];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = Double.parseDouble(texts.get(i));
                } catch (NumberFormatException e) {
                    throw section.error(name, "anchor '" + texts.get(i) + "' is not a number", "write e.g. [-1, 0, 1]");
                }
                if (!p.contains(v[i])) {
                    throw section.error(name, "anchor " + texts.get(i) + " lies outside [" + p.min() + ", " + p.max()
                        + "]", "choose anchors within the parameter's bounds, or widen them");
                }
                if (i > 0 && !(v[i] > v[i - 1])) {
                    throw section.error(name, "anchors " + texts + " are not strictly increasing",
                        "sort them, without repeats");
                }
            }
            if (v.length < 2) {
                throw section.error(name, "one anchor cannot give a slope", "give at least two values");
            }
            values.add(v);
        }
        if (grid && a.has("nominal")) {
            throw a.error("nominal", "a grid has no nominal point", "remove nominal, or use mode: cross");
        }
        var nominal = new double[names.size()];
        var given = a.optionalSection("nominal");
        given.ifPresent(n -> n.allowOnly(names));
        for (int k = 0; k < names.size(); k++) {
            double start = space.parameter(space.names().indexOf(names.get(k))).start();
            nominal[k] = given.isPresent() ? given.get().number(names.get(k), start) : start;
            int finalK = k;
            if (!grid && Arrays.stream(values.get(k)).noneMatch(v -> v == nominal[finalK])) {
                throw a.error(given.isPresent() ? "nominal" : "parameters", "the nominal value " + nominal[k] + " of "
                    + names.get(k) + " is not one of its anchors " + Arrays.toString(values.get(k)),
                    "add it to the anchors"
                        + (given.isPresent() ? "" : ", or give nominal: {" + names.get(k) + ": …}"));
            }
        }
        return new Anchors(config, mode, groups(a, names, mode), names, values, nominal, rate(a));
    }

    /** {@code groups: [[x, y], [z]]} as parameter indices; anchored parameters in no group get one of their own. */
    private static List<int[]> groups(Options a, List<String> names, String mode) {
        if (!mode.equals("combined")) {
            if (a.has("groups")) {
                throw a.error("groups", "groups only apply to mode: combined", "remove groups, or use mode: combined");
            }
            return List.of();
        }
        var node = a.raw("groups");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw a.error("groups", "mode: combined needs groups of interacting parameters",
                "write e.g. groups: [[x, y]] (the others are varied one at a time)");
        }
        var groups = new ArrayList<int[]>();
        var used = new HashSet<String>();
        for (var g : node) {
            if (!g.isArray() || g.isEmpty()) {
                throw a.error("groups", "each group is a list of parameter names", "write e.g. groups: [[x, y]]");
            }
            var members = new int[g.size()];
            for (int i = 0; i < g.size(); i++) {
                String name = g.get(i).asString();
                members[i] = names.indexOf(name);
                if (members[i] < 0) {
                    throw a.error("groups", "'" + name + "' is not an anchored parameter",
                        "use " + String.join(", ", names));
                }
                if (!used.add(name)) {
                    throw a.error("groups", "'" + name + "' is in two groups", "put each parameter in one group");
                }
            }
            groups.add(members);
        }
        for (int k = 0; k < names.size(); k++) {
            if (!used.contains(names.get(k))) {
                groups.add(new int[] {k});
            }
        }
        return List.copyOf(groups);
    }

    private static Rate rate(Options a) {
        if (!a.has("rate") || a.raw("rate").isValueNode()) {
            a.oneOf("rate", List.of("score"), "score");
            return new Rate("score", "");
        }
        var r = a.section("rate");
        r.allowOnly("component", "observable");
        if (r.keys().size() != 1) {
            throw a.error("rate", "give one of component or observable", "write rate: {component: NAME}");
        }
        var kind = r.keys().get(0);
        return new Rate(kind, r.string(kind));
    }
}
