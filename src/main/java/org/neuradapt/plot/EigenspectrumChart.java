package org.neuradapt.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.Eigenspectrum;

/**
 * The eigenspectra of W (docs/science.md section 5.8) in the complex plane with the unit circle:
 * one colour per run, initial eigenvalues as small open diamonds, trained ones as filled circles.
 * The chart is square with equal axis ranges, so the circle is round.
 */
public final class EigenspectrumChart {
    private EigenspectrumChart() {}

    public static XYChart build(List<Eigenspectrum.Spectrum> spectra, String title) {
        // the plot area is about 910 wide; the height leaves it as tall above the legend (about 28 per entry), so the circle is round
        XYChart c = new XYChartBuilder().width(1000).height(1025 + 28 * (1 + spectra.size())).title(title).xAxisTitle("Re lambda").yAxisTitle("Im lambda")
                .build();
        Style.apply(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setMarkerSize(8);
        double r = 1.1;
        for (Eigenspectrum.Spectrum s : spectra) r = Math.max(r, 1.05 * s.radius());
        double[] cx = new double[361], cy = new double[361];
        for (int k = 0; k <= 360; k++) {
            cx[k] = Math.cos(Math.toRadians(k));
            cy[k] = Math.sin(Math.toRadians(k));
        }
        XYSeries circle = c.addSeries("unit circle", cx, cy);
        circle.setMarker(SeriesMarkers.NONE);
        circle.setLineColor(Color.GRAY);
        circle.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
        List<String> runs = spectra.stream().map(s -> s.source().run()).distinct().toList();
        // the model's fixed colour, unless two runs share a model: then one palette colour per run
        boolean byModel = spectra.stream().map(s -> s.source().model()).distinct().count() == runs.size();
        for (Eigenspectrum.Spectrum s : spectra) {
            boolean init = s.state().equals(Eigenspectrum.INIT);
            int i = runs.indexOf(s.source().run());
            Color col = byModel ? Style.modelColor(s.source().model(), i) : Style.color(i);
            double[] x = s.values().stream().mapToDouble(Eigenspectrum.Eigenvalue::re).toArray();
            double[] y = s.values().stream().mapToDouble(Eigenspectrum.Eigenvalue::im).toArray();
            XYSeries p = c.addSeries(String.format(Locale.ROOT, "%s, %s: radius %.3f", s.source().run(), s.state(), s.radius()), x, y);
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(init ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            p.setMarkerColor(init ? new Color(col.getRed(), col.getGreen(), col.getBlue(), 90) : col);
        }
        c.getStyler().setXAxisMin(-r).setXAxisMax(r).setYAxisMin(-r).setYAxisMax(r);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        return c;
    }
}
