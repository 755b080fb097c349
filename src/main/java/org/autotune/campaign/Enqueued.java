package org.autotune.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.InputError;
import org.autotune.Options;
import org.autotune.TextFile;
import org.autotune.journal.Journal;
import org.autotune.journal.Revisions;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Known points queued by {@code autotune enqueue} (e.g. the current default tune), as Optuna's
 * {@code enqueue_trial} does: the next run or resume runs them first, as samples {@code enqueued/1},
 * {@code enqueued/2}, ..., before the optimizer; a parameter a point leaves out takes its start.
 */
public final class Enqueued {
    /** The origin of enqueued samples. */
    public static final String ORIGIN = "enqueued";
    /** At most this many points per command, so that a wrong file does not queue a campaign's worth. */
    static final int MAX_POINTS = 100_000;

    private Enqueued() {
    }

    /**
     * Reads {@code --point NAME=VALUE,...} flags and a {@code --points} CSV file (a header of parameter
     * names, one point per row) into points of the campaign's space, or one line naming the flag,
     * the point and the fix.
     */
    public static List<Point> parse(CampaignConfig config, List<String> flags, List<Path> csvFiles) {
        var out = new ArrayList<Point>();
        for (String flag : flags) {
            out.add(point(config, "--point", pairs(config, "--point " + flag, flag.split(","))));
        }
        for (Path csv : csvFiles) {
            var lines = TextFile.read(csv, 64L << 20, "points file").lines().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new InputError(csv, "", "no header line", "write the parameter names on the first line, e.g. "
                    + String.join(",", config.space().names()));
            }
            var header = lines.get(0).split(",");
            for (int i = 1; i < lines.size(); i++) {
                var cells = lines.get(i).split(",", -1);
                if (cells.length != header.length) {
                    throw new InputError(csv, i + 1, "", "row has " + cells.length + " values but the header names "
                        + header.length + " parameters", "give one value per column");
                }
                var pairs = new String[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    pairs[c] = header[c].strip() + "=" + cells[c].strip();
                }
                out.add(point(config, csv + " line " + (i + 1), pairs(config, csv.toString(), pairs)));
            }
        }
        if (out.size() > MAX_POINTS) {
            throw new InputError(config.file(), "--points", out.size() + " points is more than " + MAX_POINTS,
                "queue fewer points at a time");
        }
        return out;
    }

    /** Queues the points in the campaign's journal, after those queued before. */
    public static void add(Campaign campaign, List<Point> points, Clock clock) {
        Revisions.enqueue(campaign.journal(), points.stream().map(p -> ScanJson.write(p.asMap())).toList(),
            clock.instant());
    }

    /** Every point queued so far, in order; one that now lies outside the space is refused. */
    static List<Point> points(CampaignConfig config, Journal journal) {
        var out = new ArrayList<Point>();
        var space = config.space();
        int n = 0;
        for (String json : Revisions.enqueued(journal)) {
            n++;
            var values = Identity.numbers(json);
            var p = new Point(space.names(), space.names().stream()
                .mapToDouble(name -> values.getOrDefault(name, Double.NaN)).toArray());
            if (!space.contains(p)) {
                throw new InputError(config.file(), "parameters", "enqueued point " + n + " (" + json + ") lies "
                    + "outside the parameters' ranges now", "widen the ranges again, or add --force-new");
            }
            out.add(p);
        }
        return out;
    }

    private static Map<String, String> pairs(CampaignConfig config, String where, String[] parts) {
        var out = new LinkedHashMap<String, String>();
        for (String part : parts) {
            var kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new InputError(config.file(), where, "'" + part.strip() + "' is not NAME=VALUE",
                    "write e.g. --point " + example(config.space()));
            }
            if (out.put(kv[0].strip(), kv[1].strip()) != null) {
                throw new InputError(config.file(), where, kv[0].strip() + " is given twice", "give it once");
            }
        }
        return out;
    }

    private static Point point(CampaignConfig config, String flag, Map<String, String> values) {
        var space = config.space();
        for (String name : values.keySet()) {
            if (!space.names().contains(name)) {
                throw new InputError(config.file(), flag, "'" + name + "' is not a parameter of the campaign",
                    Options.closest(name, space.names()).map(c -> "did you mean '" + c + "'?")
                        .orElse("use one of " + String.join(", ", space.names())));
            }
        }
        var v = new double[space.dimension()];
        for (int i = 0; i < space.dimension(); i++) {
            var p = space.parameter(i);
            v[i] = values.containsKey(p.name()) ? value(config, flag, p, values.get(p.name())) : p.start();
        }
        return new Point(space.names(), v);
    }

    private static double value(CampaignConfig config, String flag, Parameter p, String text) {
        if (p.kind() == ParameterKind.CHOICE) {
            int i = p.choices().indexOf(text);
            if (i < 0) {
                throw new InputError(config.file(), flag, p.name() + "=" + text + " is not one of its choices "
                    + p.choices(), "use one of " + String.join(", ", p.choices()));
            }
            return i;
        }
        double x;
        try {
            x = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputError(config.file(), flag, p.name() + "=" + text + " is not a number",
                "write a plain number, e.g. " + p.name() + "=" + p.format(p.start()));
        }
        if (!p.contains(x)) {
            throw new InputError(config.file(), flag, p.name() + "=" + text + " lies outside its range [" + p.format(
                p.min()) + ", " + p.format(p.max()) + "]" + (p.kind() == ParameterKind.INTEGER ? " or is not whole"
                : ""), "give a value in the range, or widen parameters." + p.name() + " in the campaign file");
        }
        return x;
    }

    private static String example(Space space) {
        return String.join(",", space.parameters().stream().map(p -> p.name() + "=" + p.format(p.start())).toList());
    }
}
