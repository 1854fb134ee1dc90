package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.analysis.GainScaling;
import org.neuradapt.analysis.ShapeSignals;
import org.neuradapt.config.RunConfig;
import org.neuradapt.training.RunFolder;
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
                "  ./neuradapt analyze gain-scaling --run runs/quickstart_arun --xi 0.5,1,2,4,8,16,32 --samples 64 --out /tmp/gain",
                "  ./neuradapt analyze gain-scaling --run runs/robustness_cpu/arun_s200 --runs runs/robustness_cpu/arun_s400 runs/robustness_cpu/arun_s600 --out figures/gain"})
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

    @Option(names = "--runs", arity = "1..*", paramLabel = "DIR", description = "more ARUN runs of the same T (other seeds), averaged with --run's before the fit, "
            + "as the paper averages seeds 200, 400 and 600")
    List<Path> more = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<Double> amplitudes = Perturbations.parseValues("--xi", xi);
        drive.check();
        FractionalOrder.Interval given = measure == null ? null : FractionalOrder.Interval.parse("--measure", measure);
        String why = "the fits are of n and s set by an ARUN's controller from its drive; an RNN's gamma (rnn_gamma_*) has n and s that do not depend on the input";
        AnalysisOptions.Opened<GainScaling.Protocol> opened = opts.openWith(NAME, AnalyzeShapeSignals.ARUN, why, cfg -> {
            Window.Steps s = drive.resolve(cfg);
            drive.checkSamples(samples, cfg);
            GainScaling.Protocol protocol = new GainScaling.Protocol(amplitudes, s,
                    given != null ? given : GainScaling.Protocol.secondHalf(s, cfg.data().sequenceLength()), cfg.data().sequenceLength(), samples,
                    drive.input, drive.seed(cfg));
            for (Path d : more) checkOther(d, cfg);
            return protocol;
        });
        AnalysisRun run = opened.run();
        GainScaling.Protocol p = opened.protocol();
        Window w = drive.window();
        List<AnalysisRun> runs = new ArrayList<>(List.of(run));
        for (Path d : more) runs.add(AnalysisRun.open(d, opts.checkpoint, run.out(), NAME, AnalyzeShapeSignals.ARUN, why));
        long start = System.nanoTime();
        List<ShapeSignals.Simulator> sims = new ArrayList<>();
        for (AnalysisRun r : runs) sims.add(AnalyzeShapeSignals.simulator(r, p.input(), samples, p.seed(), a -> new GaussianDrive(a, w)));
        GainScaling.Result r = GainScaling.analyse(runs.stream().map(AnalysisRun::source).toList(), p, sims, run.progress());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> parameters = new LinkedHashMap<>(p.parameters());
        parameters.put("runs", r.sources());
        // more than two runs do not fit in a title line: name them by count and seeds (the JSON lists every run)
        String title = "Gain scaling under a Gaussian drive, " + (r.sources().size() <= 2
                ? String.join(", ", r.sources().stream().map(x -> x.run() + " (seed " + x.seed() + ")").toList())
                : r.sources().size() + " runs of " + run.model() + ", seeds " + String.join(", ", r.sources().stream().map(x -> Long.toString(x.seed())).toList()));
        run.write("gain_scaling", GainScaling.pointsCsv(r), parameters, GainScalingChart.build(r, title));
        run.write("gain_scaling_fits", GainScaling.fitsCsv(r), parameters, null);
        run.write("gain_scaling_seeds", GainScaling.seedsCsv(r), parameters, null);
        for (GainScaling.Fit f : List.of(r.n(), r.s()))
            System.out.printf(Locale.ROOT, "%s(xi) = %s: a = %.4g +- %.2g, b = %.4g +- %.2g, c = %.4g +- %.2g (SE), R^2 = %.4f over %d amplitudes%n",
                    f.signal(), f.form().formula, f.a(), f.seA(), f.b(), f.seB(), f.c(), f.seC(), f.r2(), f.points());
        System.out.printf(Locale.ROOT, "gain exponent b = %.4f +- %.4f; network runs and fits took %.1f s%n", r.n().b(), r.n().seB(), seconds);
        for (String sig : List.of("n", "s")) {
            GainScaling.Effect e = r.effect(sig);
            org.neuradapt.analysis.SeedStatistics.MeanInterval m = GainScaling.changeOverRuns(r, sig);
            System.out.printf(Locale.ROOT, "%s: fitted change over xi %+.4g, %.2f times the per-sample spread (%.3g)%s%n", sig, e.change(), e.size(), e.spread(),
                    r.runs().size() < 2 ? "" : String.format(Locale.ROOT, "; change over %d runs: mean %+.4g, 95%% CI [%+.4g, %+.4g]", m.n(), m.mean(), m.low(), m.high()));
        }
        return 0;
    }

    /** A run of --runs must be an ARUN of the same T with the checkpoint asked for (checked before anything is written). */
    private void checkOther(Path dir, RunConfig main) {
        RunFolder folder = RunFolder.existing(dir);
        RunConfig cfg = AnalysisRun.config(folder, dir);
        if (!cfg.model().type().equals("arun")) throw new UserError("--runs: '" + dir + "' is " + cfg.model().type() + "; give ARUN runs");
        if (cfg.data().sequenceLength() != main.data().sequenceLength())
            throw new UserError("--runs: '" + dir + "' has T = " + cfg.data().sequenceLength() + ", --run has T = " + main.data().sequenceLength()
                    + "; average runs of one task");
        if (!Files.isRegularFile(AnalysisRun.checkpointFile(folder, opts.checkpoint)))
            throw new UserError("--runs: '" + dir + "' has no checkpoint '" + AnalysisRun.checkpointFile(folder, opts.checkpoint) + "'; train it first");
    }
}
