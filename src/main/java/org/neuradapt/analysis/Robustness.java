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

    /** One model at one value of the swept parameter, over its seeds: mean, sample standard deviation, min and max accuracy. */
    public record Summary(String model, double value, double mean, double sd, double min, double max, int seeds) {}

    public static final String HEADER = "model,seed,run,task,steps,hidden,perturbation,parameter,value,window,id,accuracy,loss,count";

    /** Groups the points by (model, value), models in order of first appearance, values ascending. */
    public static List<Summary> summarize(List<Point> points) {
        Map<String, TreeMap<Double, List<Double>>> byModel = new LinkedHashMap<>();
        for (Point p : points)
            byModel.computeIfAbsent(p.model(), m -> new TreeMap<>()).computeIfAbsent(p.value(), a -> new ArrayList<>()).add(p.accuracy());
        List<Summary> out = new ArrayList<>();
        byModel.forEach((model, curve) -> curve.forEach((amp, acc) -> {
            double mean = acc.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = acc.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
            double sd = acc.size() > 1 ? Math.sqrt(ss / (acc.size() - 1)) : 0.0;
            out.add(new Summary(model, amp, mean, sd, acc.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    acc.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), acc.size()));
        }));
        return out;
    }

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

    /** The summary table as CSV (what the README table and the figure's band show). */
    public static String summaryCsv(List<Summary> rows) {
        StringBuilder sb = new StringBuilder("model,value,mean_accuracy,sd_accuracy,min_accuracy,max_accuracy,seeds\n");
        for (Summary s : rows)
            sb.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%d%n", csv(s.model()), number(s.value()), s.mean(), s.sd(), s.min(), s.max(), s.seeds()));
        return sb.toString();
    }

    /** A value as a short decimal: 5 rather than 5.0. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String csv(String s) { return Csv.quote(s); }
}
