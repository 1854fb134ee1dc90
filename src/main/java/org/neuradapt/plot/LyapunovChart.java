package org.neuradapt.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.JacobianNorm;
import org.neuradapt.analysis.Lyapunov;
import org.neuradapt.analysis.ReferenceLyapunov;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.analysis.TrajectoryLyapunov;

/**
 * The Lyapunov and Jacobian-norm figures (docs/science.md sections 5.5 and 5.6): for the
 * reference variant the maximal exponent against time from drive onset (adaptive solid, fixed
 * dashed, one colour per xi, the drive's first and last steps dotted) and against xi; for the trajectory and full variants the spectrum per
 * xi (mean with sd bars) and the running finite-time maximal exponent; the spectral norm of the
 * Jacobian against t per xi (mean and mean +- sd).
 */
public final class LyapunovChart {
    private LyapunovChart() {}

    private static final BasicStroke THIN_LINE = new BasicStroke(1.0f);

    public static Chart<?, ?> reference(ReferenceLyapunov.Result r, String title) {
        ReferenceLyapunov.Protocol p = r.protocol();
        Lyapunov.Unit u = p.unit();
        XYChart time = Panels.panel("(a) maximal exponent of the map vs time (solid adaptive, dashed fixed)",
                "t - onset (onset t = " + p.onset() + ")", "lambda_1 (" + u.id + " per step)");
        XYChart byXi = Panels.panel("(b) maximal exponent vs xi, (n, s) of the second half of the window", "step amplitude xi",
                "lambda_1 (" + u.id + " per step)");
        for (int i = 0; i < p.xi().size(); i++) {
            double xi = p.xi().get(i);
            for (String mode : List.of(ReferenceLyapunov.ADAPTIVE, ReferenceLyapunov.FIXED)) {
                List<ReferenceLyapunov.Point> pts = r.points().stream().filter(pt -> pt.panel().equals("time") && pt.xi() == xi && pt.mode().equals(mode)).toList();
                double[] x = pts.stream().mapToDouble(pt -> pt.t() - p.onset()).toArray();
                double[] y = pts.stream().mapToDouble(pt -> pt.exponents()[0] * u.factor).toArray();
                boolean adaptive = mode.equals(ReferenceLyapunov.ADAPTIVE);
                XYSeries s = time.addSeries((adaptive ? "" : "fixed ") + "xi = " + Robustness.number(xi), x, y);
                Panels.line(s, Style.color(i), mode.equals(ReferenceLyapunov.FIXED) ? Panels.DASHED : Panels.THIN);
                s.setShowInLegend(adaptive);
            }
        }
        double[] range = range(r.points().stream().filter(pt -> pt.panel().equals("time")).mapToDouble(pt -> pt.exponents()[0] * u.factor).toArray());
        window(time, 0, p.window().len() - 2, range);
        for (String mode : List.of(ReferenceLyapunov.ADAPTIVE, ReferenceLyapunov.FIXED)) {
            List<ReferenceLyapunov.Point> pts = r.points().stream().filter(pt -> pt.panel().equals("xi") && pt.mode().equals(mode)).toList();
            XYSeries s = byXi.addSeries(mode, pts.stream().mapToDouble(ReferenceLyapunov.Point::xi).toArray(),
                    pts.stream().mapToDouble(pt -> pt.exponents()[0] * u.factor).toArray());
            Panels.line(s, Style.color(mode.equals(ReferenceLyapunov.ADAPTIVE) ? 0 : 1),
                    mode.equals(ReferenceLyapunov.FIXED) ? Panels.DASHED : Style.LINE);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        byXi.getStyler().setMarkerSize(8);
        List<ReferenceLyapunov.Point> timePoints = r.points().stream().filter(pt -> pt.panel().equals("time")).toList();
        axes(time, timePoints.get(0).t() - p.onset(), timePoints.get(0).exponents()[0] * u.factor);
        byXi.getStyler().setYAxisDecimalPattern("0.000");
        return new Panels(List.of(time, byXi), 2, title);
    }

    public static Chart<?, ?> trajectory(TrajectoryLyapunov.Result r, String title) {
        TrajectoryLyapunov.Protocol p = r.protocol();
        Lyapunov.Unit u = p.unit();
        XYChart spectrum = Panels.panel("(a) " + p.variant().id + " spectrum, mean +- sd over " + p.samples() + " samples", "exponent index i",
                "lambda_i (" + u.id + " per step)");
        XYChart running = Panels.panel("(b) finite-time lambda_1 (transient " + p.transientSteps() + " steps), mean +- sd", "step t",
                "lambda_1 (" + u.id + " per step)");
        for (int i = 0; i < r.spectra().size(); i++) {
            TrajectoryLyapunov.Spectrum s = r.spectra().get(i);
            Color col = Style.color(i);
            double[] idx = new double[s.mean().length], mean = scaled(s.mean(), u), sd = scaled(s.sd(), u);
            for (int k = 0; k < idx.length; k++) idx[k] = k + 1;
            XYSeries sp = spectrum.addSeries("xi = " + Robustness.number(s.xi()), idx, finite(mean), finite(sd));
            Panels.line(sp, col, Panels.THIN);
            sp.setMarker(SeriesMarkers.CIRCLE);
            double[] t = new double[s.running().length], m = scaled(s.running(), u), lo = new double[t.length], hi = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                t[k] = p.transientSteps() + k;
                lo[k] = m[k] - s.runningSd()[k] * u.factor;
                hi[k] = m[k] + s.runningSd()[k] * u.factor;
            }
            Panels.line(running.addSeries("xi = " + Robustness.number(s.xi()), t, finite(m)), col, Style.LINE);
            band(running, "xi " + i, t, finite(lo), finite(hi), col);
        }
        spectrum.getStyler().setMarkerSize(6);
        spectrum.getStyler().setYAxisDecimalPattern("0.000");
        TrajectoryLyapunov.Spectrum first = r.spectra().get(0);
        axes(running, p.transientSteps(), first.running()[0] * u.factor);
        zero(spectrum, 1, r.spectra().get(0).mean().length);
        return new Panels(List.of(spectrum, running), 2, title);
    }

    /**
     * @param window the step window, its first and last driven steps marked (null: none)
     */
    public static Chart<?, ?> jacobianNorm(JacobianNorm.Result r, org.neuradapt.perturbation.Window.Steps window, String title) {
        return new Panels(List.of(jacobianNormPanel(r, window, "spectral norm of diag(phi'(a_t)) W^T, mean +- sd over " + r.protocol().samples() + " samples")),
                1, title);
    }

    /** The Jacobian norm's panel alone, with the line ||J|| = 1 (docs/science.md sections 5.6 and 5.7). */
    static XYChart jacobianNormPanel(JacobianNorm.Result r, org.neuradapt.perturbation.Window.Steps window, String panelTitle) {
        XYChart c = Panels.panel(panelTitle, "step t", "||J_t||_2");
        for (int i = 0; i < r.curves().size(); i++) {
            JacobianNorm.Curve curve = r.curves().get(i);
            double[] t = new double[curve.mean().length], lo = new double[t.length], hi = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                t[k] = k;
                lo[k] = curve.mean()[k] - curve.sd()[k];
                hi[k] = curve.mean()[k] + curve.sd()[k];
            }
            Panels.line(c.addSeries(String.format(java.util.Locale.ROOT, "xi = %s (mean %.3f)", Robustness.number(curve.xi()), curve.overall()),
                    t, curve.mean()), Style.color(i), Style.LINE);
            band(c, "xi " + i, t, lo, hi, Style.color(i));
        }
        if (window != null && r.curves().stream().anyMatch(k -> k.xi() != 0))
            window(c, window.pos() + 1, window.pos() + window.len() - 1,
                    range(r.curves().stream().flatMap(k -> java.util.Arrays.stream(k.mean()).boxed()).mapToDouble(Double::doubleValue).toArray()));
        axes(c, 0, r.curves().get(0).mean()[0]);
        c.getStyler().setYAxisDecimalPattern("0.00");
        XYSeries one = c.addSeries("||J|| = 1", new double[] {0, r.curves().get(0).mean().length - 1}, new double[] {1, 1});
        Panels.line(one, Color.BLACK, Panels.DASHED);
        return c;
    }

    /** Grey dotted verticals at the first and last driven steps. */
    private static void window(XYChart c, double first, double last, double[] range) {
        for (double x : new double[] {first, last}) {
            XYSeries s = c.addSeries("drive " + x, new double[] {x, x}, range);
            Panels.line(s, Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
            s.setShowInLegend(false);
        }
    }

    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : v) if (Double.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    /**
     * Readable x tick labels: XChart puts the ticks of an axis whose x values are equally spaced on
     * those values, and crowds three-digit step numbers; one invisible point off the grid makes it
     * choose round ticks spaced by the hint instead.
     */
    private static void axes(XYChart c, double x0, double y0) {
        c.getStyler().setXAxisTickMarkSpacingHint(70);
        c.getStyler().setYAxisDecimalPattern("0.000");
        XYSeries off = c.addSeries("off-grid", new double[] {x0 + 0.37}, new double[] {Double.isFinite(y0) ? y0 : 0});
        off.setMarker(SeriesMarkers.NONE);
        off.setLineStyle(new BasicStroke(0f));
        off.setShowInLegend(false);
    }

    /** mean - sd and mean + sd as thin lines in the curve's colour, out of the legend. */
    private static void band(XYChart c, String key, double[] t, double[] lo, double[] hi, Color col) {
        for (String side : List.of("lo", "hi")) {
            XYSeries s = c.addSeries(key + " " + side, t, side.equals("lo") ? lo : hi);
            Panels.line(s, Style.band(col).darker(), THIN_LINE);
            s.setShowInLegend(false);
        }
    }

    private static void zero(XYChart c, double from, double to) {
        XYSeries z = c.addSeries("0", new double[] {from, to}, new double[] {0, 0});
        Panels.line(z, Color.BLACK, Panels.DASHED);
        z.setShowInLegend(false);
    }

    private static double[] scaled(double[] v, Lyapunov.Unit u) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * u.factor;
        return out;
    }

    /** -infinity (an annihilated direction) cannot be drawn: such points are left out as NaN gaps. */
    private static double[] finite(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = Double.NaN;
        return out;
    }
}
