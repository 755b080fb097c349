package org.autotune.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A copy of a campaign file that starts from another point: {@code <stem>.restart.yaml} next to
 * the original (so relative paths still resolve), with every parameter's {@code start} moved and
 * the name suffixed {@code -restart}. Written through the YAML parser, so comments are not kept.
 */
public final class RestartFile {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    private RestartFile() {
    }

    public static Path write(CampaignConfig config, Point start) {
        var root = (ObjectNode) MAPPER.readTree(config.text());
        var params = (ObjectNode) root.get("parameters");
        var space = config.space();
        var text = space.format(start);
        for (int i = 0; i < space.dimension(); i++) {
            var p = space.parameter(i);
            var node = (ObjectNode) params.get(p.name());
            if (p.kind() == ParameterKind.CHOICE) {
                node.put("start", text.get(p.name()));
            } else {
                node.put("start", Double.parseDouble(text.get(p.name())));
            }
        }
        root.put("name", config.name() + "-restart");
        String stem = config.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path file = config.file().toAbsolutePath().resolveSibling(stem + ".restart.yaml");
        String header = "# Written by 'autotune check' from " + config.file().getFileName() + ": the same campaign,\n"
            + "# started from the point that beat its minimum. Run: autotune run " + file.getFileName() + "\n";
        try {
            Files.writeString(file, header + MAPPER.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }
}
