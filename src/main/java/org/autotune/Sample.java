package org.autotune;

import java.nio.file.Path;
import org.autotune.space.Point;

/**
 * One simulation run at a point, with a seed and a number of events. {@code id} is the sample's
 * row in its journal (1, 2, …, a number without meaning); {@code name} is what users see,
 * {@code origin/ordinal} (e.g. {@code optimizer/17}, {@code scan-1/4}); {@code key} identifies what
 * the sample computes (simulator, point, seed, events), so two samples with the same key give the
 * same outputs.
 */
public record Sample(long id, String key, Point point, long seed, int events, Path folder, String name) {
    public Sample {
        if (id < 1) {
            throw new IllegalArgumentException("sample ids start at 1, got " + id);
        }
        if (events < 1) {
            throw new IllegalArgumentException("sample " + id + ": events must be >= 1, got " + events);
        }
    }
}
