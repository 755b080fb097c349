package org.autotune.metric;

import java.nio.file.Path;
import java.util.List;
import org.autotune.Options;
import org.autotune.data.DataException;
import org.autotune.data.Table;

/** Reads CSV tables for metrics: reference data as bad input, sample outputs as a failed sample. */
final class Tables {
    private Tables() {
    }

    /** The reference file named by {@code key}; a problem with it is an InputError on that key. */
    static Table reference(Options metric, String key, Path campaignDir, List<String> columns) {
        Path file = campaignDir.resolve(metric.string(key)).normalize();
        try {
            return Table.read(file, columns);
        } catch (DataException e) {
            throw metric.error(key, e.getMessage(), fix(e));
        }
    }

    /** A sample's output file; a problem with it fails the sample. */
    static Table output(SampleOutputs outputs, String name, List<String> columns) {
        try {
            return Table.read(outputs.file(name), columns);
        } catch (DataException e) {
            throw new MetricException(e.getMessage());
        }
    }

    private static String fix(DataException e) {
        var m = e.getMessage();
        if (m.contains("file not found")) {
            return "check the path; it is relative to the campaign file's folder";
        }
        if (m.contains("not UTF-8 text")) {
            return "save it as UTF-8 text (e.g. iconv -t UTF-8)";
        }
        if (m.contains("is a folder") || m.contains("not a regular file")) {
            return "name the data file itself; it is relative to the campaign file's folder";
        }
        if (m.contains("no column")) {
            return "name a column the file has, or add the column to the file";
        }
        return "correct the file";
    }
}
