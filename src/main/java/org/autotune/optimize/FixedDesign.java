package org.autotune.optimize;

import java.util.ArrayList;
import java.util.List;
import org.autotune.space.Point;

/** Proposes a fixed list of points in order (a scan, a space-filling check); results change nothing. */
public final class FixedDesign implements Optimizer {
    private final List<Point> points;
    private int next;

    public FixedDesign(List<Point> points) {
        this.points = List.copyOf(points);
    }

    @Override
    public List<Point> ask(int n) {
        var out = new ArrayList<Point>();
        while (out.size() < n && next < points.size()) {
            out.add(points.get(next++));
        }
        return out;
    }

    @Override
    public void tell(List<Result> results) {
        // a fixed design does not adapt
    }

    @Override
    public boolean done() {
        return next >= points.size();
    }
}
