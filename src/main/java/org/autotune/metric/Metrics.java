package org.autotune.metric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.autotune.Options;
import org.autotune.Template;
import org.autotune.data.DataException;
import org.autotune.data.Traces;

/** The built-in metrics by name, built from a campaign file's {@code metric:} section. */
public final class Metrics {
    /** The metrics a {@code type:} can name (a sum is written {@code sum:} instead). */
    private static final List<String> TYPES = List.of("mean-std", "chi2-histogram", "optimal-filter", "command",
        "python", "java", "likelihood", "expected-uncertainty");
    private static final Pattern FUNCTION = Pattern.compile("([A-Za-z_][\\w.]*):([A-Za-z_]\\w*)");

    private Metrics() {
    }

    /** Name and one line for each built-in metric, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        var map = new LinkedHashMap<String, String>();
        map.put("mean-std", "standardised differences of the means and widths of CSV columns vs the reference");
        map.put("chi2-histogram", "binned chi-square of a CSV column vs the reference, for two samples of any sizes");
        map.put("optimal-filter", "pulse shapes vs the data template with the noise-weighted optimal filter "
            + "(average pulse, or mean per-event chi2)");
        map.put("command", "any program that prints the score (or 'score error', or JSON) as its last line");
        map.put("python", "an existing Python function module:function(sample_dir, reference) returning the score");
        map.put("java", "your own class implementing org.autotune.metric.Metric, loaded from the campaign's classpath");
        map.put("likelihood", "unbinned -ln L of the reference events under a density (histogram or kernel) "
            + "estimated from the simulated events");
        map.put("expected-uncertainty", "expected sigma of the signal count from binned Asimov signal and background "
            + "histograms, nuisances profiled (a design objective)");
        map.put("sum", "a weighted sum of other metrics (metric: {sum: [...]}), each part kept as a component");
        return map;
    }

    /** Builds the metric, reading its reference data once; mistakes are InputErrors on the metric's keys. */
    public static Metric create(Options metric, Path campaignDir) {
        if (metric.has("sum")) {
            return sum(metric, campaignDir);
        }
        metric.string("type");   // required: there is no default metric
        String type = metric.oneOf("type", TYPES, "");
        for (String key : List.of("output", "signal", "background")) {
            metric.optionalString(key).ifPresent(name -> confined(metric, key, name));
        }
        return switch (type) {
            case "mean-std" -> meanStd(metric, campaignDir);
            case "chi2-histogram" -> histogram(metric, campaignDir);
            case "optimal-filter" -> optimalFilter(metric, campaignDir);
            case "command" -> command(metric, campaignDir);
            case "java" -> JavaMetrics.create(metric, campaignDir);
            case "likelihood" -> LikelihoodMetric.from(metric, campaignDir);
            case "expected-uncertainty" -> ExpectedUncertaintyMetric.from(metric, campaignDir);
            default -> python(metric, campaignDir);
        };
    }

    /** {@code sum: [{name: …, weight: …, metric: {type: …}}, …]}; a part in a job is not supported. */
    private static Metric sum(Options m, Path dir) {
        m.allowOnly("sum");
        var entries = m.sections("sum");
        if (entries.isEmpty()) {
            throw m.error("sum", "no metrics to add", "list parts as - {weight: 1, metric: {type: mean-std, ...}}");
        }
        var parts = new ArrayList<SumMetric.Part>();
        var names = new HashSet<String>();
        for (var e : entries) {
            e.allowOnly("name", "weight", "metric");
            var inner = e.section("metric");
            if (inner.has("sum")) {
                throw inner.error("sum", "a sum inside a sum", "list all parts in the outer sum");
            }
            var metric = create(inner, dir);
            String name = e.string("name", inner.string("type"));
            if (!names.add(name)) {
                throw e.error("name", "two parts are called '" + name + "'", "give each part its own name: key");
            }
            double weight = e.number("weight", 1.0);
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw e.error("weight", "weight " + weight + " must be a positive number", "use e.g. weight: 1");
            }
            if (metric.jobCommand(new SampleOutputs(dir, 1, 1, 1)).isPresent()) {
                throw inner.error("where", "a part of a sum cannot run inside the job", "use where: coordinator here");
            }
            parts.add(new SumMetric.Part(name, weight, metric));
        }
        return new SumMetric(parts);
    }

    private static Metric meanStd(Options m, Path dir) {
        m.allowOnly("type", "output", "reference", "columns");
        var columns = m.strings("columns");
        if (columns.isEmpty()) {
            throw m.error("columns", "no columns to compare",
                "list the CSV columns, e.g. columns: [energy, rise_time]");
        }
        var reference = Tables.reference(m, "reference", dir, columns);
        if (reference.rows() < 2) {
            throw m.error("reference", reference.file() + " has " + reference.rows() + " rows; widths need at least 2",
                "give more reference data");
        }
        return new MeanStdMetric(m.string("output"), columns, reference);
    }

    private static Metric histogram(Options m, Path dir) {
        m.allowOnly("type", "output", "reference", "column", "bins", "range");
        String column = m.string("column");
        int bins = (int) m.integer("bins", 40, 1, 100_000);
        var x = Tables.reference(m, "reference", dir, List.of(column)).column(column);
        double lo;
        double hi;
        var range = m.strings("range");
        if (range.isEmpty()) {
            lo = Arrays.stream(x).min().orElse(0);
            hi = Arrays.stream(x).max().orElse(1);
        } else {
            if (range.size() != 2) {
                throw m.error("range", "expected two numbers [low, high], got " + range.size(), "write range: [0, 10]");
            }
            try {
                lo = Double.parseDouble(range.get(0));
                hi = Double.parseDouble(range.get(1));
            } catch (NumberFormatException e) {
                throw m.error("range", "range " + range + " is not two numbers", "write range: [0, 10]");
            }
        }
        if (!(lo < hi)) {
            throw m.error("range", "low " + lo + " is not below high " + hi, range.isEmpty()
                ? "the reference column is constant; give range: [low, high]" : "swap them");
        }
        var metric = new HistogramChiSquareMetric(m.string("output"), column, bins, lo, hi, x);
        if (metric.referenceTotal() == 0) {
            throw m.error("range", "no reference entries fall in [" + lo + ", " + hi + "]", "widen the range");
        }
        return metric;
    }

    private static Metric optimalFilter(Options m, Path dir) {
        m.allowOnly("type", "output", "reference", "noise", "pretrigger", "mode", "observables", "time-offset");
        var pulses = traces(m, "reference", dir);
        var noise = traces(m, "noise", dir);
        int n = pulses.get(0).length;
        if (Integer.bitCount(n) != 1 || n < 8) {
            throw m.error("reference", "traces have " + n + " samples; the FFT needs a power of two (256, 1024, ...)",
                "record or cut traces to a power-of-two length");
        }
        if (noise.get(0).length != n) {
            throw m.error("noise", "noise traces have " + noise.get(0).length + " samples, pulse traces " + n,
                "use noise traces of the same length as the pulses");
        }
        int pretrigger = (int) m.integer("pretrigger", n / 4, 1, n - 1);
        var mode = m.oneOf("mode", List.of("average", "per-event"), "average");
        int bins = (int) m.integer("observables", Math.min(64, n / 2), 0, n / 2);
        int maxShift = (int) m.integer("time-offset", 0, 0, n / 2);
        try {
            return new OptimalFilterMetric(m.string("output", "traces.csv"), pulses, noise, pretrigger,
                mode.equals("average") ? OptimalFilterMetric.Mode.AVERAGE : OptimalFilterMetric.Mode.PER_EVENT, bins,
                maxShift);
        } catch (IllegalArgumentException e) {
            throw m.error("reference", e.getMessage(),
                "check that the reference traces hold pulses after the pretrigger");
        }
    }

    private static List<double[]> traces(Options m, String key, Path dir) {
        Path file = dir.resolve(m.string(key)).normalize();
        try {
            return Traces.read(file);
        } catch (DataException e) {
            throw m.error(key, e.getMessage(), "give a CSV file with one trace per row (number, then samples),"
                + " or an HDF5 2-D dataset as file.h5#/path");
        }
    }

    private static Metric command(Options m, Path dir) {
        m.allowOnly("type", "command", "reference", "timeout", "where");
        var command = m.strings("command");
        if (command.isEmpty()) {
            throw m.error("command", "no command given", "e.g. command: [python3, metric.py, \"{{sample_dir}}\"]");
        }
        var reference = reference(m, dir);
        for (String arg : command) {
            for (String name : Template.placeholders(arg)) {
                if (!CommandMetric.PLACEHOLDERS.contains(name) || (name.equals("reference") && reference.isEmpty())) {
                    throw m.error("command", "unknown placeholder {{" + name + "}}", name.equals("reference")
                        ? "add 'reference:' with the reference file"
                        : "use " + String.join(", ", CommandMetric.PLACEHOLDERS));
                }
            }
        }
        return new CommandMetric(command, reference, dir, m.duration("timeout", Duration.ofMinutes(1)), inJob(m));
    }

    private static Metric python(Options m, Path dir) {
        m.allowOnly("type", "function", "path", "reference", "python", "timeout", "where");
        var f = FUNCTION.matcher(m.string("function"));
        if (!f.matches()) {
            throw m.error("function", "'" + m.string("function") + "' is not module:function",
                "write e.g. function: my_metrics:chi2 (the file my_metrics.py defining chi2(sample_dir, reference))");
        }
        Path path = dir.resolve(m.string("path", ".")).normalize();
        if (!Files.isDirectory(path)) {
            throw m.error("path", "folder " + path + " not found", "give the folder that holds the Python module");
        }
        return PythonMetric.of(m.string("python", "python3"), path, f.group(1), f.group(2), reference(m, dir), dir,
            m.duration("timeout", Duration.ofMinutes(1)), inJob(m));
    }

    /** A sample's output file must lie in the sample folder, as simulator.outputs must. */
    private static void confined(Options m, String key, String name) {
        if (name.isBlank() || name.startsWith("/") || name.startsWith("~") || Arrays.asList(name.split("[/\\\\]"))
            .contains("..")) {
            throw m.error(key, "'" + name + "' is not a file name inside the sample folder",
                "name the output file relative to the sample folder, e.g. events.csv");
        }
    }

    /** {@code where: job} computes the metric inside each sample's job (default: coordinator). */
    private static boolean inJob(Options m) {
        return m.oneOf("where", List.of("coordinator", "job"), "coordinator").equals("job");
    }

    private static Optional<Path> reference(Options m, Path dir) {
        var name = m.optionalString("reference");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.resolve(name.get()).normalize();
        if (!Files.exists(file)) {
            throw m.error("reference", "reference file " + file + " not found",
                "check the path; it is relative to the campaign file's folder");
        }
        return Optional.of(file);
    }
}
