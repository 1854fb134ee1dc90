package org.neuradapt.cli;

import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.Window;
import picocli.CommandLine.Option;

/**
 * The options of the analyses that drive a trained network on a batch of inputs (docs/science.md
 * sections 5.2, 5.3, 5.5, 5.6, 5.10): the drive's window, what the batch holds, and the seed of its
 * random values; a picocli mixin. The amplitudes and the number of samples are each command's own
 * options, since their defaults differ.
 */
final class DriveOptions {
    @Option(names = "--window", paramLabel = "POS:LEN", description = "drive window pos < t < pos+len, in steps (50:50) or fractions of T (0.255:0.255); "
            + "default the paper's 200:200 of T = 784 as fractions")
    String window;

    @Option(names = "--input", defaultValue = "test", description = "test (the first test images) or zeros (zero inputs: the response to the drive alone)")
    String input;

    @Option(names = "--seed", description = "seed of the batch's random values (default: the run's seed)")
    Long seed;

    /** Checks what can be checked without the run. */
    void check() {
        if (!AnalysisRun.INPUTS.contains(input)) throw new UserError("--input must be test or zeros, got '" + input + "'");
        window();
    }

    /** The window: the paper's unless given. */
    Window window() { return Perturbations.windowOption(window); }

    /** The window at the run's T; one that drives no step is refused. */
    Window.Steps resolve(RunConfig cfg) { return driven(window(), cfg.data().sequenceLength()); }

    /** w at T steps, refused with --window named, also when it drives no step (pos < t < pos + len). */
    static Window.Steps driven(Window w, int T) {
        Window.Steps s = steps(w, T);
        if (s.end(T) <= s.first())
            throw new UserError("--window " + w.text() + " is " + s + " at T = " + T + ", which drives no step (pos < t < pos + len); give a longer window");
        return s;
    }

    /** Refuses more test samples than the run's test set holds (zero inputs have no limit). */
    void checkSamples(int samples, RunConfig cfg) {
        if (samples < 1) throw new UserError("--samples must be at least 1, got " + samples);
        if (input.equals("test") && samples > AnalysisRun.testCount(cfg))
            throw new UserError("--samples " + samples + " is more than the run's " + AnalysisRun.testCount(cfg) + " test images");
    }

    /** The window in steps of a sequence of T steps, refused with --window named. */
    Window.Steps steps(int T) { return steps(window(), T); }

    private static Window.Steps steps(Window w, int T) {
        try {
            return w.resolve(T);
        } catch (UserError e) {
            throw new UserError("--window: " + e.getMessage());
        }
    }

    long seed(RunConfig cfg) { return seed != null ? seed : cfg.seed(); }

    long seed(AnalysisRun run) { return seed(run.config()); }
}
