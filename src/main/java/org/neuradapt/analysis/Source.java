package org.neuradapt.analysis;

/**
 * Where an analysis result came from: the run folder, its model and seed, and the checkpoint the
 * parameters were read from (which one and its SHA-256, so a result can be matched to the exact
 * weights). Every analysis result record carries one.
 *
 * @param run        the run folder's name (its last path element)
 * @param model      the run's model id ({@code ModelConfig.type})
 * @param seed       the run's seed
 * @param checkpoint "best", "last" or the checkpoint file given
 * @param sha256     SHA-256 of the checkpoint file's bytes
 */
public record Source(String run, String model, long seed, String checkpoint, String sha256) {

    /** A source for results computed from parameters made in memory (tests, synthetic systems). */
    public static Source synthetic(String name) { return new Source(name, name, 0, "none", ""); }
}
