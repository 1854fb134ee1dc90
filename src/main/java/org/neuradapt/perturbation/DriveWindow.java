package org.neuradapt.perturbation;

import java.util.function.DoubleSupplier;

/**
 * The one loop behind both drives (docs/science.md sections 4.1, 4.2): they differ only by the
 * value added per (neuron, step) inside the window, so that value is the loop's parameter.
 */
final class DriveWindow {
    private DriveWindow() {}

    /**
     * Adds {@code value} to every neuron's drive at every step strictly inside the window, sample
     * by sample, step by step, neuron by neuron. That order is part of the contract: a stochastic
     * value is drawn in it, so one seed gives the same drive for the same batches.
     */
    static void add(float[] drive, Perturbation.Shape shape, Window window, DoubleSupplier value) {
        if (drive == null) throw new IllegalArgumentException("a drive perturbation needs the drive array, got null");
        shape.check(null, drive);
        Window.Steps w = window.resolve(shape.steps());
        int steps = shape.steps(), hidden = shape.hidden(), end = w.end(steps);
        for (int b = 0; b < shape.batch(); b++)
            for (int t = w.first(); t < end; t++) {
                int row = (b * steps + t) * hidden;
                for (int i = 0; i < hidden; i++) drive[row + i] += (float) value.getAsDouble();
            }
    }

    /** Id text of a drive: {@code type(xi=5,window=50:50)}, the window resolved for T. */
    static String id(String type, double xi, Window window, int steps) {
        return type + "(xi=" + Perturbations.number(xi) + ",window=" + window.resolve(steps) + ")";
    }

    static IllegalArgumentException unknown(String type, String parameter, String known) {
        return new IllegalArgumentException(type + " has no parameter '" + parameter + "'; known: " + known);
    }
}
