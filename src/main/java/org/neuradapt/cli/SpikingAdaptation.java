package org.neuradapt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.plot.RateResponseChart;
import org.neuradapt.spiking.Adaptation;
import org.neuradapt.spiking.FiCurve;
import org.neuradapt.spiking.Integration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spiking adaptation} (docs/science.md section 8.6): rate responses to a current step and a noise-variance step, tau and alpha*. */
@Command(name = "adaptation", description = "Spike-frequency adaptation: rate responses to a step of the current and to a step of the noise's "
        + "standard deviation, the adaptation time constant and the fractional order alpha* by the networks' estimator (docs/science.md section 8.6). "
        + "Writes adaptation.csv, adaptation_summary.csv, their .json and adaptation.png/.svg.",
        footer = {"", "Example:", "  ./neuradapt spiking adaptation --model adex:adapting --model izhikevich:RS --out /tmp/adapt",
                "  ./neuradapt spiking adaptation --model all --trials 400 --seed 3"})
final class SpikingAdaptation implements Callable<Integer> {
    @Mixin SpikingOptions opts;

    @Mixin SpikingOptions.Output output;

    @Option(names = "--bin", defaultValue = "10", description = "width of the 150 bins, ms")
    double bin;

    @Option(names = "--warmup", defaultValue = "1000", description = "ms at the level before the step, before the first bin")
    double warmup;

    @Option(names = "--current", defaultValue = "1.5:2.5", paramLabel = "BEFORE:AFTER", description = "the current step's levels, in rheobase units")
    String current;

    @Option(names = "--noise-mean", defaultValue = "1.0", description = "mean of the noisy current, in rheobase units")
    double noiseMean;

    @Option(names = "--noise-sd", defaultValue = "0.2:0.6", paramLabel = "BEFORE:AFTER", description = "the noise's standard deviation before and during its step, rheobase units")
    String noiseSd;

    @Option(names = "--tau-noise", defaultValue = "5", description = "correlation time of the Ornstein-Uhlenbeck noise, ms")
    double tauNoise;

    @Option(names = "--trials", defaultValue = "100", description = "noisy trials averaged")
    int trials;

    @Option(names = "--dt", defaultValue = "0.05", description = "fixed step of the noisy (Euler-Maruyama) simulations, ms")
    double dt;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the noise")
    long seed;

    @Option(names = "--alpha-grid", defaultValue = "-1:1:2001", paramLabel = "FROM:TO:COUNT", description = "alpha grid of the fractional-order fit")
    String alphaGrid;

    @Override public Integer call() throws Exception {
        Integration s = opts.check(dt);
        Adaptation.Protocol p = new Adaptation.Protocol(bin, warmup, pair("--current", current), noiseMean, pair("--noise-sd", noiseSd), tauNoise, trials, seed,
                FractionalOrder.AlphaGrid.parse("--alpha-grid", alphaGrid));
        org.neuradapt.analysis.Progress progress = AnalysisRun.progress("spiking adaptation");
        List<Adaptation.Result> results = new ArrayList<>();
        for (FiCurve.Result curve : opts.curves(s, progress)) {
            progress.update("adaptation " + curve.model().name(), results.size(), opts.models().size());
            results.add(Adaptation.measure(curve.model(), curve.rheobase(), p, s));
        }
        ResultFiles files = output.files("spiking adaptation", opts.models(), seed);
        files.write("adaptation", Adaptation.csv(results), Adaptation.parameters(results), RateResponseChart.build(results, "Rate responses to steps"));
        files.write("adaptation_summary", Adaptation.summaryCsv(results), Adaptation.parameters(results), null);
        for (Adaptation.Result r : results)
            for (Adaptation.Response resp : r.responses())
                System.out.printf(Locale.ROOT, "%s, %s step: %.3g -> %.3g Hz, tau = %.3g ms, alpha* = %.3f (differentiator order %.3f; Lundstrom et al. 2008: about 0.15)%n",
                        r.model().name(), resp.kind().id, resp.before(), resp.after(), resp.tau(), resp.alphaStar(), -resp.alphaStar());
        return 0;
    }

    /** BEFORE:AFTER as two numbers. */
    static double[] pair(String option, String text) {
        String[] p = text.split(":", -1);
        try {
            if (p.length == 2) return new double[] {Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip())};
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserError(option + ": cannot read '" + text + "'; give BEFORE:AFTER, e.g. 1.5:2.5");
    }
}
