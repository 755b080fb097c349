package org.autotune.metric;

import java.nio.file.Path;
import java.util.List;
import org.autotune.Options;
import org.autotune.UserClasses;

/**
 * {@code type: java}: a metric written in Java, loaded from the campaign's own class path. The
 * class implements {@link Metric} and has a public constructor taking {@code (Map<String, Object>
 * options, Path campaignDir)} (the {@code options:} mapping of the campaign file, and the folder
 * relative to which its paths are meant), or a public constructor without arguments.
 */
final class JavaMetrics {
    private JavaMetrics() {
    }

    static Metric create(Options m, Path dir) {
        m.allowOnly("type", "class", "classpath", "options");
        return UserClasses.create(m, dir, Metric.class, "Map<String, Object> options, Path campaignDir",
            List.of(Path.class), dir);
    }
}
