package org.autotune.campaign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.autotune.Options;
import org.autotune.YamlFile;
import org.autotune.design.Costs;
import org.autotune.design.DesignCost;
import org.autotune.space.Space;

/**
 * A campaign file, read and checked: the space, the top-level settings, and the sections the
 * simulator, metric, optimizer and executor factories read. {@link Campaign#check} builds each of
 * those once, so every mistake in the file is found before anything runs. {@code cost} is empty (no
 * keys) when the campaign has no {@code cost:} section (see design/Costs). {@code reuse} lists the
 * folders of other campaigns whose finished samples answer this one's when their keys match.
 */
public record CampaignConfig(Path file, String text, String hash, String name, Space space,
                             Options simulator, Options metric, Options optimizer, Options executor,
                             Options cost, int budget, long seed, SeedPolicy seeds, int events, int retries,
                             int replicates,
                             Optional<Fidelity> fidelity, StopSettings stop, List<Path> reuse) {

    /** The largest {@code budget} (and {@code --budget}). */
    public static final int MAX_BUDGET = 10_000_000;
    /** The largest {@code seed} (and {@code --seed}); seeds start at 1. */
    public static final long MAX_SEED = Integer.MAX_VALUE;

    static final List<String> KEYS = List.of("name", "description", "parameters", "simulator", "metric",
        "optimizer", "executor", "cost", "budget", "seed", "seeds", "events", "retries", "replicates", "anchors",
        "fidelity", "stop", "reuse");

    /** The folder the campaign file is in; relative paths in the file are resolved from here. */
    public Path directory() {
        return file.toAbsolutePath().getParent();
    }

    /** The {@code cost:} section, read and checked (its Java class loaded); empty without one. */
    public Optional<DesignCost> design() {
        return Costs.read(cost.keys().isEmpty() ? Optional.empty()
            : Optional.of(cost), space, directory());
    }

    /** Reads and checks the top level and the parameters of a campaign file. */
    public static CampaignConfig read(Path file) {
        return parse(file, YamlFile.text(file));
    }

    /** Reads and checks campaign text that came from {@code file} (e.g. the copy kept in a journal). */
    public static CampaignConfig parse(Path file, String text) {
        var root = YamlFile.parse(file, text);
        root.allowOnly(KEYS);
        var space = ParameterReader.read(root);
        var stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        var seeds = SeedPolicy.valueOf(root.oneOf("seeds", List.of("fixed", "fresh"), "fixed")
            .toUpperCase(Locale.ROOT));
        int replicates = (int) root.integer("replicates", 1, 1, 1000);
        if (replicates > 1 && seeds == SeedPolicy.FIXED) {
            throw root.error("replicates", "replicates: " + replicates + " with seeds: fixed would run the same "
                + "simulation " + replicates + " times", "add 'seeds: fresh' so that each replicate gets its own seed, "
                + "or remove replicates");
        }
        var fidelity = Fidelity.read(root);
        return new CampaignConfig(file, text, sha256(text), root.string("name", stem), space,
            root.section("simulator"), root.section("metric"),
            root.optionalSection("optimizer").orElseGet(() -> root.empty("optimizer")),
            root.optionalSection("executor").orElseGet(() -> root.empty("executor")),
            root.optionalSection("cost").orElseGet(() -> root.empty("cost")),
            (int) root.integer("budget", 100, 1, MAX_BUDGET),
            root.integer("seed", 1, 1, MAX_SEED),
            seeds,
            fidelity.isPresent() ? fidelity.get().last() : (int) root.integer("events", 1000, 1, Integer.MAX_VALUE),
            (int) root.integer("retries", 1, 0, 100), replicates, fidelity, StopSettings.read(root),
            Reuse.folders(root, file));
    }

    /** A copy with the command line's overrides applied. */
    public CampaignConfig with(Overrides o) {
        return new CampaignConfig(file, text, hash, name, space, simulator, metric, optimizer, executor, cost,
            o.budget().orElse(budget), o.seed().isPresent() ? o.seed().getAsLong() : seed, seeds, events, retries,
            replicates, fidelity, stop, reuse);
    }

    /** A copy searching {@code other} (the same parameters, e.g. with another start): an optimizer phase. */
    CampaignConfig withSpace(Space other) {
        return new CampaignConfig(file, text, hash, name, other, simulator, metric, optimizer, executor, cost,
            budget, seed, seeds, events, retries, replicates, fidelity, stop, reuse);
    }

    static String sha256(String text) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
