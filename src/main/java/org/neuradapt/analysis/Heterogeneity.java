package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heterogeneity of learned activations (docs/science.md section 5.1): the per-neuron gain and
 * saturation (n_i, s_i) an RNN+gamma (heterogeneous) network learned, beside the values it started
 * from, and their centre of mass.
 */
public final class Heterogeneity {
    private Heterogeneity() {}

    /** One neuron of one run: learned (n, s) and initial (n0, s0). */
    public record Point(String model, long seed, String run, int neuron, double n, double s, double n0, double s0) {}

    /** The mean of the points' (n, s) and of their initial values. */
    public record Centre(double n, double s, double n0, double s0, int neurons) {}

    public static final String HEADER = "model,seed,run,neuron,n,s,n0,s0";

    /** The points of one run from its parameter vectors. */
    public static List<Point> of(String model, long seed, String run, double[] n, double[] s, double[] n0, double[] s0) {
        if (n.length != s.length || n.length != n0.length || n.length != s0.length)
            throw new IllegalArgumentException("n, s, n0 and s0 must have one value per neuron");
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n.length; i++) out.add(new Point(model, seed, run, i, n[i], s[i], n0[i], s0[i]));
        return out;
    }

    public static Centre centre(List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("no neurons");
        return new Centre(points.stream().mapToDouble(Point::n).average().orElseThrow(), points.stream().mapToDouble(Point::s).average().orElseThrow(),
                points.stream().mapToDouble(Point::n0).average().orElseThrow(), points.stream().mapToDouble(Point::s0).average().orElseThrow(),
                points.size());
    }

    public static String toCsv(List<Point> points) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Point p : points)
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.8g,%.8g,%.8g,%.8g%n", Csv.quote(p.model()), p.seed(), Csv.quote(p.run()),
                    p.neuron(), p.n(), p.s(), p.n0(), p.s0()));
        return sb.toString();
    }

    public static List<Point> fromCsv(String text) {
        return Csv.parse(text, HEADER, "heterogeneity", f -> new Point(f.get(0), Long.parseLong(f.get(1)), f.get(2), Integer.parseInt(f.get(3)), Double.parseDouble(f.get(4)),
                        Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7))));
    }
}
