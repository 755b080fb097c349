package org.autotune.optimize;

import java.util.List;
import org.autotune.space.Point;

/**
 * One step of an optimizer's descent, for the journal and the report: which axis it moved
 * along (or "start"), the step size in the parameter's unit (a factor for log parameters), where
 * it came from, the best point of the step's batch, both scores, and whether it moved there.
 */
public record PathStep(int index, String axis, double step, Point from, double fromScore,
                       Point to, double toScore, boolean accepted, int batchSize) {

    /** A copy of the steps of {@code path} from index {@code from} on (none when from is past the end). */
    static List<PathStep> since(List<PathStep> path, int from) {
        if (from < 0) {
            throw new IllegalArgumentException("path steps are counted from 0, got " + from);
        }
        return List.copyOf(path.subList(Math.min(from, path.size()), path.size()));
    }
}
