package org.neuradapt.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * One look for every figure: the Okabe-Ito colour-blind-safe palette, fonts and line widths that
 * stay readable when a 1000-pixel figure is shrunk to a paper column, white background.
 */
public final class Style {
    private Style() {}

    /** Okabe and Ito (2008): distinguishable under the common colour-vision deficiencies. */
    public static final List<Color> PALETTE = List.of(
            new Color(0, 114, 178),   // blue
            new Color(213, 94, 0),    // vermillion
            new Color(0, 158, 115),   // bluish green
            new Color(204, 121, 167), // reddish purple
            new Color(230, 159, 0),   // orange
            new Color(86, 180, 233),  // sky blue
            new Color(240, 228, 66),  // yellow
            Color.BLACK);

    public static Color color(int i) { return PALETTE.get(Math.floorMod(i, PALETTE.size())); }

    /** Built-in models keep one colour in every figure; other names take the palette in order of appearance. */
    private static final List<String> MODEL_ORDER = List.of("rnn_relu", "rnn_gamma_het", "arun", "lstm", "gru", "rnn_tanh", "rnn_gamma_hom",
            "lif", "alif");

    /** The colour of the {@code i}-th model of a figure, fixed for the built-in model ids. */
    public static Color modelColor(String model, int i) {
        int k = MODEL_ORDER.indexOf(model);
        return k >= 0 ? color(k) : color(MODEL_ORDER.size() + i);
    }

    /**
     * The line of the {@code i}-th model: solid while the palette lasts, dashed for the models whose
     * colour repeats an earlier one's (the ninth model on: alif is rnn_relu's blue, dashed).
     */
    public static BasicStroke modelStroke(String model, int i) {
        int k = MODEL_ORDER.indexOf(model);
        return (k >= 0 ? k : MODEL_ORDER.size() + i) < PALETTE.size() ? LINE : DASHED;
    }

    private static final BasicStroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{9f, 6f}, 0f);

    /** The same colour, translucent, for the band around a mean curve. */
    public static Color band(Color c) { return new Color(c.getRed(), c.getGreen(), c.getBlue(), 60); }

    public static final BasicStroke LINE = new BasicStroke(2.5f);

    /** Anchors of the sequential ramp: matplotlib's plasma from 0 to 0.85 (its pale yellow end is unreadable on white). */
    private static final int[][] RAMP = {{13, 8, 135}, {106, 0, 168}, {177, 42, 144}, {225, 100, 98}, {252, 166, 54}};

    /**
     * A sequential colour for {@code v} on a log scale from {@code lo} (dark purple) to {@code hi}
     * (orange), for values such as drive amplitudes that span decades; clamped at the ends.
     */
    public static Color logRamp(double v, double lo, double hi) {
        double f = hi > lo && v > 0 && lo > 0 ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : 0;
        f = Math.max(0, Math.min(1, f)) * (RAMP.length - 1);
        int i = Math.min((int) f, RAMP.length - 2);
        double w = f - i;
        int[] a = RAMP[i], b = RAMP[i + 1];
        return new Color((int) Math.round(a[0] + w * (b[0] - a[0])), (int) Math.round(a[1] + w * (b[1] - a[1])), (int) Math.round(a[2] + w * (b[2] - a[2])));
    }

    /** An XY chart of the standard size with the house style applied. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(1000).height(700).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setMarkerSize(8);
        return chart;
    }

    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setSeriesColors(PALETTE.toArray(Color[]::new));
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
            a.setPlotGridLinesColor(new Color(225, 225, 225));
        }
    }
}
