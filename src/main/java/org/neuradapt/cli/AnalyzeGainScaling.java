package org.neuradapt.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.analysis.GainScaling;
import org.neuradapt.perturbation.GaussianDrive;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.Window;
import org.neuradapt.plot.GainScalingChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze gain-scaling} (docs/science.md section 5.3): an ARUN's mean n and s over the
 * second half of a Gaussian drive N(0, xi^2) against xi, with the fits n = a xi^(-b) + c and
 * s = a exp(-b xi) + c, their standard errors and R^2.
 */
@Command(name = "gain-scaling",
        description = "An ARUN's mean n and s under a Gaussian drive N(0, xi^2) against xi, fitted by n = a xi^(-b) + c and s = a exp(-b xi) + c "
                + "with standard errors and R^2 (docs/science.md section 5.3).",
        footer = {"", "Example:", "  ./neuradapt analyze gain-scaling --run runs/quickstart_arun",
                "  ./neuradapt analyze gain-scaling --run runs/quickstart_arun --xi 0.5,1,2,4,8,16,32 --samples 64 --out /tmp/gain"})
final class AnalyzeGainScaling implements Callable<Integer> {
    static final String NAME = "gain-scaling";

    @Mixin AnalysisOptions opts;

    @Option(names = "--xi", defaultValue = "1,2.5,5,10,15,20,30", paramLabel = "LIST", description = "standard deviations of the drive; the fits use xi > 0 (at least 3)")
    String xi;

    @Option(names = "--measure", paramLabel = "FROM:TO", description = "steps averaged, FROM <= t < TO (default: the window's second half, 75:100 at T = 196)")
    String measure;

    @Option(names = "--samples", defaultValue = "100", description = "test samples averaged per amplitude (the first ones; the reference averaged one batch of 100)")
    int samples;

    @Mixin DriveOptions drive;

    @Override
    public Integer call() throws Exception {
        List<Double> amplitudes = Arrays.stream(Perturbations.parseList("--xi", xi)).boxed().toList();
        drive.check();
        FractionalOrder.Interval given = measure == null ? null : FractionalOrder.Interval.parse("--measure", measure);
        GainScaling.Protocol[] protocol = new GainScaling.Protocol[1];
        AnalysisRun run = opts.open(NAME, AnalyzeShapeSignals.ARUN, "the fits are of n and s set by an ARUN's controller from its drive; "
                + "an RNN's gamma (rnn_gamma_*) has n and s that do not depend on the input", cfg -> {
            Window.Steps s = drive.resolve(cfg);
            drive.checkSamples(samples, cfg);
            protocol[0] = new GainScaling.Protocol(amplitudes, s, given != null ? given : GainScaling.Protocol.secondHalf(s, cfg.data().sequenceLength()),
                    cfg.data().sequenceLength(), samples, drive.input, drive.seed(cfg));
        });
        GainScaling.Protocol p = protocol[0];
        Window w = drive.window();
        long start = System.nanoTime();
        GainScaling.Result r = GainScaling.analyse(run.source(), p,
                AnalyzeShapeSignals.simulator(run, p.input(), samples, p.seed(), a -> new GaussianDrive(a, w)), run.progress());
        double seconds = (System.nanoTime() - start) / 1e9;
        String title = "Gain scaling under a Gaussian drive, " + run.source().run() + " (seed " + run.source().seed() + ")";
        run.write("gain_scaling", GainScaling.pointsCsv(r), p.parameters(), GainScalingChart.build(r, title));
        run.write("gain_scaling_fits", GainScaling.fitsCsv(r), p.parameters(), null);
        for (GainScaling.Fit f : List.of(r.n(), r.s()))
            System.out.printf(Locale.ROOT, "%s(xi) = %s: a = %.4g +- %.2g, b = %.4g +- %.2g, c = %.4g +- %.2g (SE), R^2 = %.4f over %d amplitudes%n",
                    f.signal(), f.form().formula, f.a(), f.seA(), f.b(), f.seB(), f.c(), f.seC(), f.r2(), f.points());
        System.out.printf(Locale.ROOT, "gain exponent b = %.4f +- %.4f; network runs and fits took %.1f s%n", r.n().b(), r.n().seB(), seconds);
        return 0;
    }
}
