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

    /**
     * Writes one trial into x (T x D values, row-major, zero on entry) and returns its class.
     *
     * @param condition receives the trial's value on the task's difficulty axis ({@link #condition()}; 0 when it has none)
     */
    int trial(SplittableRandom rng, float[] x, double[] condition);

    /**
     * The name of the task's difficulty axis, e.g. "coherence": the x axis of its psychometric
     * curve (analyze psychometric); null when the task has none.
     */
    default String condition() { return null; }
}
