package org.autotune.metric;

import java.nio.file.Path;

/** Where a finished sample's outputs are, and how it was made. */
public record SampleOutputs(Path folder, long sampleId, long seed, int events) {
    /** A file in the sample folder. */
    public Path file(String name) {
        return folder.resolve(name);
    }
}
