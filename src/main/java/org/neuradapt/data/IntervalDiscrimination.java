package org.neuradapt.data;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Interval discrimination (docs/tasks.md, "interval_discrimination"; a timing task, as in
 * Genovesio, Tsujimoto and Wise 2009): two pulses on one channel, each lasting its own number of
 * steps and separated by a gap; report whether the second lasted longer (class 1) or the first
 * (class 0). The durations are drawn from [0.05 T, 0.25 T] and differ.
 *
 * <p>Layout: fixation 0.05 T, first pulse, gap 0.1 T, second pulse, then nothing to the decision
 * at the last step (option {@code noise}, default 0.1).
 */
public final class IntervalDiscrimination implements CognitiveTask {
    private final int steps, minD, maxD, start, gap;
    private final double noise;

    public IntervalDiscrimination(int steps, Map<String, Double> options) {
        Tasks.options("interval_discrimination", options, "noise");
        this.steps = Tasks.atLeast("interval_discrimination", steps, 40);
        this.noise = Tasks.nonNegative("noise", options.getOrDefault("noise", 0.1));
        this.minD = (int) Math.round(0.05 * steps);
        this.maxD = (int) Math.round(0.25 * steps);
        this.start = (int) Math.round(0.05 * steps);
        this.gap = (int) Math.round(0.1 * steps);
    }

    @Override public String id() { return "interval_discrimination"; }

    @Override public int inputSize() { return 1; }

    @Override public int classes() { return 2; }

    @Override public int steps() { return steps; }

    /** |d2 - d1| / T: how far apart the two durations are. */
    @Override public String condition() { return "duration_difference"; }

    @Override
    public int trial(SplittableRandom rng, float[] x, double[] condition) {
        int d1 = minD + rng.nextInt(maxD - minD + 1), d2;
        do d2 = minD + rng.nextInt(maxD - minD + 1); while (d2 == d1);
        int second = start + d1 + gap;
        for (int t = 0; t < steps; t++) {
            boolean on = (t >= start && t < start + d1) || (t >= second && t < second + d2);
            x[t] = (float) ((on ? 1 : 0) + noise * Tasks.gaussian(rng));
        }
        condition[0] = Math.abs(d2 - d1) / (double) steps;
        return d2 > d1 ? 1 : 0;
    }
}
