package org.neuradapt.data;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Context-dependent integration (docs/tasks.md, "context_integration"; Mante, Sussillo, Shenoy
 * and Newsome 2013): two noisy evidence channels (motion and colour, each c_k s_k + sigma xi_t
 * with its own sign s_k and coherence c_k drawn independently) and two context channels, one of
 * them 1 for the whole trial; report the sign of the channel the context names, ignoring the
 * other. Input channels: motion, colour, context motion, context colour.
 *
 * <p>Periods as fractions of T: context alone 0.1, evidence 0.7, delay to the end (options
 * {@code noise}, default 1; {@code max_coherence}, default 0.5: levels max/4, max/2, max).
 */
public final class ContextIntegration implements CognitiveTask {
    private final int steps, stimOn, stimOff;
    private final double noise;
    private final double[] coherences;

    public ContextIntegration(int steps, Map<String, Double> options) {
        Tasks.options("context_integration", options, "noise", "max_coherence");
        this.steps = Tasks.atLeast("context_integration", steps, 10);
        this.noise = Tasks.nonNegative("noise", options.getOrDefault("noise", 1.0));
        double max = Tasks.positive("max_coherence", options.getOrDefault("max_coherence", 0.5));
        this.coherences = new double[] {max / 4, max / 2, max};
        this.stimOn = (int) Math.round(0.1 * steps);
        this.stimOff = (int) Math.round(0.8 * steps);
    }

    @Override public String id() { return "context_integration"; }

    @Override public int inputSize() { return 4; }

    @Override public int classes() { return 2; }

    @Override public int steps() { return steps; }

    /** The coherence of the channel the context names. */
    @Override public String condition() { return "coherence"; }

    @Override
    public int trial(SplittableRandom rng, float[] x, double[] condition) {
        int context = rng.nextInt(2);
        int[] sign = {rng.nextInt(2), rng.nextInt(2)};
        double[] c = {coherences[rng.nextInt(coherences.length)], coherences[rng.nextInt(coherences.length)]};
        for (int t = 0; t < steps; t++) x[t * 4 + 2 + context] = 1;
        for (int t = stimOn; t < stimOff; t++)
            for (int k = 0; k < 2; k++) x[t * 4 + k] = (float) (c[k] * (sign[k] == 1 ? 1 : -1) + noise * Tasks.gaussian(rng));
        condition[0] = c[context];
        return sign[context];
    }
}
