package org.autotune.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.autotune.YamlFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference data a campaign's metric compares with: every file named by a {@code reference:}
 * key of the metric section (also inside {@code sum:} parts), with a hash of its content. Like the
 * metric it is not part of a sample's identity: editing it alone re-scores the stored outputs (a new
 * revision, a new optimizer phase), and the journal keeps the hashes (meta key {@value #META}) to
 * notice the edit.
 */
final class ReferenceData {
    static final String META = "reference_data";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReferenceData() {
    }

    /** {file as written: SHA-256 of its bytes, or "missing"} as JSON, sorted by file. */
    static String digest(CampaignConfig config) {
        var files = new TreeMap<String, String>();
        collect(YamlFile.parse(config.file(), config.text()).raw("metric"), config.directory(), files);
        return MAPPER.writeValueAsString(files);
    }

    /** The files whose content differs between two digests (added and removed files included). */
    static List<String> changed(String before, String now) {
        var a = read(before);
        var b = read(now);
        var out = new ArrayList<String>();
        a.keySet().forEach(k -> {
            if (!Objects.equals(a.get(k), b.get(k))) {
                out.add(k);
            }
        });
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(out::add);
        return out;
    }

    private static Map<String, String> read(String json) {
        return MAPPER.readValue(json, new TypeReference<TreeMap<String, String>>() { });
    }

    private static void collect(JsonNode node, Path directory, Map<String, String> files) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("reference") && e.getValue().isString()) {
                    String name = e.getValue().asString();
                    files.put(name, hash(directory.resolve(name).normalize()));
                } else {
                    collect(e.getValue(), directory, files);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, directory, files));
        }
    }

    private static String hash(Path file) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "missing";   // the metric, when it is set up, says which file and how to fix it
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
