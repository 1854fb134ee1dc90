package org.neuradapt.training;

import java.util.Locale;

/** One row of metrics.csv. grad_norm is the mean over the epoch's batches of the global gradient norm before clipping. */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double lr,
                           double gradNorm, double seconds) {
    public static final String HEADER = "epoch,train_loss,train_acc,val_loss,val_acc,lr,grad_norm,seconds";

    public String csv() {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%.6f,%.3f",
                epoch, trainLoss, trainAcc, valLoss, valAcc, lr, gradNorm, seconds);
    }

    /** The rows of several epochs, one line each, no header: metrics.csv's body and what a checkpoint carries. */
    public static String rows(java.util.List<EpochMetrics> epochs) {
        StringBuilder sb = new StringBuilder();
        for (EpochMetrics m : epochs) sb.append(m.csv()).append('\n');
        return sb.toString();
    }

    /** Reads {@link #rows} back; blank lines are skipped. */
    public static java.util.List<EpochMetrics> parseRows(String text) {
        java.util.List<EpochMetrics> out = new java.util.ArrayList<>();
        for (String line : text.split("\n")) if (!line.isBlank()) out.add(parse(line));
        return out;
    }

    public static EpochMetrics parse(String line) {
        String[] f = line.split(",");
        return new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }
}
