package org.autotune.optimize;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.autotune.model.UnitBox;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Events per sample rising as the search narrows: the search runs in stages, each with its own
 * number of events and its own inner optimizer. A stage ends when its optimizer is done or has
 * asked for its share of samples; once every point it asked for has been told, the next stage starts
 * around the stage's estimate of the minimum (the optimizer's own, or its best score), in a box
 * {@code narrow} times as wide as the stage before (real and log parameters; integer and choice
 * parameters keep their range), with more events per sample.
 *
 * <p>Scores from different numbers of events are never compared: a χ² grows with the events at a
 * fixed bias and its noise shrinks, so each stage's optimizer sees only its own samples: the next
 * stage starts only after every point of the stage before has been told. Stage boundaries depend
 * only on the results told, so the schedule replays like any optimizer.
 */
public final class FidelitySchedule implements Optimizer {
    /**
     * The stages: events per sample (rising), how many points each stage may ask for
     * ({@link Integer#MAX_VALUE}: until its optimizer is done), and the width of each stage's box
     * relative to the one before.
     */
    public record Stages(int[] events, int[] points, double narrow) {
        public Stages {
            if (events.length < 1 || events.length != points.length) {
                throw new IllegalArgumentException("need one point limit per stage");
            }
            for (int i = 1; i < events.length; i++) {
                if (events[i] <= events[i - 1]) {
                    throw new IllegalArgumentException("events must rise from stage to stage");
                }
            }
            if (!(narrow > 0 && narrow <= 1)) {
                throw new IllegalArgumentException("narrow must lie in (0, 1]");
            }
            events = events.clone();
            points = points.clone();
        }

        public int count() {
            return events.length;
        }
    }

    private final Space space;
    private final Stages stages;
    private final BiFunction<Space, Integer, Optimizer> factory;
    /** The stage of each point asked and not yet told, in the order asked. */
    private final ArrayDeque<Integer> outstanding = new ArrayDeque<>();
    private final List<PathStep> earlierPath = new ArrayList<>();
    private int stage;
    private Optimizer inner;
    private int askedInStage;
    private Point bestInStage;
    private double bestScoreInStage = Double.POSITIVE_INFINITY;
    private Point centre;

    /**
     * @param factory builds a stage's optimizer from the space it searches (its start is the centre
     *                of the stage) and the stage's number (0, 1, …)
     */
    public FidelitySchedule(Space space, Stages stages, BiFunction<Space, Integer, Optimizer> factory) {
        this.space = space;
        this.stages = stages;
        this.factory = factory;
        this.centre = space.start();
        this.inner = factory.apply(space, 0);
    }

    @Override
    public List<Point> ask(int n) {
        if (stageOver()) {
            if (stage == stages.count() - 1 || !outstanding.isEmpty()) {
                return List.of();   // done, or waiting for the stage's last results
            }
            advance();
        }
        int room = (int) Math.min(n, (long) stages.points()[stage] - askedInStage);
        var points = inner.ask(room);
        askedInStage += points.size();
        for (int i = 0; i < points.size(); i++) {
            outstanding.add(stage);
        }
        return points;
    }

    /** The events of the stage that made the last points asked. */
    @Override
    public OptionalInt events() {
        return OptionalInt.of(stages.events()[stage]);
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            var from = outstanding.poll();
            if (from == null) {
                throw new IllegalArgumentException("told a result for " + r.point() + ", which was never asked");
            }
            inner.tell(List.of(r));   // always the current stage's: a stage ends only once all its points are told
            if (r.score().isPresent() && r.score().get().value() < bestScoreInStage) {
                bestScoreInStage = r.score().get().value();
                bestInStage = r.point();
            }
        }
    }

    @Override
    public boolean done() {
        return stage == stages.count() - 1 && stageOver();
    }

    /** The last stage's search converged. */
    @Override
    public boolean converged() {
        return done() && inner.converged();
    }

    /** The current stage's estimate; before it has one, the centre it started from. */
    @Override
    public Optional<Point> estimate() {
        var own = inner.estimate();
        return own.isPresent() ? own : Optional.ofNullable(stage > 0 ? centre : null);
    }

    /** The stage the next points belong to (0 for the first). */
    public int stage() {
        return stage;
    }

    /** The steps of every stage's optimizer, numbered on from one stage to the next. */
    @Override
    public List<PathStep> pathSince(int from) {
        var out = new ArrayList<>(PathStep.since(earlierPath, from));
        out.addAll(shifted(inner.pathSince(Math.max(0, from - earlierPath.size())), earlierPath.size()));
        return out;
    }

    /** Closes the current stage's optimizer (earlier stages' were closed when they ended). */
    @Override
    public void close() {
        inner.close();
    }

    private boolean stageOver() {
        return inner.done() || askedInStage >= stages.points()[stage];
    }

    private void advance() {
        earlierPath.addAll(shifted(inner.pathSince(0), earlierPath.size()));
        centre = inner.estimate().or(() -> Optional.ofNullable(bestInStage)).orElse(centre);
        inner.close();
        stage++;
        inner = factory.apply(narrowed(space, centre, Math.pow(stages.narrow(), stage)), stage);
        askedInStage = 0;
        bestInStage = null;
        bestScoreInStage = Double.POSITIVE_INFINITY;
    }

    private static List<PathStep> shifted(List<PathStep> steps, int offset) {
        return steps.stream().map(s -> new PathStep(s.index() + offset, s.axis(), s.step(), s.from(), s.fromScore(),
            s.to(), s.toScore(), s.accepted(), s.batchSize())).toList();
    }

    /**
     * The space around {@code centre} whose real and log parameters span {@code width} of their
     * full range (in the unit cube, moved inside the bounds where it would cross them), starting at
     * the centre; integer and choice parameters keep their range and start at the centre's value.
     */
    static Space narrowed(Space space, Point centre, double width) {
        var out = new ArrayList<Parameter>();
        double[] u = space.toUnit(centre);
        for (int i = 0; i < space.dimension(); i++) {
            var p = space.parameter(i);
            double value = centre.get(p.name());
            if (!p.kind().continuous() || width >= 1) {
                out.add(new Parameter(p.name(), p.kind(), p.min(), p.max(), value, p.step(), p.unit(),
                    p.description(), p.choices()));
                continue;
            }
            double lo = UnitBox.clamp(u[i] - width / 2, 0, 1 - width);
            double min = Math.max(p.min(), p.fromUnit(lo));
            double max = Math.min(p.max(), p.fromUnit(lo + width));
            double start = Math.min(max, Math.max(min, value));
            double step = p.kind() == ParameterKind.LOG
                ? Math.min(p.step(), Math.sqrt(max / min)) : Math.min(p.step(), (max - min) / 2);
            out.add(new Parameter(p.name(), p.kind(), min, max, start, step, p.unit(), p.description(), p.choices()));
        }
        return new Space(out);
    }
}
