package org.autotune.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One plot of the report: one chart, or a grid of small charts (one panel per parameter, pair or
 * observable group), drawn row by row into a single image at most {@link #MAX_WIDTH} wide. Making
 * one tidies its charts' axes ({@link ChartStyle#tidy}).
 *
 * @param id      stable name: the HTML section's id and the file name under {@code --plots}
 * @param panels  the charts, in reading order
 * @param columns panels per row
 */
public record Figure(String id, String title, String caption, List<Chart<?, ?>> panels, int columns,
                     int panelWidth, int panelHeight) {

    /** The widest a figure is drawn, in pixels: the report page's width, so that no image is shrunk. */
    public static final int MAX_WIDTH = 900;

    public Figure {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a figure id is lower-case letters, digits and '-': " + id);
        }
        panels = List.copyOf(panels);
        if (panels.isEmpty() || columns < 1 || panelWidth < 1 || panelHeight < 1) {
            throw new IllegalArgumentException(id + ": a figure needs panels, columns and a size");
        }
        columns = Math.max(1, Math.min(columns, MAX_WIDTH / panelWidth));   // rows that fit the page
        for (var panel : panels) {
            if (panel instanceof XYChart xy) {
                ChartStyle.tidy(xy);
            }
        }
    }


    /** A figure of one chart. */
    static Figure single(String id, String title, String caption, Chart<?, ?> chart, int width, int height) {
        return new Figure(id, title, caption, List.of(chart), 1, width, height);
    }

    public int width() {
        return Math.min(columns, panels.size()) * panelWidth;
    }

    public int height() {
        return (panels.size() + columns - 1) / columns * panelHeight;
    }

    /** The figure as a PNG image. */
    public byte[] png() {
        var image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        paint(g);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding figure " + id + " as PNG", e);
        }
        return out.toByteArray();
    }

    /** The figure as an SVG document (large for dense scatter plots: prefer PNG there). */
    public byte[] svg() {
        var g = new VectorGraphics2D();
        paint(g);
        var out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding figure " + id + " as SVG", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code <id>.png} and {@code <id>.svg} into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(id + ".png"), png());
            Files.write(dir.resolve(id + ".svg"), svg());
        } catch (IOException e) {
            throw new UncheckedIOException("writing figure " + id + " into " + dir, e);
        }
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        for (int i = 0; i < panels.size(); i++) {
            var panel = (Graphics2D) g.create((i % columns) * panelWidth, (i / columns) * panelHeight, panelWidth,
                panelHeight);
            panels.get(i).paint(panel, panelWidth, panelHeight);
            panel.dispose();
        }
    }
}
