package org.autotune.optimize;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.autotune.score.Score;
import org.autotune.space.Point;

/** Runs an optimizer as the campaign loop does: ask for the free slots, tell results in order of proposal. */
public final class AskTellLoop {
    private AskTellLoop() {
    }

    /** Every point asked, in order, until the optimizer is done or {@code budget} points were asked. */
    public static List<Point> drive(Optimizer opt, int slots, int budget, ToDoubleFunction<Point> f) {
        var asked = new ArrayList<Point>();
        var queue = new ArrayDeque<Point>();
        while (true) {
            if (!opt.done()) {
                queue.addAll(opt.ask(Math.min(slots - queue.size(), budget - asked.size())).stream()
                    .peek(asked::add).toList());
            }
            if (queue.isEmpty()) {
                return asked;
            }
            var p = queue.poll();
            opt.tell(List.of(new Result(p, Optional.of(Score.of(f.applyAsDouble(p))))));
        }
    }
}
