package org.neuradapt.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.analysis.Robustness;

/**
 * The fractional-order figure (docs/science.md section 5.4), one panel per question, a column per
 * condition: (a) MSE against alpha per xi with alpha* marked; (b) the mean response h_t per xi;
 * (c) D^{alpha*} h, referenced, against the target step per xi; then the distributions over
 * neurons of (d) the per-neuron alpha (differentiator-like &lt; 0, integrator-like &gt; 0: docs/science.md section 5.4) and (e)
 * the adaptation index, both conditions overlaid. Panels (a) to (d) use the headline target
 * ({@link FractionalOrder#HEADLINE}, the shape fit); the CSVs hold every target.
 */
public final class FractionalOrderChart {
    private FractionalOrderChart() {}

    /** The whole figure as one chart of panels (two columns). */
    public static Chart<?, ?> build(List<FractionalOrder.Result> results, String title) {
        List<Chart<?, ?>> cells = new ArrayList<>();
        for (FractionalOrder.Result r : results) cells.add(mse(r));
        for (FractionalOrder.Result r : results) cells.add(response(r));
        for (FractionalOrder.Result r : results) cells.add(differentiated(r));
        cells.add(alphaHistogram(results));
        cells.add(indexHistogram(results));
        return new Panels(cells, 2, title);
    }

    /** (a) MSE against alpha for each xi > 0, the mean over xi, and alpha* (the minimum of that mean). */
    static XYChart mse(FractionalOrder.Result r) {
        FractionalOrder.Target target = FractionalOrder.HEADLINE;
        XYChart c = Panels.panel("(a) " + r.condition() + ": MSE of g D^alpha h vs a unit step, g fitted", "order alpha", "MSE (log scale)");
        c.getStyler().setYAxisLogarithmic(true);
        List<FractionalOrder.Curve> curves = r.curves().stream().filter(k -> k.target() == target).toList();
        double[] mean = new double[curves.get(0).alphas().length];
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        double[] alphas = thin(curves.get(0).alphas());
        for (FractionalOrder.Curve curve : curves) {
            double[] y = positive(curve.mse());
            for (int a = 0; a < mean.length; a++) mean[a] += curve.mse()[a] / curves.size();
            for (double v : y) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            XYSeries s = c.addSeries("xi = " + Robustness.number(curve.xi()), alphas, thin(y));
            Panels.line(s, colour(r, curve.xi()), Panels.THIN);
        }
        c.getStyler().setXAxisDecimalPattern("0.0#");
        double star = r.alphaStar(target);
        XYSeries m = c.addSeries("mean over xi > 0", alphas, thin(positive(mean)));
        Panels.line(m, Color.BLACK, Style.LINE);
        if (lo < hi) {
            XYSeries v = c.addSeries(String.format(Locale.ROOT, "alpha* = %.3f", star), new double[] {star, star}, new double[] {lo, hi});
            Panels.line(v, Color.BLACK, Panels.DASHED);
        }
        return c;
    }

    /** (b) the response h_t, averaged over trials and neurons, for each xi. */
    static XYChart response(FractionalOrder.Result r) {
        XYChart c = Panels.panel("(b) " + r.condition() + ": mean response h_t", "step t", "h_t (mean over trials and neurons)");
        for (FractionalOrder.Response resp : r.responses())
            Panels.line(c.addSeries("xi = " + Robustness.number(resp.xi()), steps(resp.mean().length), resp.mean()), colour(r, resp.xi()), Panels.THIN);
        return c;
    }

    /** (c) y = D^{alpha*} h - y[ref] for each xi > 0, with its target dashed in the same colour. */
    static XYChart differentiated(FractionalOrder.Result r) {
        FractionalOrder.Target target = FractionalOrder.HEADLINE;
        XYChart c = Panels.panel(String.format(Locale.ROOT, "(c) %s: g D^alpha* h (alpha* = %.3f) and the unit step", r.condition(), r.alphaStar(target)),
                "step t", "g (D^alpha* h - (D^alpha* h)[" + r.protocol().referenceStep() + "]), g per xi");
        for (FractionalOrder.Response resp : r.responses()) {
            if (resp.xi() <= 0) continue;
            Color col = colour(r, resp.xi());
            double[] t = steps(resp.mean().length), goal = new double[t.length];
            for (int i = 0; i < t.length; i++) goal[i] = target.value(r.protocol(), resp.xi(), i);
            Panels.line(c.addSeries("xi = " + Robustness.number(resp.xi()), t, r.differentiated(target, resp)), col, Panels.THIN);
            if (resp == r.responses().stream().filter(q -> q.xi() > 0).findFirst().orElseThrow()) {  // the unit step is the same for every xi: drawn once
                XYSeries g = c.addSeries("unit step", t, goal);
                Panels.line(g, Color.BLACK, Panels.DASHED);
            }
        }
        return c;
    }

    /** The per-neuron alpha at the largest xi, one step histogram per condition (fraction of neurons per bin). */
    static XYChart alphaHistogram(List<FractionalOrder.Result> results) {
        FractionalOrder.Result first = results.get(0);
        FractionalOrder.AlphaGrid grid = first.protocol().neuronAlphas();
        XYChart c = Panels.panel("(d) per-neuron alpha at xi = " + Robustness.number(first.protocol().largestXi()) + " (< 0 differentiator, > 0 integrator)",
                "per-neuron alpha", "fraction of neurons");
        for (FractionalOrder.Result r : results)
            histogram(c, r.condition(), r.neurons().stream().mapToDouble(n -> n.alpha(FractionalOrder.HEADLINE)).toArray(), grid.from(), grid.to(), 8,
                    conditionColour(r));
        return c;
    }

    /** The adaptation index (r_early - r_late) / (r_early + r_late) per neuron, one step histogram per condition. */
    static XYChart indexHistogram(List<FractionalOrder.Result> results) {
        FractionalOrder.Protocol p = results.get(0).protocol();
        XYChart c = Panels.panel("(e) adaptation index, early " + p.early() + " vs late " + p.late(), "adaptation index", "fraction of neurons");
        for (FractionalOrder.Result r : results)
            histogram(c, r.condition(), r.neurons().stream().mapToDouble(FractionalOrder.Neuron::adaptationIndex).toArray(), -1, 1, 20, conditionColour(r));
        return c;
    }

    private static void histogram(XYChart c, String name, double[] values, double from, double to, int bins, Color col) {
        if (!(to > from)) { from -= 0.5; to += 0.5; }
        double[] count = new double[bins];
        int n = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            int b = (int) Math.floor((v - from) / (to - from) * bins);
            count[Math.max(0, Math.min(bins - 1, b))]++;  // the top edge (and anything outside) goes to the end bins
            n++;
        }
        double[] x = new double[2 * bins + 2], y = new double[2 * bins + 2];
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = from + (to - from) * b / bins;
            x[2 * b + 2] = from + (to - from) * (b + 1) / bins;
            y[2 * b + 1] = y[2 * b + 2] = n == 0 ? 0 : count[b] / n;
        }
        x[0] = from;
        x[2 * bins + 1] = to;
        Panels.line(c.addSeries(name + " (" + n + " neurons)", x, y), col, Style.LINE);
        c.getStyler().setYAxisDecimalPattern("0.00");
    }

    private static Color conditionColour(FractionalOrder.Result r) { return Style.color(r.condition().equals(FractionalOrder.ISOLATED) ? 0 : 1); }

    private static final Color GREY = new Color(110, 110, 110);

    /**
     * One colour per amplitude in every panel, by its place in the protocol's list: the palette
     * without its black (which marks the mean and alpha*), then grey.
     */
    private static Color colour(FractionalOrder.Result r, double xi) {
        int i = r.protocol().xi().indexOf(xi);
        return i < Style.PALETTE.size() - 1 ? Style.color(i) : GREY;
    }

    /** A grid of more than 201 points drawn at every k-th point (and the last): the curves are smooth, and the SVG stays small. */
    private static double[] thin(double[] v) {
        int stride = (v.length + 199) / 200;
        if (stride <= 1) return v;
        int n = (v.length - 1) / stride + 1 + ((v.length - 1) % stride == 0 ? 0 : 1);
        double[] out = new double[n];
        for (int i = 0, j = 0; i < v.length; i += stride) out[j++] = v[i];
        out[n - 1] = v[v.length - 1];
        return out;
    }

    private static double[] steps(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = i;
        return t;
    }

    /** A log axis cannot show 0: MSEs of exactly 0 are drawn at the smallest positive value of the curve. */
    private static double[] positive(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        for (double x : v) if (x > 0 && x < min) min = x;
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) if (!(out[i] > 0)) out[i] = Double.isFinite(min) ? min : 1;
        return out;
    }
}
