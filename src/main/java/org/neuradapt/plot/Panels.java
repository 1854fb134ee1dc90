package org.neuradapt.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several charts painted as one, in a grid of {@code columns}, under one title; saved like any
 * chart by {@link Figures}. Also the one builder of its cells ({@link #panel}) and of their lines
 * ({@link #line}), shared by the multi-panel analysis figures (docs/science.md section 5).
 */
final class Panels extends Chart<XYStyler, XYSeries> {
    static final int CELL_W = 800, CELL_H = 540, TITLE_H = 50;
    static final BasicStroke THIN = new BasicStroke(1.8f), DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);

    private final List<Chart<?, ?>> cells;
    private final int columns;
    private final String heading;

    Panels(List<Chart<?, ?>> cells, int columns, String heading) {
        super(columns * CELL_W, TITLE_H + (cells.size() + columns - 1) / columns * CELL_H, new XYStyler());
        this.cells = List.copyOf(cells);
        this.columns = columns;
        this.heading = heading;
    }

    List<Chart<?, ?>> cells() { return cells; }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(heading, Math.max(0, (width - fm.stringWidth(heading)) / 2), (TITLE_H + fm.getAscent()) / 2);
        for (int i = 0; i < cells.size(); i++) {
            // translate only: a clip here would be repeated on every element of the SVG
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate((i % columns) * CELL_W, TITLE_H + (i / columns) * CELL_H);
            try {
                cells.get(i).paint(cell, CELL_W, CELL_H);
            } finally {
                cell.dispose();
            }
        }
    }

    /** A cell: an XY chart of the cell size in the house style, with smaller fonts and the legend inside, top right. */
    static XYChart panel(String title, String xTitle, String yTitle) {
        XYChart c = new org.knowm.xchart.XYChartBuilder().width(CELL_W).height(CELL_H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Style.apply(c.getStyler());
        XYStyler s = c.getStyler();
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        s.setMarkerSize(0);
        return c;
    }

    /** s drawn as a plain line in colour c and stroke, no markers. */
    static void line(XYSeries s, Color c, BasicStroke stroke) {
        s.setLineColor(c);
        s.setLineStyle(stroke);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
}
