package org.neuradapt.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.EdgeOfChaos;
import org.neuradapt.analysis.Robustness;

/**
 * The edge-of-chaos figure (docs/science.md section 5.7): dashed contours gamma'(x; n, s) = level,
 * one per x, and the maximal slope's contour (black, dash-dot); over them the ARUN's mean (n_t, s_t)
 * path per step amplitude xi (solid, onset a triangle, steady state a square) or a heterogeneous
 * network's learned (n_i, s_i). Contours and paths share one log colour scale, so the contour of
 * x = xi and the path under a drive xi take the same colour, as in the reference's figure.
 */
public final class EdgeOfChaosChart {
    private EdgeOfChaosChart() {}

    private static final BasicStroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f),
            DASH_DOT = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {12f, 5f, 3f, 5f}, 0f);

    public static XYChart build(EdgeOfChaos.Result r, String title) {
        XYChart c = new XYChartBuilder().width(1200).height(800).title(title).xAxisTitle("gain n").yAxisTitle("saturation s").build();
        Style.apply(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(11);
        EdgeOfChaos.Plane plane = r.plane();
        double lo = DoubleStream.concat(r.protocol().xs().stream().mapToDouble(Double::doubleValue), r.paths().stream().mapToDouble(EdgeOfChaos.Path::xi))
                .filter(v -> v > 0).min().orElse(1);
        double hi = DoubleStream.concat(r.protocol().xs().stream().mapToDouble(Double::doubleValue), r.paths().stream().mapToDouble(EdgeOfChaos.Path::xi))
                .max().orElse(1);
        String level = Robustness.number(r.protocol().level());
        for (EdgeOfChaos.Contour k : r.contours()) {
            boolean max = k.curve().equals(EdgeOfChaos.MAX);
            String name = max ? "sup_x gamma' = " + level : "gamma'(" + Robustness.number(k.x()) + ") = " + level;
            Color col = max ? Color.BLACK : Style.logRamp(k.x(), lo, hi);
            List<List<EdgeOfChaos.Point>> segments = new ArrayList<>();
            for (EdgeOfChaos.Point p : k.points()) {
                if (segments.size() <= p.segment()) segments.add(new ArrayList<>());
                segments.get(p.segment()).add(p);
            }
            if (segments.isEmpty()) {  // still named in the legend, so an absent contour is visibly absent
                Panels.line(c.addSeries(name + " (outside)", new double[] {Double.NaN}, new double[] {Double.NaN}), col, max ? DASH_DOT : DASHED);
                continue;
            }
            for (int i = 0; i < segments.size(); i++) {
                List<EdgeOfChaos.Point> seg = thin(segments.get(i));
                XYSeries s = c.addSeries(i == 0 ? name : name + " #" + i, seg.stream().mapToDouble(EdgeOfChaos.Point::n).toArray(),
                        seg.stream().mapToDouble(EdgeOfChaos.Point::s).toArray());
                Panels.line(s, col, max ? DASH_DOT : DASHED);
                s.setShowInLegend(i == 0);
            }
        }
        for (EdgeOfChaos.Path p : r.paths()) {
            Color col = Style.logRamp(p.xi(), lo, hi);
            boolean seen = p.points().stream().anyMatch(q -> plane.contains(q.n(), q.s()));
            Panels.line(c.addSeries("path xi = " + Robustness.number(p.xi()) + (seen ? "" : " (outside)"), p.points().stream().mapToDouble(EdgeOfChaos.PathPoint::n).toArray(),
                    p.points().stream().mapToDouble(EdgeOfChaos.PathPoint::s).toArray()), col, Style.LINE);
            point(c, "onset " + Robustness.number(p.xi()), p.onset(), col, SeriesMarkers.TRIANGLE_UP).setShowInLegend(false);
            point(c, "steady " + Robustness.number(p.xi()), p.steady(), col, SeriesMarkers.SQUARE).setShowInLegend(false);
        }
        if (!r.paths().isEmpty()) {
            point(c, "onset (t = " + r.paths().get(0).points().get(0).t() + ")", new double[] {Double.NaN, Double.NaN}, Color.GRAY, SeriesMarkers.TRIANGLE_UP);
            point(c, "steady state (mean " + r.protocol().steady() + ")", new double[] {Double.NaN, Double.NaN}, Color.GRAY, SeriesMarkers.SQUARE);
        }
        if (!r.neurons().isEmpty()) {
            long inside = r.neurons().stream().filter(v -> plane.contains(v[0], v[1])).count();
            XYSeries s = c.addSeries(String.format(Locale.ROOT, "learned (n_i, s_i), %d neurons%s", r.neurons().size(),
                            inside < r.neurons().size() ? " (" + (r.neurons().size() - inside) + " outside)" : ""),
                    r.neurons().stream().mapToDouble(v -> v[0]).toArray(), r.neurons().stream().mapToDouble(v -> v[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(0, 114, 178, 170));
        }
        c.getStyler().setXAxisMin(plane.nFrom()).setXAxisMax(plane.nTo()).setYAxisMin(plane.sFrom()).setYAxisMax(plane.sTo());
        c.getStyler().setXAxisDecimalPattern("0.0#").setYAxisDecimalPattern(Math.abs(plane.sTo() - plane.sFrom()) < 0.2 ? "0.000" : "0.00");
        return c;
    }

    /**
     * At most 25 points of a segment (its ends kept): XChart strokes every piece of a polyline on
     * its own, so a dash pattern restarts at each point and a densely sampled curve looks solid.
     */
    private static List<EdgeOfChaos.Point> thin(List<EdgeOfChaos.Point> seg) {
        if (seg.size() <= 25) return seg;
        List<EdgeOfChaos.Point> out = new ArrayList<>();
        for (int k = 0; k < 25; k++) out.add(seg.get((int) Math.round(k * (seg.size() - 1) / 24.0)));
        return out;
    }

    private static XYSeries point(XYChart c, String name, double[] at, Color col, org.knowm.xchart.style.markers.Marker m) {
        XYSeries s = c.addSeries(name, new double[] {at[0]}, new double[] {at[1]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(m);
        s.setMarkerColor(col);
        return s;
    }

    /**
     * The reference's view (the gamma' = 1 contours with the path) beside the one that decides the
     * edge for the trained, non-orthogonal W: the spectral norm of the Jacobian diag(phi'(a_t)) W^T
     * along the same driven runs, against the line ||J|| = 1 (docs/science.md section 5.7).
     */
    public static Chart<?, ?> withJacobian(EdgeOfChaos.Result r, org.neuradapt.analysis.JacobianNorm.Result jacobian,
                                           org.neuradapt.perturbation.Window.Steps window, String title) {
        XYChart contours = build(r, "(a) gamma' = " + org.neuradapt.analysis.Robustness.number(r.protocol().level()) + ": the edge if W were orthogonal");
        XYChart norm = LyapunovChart.jacobianNormPanel(jacobian, window, "(b) ||J_t||_2 on the same runs (trained W)");
        return new Panels(List.of(contours, norm), 2, title);
    }
}
