package org.neuradapt.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.neuradapt.training.EpochMetrics;
import org.neuradapt.training.Trainer;

/**
 * Training progress on stderr: a live bar (epoch, batch, loss, accuracy, ETA) on a terminal, one
 * line per epoch otherwise (logs, CI).
 */
final class ProgressBar implements Trainer.Listener {
    private final PrintStream err = System.err;
    private final boolean live = System.console() != null;
    private final String label;
    private final int epochs;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int batchesDone, firstEpoch = -1;

    ProgressBar(String label, int epochs) {
        this.label = label;
        this.epochs = epochs;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss, double acc) {
        if (firstEpoch < 0) firstEpoch = epoch;
        batchesDone++;
        long now = System.nanoTime();
        if (!live || (now - lastDraw < 200_000_000L && batch < batches)) return;
        lastDraw = now;
        double perBatch = (now - start) / 1e9 / batchesDone;
        double left = perBatch * ((double) (epochs - epoch) * batches + (batches - batch));
        int width = 24, filled = (int) Math.round(width * (double) batch / batches);
        err.printf(Locale.ROOT, "\r%s epoch %d/%d [%s%s] %3d%% loss %.4f%s ETA %s   ", label, epoch, epochs,
                "#".repeat(filled), ".".repeat(width - filled), 100 * batch / batches, loss, acc(acc), duration(left));
        err.flush();
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (live) err.print("\r" + " ".repeat(100) + "\r");
        err.printf(Locale.ROOT, "%s epoch %d/%d  train loss %.4f%s | val loss %.4f%s | lr %.2g | %.1fs%n",
                label, m.epoch(), epochs, m.trainLoss(), acc(m.trainAcc()), m.valLoss(), acc(m.valAcc()), m.lr(), m.seconds());
    }

    /** " acc 0.912", or nothing for a task with continuous targets (its loss is the mean squared error; docs/tasks.md, "Targets"). */
    static String acc(double acc) {
        return Double.isNaN(acc) ? "" : String.format(Locale.ROOT, " acc %.3f", acc);
    }

    static String duration(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.0fs", s);
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", (int) s / 60, (int) s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", (int) s / 3600, ((int) s % 3600) / 60);
    }
}
