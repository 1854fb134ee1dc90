package org.neuradapt.data;

import java.util.Map;
import java.util.SplittableRandom;
import org.neuradapt.network.Readout;

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
 *
 * <p>With {@code fixation: 1}, the convention of neurogym: a second input channel, the fixation
 * cue, is 1 until the stimulus ends and 0 in the response period after it (the go signal); the
 * network reports at every step, class 0 ("fixate") while the cue is on and the choice (1 for
 * -1, 2 for +1) in the response period; the loss weighs fixation steps by
 * {@code fixation_weight} (0.2) and response steps by 1, and the accuracy is scored on the
 * response steps (the decision steps; docs/tasks.md, "Targets").
 */
public final class PerceptualDecision implements CognitiveTask {
    private final int steps, stimOn, stimOff;
    private final boolean fixation;
    private final double noise, fixationWeight;
    private final double[] coherences;

    public PerceptualDecision(int steps, Map<String, Double> options) {
        Tasks.options("perceptual_decision", options, "noise", "max_coherence", "fixation", "fixation_weight");
        this.steps = Tasks.atLeast("perceptual_decision", steps, 10);
        this.noise = Tasks.nonNegative("noise", options.getOrDefault("noise", 1.0));
        double max = Tasks.positive("max_coherence", options.getOrDefault("max_coherence", 0.512));
        this.coherences = new double[] {0, max / 16, max / 8, max / 4, max / 2, max};
        this.stimOn = (int) Math.round(0.1 * steps);
        this.stimOff = (int) Math.round(0.8 * steps);
        this.fixation = Tasks.count("fixation", options.getOrDefault("fixation", 0.0), 0) == 1;
        if (options.getOrDefault("fixation", 0.0) > 1) throw new org.neuradapt.UserError("config key 'data.options.fixation' is 0 or 1, got " + options.get("fixation"));
        this.fixationWeight = Tasks.nonNegative("fixation_weight", options.getOrDefault("fixation_weight", 0.2));
        if (options.containsKey("fixation_weight") && !fixation)
            throw new org.neuradapt.UserError("config key 'data.options.fixation_weight' weighs the fixation output of fixation: 1; set data.options.fixation: 1 or remove it");
    }

    @Override public String id() { return "perceptual_decision"; }

    @Override public int inputSize() { return fixation ? 2 : 1; }

    @Override public int classes() { return fixation ? 3 : 2; }

    @Override public Readout readout() { return fixation ? Readout.STEP_CLASSES : Readout.LAST; }

    @Override
    public boolean[] decisionSteps() {
        if (!fixation) return null;
        boolean[] d = new boolean[steps];
        for (int t = stimOff; t < steps; t++) d[t] = true;
        return d;
    }

    @Override public int steps() { return steps; }

    @Override public String condition() { return "coherence"; }

    @Override
    public int trial(SplittableRandom rng, float[] x, double[] condition) {
        double c = coherences[rng.nextInt(coherences.length)];
        int label = rng.nextInt(2), d = inputSize();
        double s = label == 1 ? 1 : -1;
        for (int t = stimOn; t < stimOff; t++) x[t * d] = (float) (c * s + noise * Tasks.gaussian(rng));
        if (fixation) for (int t = 0; t < stimOff; t++) x[t * d + 1] = 1;   // the fixation cue, off at the go signal
        condition[0] = c;
        return label;
    }

    @Override
    public int trial(SplittableRandom rng, float[] x, float[] target, float[] mask, double[] condition) {
        int label = trial(rng, x, condition);
        if (fixation)
            for (int t = 0; t < steps; t++) {
                target[t] = t < stimOff ? 0 : 1 + label;
                mask[t] = t < stimOff ? (float) fixationWeight : 1f;
            }
        return label;
    }
}
