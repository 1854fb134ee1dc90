package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training curves of several runs: loss and validation accuracy per epoch, per model, and their
 * mean over the seeds that reached each epoch. Read from the runs' metrics.csv; nothing retrains.
 */
public final class TrainingCurves {
    private TrainingCurves() {}

    /** One epoch of one run. */
    public record Point(String model, long seed, String run, int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc) {}

    /** One model at one epoch, averaged over the runs that reached it. */
    public record Mean(String model, int epoch, double trainLoss, double valLoss, double valAcc, int runs) {}

    public static final String HEADER = "model,seed,run,epoch,train_loss,train_acc,val_loss,val_acc";

    public static List<Mean> mean(List<Point> points) {
        Map<String, TreeMap<Integer, List<Point>>> by = new LinkedHashMap<>();
        for (Point p : points) by.computeIfAbsent(p.model(), m -> new TreeMap<>()).computeIfAbsent(p.epoch(), e -> new ArrayList<>()).add(p);
        List<Mean> out = new ArrayList<>();
        by.forEach((model, epochs) -> epochs.forEach((epoch, ps) -> out.add(new Mean(model, epoch,
                ps.stream().mapToDouble(Point::trainLoss).average().orElseThrow(),
                ps.stream().mapToDouble(Point::valLoss).average().orElseThrow(),
                ps.stream().mapToDouble(Point::valAcc).average().orElseThrow(), ps.size()))));
        return out;
    }

    public static String toCsv(List<Point> points) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Point p : points)
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.6f,%.6f,%.6f,%.6f%n", Csv.quote(p.model()), p.seed(), Csv.quote(p.run()),
                    p.epoch(), p.trainLoss(), p.trainAcc(), p.valLoss(), p.valAcc()));
        return sb.toString();
    }

    public static List<Point> fromCsv(String text) {
        return Csv.parse(text, HEADER, "training-curves", f -> new Point(f.get(0), Long.parseLong(f.get(1)), f.get(2), Integer.parseInt(f.get(3)), Double.parseDouble(f.get(4)),
                        Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7))));
    }
}
