package org.autotune.scan;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autotune.InputError;
import org.autotune.analysis.Constraints;
import org.autotune.analysis.LocalAnalysis;
import org.autotune.analysis.ScanDesign;
import org.autotune.campaign.Campaign;
import org.autotune.campaign.CampaignAnalysis;
import org.autotune.campaign.CampaignConfig;
import org.autotune.campaign.Grid;
import org.autotune.campaign.Outcome;
import org.autotune.campaign.Progress;
import org.autotune.campaign.ScanJson;
import org.autotune.journal.DesignRecord;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * 2-D grids of size × size samples over one pair of parameters around the minimum (the fitted one
 * where the analysis has it, else the best sample), the others fixed there. Grid k's samples are
 * {@code grid-k/1}, {@code grid-k/2}, … row by row.
 */
public final class Grids {
    /** What a grid scan did. */
    public record GridOutcome(int number, Outcome outcome, Optional<Grid> grid) {
    }

    private Grids() {
    }

    /**
     * Runs (or continues) a grid: ±{@code span} of each parameter's 1σ from the analysis, or
     * ±{@code span} steps before any analysis. An empty {@code pair} picks the most correlated
     * pair of the analysis.
     */
    public static GridOutcome run(Campaign campaign, Optional<List<String>> pair, int size, double span,
                                  Progress progress, Clock clock) {
        var config = campaign.config();
        var space = config.space();
        if (space.parameters().stream().filter(p -> p.kind().continuous()).count() < 2) {
            throw new InputError(config.file(), "--grid", "a grid needs two real or log parameters",
                "compare integer and choice values with 'autotune scan' (it tries neighbouring integers) or "
                    + "'autotune status'");
        }
        var entry = Ledgers.unfinished(campaign.journal(), DesignRecord.Kind.GRID)
            .orElseGet(() -> start(campaign, pair, size, span));
        var design = ScanJson.readGrid(entry.design());
        var held = new HeldCombination(space, ScanJson.tree(entry.design()).has("held")
            ? ScanJson.readPoint(ScanJson.tree(entry.design()).get("held")) : Map.of());
        var points = design.points().stream().map(held::point).toList();
        var run = campaign.runDesign(points, entry.origin(), 1, "grid", progress, clock);
        if (run.outcome().state().unfinished()) {
            return new GridOutcome(entry.number(), run.outcome(), Optional.empty());
        }
        var grid = map(config, design, points, run.scores());
        campaign.journal().putDesign(entry.with(DesignRecord.State.DONE, entry.design(),
            Optional.of(ScanJson.write(grid))));
        return new GridOutcome(entry.number(), run.outcome(), Optional.of(grid));
    }

    private static Grid map(CampaignConfig config, ScanJson.GridDesign design, List<Point> points,
                            List<Optional<Score>> scores) {
        var space = config.space();
        int n = design.size();
        int ix = space.names().indexOf(design.x());
        int iy = space.names().indexOf(design.y());
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[][] map = new double[n][n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                int at = row * n + col;
                xs[col] = points.get(at).get(ix);
                ys[row] = points.get(at).get(iy);
                map[row][col] = scores.get(at).map(Score::value).orElse(Double.NaN);
            }
        }
        return new Grid(design.x(), design.y(), xs, ys, map);
    }

    /** Stores a new grid's points before any of them runs. */
    private static DesignRecord start(Campaign campaign, Optional<List<String>> pair, int size, double span) {
        var config = campaign.config();
        var best = campaign.journal().best().orElseThrow(() -> new InputError(config.file(), "", "no finished sample "
            + "to scan around yet", "run the campaign first: autotune run " + config.file()));
        // integer and choice parameters held at the best sample's values; the grid is over the others
        var held = HeldCombination.of(config.space(), best.point());
        var space = held.scanned();
        var type = campaign.components().metric().type();
        var analysis = (held.none() ? CampaignAnalysis.of(space, type, campaign.journal(), 1)
            : CampaignAnalysis.atBestCombination(config.space(), type, campaign.journal(), 1)).orElseThrow();
        var constraints = analysis.local().constraints();
        int[] axes = pair.isPresent() ? named(config, space, pair.get()) : mostCorrelated(config, constraints);
        var center = analysis.local().minimum().orElse(LocalAnalysis.pointOf(space, best.point()));
        double[] c = space.toUnit(center);
        double[] half = new double[2];
        for (int a = 0; a < 2; a++) {
            int i = axes[a];
            double sigma = constraints.map(x -> x.estimates().get(i).unitSigma()).orElse(space.parameter(i)
                .unitStep());
            half[a] = Math.max(1e-3, Math.min(0.5, span * sigma));
        }
        var meta = new LinkedHashMap<String, Object>();
        meta.put("x", space.names().get(axes[0]));
        meta.put("y", space.names().get(axes[1]));
        meta.put("size", size);
        meta.put("points", ScanDesign.grid(c, axes[0], axes[1], half, size));
        if (!held.none()) {
            meta.put("held", held.held());
        }
        return Ledgers.store(campaign.journal(), DesignRecord.Kind.GRID, DesignRecord.State.RUNNING,
            ScanJson.write(meta));
    }

    private static int[] mostCorrelated(CampaignConfig config, Optional<Constraints> constraints) {
        if (constraints.isEmpty()) {
            throw new InputError(config.file(), "--grid", "no analysis to pick the most correlated pair from",
                "run 'autotune scan " + config.file() + "' first, or name the pair: --grid A,B");
        }
        int[] axes = new int[2];
        double[][] r = constraints.get().correlation();
        double most = -1;
        for (int i = 0; i < r.length; i++) {
            for (int j = i + 1; j < r.length; j++) {
                if (Math.abs(r[i][j]) > most) {
                    most = Math.abs(r[i][j]);
                    axes = new int[] {i, j};
                }
            }
        }
        return axes;
    }

    private static int[] named(CampaignConfig config, Space space, List<String> pair) {
        int[] axes = new int[2];
        for (int a = 0; a < 2; a++) {
            axes[a] = space.names().indexOf(pair.get(a));
            if (axes[a] < 0) {
                boolean discrete = config.space().names().contains(pair.get(a));
                throw new InputError(config.file(), "--grid", "no " + (discrete ? "real or log " : "") + "parameter '"
                    + pair.get(a) + "' in this campaign", "use two of " + String.join(", ", space.names()));
            }
        }
        if (axes[0] == axes[1]) {
            throw new InputError(config.file(), "--grid", "the pair names '" + pair.get(0) + "' twice",
                "name two different parameters, e.g. --grid " + space.names().get(0) + ","
                    + space.names().get(Math.min(1, space.dimension() - 1)));
        }
        return axes;
    }
}
