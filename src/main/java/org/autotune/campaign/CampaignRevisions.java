package org.autotune.campaign;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autotune.InputError;
import org.autotune.YamlFile;
import org.autotune.design.CostTerms;
import org.autotune.journal.Journal;
import org.autotune.journal.Revision;
import org.autotune.journal.Revisions;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.metric.Metric;
import org.autotune.metric.MetricException;
import org.autotune.metric.SampleOutputs;
import org.autotune.optimize.Result;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * A campaign continues across edits of its file that do not change a sample's outcome: each such
 * edit is journaled as a new revision (see {@link Identity} for what the identity is). The rules:
 * <ul>
 *   <li>Finished samples are never run again: their keys (simulator, point, seed, events) still
 *       hold, so every proposal that matches one is answered from the journal.</li>
 *   <li>While the settings behind the optimizer's proposals (space, optimizer, metric, anchors,
 *       cost, replicates) stay as they were, a resume replays the same optimizer phase exactly
 *       (a budget or comment edit only). When they change, the optimizer starts a new phase: a
 *       fresh optimizer of the new settings, started at the best finished sample inside the new
 *       space (fixed once, so a later resume replays the phase exactly), numbering its samples on
 *       from the last one.</li>
 *   <li>A changed metric re-scores every finished sample from the outputs its folder keeps,
 *       without simulating, before anything runs.</li>
 * </ul>
 */
final class CampaignRevisions {
    /** What opening a campaign found: its revision now, and whether the file's budget was edited. */
    record Opened(Revision current, boolean budgetEdited, String note) {
    }

    private CampaignRevisions() {
    }

    /** Journals revision 1 of a new campaign. */
    static Opened first(CampaignConfig config, Journal journal, Clock clock) {
        var r = new Revision(1, clock.instant(), config.hash(), config.text(), Identity.json(Identity.of(config)),
            Identity.search(config), 1, Optional.empty(), 0, "first run");
        Revisions.put(journal, r);
        journal.putMeta(Map.of(ReferenceData.META, ReferenceData.digest(config)));
        return new Opened(r, false, "");
    }

    /**
     * Compares the campaign file with the journal's last revision: the same text continues as it is;
     * an edit that keeps the identity becomes a new revision; one that changes it is refused, naming
     * each changed setting (and a template's changed lines).
     */
    static Opened open(CampaignConfig config, Journal journal, Clock clock) {
        var all = Revisions.all(journal);
        var last = all.isEmpty() ? legacy(config, journal) : all.get(all.size() - 1);
        var now = Identity.of(config);   // the templates are files of their own: compared even for the same text
        var changes = Identity.changes(Identity.read(last.identity()), now);
        if (!changes.isEmpty()) {
            throw refusal(config, journal, changes);
        }
        String data = ReferenceData.digest(config);
        // a journal from before the reference data were tracked starts tracking them now
        var dataChanged = ReferenceData.changed(journal.meta(ReferenceData.META).orElse(data), data);
        if (last.hash().equals(config.hash()) && dataChanged.isEmpty()) {
            journal.putMeta(Map.of(ReferenceData.META, data));
            return new Opened(last, false, "");
        }
        String search = Identity.search(config);
        boolean newPhase = !search.equals(last.search()) || !dataChanged.isEmpty();
        boolean metricChanged = !Identity.metric(last.text(), config).equals(Identity.metric(config.text(), config))
            || !dataChanged.isEmpty();
        if (metricChanged && inJob(last.text(), config)) {
            throw new InputError(config.file(), "metric", "the metric " + (dataChanged.isEmpty() ? "" : "or its "
                + "reference data ") + "changed, but it was computed inside each sample's job (where: job), so the "
                + "coordinator cannot re-score the stored outputs", "undo the change to continue, or add "
                + "--force-new to start afresh (the old folder is kept)");
        }
        int from = newPhase ? journal.lastOrdinal(SeedPolicy.OPTIMIZER) + 1 : last.optimizerFrom();
        String what = dataChanged.isEmpty() ? edited(last.text(), config)
            : (last.hash().equals(config.hash()) ? "" : edited(last.text(), config) + "; ") + "reference data "
                + String.join(", ", dataChanged) + " edited";
        var note = "revision " + (last.number() + 1) + " of the campaign file (" + what
            + "): the campaign continues" + (newPhase ? "; the optimizer starts a new phase at "
            + SeedPolicy.OPTIMIZER + "/" + from + " from the best sample so far" : "");
        var r = new Revision(last.number() + 1, clock.instant(), config.hash(), config.text(), Identity.json(now),
            search, from, newPhase ? Optional.empty() : last.start(), metricChanged ? -1 : 0, note);
        Revisions.put(journal, r);
        journal.putMeta(Map.of("campaign_text", config.text(), "campaign_hash", config.hash(), ReferenceData.META,
            data));
        int before = (int) YamlFile.parse(config.file(), last.text()).integer("budget", 100);
        return new Opened(r, before != config.budget(), note);
    }

    /**
     * {@code autotune refit}: a new revision of the same file whose scores are recomputed from the
     * stored outputs (e.g. after the reference data changed); the optimizer starts a new phase.
     */
    static void refit(CampaignConfig config, Journal journal, Clock clock) {
        var last = latest(journal);
        int from = journal.lastOrdinal(SeedPolicy.OPTIMIZER) + 1;
        journal.putMeta(Map.of(ReferenceData.META, ReferenceData.digest(config)));
        Revisions.put(journal, new Revision(last.number() + 1, clock.instant(), config.hash(), config.text(),
            last.identity(), last.search(), from, Optional.empty(), -1, "refit: scores recomputed from the "
            + "stored outputs; the optimizer starts a new phase at " + SeedPolicy.OPTIMIZER + "/" + from));
    }

    /** The revision the campaign runs as now. */
    static Revision latest(Journal journal) {
        var all = Revisions.all(journal);
        if (all.isEmpty()) {
            throw new IllegalStateException("a campaign opened for running has a revision");
        }
        return all.get(all.size() - 1);
    }

    /**
     * Re-scores every finished sample from the outputs its folder keeps, when the current revision
     * asks for it (a changed metric, or refit); a sample the new metric cannot score is marked failed
     * with the metric's message (and runs again if it is proposed again). With a cost, the new score
     * is the metric's plus the budget term, as a sample's score is when it finishes.
     *
     * @return how many samples were re-scored; empty when the revision needed none
     */
    static Optional<Integer> rescore(Journal journal, Metric metric, CostTerms costs, Clock clock) {
        var current = latest(journal);
        if (current.rescored() >= 0) {
            return Optional.empty();
        }
        int n = 0;
        for (SampleRecord s : journal.samples()) {
            if (s.status() != SampleStatus.FINISHED) {
                continue;
            }
            try {
                var score = metric.score(new SampleOutputs(Path.of(s.folder()), s.id(), s.seed(), s.events()));
                Revisions.rescore(journal, s.id(), costs.total(Point.of(s.point()), score));
                n++;
            } catch (MetricException e) {
                journal.failed(s.id(), "metric of revision " + current.number() + ": " + e.getMessage(),
                    Optional.empty(), clock.instant(), s.elapsedMillis());
            }
        }
        Revisions.put(journal, current.withRescored(n));
        return Optional.of(n);
    }

    /**
     * The space the current phase's optimizer searches: the file's, starting where the phase starts.
     * That is fixed (and journaled) when the phase first runs: the best finished sample inside the
     * space with the campaign's events, or the file's start when there is none.
     */
    static Space phaseSpace(CampaignConfig config, Journal journal) {
        var current = latest(journal);
        var space = config.space();
        Point start;
        if (current.start().isPresent()) {
            start = Point.of(Identity.numbers(current.start().get()));
        } else {
            start = journal.samples().stream()
                .filter(s -> usable(s, config, space))
                .min((a, b) -> Double.compare(a.score().getAsDouble(), b.score().getAsDouble()))
                .map(s -> Point.of(s.point())).orElse(space.start());
            Revisions.put(journal, current.withStart(ScanJson.write(start.asMap())));
        }
        var parameters = new ArrayList<Parameter>();
        for (Parameter p : space.parameters()) {
            double v = start.names().contains(p.name()) ? start.get(p.name()) : p.start();
            parameters.add(p.contains(v) ? new Parameter(p.name(), p.kind(), p.min(), p.max(), v, p.step(), p.unit(),
                p.description(), p.choices()) : p);
        }
        return new Space(parameters);
    }

    /**
     * What the current phase's optimizer learns before it asks (see {@code
     * Optimizer.learn}): the finished samples with the campaign's events inside
     * its space that finished before the revision that started the phase. Those never change, so a
     * resume learns the same ones; nothing for the first phase.
     */
    static List<Result> earlier(CampaignConfig config, Journal journal, Space space) {
        var current = latest(journal);
        if (current.optimizerFrom() <= 1) {
            return List.of();
        }
        return journal.samples().stream()
            .filter(s -> usable(s, config, space) && s.finished().filter(t -> !t.isAfter(current.at())).isPresent())
            .map(s -> new Result(Point.of(s.point()), s.toScore()))
            .toList();
    }

    /** A finished sample with a score, the campaign's events and a point inside {@code space}. */
    private static boolean usable(SampleRecord s, CampaignConfig config, Space space) {
        return s.status() == SampleStatus.FINISHED && s.events() == config.events() && s.score().isPresent()
            && !s.noiseReplicate()
            && s.point().keySet().equals(Set.copyOf(space.names())) && space.contains(Point.of(s.point()));
    }

    /** Revision 1 of a journal written before revisions were kept: its campaign text, run from its start. */
    private static Revision legacy(CampaignConfig config, Journal journal) {
        var text = journal.meta("campaign_text").orElseThrow(() -> Journal.noCampaign(journal.file()));
        var old = CampaignConfig.parse(config.file(), text);
        var at = journal.meta("created").map(Instant::parse).orElse(Instant.EPOCH);
        var r = new Revision(1, at, journal.meta("campaign_hash").orElse(old.hash()), text,
            Identity.json(Identity.of(old)), Identity.search(old), 1,
            Optional.of(ScanJson.write(old.space().start().asMap())), 0, "first run");
        Revisions.put(journal, r);
        return r;
    }

    /** Whether the old metric ran inside the jobs: its scores were written there, from outputs it may not keep. */
    private static boolean inJob(String before, CampaignConfig config) {
        return "job".equals(YamlFile.parse(config.file(), before).raw("metric").path("where").asString(""));
    }

    /** The top-level sections that differ, e.g. "budget, optimizer edited"; "comments or layout" otherwise. */
    private static String edited(String before, CampaignConfig config) {
        var a = YamlFile.parse(config.file(), before);
        var b = YamlFile.parse(config.file(), config.text());
        List<String> keys = CampaignConfig.KEYS.stream()
            .filter(k -> !a.raw(k).toString().equals(b.raw(k).toString())).toList();
        return keys.isEmpty() ? "comments or layout edited" : String.join(", ", keys) + " edited";
    }

    private static InputError refusal(CampaignConfig config, Journal journal, List<String> changes) {
        var folder = journal.file().toAbsolutePath().getParent();
        return new InputError(config.file(), "", "this campaign's samples were simulated with other settings: "
            + String.join("; ", changes), "undo the change to continue it; or add --force-new to start afresh (the "
            + "old folder is kept); or save the file under a new name with 'reuse: [" + folder + "]', so that a new "
            + "campaign takes every sample whose key still matches from this one");
    }
}
