package org.autotune.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.autotune.YamlFile;
import org.autotune.optimize.Optimizers;
import org.autotune.space.Parameter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A campaign's identity: the settings that decide a sample's outcome — the simulator (its type,
 * command, outputs and environment, and each template's text), the seed and seed policy, the
 * events or fidelity stages, and the parameters' names and kinds. Editing anything else
 * (comments, budget, ranges, start points, optimizer settings, metric, anchors, stop rules)
 * continues the campaign as a new revision; editing the identity is refused, naming the setting.
 *
 * <p>Also the hash of the settings that decide the optimizer's proposals ({@link #search}): when it
 * changes, the optimizer starts a new phase (see {@link CampaignRevisions}).
 */
final class Identity {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** Simulator keys that do not change what a finished sample's outputs are. */
    private static final List<String> NOT_IDENTITY = List.of("timeout");
    /** A simulator key's value that says what leaving the key out says: the type's default, nothing listed. */
    private static final List<String> SIMULATOR_DEFAULTS = List.of("\"command\"", "[]", "{}", "null", "");

    private Identity() {
    }

    /** The settings, in a fixed order: {@code simulator.command}, {@code template run.mac}, {@code seed}, ... */
    static Map<String, String> of(CampaignConfig config) {
        var out = new LinkedHashMap<String, String>();
        var sim = config.simulator();
        for (String key : sim.keys()) {
            if (!NOT_IDENTITY.contains(key)) {
                out.put("simulator." + key, sim.raw(key).toString());
            }
        }
        if (sim.has("templates")) {
            for (String name : sim.strings("templates")) {
                out.put("template " + name, template(config, name));
            }
        }
        var root = YamlFile.parse(config.file(), config.text());
        out.put("seeds", config.seeds().name().toLowerCase(Locale.ROOT));
        out.put("seed", Long.toString(root.integer("seed", 1)));
        out.put("events", root.has("fidelity") ? "" : Integer.toString(config.events()));
        out.put("fidelity", root.raw("fidelity").toString());
        for (Parameter p : config.space().parameters()) {
            out.put("parameters." + p.name(), p.kind().name().toLowerCase(Locale.ROOT)
                + (p.choices().isEmpty() ? "" : " " + p.choices()));
        }
        return out;
    }

    /**
     * A hash of what decides the optimizer's proposals besides the scores' identity: the space with
     * its ranges, starts and steps, the optimizer, metric, anchors and cost sections, replicates.
     */
    static String search(CampaignConfig config) {
        var root = YamlFile.parse(config.file(), config.text());
        var parts = new ArrayList<String>();
        for (Parameter p : config.space().parameters()) {   // not unit or description: words only
            parts.add(List.of(p.name(), p.kind(), p.min(), p.max(), p.start(), p.step(), p.choices()).toString());
        }
        for (String key : List.of("optimizer", "metric", "anchors", "cost", "replicates")) {
            parts.add(key + "=" + (key.equals("optimizer") ? optimizerAsSearched(root.raw(key)) : root.raw(key)));
        }
        return CampaignConfig.sha256(String.join("\n", parts));
    }

    /**
     * The optimizer section as it enters the search: {@code optimizer: {type: auto}} (or an empty
     * section) is the default written out, the same search as the key left out, so it starts no phase.
     */
    private static String optimizerAsSearched(JsonNode node) {
        boolean empty = node.isObject() && node.size() == 0;
        boolean onlyDefault = node.isObject() && node.size() == 1 && node.get("type") != null
            && node.get("type").isValueNode() && Optimizers.DEFAULT.equals(node.get("type").asString());
        return empty || onlyDefault ? MissingNode.getInstance().toString() : node.toString();
    }

    /** The metric section as written (without comments or layout), to tell whether the metric changed. */
    static String metric(String campaignText, CampaignConfig config) {
        return YamlFile.parse(config.file(), campaignText).raw("metric").toString();
    }

    /**
     * Each setting that differs, in words; template changes name their lines. A simulator key written
     * with its default value (type command, no templates, outputs or environment) is the same as the
     * key left out, on either side (journals keep the identity as the file had it).
     */
    static List<String> changes(Map<String, String> written, Map<String, String> current) {
        var before = withoutDefaults(written);
        var now = withoutDefaults(current);
        var out = new ArrayList<String>();
        var keys = new ArrayList<>(before.keySet());
        now.keySet().stream().filter(k -> !before.containsKey(k)).forEach(keys::add);
        for (String key : keys) {
            String a = before.get(key);
            String b = now.get(key);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (a == null) {
                out.add(key + " was added (" + brief(b) + ")");
            } else if (b == null) {
                out.add(key + " was removed (was " + brief(a) + ")");
            } else if (key.startsWith("template ")) {
                out.add(key + " changed: " + TextDiff.describe(a, b));
            } else {
                out.add(key + " was " + brief(a) + ", is now " + brief(b));
            }
        }
        return out;
    }

    private static Map<String, String> withoutDefaults(Map<String, String> identity) {
        var out = new LinkedHashMap<String, String>(identity);
        out.entrySet().removeIf(e -> e.getKey().startsWith("simulator.")
            && SIMULATOR_DEFAULTS.contains(e.getValue().strip()));
        out.remove("simulator.templates");   // the list is the template entries' keys, compared one by one
        return out;
    }

    static String json(Map<String, String> identity) {
        return MAPPER.writeValueAsString(identity);
    }

    static Map<String, String> read(String json) {
        return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    /** A point as JSON {parameter: value}, as the journal keeps it. */
    static Map<String, Double> numbers(String json) {
        return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() { });
    }

    private static String brief(String value) {
        String v = value.strip();
        return v.length() > 60 ? v.substring(0, 57) + "..." : v;
    }

    private static String template(CampaignConfig config, String name) {
        try {
            return Files.readString(config.directory().resolve(name).normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("reading template " + name, e);
        }
    }
}
