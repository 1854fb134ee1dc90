package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The robustness experiment (docs/science.md section 4.6): the test accuracy of trained networks
 * under a perturbation of growing amplitude, one curve per model, mean and spread over seeds.
 *
 * <p>Pure functions over result records: the evaluations themselves happen elsewhere (training's
 * {@code Evaluation}, driven by the {@code robustness} command), and the CSV text is produced and
 * read here so that a figure can be redrawn from its CSV alone.
 */
public final class Robustness {
    private Robustness() {}

    /** One trained network evaluated under one perturbation: a row of the tidy CSV. */
    public record Point(String model, long seed, String run, String task, int steps, int hidden, String perturbation,
                        String parameter, double value, String window, String id, double accuracy, double loss, int count) {}

    /**
     * One model at one value of the swept parameter, over its seeds: mean, sample standard
     * deviation, the 95% t interval of the mean (NaN for one seed; {@link SeedStatistics}), min and
     * max accuracy.
     */
    public record Summary(String model, double value, double mean, double sd, double ciLow, double ciHigh, double min, double max, int seeds) {}

    /** Two models at one value, by Welch's test over their seeds (docs/science.md section 4.6). */
    public record Comparison(String modelA, String modelB, double value, SeedStatistics.Welch welch) {}

    public static final String HEADER = "model,seed,run,task,steps,hidden,perturbation,parameter,value,window,id,accuracy,loss,count";

    /**
     * What the curves show: test accuracy, or for a task with continuous targets (docs/tasks.md,
     * "Targets"), whose accuracy is NaN, the test mean squared error (the loss column).
     */
    public enum Metric {
        ACCURACY("accuracy"), MSE("mse");

        private final String id;

        Metric(String id) { this.id = id; }

        /** The name in CSV headers and axis labels. */
        public String id() { return id; }

        public String label() { return this == ACCURACY ? "accuracy" : "mean squared error"; }

        double of(Point p) { return this == ACCURACY ? p.accuracy() : p.loss(); }

        /** Accuracy, unless no point has one (every run's targets are values): then the mean squared error. */
        public static Metric of(List<Point> points) {
            return !points.isEmpty() && points.stream().allMatch(p -> Double.isNaN(p.accuracy())) ? MSE : ACCURACY;
        }
    }

    /** Groups the points by (model, value), models in order of first appearance, values ascending. */
    public static List<Summary> summarize(List<Point> points) {
        List<Summary> out = new ArrayList<>();
        byModel(points).forEach((model, curve) -> curve.forEach((amp, acc) -> {
            double[] v = acc.stream().mapToDouble(Double::doubleValue).toArray();
            SeedStatistics.MeanInterval m = SeedStatistics.mean(v);
            out.add(new Summary(model, amp, m.mean(), v.length > 1 ? m.sd() : 0.0, m.low(), m.high(), java.util.Arrays.stream(v).min().orElse(Double.NaN),
                    java.util.Arrays.stream(v).max().orElse(Double.NaN), v.length));
        }));
        return out;
    }

    /** Every pair of models (in order of first appearance) at every value both were evaluated at. */
    public static List<Comparison> compareAll(List<Point> points) {
        Map<String, TreeMap<Double, List<Double>>> byModel = byModel(points);
        List<String> models = new ArrayList<>(byModel.keySet());
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++)
            for (int j = i + 1; j < models.size(); j++)
                for (double v : byModel.get(models.get(i)).keySet())
                    if (byModel.get(models.get(j)).containsKey(v)) out.add(compare(byModel, models.get(i), models.get(j), v));
        return out;
    }

    /**
     * Model a against model b at one value of the swept parameter.
     *
     * @throws org.neuradapt.UserError naming what is missing
     */
    public static Comparison compare(List<Point> points, String a, String b, double value) {
        Map<String, TreeMap<Double, List<Double>>> byModel = byModel(points);
        for (String m : List.of(a, b)) {
            if (!byModel.containsKey(m))
                throw new org.neuradapt.UserError("--compare: no runs of model '" + m + "' among --runs; the models are " + String.join(", ", byModel.keySet()));
            if (!byModel.get(m).containsKey(value))
                throw new org.neuradapt.UserError("--at " + number(value) + ": model '" + m + "' was not evaluated there; give one of " + byModel.get(m).keySet());
        }
        return compare(byModel, a, b, value);
    }

    private static Comparison compare(Map<String, TreeMap<Double, List<Double>>> byModel, String a, String b, double value) {
        double[] x = byModel.get(a).get(value).stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = byModel.get(b).get(value).stream().mapToDouble(Double::doubleValue).toArray();
        return new Comparison(a, b, value, SeedStatistics.welch(x, y));
    }

    private static Map<String, TreeMap<Double, List<Double>>> byModel(List<Point> points) {
        Map<String, TreeMap<Double, List<Double>>> byModel = new LinkedHashMap<>();
        Metric metric = Metric.of(points);
        for (Point p : points)
            byModel.computeIfAbsent(p.model(), m -> new TreeMap<>()).computeIfAbsent(p.value(), a -> new ArrayList<>()).add(metric.of(p));
        return byModel;
    }

    public static final String COMPARISONS_HEADER = "model_a,model_b,value,seeds_a,seeds_b,difference,ci95_low,ci95_high,welch_t,welch_df,p";

    /** The comparisons as CSV: mean(a) - mean(b), its 95% Welch interval, t, df and the two-sided p (empty where undefined). */
    public static String comparisonsCsv(List<Comparison> rows) {
        StringBuilder sb = new StringBuilder(COMPARISONS_HEADER).append('\n');
        for (Comparison c : rows) {
            SeedStatistics.Welch w = c.welch();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.6f,%s,%s,%s,%s,%s%n", csv(c.modelA()), csv(c.modelB()), number(c.value()), w.na(), w.nb(),
                    w.difference(), f(w.low()), f(w.high()), f(w.t()), f(w.df()), Double.isNaN(w.p()) ? "" : String.format(Locale.ROOT, "%.4g", w.p())));
        }
        return sb.toString();
    }

    private static String f(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v); }

    /** The tidy CSV: one row per (run, amplitude), sorted by model, seed and amplitude. */
    public static String toCsv(List<Point> points) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        points.stream().sorted(Comparator.comparing(Point::model).thenComparingLong(Point::seed).thenComparing(Point::run)
                .thenComparingDouble(Point::value)).forEach(p -> sb.append(String.format(Locale.ROOT,
                "%s,%d,%s,%s,%d,%d,%s,%s,%s,%s,%s,%.6f,%.6f,%d%n", csv(p.model()), p.seed(), csv(p.run()), csv(p.task()), p.steps(), p.hidden(),
                csv(p.perturbation()), csv(p.parameter()), number(p.value()), csv(p.window()), csv(p.id()), p.accuracy(), p.loss(), p.count())));
        return sb.toString();
    }

    /** Reads {@link #toCsv}; a malformed file is an IllegalArgumentException naming the line. */
    public static List<Point> fromCsv(String text) {
        return Csv.parse(text, HEADER, "robustness", f -> new Point(f.get(0), Long.parseLong(f.get(1)), f.get(2), f.get(3), Integer.parseInt(f.get(4)),
                Integer.parseInt(f.get(5)), f.get(6), f.get(7), Double.parseDouble(f.get(8)), f.get(9), f.get(10),
                Double.parseDouble(f.get(11)), Double.parseDouble(f.get(12)), Integer.parseInt(f.get(13))));
    }

    public static final String SUMMARY_HEADER = "model,value,mean_accuracy,sd_accuracy,ci95_low,ci95_high,min_accuracy,max_accuracy,seeds";

    /** The summary table as CSV (what the docs table and the figure's band show). */
    public static String summaryCsv(List<Summary> rows) { return summaryCsv(rows, Metric.ACCURACY); }

    /** {@link #summaryCsv} of a metric: the header names it (mean_mse ... for {@link Metric#MSE}). */
    public static String summaryCsv(List<Summary> rows, Metric metric) {
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER.replace("accuracy", metric.id())).append('\n');
        for (Summary s : rows)
            sb.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%s,%s,%.6f,%.6f,%d%n", csv(s.model()), number(s.value()), s.mean(), s.sd(), f(s.ciLow()),
                    f(s.ciHigh()), s.min(), s.max(), s.seeds()));
        return sb.toString();
    }

    /** A value as a short decimal: 5 rather than 5.0. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String csv(String s) { return Csv.quote(s); }
}
