package org.neuradapt.training;

/**
 * ReduceLROnPlateau on validation loss as in PyTorch (mode min, relative threshold 1e-4,
 * no cooldown): after {@code patience} epochs without improvement, lr *= factor
 * (docs/science.md section 3: factor 0.1, patience 10).
 */
public final class PlateauSchedule {
    public static final double THRESHOLD = 1e-4;

    private final double factor;
    private final int patience;
    private double lr, best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    public PlateauSchedule(double lr, double factor, int patience) {
        this.lr = lr;
        this.factor = factor;
        this.patience = patience;
    }

    /** Records an epoch's validation loss; returns the learning rate for the next epoch. */
    public double step(double valLoss) {
        if (valLoss < best * (1 - THRESHOLD)) {
            best = valLoss;
            badEpochs = 0;
        } else if (++badEpochs > patience) {
            lr *= factor;
            badEpochs = 0;
        }
        return lr;
    }

    public double lr() { return lr; }

    public double best() { return best; }

    public int badEpochs() { return badEpochs; }

    public void restore(double lr, double best, int badEpochs) {
        this.lr = lr;
        this.best = best;
        this.badEpochs = badEpochs;
    }
}
