package org.autotune.campaign;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.autotune.Options;
import org.autotune.optimize.FidelitySchedule;

/**
 * A campaign file's {@code fidelity:} section: events per sample rising from stage to stage as the
 * search narrows (see {@link FidelitySchedule}).
 *
 * <pre>
 * fidelity:
 *   events: [40, 160, 640]   # events per sample in each stage, rising; the last is the campaign's events
 *   samples: [100, 60]       # optional: samples each stage may use (one per stage, or all but the last)
 *   narrow: 0.5              # optional: each stage's box is this fraction as wide as the one before
 * </pre>
 *
 * @param samples the samples per stage (without a {@code samples} key: the file's budget split
 *                evenly); with one fewer entry than stages, the last stage has no limit
 */
public record Fidelity(int[] events, int[] samples, double narrow) {
    static final List<String> KEYS = List.of("events", "samples", "narrow");

    public Fidelity {
        events = events.clone();
        samples = samples.clone();
    }

    /** The section of the campaign file, checked; empty when there is none. */
    static Optional<Fidelity> read(Options root) {
        var section = root.optionalSection("fidelity");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        var f = section.get();
        f.allowOnly(KEYS);
        if (!f.has("events")) {
            throw f.error("events", "the fidelity section needs the events per sample of each stage",
                "add e.g. events: [40, 160, 640] under fidelity");
        }
        int[] events = wholeNumbers(f, "events");
        if (events.length < 2) {
            throw f.error("events", "a schedule needs at least two stages, got " + events.length,
                "list rising events per sample, e.g. events: [40, 160, 640], or remove the fidelity section and set "
                    + "events: " + events[0]);
        }
        for (int i = 1; i < events.length; i++) {
            if (events[i] <= events[i - 1]) {
                throw f.error("events", "stage " + (i + 1) + " has " + events[i] + " events, not more than stage " + i
                    + " (" + events[i - 1] + ")", "list the events per sample in rising order, e.g. [40, 160, 640]");
            }
        }
        int[] samples = f.has("samples") ? wholeNumbers(f, "samples") : new int[0];
        if (samples.length == 0) {
            // the budget written in the file, not a --budget override: the stage boundaries must not
            // move when a campaign is resumed with a larger budget, or its samples would not replay
            int share = (int) Math.max(1, root.integer("budget", 100) / events.length);
            samples = new int[events.length - 1];
            Arrays.fill(samples, share);
        }
        if (samples.length != 0 && samples.length != events.length && samples.length != events.length - 1) {
            throw f.error("samples", samples.length + " entries for " + events.length + " stages",
                "give one number of samples per stage, or one per stage but the last (which then takes the rest of "
                    + "the budget)");
        }
        double narrow = f.number("narrow", 0.5);
        if (!(narrow > 0 && narrow <= 1)) {
            throw f.error("narrow", "narrow " + narrow + " must lie in (0, 1]: it is the width of each stage's box "
                + "relative to the one before", "use e.g. narrow: 0.5, or 1 to keep the whole range");
        }
        if (root.has("events") && root.integer("events", 0) != events[events.length - 1]) {
            throw root.error("events", "events: " + root.integer("events", 0) + " differs from the last fidelity "
                + "stage (" + events[events.length - 1] + " events)",
                "remove events (the last stage of fidelity.events "
                + "sets it), or make the two equal");
        }
        return Optional.of(new Fidelity(events, samples, narrow));
    }

    private static int[] wholeNumbers(Options f, String key) {
        var texts = f.strings(key);
        var out = new int[texts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(texts.get(i).trim());
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
            if (out[i] < 1) {
                throw f.error(key, "entry " + (i + 1) + " ('" + texts.get(i) + "') is not a whole number of at least 1",
                    "write whole numbers, e.g. " + key + ": [40, 160, 640]");
            }
        }
        return out;
    }

    /** The events of the last stage: the campaign's events (scans, checks and grids use them). */
    int last() {
        return events[events.length - 1];
    }

    /** The stages for a campaign with {@code replicates} samples per point. */
    FidelitySchedule.Stages stages(int replicates) {
        int n = events.length;
        int[] points = new int[n];
        for (int i = 0; i < n; i++) {
            points[i] = i < samples.length ? Math.max(1, samples[i] / replicates) : Integer.MAX_VALUE;
        }
        return new FidelitySchedule.Stages(events, points, narrow);
    }
}
