package org.autotune.likelihood;

import java.util.Arrays;

/**
 * The observed events of one dataset (one run, one detector, one science period): each row holds
 * one event's observables, all rows the same length. An empty dataset is allowed (it still
 * contributes μ(θ) to −ln L).
 */
public record Dataset(String name, double[][] events) {
    public Dataset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a name; fix: pass e.g. \"run1\"");
        }
        events = Arrays.stream(events).map(double[]::clone).toArray(double[][]::new);
        for (var e : events) {
            if (e.length != (events.length == 0 ? 0 : events[0].length)) {
                throw new IllegalArgumentException(
                    "dataset %s: events have different numbers of observables; fix: one column per observable"
                        .formatted(name));
            }
        }
    }

    /** The events (a copy). */
    @Override
    public double[][] events() {
        return Arrays.stream(events).map(double[]::clone).toArray(double[][]::new);
    }

    /** The number of events. */
    public int size() {
        return events.length;
    }

    double[][] eventsShared() {
        return events;
    }
}
