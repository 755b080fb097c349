package org.autotune.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;
import org.autotune.campaign.CampaignStatus;
import org.autotune.campaign.CampaignView;
import org.autotune.journal.SampleRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A campaign as the dashboard's JSON shows it. The summary carries the numbers of
 * {@code autotune status} ({@link CampaignStatus}); the detail adds the parameters and one column
 * per quantity over the samples (ids, statuses, scores, parameter values), the shape uPlot draws:
 * all of them, or those changed since a page's cursor ({@link SampleColumns}).
 * Numbers are JSON numbers; non-finite ones become {@code null} (JSON has no NaN). Only a choice
 * parameter's value is text (its name); {@code scoreText} and {@code pointText} repeat the best
 * sample's numbers as {@code autotune status} prints them.
 */
final class CampaignJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CampaignJson() {
    }

    /** The overview row: state, counts against the budget, best sample, last failure. */
    static ObjectNode summary(String id, CampaignView view, CampaignStatus status) {
        var node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("name", status.name());
        node.put("folder", view.directory().toString());
        node.put("state", status.state());
        node.put("budget", status.budget());
        node.put("done", status.done());
        node.put("finished", status.finished());
        node.put("failed", status.failed());
        node.put("running", status.running());
        node.put("pending", status.pending());
        node.put("interrupted", status.interrupted());
        if (status.best().isPresent()) {
            node.set("best", best(view, status.best().get()));
        } else {
            node.putNull("best");
        }
        if (status.lastFailure().isPresent()) {
            var f = status.lastFailure().get();
            var failure = node.putObject("lastFailure");
            failure.put("sample", f.name());
            failure.put("folder", f.folder());
            failure.put("error", f.error().lines().findFirst().orElse(""));
        } else {
            node.putNull("lastFailure");
        }
        return node;
    }

    /** A campaign that could not be read: its id, folder and why, so the row can say what to fix. */
    static ObjectNode unreadable(String id, Path folder, String problem) {
        var node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("name", folder.getFileName().toString().replaceFirst("\\.autotune$", ""));
        node.put("folder", folder.toString());
        node.put("state", "unreadable");
        node.put("problem", problem);
        return node;
    }

    /** The summary plus the parameters: the part of the detail that is not samples. */
    static ObjectNode head(ObjectNode summary, CampaignView view) {
        var node = summary.deepCopy();
        var parameters = node.putArray("parameters");
        for (var p : view.space().parameters()) {
            var par = parameters.addObject();
            par.put("name", p.name());
            par.put("kind", p.kind().spelling());
            par.put("unit", p.unit());
            par.put("min", p.min());
            par.put("max", p.max());
            var choices = par.putArray("choices");
            p.choices().forEach(choices::add);
        }
        return node;
    }

    /**
     * The detail: the head, the journal's change counter as {@code cursor}, and the samples column
     * by column: every sample when {@code since} is negative, else (with {@code "since": since}) only
     * those that changed after it, for a page that holds the rest.
     *
     * @param generation which reading of the journal the cursor counts in (a replaced journal starts
     *     a new one, and a page holding another generation must load everything again)
     */
    static String detail(ObjectNode head, SampleColumns samples, long cursor, long generation, long since) {
        var text = MAPPER.writeValueAsString(head);
        var out = new StringBuilder(text.length() + 64 + (since < 0 ? 100 * samples.size() : 0));
        out.append(text, 0, text.length() - 1).append(text.length() > 2 ? "," : "");
        out.append("\"cursor\":").append(cursor).append(",\"generation\":").append(generation);
        if (since >= 0) {
            out.append(",\"since\":").append(since);
        }
        samples.json(out.append(",\"samples\":"), since);
        return out.append('}').toString();
    }

    private static ObjectNode best(CampaignView view, SampleRecord best) {
        var node = MAPPER.createObjectNode();
        node.put("sample", best.name());
        node.put("id", best.id());
        double score = best.score().getAsDouble();
        putNumber(node, "score", score);
        // the text autotune status prints (cli.Summary.number), so both show the same digits
        node.put("scoreText", String.format(Locale.ROOT, "%.6g", score));
        if (best.scoreError().isPresent()) {
            putNumber(node, "scoreError", best.scoreError().getAsDouble());
        }
        // the values as numbers (a choice by its name), and as the text autotune status prints them
        var point = node.putObject("point");
        var pointText = node.putObject("pointText");
        var text = view.format(best);
        view.values(best).forEach((name, v) -> {
            if (v instanceof String s) {
                point.put(name, s);
            } else if (v instanceof Long l) {
                point.put(name, l);
            } else {
                point.put(name, (Double) v);
            }
        });
        for (var p : view.space().parameters()) {
            double v = best.point().get(p.name());
            pointText.put(p.name(), p.kind().continuous() ? significant(v) : text.get(p.name()));
        }
        return node;
    }

    /** Six significant digits without exponent, as autotune status prints values (cli.Summary.significant). */
    static String significant(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%.6g", v);
        }
        var bd = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        return bd.scale() < 0 ? bd.setScale(0).toPlainString() : bd.toPlainString();
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
