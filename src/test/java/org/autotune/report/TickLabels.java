package org.autotune.report;

import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis_;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;

/**
 * The tick labels XChart drew on a chart's axis, with where and how wide. XChart keeps them only
 * inside the chart, so they are read by reflection after the chart was painted (a test helper: the
 * report itself never does this).
 *
 * @param labels    the labels drawn (blank ones left out)
 * @param positions the label centres along the axis, in pixels
 * @param extents   each label's size along the axis (width on x, height on y), in pixels
 * @param minGap    the white two neighbouring labels need at least, in pixels
 */
record TickLabels(List<String> labels, List<Double> positions, List<Double> extents, double minGap) {
    /**
     * White between neighbouring labels, in pixels: side by side about an em of the 9 to 11 pt tick
     * font, so that 111 and 133 do not read as 111133; one above the other, ordinary line spacing.
     */
    static final double MIN_GAP_X = 8;
    static final double MIN_GAP_Y = 4;

    /** The labels of the x ({@code x = true}) or y axis of a painted chart. */
    static TickLabels of(XYChart chart, boolean x) throws ReflectiveOperationException {
        Field pairField = null;
        for (Class<?> c = chart.getClass(); pairField == null && c != null; c = c.getSuperclass()) {
            for (var f : c.getDeclaredFields()) {
                if (f.getName().equals("axisPair")) {
                    pairField = f;
                }
            }
        }
        if (pairField == null) {
            throw new NoSuchFieldException("axisPair in " + chart.getClass());
        }
        pairField.setAccessible(true);
        Object pair = pairField.get(chart);
        Method getter = pair.getClass().getDeclaredMethod(x ? "getXAxis" : "getYAxis");
        getter.setAccessible(true);
        AxisTickCalculator calc = ((Axis_<?, ?>) getter.invoke(pair)).getAxisTickCalculator();
        var font = chart.getStyler().getAxisTickLabelsFont();
        var context = new FontRenderContext(null, true, false);
        var labels = new ArrayList<String>();
        var positions = new ArrayList<Double>();
        var extents = new ArrayList<Double>();
        for (int i = 0; i < calc.getTickLabels().size(); i++) {
            String label = calc.getTickLabels().get(i);
            if (label == null || label.isBlank()) {
                continue;
            }
            Rectangle2D bounds = font.getStringBounds(label, context);
            labels.add(label);
            positions.add(calc.getTickLocations().get(i));
            extents.add(x ? bounds.getWidth() : bounds.getHeight());
        }
        return new TickLabels(labels, positions, extents, x ? MIN_GAP_X : MIN_GAP_Y);
    }

    /** The first pair of neighbouring labels closer than {@code minGap}, or an empty string when all stand apart. */
    String overlap() {
        for (int i = 0; i + 1 < labels.size(); i++) {
            double gap = Math.abs(positions.get(i + 1) - positions.get(i)) - (extents.get(i) + extents.get(i + 1)) / 2;
            if (gap < minGap) {
                return "'" + labels.get(i) + "' and '" + labels.get(i + 1) + "' (gap " + Math.round(gap) + " px)";
            }
        }
        return "";
    }
}
