package org.neuradapt.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.spiking.GammaFit;

/**
 * The (n, s) map (docs/science.md section 8.7): the gamma parameters fitted to each spiking
 * model's f-I curve (current in rheobase units), with error bars of one standard error in s, and a
 * trained network's learned (n_i, s_i) overlaid in grey. n on a log axis: the models' gains span
 * two decades. A fit whose n reached the bound is drawn as an open marker (n is a lower bound).
 */
public final class GainMapChart {
    private GainMapChart() {}

    /** networkN, networkS: the network's neurons (empty arrays for none); network names them. */
    public static XYChart build(List<GammaFit.Result> fits, double[] networkN, double[] networkS, String network, String title) {
        XYChart c = new org.knowm.xchart.XYChartBuilder().width(1500).height(800).title(title)
                .xAxisTitle("gain n (log scale; the models' current in rheobase units)").yAxisTitle("saturation s").build();
        Style.apply(c.getStyler());
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setXAxisMin(1.0);
        c.getStyler().setXAxisMax(200.0);
        c.getStyler().setYAxisDecimalPattern("0.00");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 15));
        c.getStyler().setMarkerSize(13);
        if (networkN.length > 0) {
            XYSeries net = c.addSeries(network + " (" + networkN.length + " neurons)", networkN, networkS);
            net.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            net.setMarker(SeriesMarkers.CIRCLE);
            net.setMarkerColor(new Color(150, 150, 150));
        }
        for (int i = 0; i < fits.size(); i++) {
            GammaFit.Result f = fits.get(i);
            double se = f.se()[1];
            XYSeries p = c.addSeries(String.format(Locale.ROOT, "%s (%.3g, %.3f)", f.model().name(), f.n(), f.s()), new double[] {f.n()}, new double[] {f.s()},
                    new double[] {Double.isFinite(se) ? Math.min(se, 1) : 0});
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(f.atGainBound() ? SeriesMarkers.TRIANGLE_UP : i < 8 ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
            p.setMarkerColor(Style.color(i));
        }
        return c;
    }
}
