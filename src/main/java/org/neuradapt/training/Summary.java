package org.neuradapt.training;

/** summary.json of a finished run: test accuracy of the best-validation checkpoint, size, time and provenance. */
public record Summary(String name, String model, String backend, double testAcc, double testLoss, int bestEpoch,
                      double bestValLoss, double bestValAcc, int epochs, long paramCount, double wallSeconds,
                      long seed, Provenance provenance) {
}
