package org.autotune.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.autotune.analysis.Combinations;
import org.autotune.scan.EstimateCheck;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.Outcome;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.space.Point;
import org.autotune.space.Space;
import tools.jackson.databind.json.JsonMapper;

/** The lines printed when a campaign's run ends: why it ended, the counts, the best point. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, Campaign campaign, Outcome outcome) {
        var counts = campaign.journal().counts();
        out.printf("%s: %s%n", outcome.state().spelling(), outcome.message());
        var last = outcome.last();
        out.printf("samples: %d finished, %d failed%s%n", counts.get(SampleStatus.FINISHED),
            counts.get(SampleStatus.FAILED),
            last != null && last.reused() > 0 ? ", " + last.reused() + " answered from the journal" : "");
        outcome.best().ifPresentOrElse(b -> printBest(out, campaign.config().space(), b),
            () -> out.println("no sample finished: no best point"));
        if (!campaign.config().space().continuous()) {   // combinations exist only with integer or choice parameters
            var samples = new ArrayList<SampleRecord>();
            campaign.journal().forEachSample(false, samples::add);
            printCombinations(out, campaign.config().space(), samples);
        }
        campaign.journal().meta("estimate").ifPresent(json -> printEstimate(out, campaign.config().space(), json,
            outcome.best(), EstimateCheck.current(campaign)));
        out.printf("journal: %s%n", CampaignRunCommand.relative(campaign.journal().file()));
        out.flush();
    }

    /** With integer or choice parameters: each combination's best score, samples and best point. */
    static void printCombinations(PrintWriter out, Space space, List<SampleRecord> samples) {
        var rows = Combinations.of(space, samples);
        if (rows.size() < 2) {
            return;
        }
        out.println("combinations (best first):");
        for (var r : rows) {
            var choice = new StringBuilder();
            r.choice().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> choice.append(choice.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(e.getValue()));
            out.printf("  %-30s best %-12s samples %4d%s%n", choice, r.best().isPresent()
                ? number(r.best().getAsDouble()) : "-", r.samples(), r.bestPoint().map(p -> "  at "
                + continuous(space, p)).orElse(""));
        }
    }

    private static String continuous(Space space, Map<String, Double> point) {
        var sb = new StringBuilder();
        for (var p : space.parameters()) {
            if (p.kind().continuous() && point.containsKey(p.name())) {
                sb.append(sb.length() == 0 ? "" : ", ").append(p.name()).append('=')
                    .append(significant(point.get(p.name())));
            }
        }
        return sb.toString();
    }

    static void printBest(PrintWriter out, Space space, SampleRecord best) {
        out.printf("best: sample %s, score %s%s%n", best.name(), number(best.score().getAsDouble()),
            best.scoreError().isPresent() ? " ± " + number(best.scoreError().getAsDouble()) : "");
        var values = space.format(Point.of(best.point()));
        int width = space.names().stream().mapToInt(String::length).max().orElse(1);
        for (var p : space.parameters()) {
            double v = best.point().get(p.name());
            String text = p.kind().continuous() ? significant(v) : values.get(p.name());
            out.printf("  %-" + width + "s = %s%s%n", p.name(), text, p.unit().isEmpty() ? "" : " " + p.unit());
        }
    }

    /** The optimizer's estimate of the minimum (its model, not a single noisy sample). */
    static void printEstimate(PrintWriter out, Space space, String json, Optional<SampleRecord> best,
                              Optional<EstimateCheck.Verdict> check) {
        if (best.isEmpty()) {
            return;   // no sample finished: the optimizer's "estimate" is only where it started
        }
        var node = JsonMapper.builder().build().readTree(json);
        if (space.names().stream()
            .allMatch(n -> node.get(n).asDouble() == best.get().point().get(n))) {
            out.println("optimizer's estimate of the minimum: the best sample");
            return;
        }
        if (check.isPresent() && !check.get().better()) {
            var v = check.get();
            out.printf("optimizer's estimate of the minimum: not better than the best sample when both were sampled "
                + "again (%d fresh samples each: mean %s ± %s at the estimate, %s ± %s at the best sample); "
                + "the best sample stands%n", EstimateCheck.REPLICATES, number(v.estimateMean()),
                number(v.estimateError()), number(v.bestMean()), number(v.bestError()));
            return;
        }
        out.println(check.map(v -> String.format(Locale.ROOT, "optimizer's estimate of the minimum (checked by %d "
            + "fresh samples each: mean %s ± %s, the best sample's %s ± %s):", EstimateCheck.REPLICATES,
            number(v.estimateMean()), number(v.estimateError()), number(v.bestMean()), number(v.bestError())))
            .orElse("optimizer's estimate of the minimum (its model's or search distribution's; not sampled):"));
        int width = space.names().stream().mapToInt(String::length).max().orElse(1);
        for (var p : space.parameters()) {
            out.printf("  %-" + width + "s = %s%s%n", p.name(), significant(node.get(p.name()).asDouble()),
                p.unit().isEmpty() ? "" : " " + p.unit());
        }
    }

    /** Six significant digits, without exponent or trailing zeros: 1.20156, 0.0798129. */
    static String significant(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return Summary.number(v);
        }
        var bd = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        return bd.scale() < 0 ? bd.setScale(0).toPlainString() : bd.toPlainString();
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
