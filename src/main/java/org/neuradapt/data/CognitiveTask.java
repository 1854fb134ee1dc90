package org.neuradapt.data;

import java.util.SplittableRandom;
import org.neuradapt.network.Readout;

/**
 * A cognitive task generated procedurally (docs/tasks.md): trials of T steps of D input channels,
 * each with one class to report at its last step, or targets at every step under a loss mask
 * ({@link #readout()}; docs/tasks.md, "Targets"). One small class per task, registered in
 * {@link Tasks}; a task draws every trial from the random stream it is given, so one seed gives
 * the same trials.
 */
public interface CognitiveTask {

    /** The value of {@code data.task}. */
    String id();

    /** Input channels D. */
    int inputSize();

    /** Classes of the decision, or K values per step for {@link Readout#STEP_VALUES}: the read-out's width. */
    int classes();

    /** What the read-out reports: the last step's class (the default), or a class or values at every step. */
    default Readout readout() { return Readout.LAST; }

    /**
     * The decision steps of a task with a class at every step (T flags, the same for every trial):
     * where its accuracy is scored (docs/tasks.md, "Targets"); null: over the counted steps.
     */
    default boolean[] decisionSteps() { return null; }

    /** Steps T of a trial. */
    int steps();

    /**
     * Writes one trial into x (T x D values, row-major, zero on entry) and returns its class.
     *
     * @param condition receives the trial's value on the task's difficulty axis ({@link #condition()}; 0 when it has none)
     */
    int trial(SplittableRandom rng, float[] x, double[] condition);

    /**
     * One trial of a task with targets at every step ({@link #readout()} per-step): the inputs into
     * x, the targets into target (T classes, or T x K values, row-major; zero on entry) and the
     * loss weights into mask (T; one on entry); returns the trial's class, 0 when it has none. The
     * default is the last-step task's trial, with no step targets.
     */
    default int trial(SplittableRandom rng, float[] x, float[] target, float[] mask, double[] condition) {
        return trial(rng, x, condition);
    }

    /**
     * The name of the task's difficulty axis, e.g. "coherence": the x axis of its psychometric
     * curve (analyze psychometric); null when the task has none.
     */
    default String condition() { return null; }
}
