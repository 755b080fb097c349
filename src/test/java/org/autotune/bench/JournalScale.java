package org.autotune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.autotune.Sample;
import org.autotune.campaign.CampaignConfig;
import org.autotune.journal.Journal;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.space.Point;

/**
 * Writes a large campaign journal through the journal's own API, for {@code bench/journal-scale}:
 * the quickstart campaign (three parameters) with N samples, each created, started and finished
 * (one in a hundred failed) in its own transactions as a run writes them, each finished one with
 * a score, two components and {@code OBSERVABLES} observables, plus an optimizer path entry per
 * sample. Beyond the first {@link #WRITTEN} samples, blocks of those rows are copied in SQL under new
 * ids, ordinals and keys (the API writes about 100 samples a second on a busy machine: 100 000 would
 * take 20 minutes); the commands read the copies exactly as the originals. Seeded: the same N gives
 * the same journal.
 *
 * <p>usage: JournalScale FOLDER SAMPLES [OBSERVABLES (default 20)]
 */
public final class JournalScale {
    /** Samples written through the journal's API; the rest are copies of these. */
    static final int WRITTEN = 2000;

    private JournalScale() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int observables = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        write(folder, n, observables, 17);
    }

    /** A campaign folder {@code folder} holding the campaign file and a journal of {@code n} samples. */
    public static void write(Path folder, int n, int observables, long seed) throws IOException {
        Files.createDirectories(folder);
        Path campaignFile = folder.resolve("campaign.yaml");
        Path example = Path.of("examples/quickstart");
        for (var name : List.of("detector.mac.template", "detector.sh", "reference.csv")) {
            Files.copy(example.resolve(name), folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String text = Files.readString(example.resolve("campaign.yaml"))
            .replaceFirst("(?m)^budget: \\d+", "budget: " + n);
        Files.writeString(campaignFile, text);
        var config = CampaignConfig.parse(campaignFile, text);
        Files.deleteIfExists(folder.resolve(Journal.FILE_NAME));
        var rng = new Random(seed);
        var t = Instant.parse("2026-12-01T00:00:00Z");
        try (var journal = Journal.open(folder.resolve(Journal.FILE_NAME))) {
            var meta = new LinkedHashMap<String, String>();
            meta.put("name", config.name());
            meta.put("campaign_file", campaignFile.toAbsolutePath().toString());
            meta.put("campaign_text", text);
            meta.put("campaign_hash", config.hash());
            meta.put("created", t.toString());
            meta.put("slots", "2");
            meta.put("seed", "7");
            meta.put("budget", Integer.toString(n));
            meta.put("state", "budget-spent");
            journal.putMeta(meta);
            for (int i = 1; i <= Math.min(n, WRITTEN); i++) {
                var point = new LinkedHashMap<String, Double>();
                point.put("gain", 0.5 + 1.5 * rng.nextDouble());
                point.put("offset", -1 + 2 * rng.nextDouble());
                point.put("noise", 0.02 * Math.pow(25, rng.nextDouble()));
                Path sampleFolder = folder.resolve("samples").resolve("%06d".formatted(i));
                journal.created(new Sample(i, "key-" + i, Point.of(point), 7, 4000, sampleFolder, "optimizer/" + i),
                    "optimizer", i, t);
                journal.started(i, 1, "local:" + (1000 + i), t.plusMillis(5));
                if (i % 100 == 37) {
                    journal.failed(i, "exit code 1: simulated failure " + i, Optional.of(1), t.plusMillis(9), 4);
                } else {
                    journal.finished(i, score(point, observables, rng), t.plusMillis(9), 4);
                }
                journal.path(i, "{\"step\":" + i + ",\"point\":" + pointJson(point) + "}");
                t = t.plusMillis(10);
            }
        }
        copy(folder.resolve(Journal.FILE_NAME), n);
    }

    /** Samples WRITTEN+1 … n as copies of the first WRITTEN, with their transitions and path entries. */
    private static void copy(Path file, int n) {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.setAutoCommit(false);
            try (var st = db.createStatement()) {
                for (int off = WRITTEN; off < n; off += WRITTEN) {
                    st.execute("INSERT INTO samples SELECT id + " + off + ", key || '-' || " + off + ", point, seed, "
                        + "events, status, attempts, score, score_error, components, observables, error, exit_code, "
                        + "job_id, folder, origin, created, started, finished, elapsed_ms, ordinal + " + off
                        + " FROM samples WHERE id <= " + WRITTEN + " AND id + " + off + " <= " + n);
                    st.execute("INSERT INTO transitions(sample_id, status, at, detail) SELECT sample_id + " + off
                        + ", status, at, detail FROM transitions WHERE sample_id <= " + WRITTEN + " AND sample_id + "
                        + off + " <= " + n + " ORDER BY id");
                    st.execute("INSERT INTO path(step, entry) SELECT step + " + off + ", entry FROM path WHERE step <= "
                        + WRITTEN + " AND step + " + off + " <= " + n);
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("copying samples in " + file, e);
        }
    }

    private static Score score(Map<String, Double> point, int count, Random rng) {
        double dg = point.get("gain") - 1.2;
        double dof = point.get("offset") - 0.3;
        double dn = Math.log(point.get("noise") / 0.08);
        var obs = new ArrayList<Observable>();
        double chi2 = 0;
        for (int k = 0; k < count; k++) {
            double reference = 100 + 10 * k;
            double simulated = reference * (1 + 0.3 * dg + 0.1 * dof * (k % 3) + 0.05 * dn * (k % 2))
                + rng.nextGaussian();
            double pull = (simulated - reference) / 1.5;
            chi2 += pull * pull;
            obs.add(new Observable("bin_" + k, simulated, 1.0, reference, 1.1));
        }
        var components = Map.of("amp_2keV", chi2 / 2, "amp_6keV", chi2 / 2);
        return new Score(chi2, OptionalDouble.of(Math.sqrt(2 * count)), components, obs);
    }

    private static String pointJson(Map<String, Double> point) {
        var sb = new StringBuilder("{");
        point.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }
}
