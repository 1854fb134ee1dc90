package org.neuradapt.data;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Perceptual decision making (docs/tasks.md, "perceptual_decision"; the random-dot motion task of
 * Gold and Shadlen 2007): after a fixation period, one input channel carries noisy evidence
 * c s + sigma xi_t for the stimulus period (s = +-1 the direction, c the coherence drawn from
 * the task's levels, xi_t standard normal), then nothing until the decision at the last step:
 * report s (class 0 for -1, 1 for +1). At c = 0 the class is a coin flip, so accuracy there is
 * chance by construction.
 *
 * <p>Periods as fractions of T: fixation 0.1, stimulus 0.7, delay to the end (options
 * {@code noise} sigma, default 1; {@code max_coherence}, default 0.512: levels 0 and
 * max/16, max/8, max/4, max/2, max, as in the monkey experiments' 0-51.2%).
 */
public final class PerceptualDecision implements CognitiveTask {
    private final int steps, stimOn, stimOff;
    private final double noise;
    private final double[] coherences;

    public PerceptualDecision(int steps, Map<String, Double> options) {
        Tasks.options("perceptual_decision", options, "noise", "max_coherence");
        this.steps = Tasks.atLeast("perceptual_decision", steps, 10);
        this.noise = Tasks.nonNegative("noise", options.getOrDefault("noise", 1.0));
        double max = Tasks.positive("max_coherence", options.getOrDefault("max_coherence", 0.512));
        this.coherences = new double[] {0, max / 16, max / 8, max / 4, max / 2, max};
        this.stimOn = (int) Math.round(0.1 * steps);
        this.stimOff = (int) Math.round(0.8 * steps);
    }

    @Override public String id() { return "perceptual_decision"; }

    @Override public int inputSize() { return 1; }

    @Override public int classes() { return 2; }

    @Override public int steps() { return steps; }

    @Override public String condition() { return "coherence"; }

    @Override
    public int trial(SplittableRandom rng, float[] x, double[] condition) {
        double c = coherences[rng.nextInt(coherences.length)];
        int label = rng.nextInt(2);
        double s = label == 1 ? 1 : -1;
        for (int t = stimOn; t < stimOff; t++) x[t] = (float) (c * s + noise * Tasks.gaussian(rng));
        condition[0] = c;
        return label;
    }
}
