package org.neuradapt.data;

import java.util.Map;
import java.util.SplittableRandom;
import org.neuradapt.network.Readout;

/**
 * The K-bit flip-flop (docs/tasks.md, "flip_flop"; memory of discrete states, Sussillo and Barak,
 * Neural Comput. 2013): K input channels carry brief pulses of +1 or -1 at random steps; output k
 * must hold, at every step, the sign of the last pulse on channel k (0 before the first). The
 * target is continuous and read out at every step ({@link Readout#STEP_VALUES}, squared error);
 * the loss mask counts every step after the first pulse of any channel.
 *
 * <p>Options: {@code bits} K (3), {@code pulse_rate} the probability of a pulse per step and
 * channel (0.05), {@code noise} sigma of the Gaussian noise on every input (0).
 */
public final class FlipFlop implements CognitiveTask {
    private final int steps, bits;
    private final double rate, noise;

    public FlipFlop(int steps, Map<String, Double> options) {
        Tasks.options("flip_flop", options, "bits", "pulse_rate", "noise");
        this.steps = Tasks.atLeast("flip_flop", steps, 10);
        this.bits = Tasks.count("bits", options.getOrDefault("bits", 3.0), 1);
        this.rate = Tasks.positive("pulse_rate", options.getOrDefault("pulse_rate", 0.05));
        if (rate > 1) throw new org.neuradapt.UserError("config key 'data.options.pulse_rate' is a probability per step, <= 1; got " + rate);
        this.noise = Tasks.nonNegative("noise", options.getOrDefault("noise", 0.0));
    }

    @Override public String id() { return "flip_flop"; }

    @Override public int inputSize() { return bits; }

    @Override public int classes() { return bits; }

    @Override public int steps() { return steps; }

    @Override public Readout readout() { return Readout.STEP_VALUES; }

    @Override
    public int trial(SplittableRandom rng, float[] x, double[] condition) {
        return trial(rng, x, new float[steps * bits], new float[steps], condition);
    }

    @Override
    public int trial(SplittableRandom rng, float[] x, float[] target, float[] mask, double[] condition) {
        float[] state = new float[bits];
        boolean started = false;
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < bits; k++) {
                double v = noise > 0 ? noise * Tasks.gaussian(rng) : 0;
                if (rng.nextDouble() < rate) {
                    float sign = rng.nextInt(2) == 0 ? -1f : 1f;
                    v += sign;
                    state[k] = sign;
                    started = true;
                }
                x[t * bits + k] = (float) v;
                target[t * bits + k] = state[k];
            }
            mask[t] = started ? 1f : 0f;   // before any pulse there is nothing to hold
        }
        condition[0] = 0;
        return 0;
    }
}
