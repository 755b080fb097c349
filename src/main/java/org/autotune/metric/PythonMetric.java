package org.autotune.metric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An existing Python function {@code module:function(sample_dir, reference)} as a metric — the way
 * metrics written for the earlier Python Autotune come along unchanged. The function returns a
 * number, a (value, error) pair, or a dict with "value" and optional "error" and "components".
 * Each sample starts {@code python3 -c BOOTSTRAP path module function sample_dir reference}: user
 * values travel only as arguments, never inside code or shell text.
 */
final class PythonMetric {
    /** Imports the module, calls the function, prints its result as one JSON line. */
    static final String BOOTSTRAP = String.join("\n",
        "import importlib, json, math, sys",
        "path, module, function, sample_dir, reference = sys.argv[1:6]",
        "sys.path.insert(0, path)",
        "r = getattr(importlib.import_module(module), function)(sample_dir, reference or None)",
        "if isinstance(r, dict):",
        "    out = {'value': float(r['value'])}",
        "    if r.get('error') is not None: out['error'] = float(r['error'])",
        "    out['components'] = {str(k): float(v) for k, v in r.get('components', {}).items()}",
        "elif isinstance(r, (tuple, list)):",
        "    out = {'value': float(r[0]), 'error': float(r[1])}",
        "else:",
        "    out = {'value': float(r)}",
        "if math.isnan(out['value']): sys.exit(module + ':' + function + ' returned NaN')",
        "print(json.dumps(out))");

    private PythonMetric() {
    }

    static Metric of(String python, Path path, String module, String function, Optional<Path> reference,
                     Path campaignDir, Duration timeout, boolean inJob) {
        var command = List.of(python, "-c", BOOTSTRAP, path.toAbsolutePath().toString(), module, function,
            "{{sample_dir}}", reference.map(r -> r.toAbsolutePath().toString()).orElse(""));
        return new CommandMetric(command, reference, campaignDir, timeout, inJob);
    }
}
