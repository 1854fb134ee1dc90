package org.neuradapt.data;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Delayed match-to-sample (docs/tasks.md, "delayed_match"; working memory, Miller, Erickson and
 * Desimone 1996): a sample stimulus, one of K, shown on K one-hot channels, a delay with no
 * stimulus, then a test stimulus; report whether the test matches the sample (class 1) or not
 * (class 0; half of the trials match). Every channel carries noise sigma xi_t throughout.
 *
 * <p>Periods as fractions of T: fixation 0.1, sample 0.2, delay 0.3, test 0.2, then the decision
 * at the last step (options {@code stimuli} K, default 2; {@code noise}, default 0.2).
 */
public final class DelayedMatch implements CognitiveTask {
    private final int steps, k, sampleOn, sampleOff, testOn, testOff;
    private final double noise;

    public DelayedMatch(int steps, Map<String, Double> options) {
        Tasks.options("delayed_match", options, "stimuli", "noise");
        this.steps = Tasks.atLeast("delayed_match", steps, 20);
        this.k = Tasks.count("stimuli", options.getOrDefault("stimuli", 2.0), 2);
        this.noise = Tasks.nonNegative("noise", options.getOrDefault("noise", 0.2));
        this.sampleOn = (int) Math.round(0.1 * steps);
        this.sampleOff = (int) Math.round(0.3 * steps);
        this.testOn = (int) Math.round(0.6 * steps);
        this.testOff = (int) Math.round(0.8 * steps);
    }

    @Override public String id() { return "delayed_match"; }

    @Override public int inputSize() { return k; }

    @Override public int classes() { return 2; }

    @Override public int steps() { return steps; }

    @Override
    public int trial(SplittableRandom rng, float[] x, double[] condition) {
        int sample = rng.nextInt(k);
        int match = rng.nextInt(2);
        int test = match == 1 ? sample : (sample + 1 + rng.nextInt(k - 1)) % k;
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < k; j++) {
                double v = noise * Tasks.gaussian(rng);
                if (t >= sampleOn && t < sampleOff && j == sample) v += 1;
                if (t >= testOn && t < testOff && j == test) v += 1;
                x[t * k + j] = (float) v;
            }
        condition[0] = 0;
        return match;
    }
}
