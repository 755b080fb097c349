package org.autotune;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML file into an {@link Options} view that knows the line of every key, so errors can
 * point at the line to change. Duplicate keys are errors.
 */
public final class YamlFile {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    /** The largest campaign file: 1 MB, some hundred times a large campaign. */
    public static final long MAX_BYTES = 1 << 20;

    private YamlFile() {
    }

    /** Parses the file; a missing file, bad syntax or a non-mapping top level is an InputError. */
    public static Options read(Path file) {
        return parse(file, text(file));
    }

    /**
     * The file's text; a missing, unreadable, non-UTF-8 or too large file is an InputError. The
     * limit is checked before reading, so a wrong file (a data file, a log) is refused at once.
     */
    public static String text(Path file) {
        return TextFile.read(file, MAX_BYTES, "campaign file");
    }

    /** Parses YAML text that came from {@code file}. */
    public static Options parse(Path file, String text) {
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("^ *\t.*")) {
                throw new InputError(file, i + 1, "", "the line is indented with a tab",
                    "indent with spaces (YAML does not allow tabs)");
            }
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            String msg = e.getOriginalMessage();
            String first = msg == null ? "syntax error" : msg.lines().findFirst().orElse(msg);
            if (first.startsWith("Trailing token")) {
                throw new InputError(file, line, "", "a second YAML document starts here (after a '---' line)",
                    "keep one campaign per file: remove the '---' line and what follows it");
            }
            throw new InputError(file, line, "", "not valid YAML: " + first,
                first.startsWith("Duplicate") ? "keep one of the two"
                    : "check the indentation and the brackets and quotes");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InputError(file, "", "the file is empty", "start from examples/quickstart/campaign.yaml");
        }
        if (!root.isObject()) {
            throw new InputError(file, 1, "", "the top level must be a mapping of keys (name:, parameters:, ...)",
                "start from examples/quickstart/campaign.yaml");
        }
        return new Options(file, "", root, lines(text));
    }

    /** Line number of every key, by dotted path ({@code a.b.c}; list entries as {@code a.0}). */
    private static Map<String, Integer> lines(String text) {
        var lines = new HashMap<String, Integer>();
        try (var parser = MAPPER.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME || token == JsonToken.START_OBJECT
                    || token == JsonToken.START_ARRAY || token.isScalarValue()) {
                    var pointer = parser.streamReadContext().pathAsPointer().toString();
                    String dotted = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
                    lines.putIfAbsent(dotted, parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }
}
