package org.neuradapt.cli;

import java.util.Arrays;
import java.util.List;
import org.neuradapt.UserError;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.Window;
import picocli.CommandLine.Option;

/**
 * The options of the analyses that record test trajectories under step drives (docs/science.md
 * sections 5.5 and 5.6): the amplitudes, the window, how many test images and the seed; a picocli
 * mixin.
 */
final class DriveOptions {
    @Option(names = "--xi", paramLabel = "LIST", description = "step-drive amplitudes, comma-separated, 0 for no drive (default: see the command)")
    String xi;

    @Option(names = "--window", defaultValue = "0.2551:0.2551", paramLabel = "POS:LEN", description = "the step window (strict, pos < t < pos + len); "
            + "default the paper's 200:200 of 784 as fractions of T")
    String window;

    @Option(names = "--samples", defaultValue = "16", description = "test images (trajectories)")
    int samples;

    @Option(names = "--seed", description = "seed of the test batch's perturbation and of the random starts (default: the run's seed)")
    Long seed;

    /** The amplitudes, {@code fallback} when --xi is not given. */
    List<Double> amplitudes(String fallback) {
        return Arrays.stream(Perturbations.parseList("--xi", xi != null ? xi : fallback)).boxed().toList();
    }

    /** The window, refused with --window named. */
    Window window() { return named(() -> Window.parse(window)); }

    /** The window in steps of a sequence of T steps, refused with --window named. */
    Window.Steps steps(int T) {
        Window w = window();
        return named(() -> w.resolve(T));
    }

    int checkedSamples() {
        if (samples < 1) throw new UserError("--samples must be at least 1, got " + samples);
        return samples;
    }

    long seed(AnalysisRun run) { return seed != null ? seed : run.config().seed(); }

    private static <X> X named(java.util.function.Supplier<X> f) {
        try {
            return f.get();
        } catch (UserError e) {
            throw new UserError("--window: " + e.getMessage());
        }
    }
}
