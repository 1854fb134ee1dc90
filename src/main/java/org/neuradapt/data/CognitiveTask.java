package org.neuradapt.data;

import java.util.SplittableRandom;

/**
 * A cognitive task generated procedurally (docs/tasks.md): trials of T steps of D input channels,
 * each with one class to report at its last step. One small class per task, registered in
 * {@link Tasks}; a task draws every trial from the random stream it is given, so one seed gives
 * the same trials.
 */
public interface CognitiveTask {

    /** The value of {@code data.task}. */
    String id();

    /** Input channels D. */
    int inputSize();

    /** Classes of the decision. */
    int classes();

    /** Steps T of a trial. */
    int steps();

    /** Writes one trial into x (T x D values, row-major, zero on entry) and returns its class. */
    int trial(SplittableRandom rng, float[] x);
}
