package org.autotune.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.autotune.campaign.CampaignStatus;
import org.autotune.campaign.CampaignView;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A campaign as the dashboard's JSON shows it. The summary carries the numbers of
 * {@code autotune status} ({@link CampaignStatus}); the detail adds the parameters and one column
 * per quantity over all samples (ids, statuses, scores, parameter values), the shape uPlot draws.
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

    /** The summary plus the parameters and every sample, column by column. */
    static ObjectNode detail(ObjectNode summary, CampaignView view, List<SampleRecord> samples) {
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
        var columns = node.putObject("samples");
        var ids = columns.putArray("id");
        var names = columns.putArray("name");
        var statuses = columns.putArray("status");
        var scores = columns.putArray("score");
        var errors = columns.putArray("scoreError");
        var events = columns.putArray("events");
        var values = columns.putObject("values");
        for (var s : samples) {
            ids.add(s.id());
            names.add(s.name());
            statuses.add(s.status().name());
            number(scores, s.status() == SampleStatus.FINISHED ? s.score() : OptionalDouble.empty());
            number(errors, s.scoreError());
            events.add(s.events());
        }
        for (var p : view.space().parameters()) {
            var column = values.putArray(p.name());
            for (var s : samples) {
                Double v = s.point().get(p.name());
                number(column, v == null ? OptionalDouble.empty() : OptionalDouble.of(v));
            }
        }
        return node;
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

    private static void number(ArrayNode array, OptionalDouble value) {
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            array.add(value.getAsDouble());
        } else {
            array.addNull();
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
