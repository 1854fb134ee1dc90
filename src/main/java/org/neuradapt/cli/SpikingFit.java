package org.neuradapt.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.plot.FiCurveChart;
import org.neuradapt.spiking.FiCurve;
import org.neuradapt.spiking.GammaFit;
import org.neuradapt.spiking.Integration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spiking fit} (docs/science.md section 8.4): A gamma(I / I_rh - I0; n, s) fitted to each model's steady-state f-I curve. */
@Command(name = "fit", description = "Fits f(I) ~ A gamma(I/I_rh - I0; n, s) to each model's steady-state f-I curve by Levenberg-Marquardt, with "
        + "standard errors and R^2 (docs/science.md section 8.4). Writes fit.csv, its .json and fit.png/.svg (the curves with their fits).",
        footer = {"", "Example:", "  ./neuradapt spiking fit --model all --out /tmp/fit", "  ./neuradapt spiking fit --model adex:tonic --currents 0:800:81"})
final class SpikingFit implements Callable<Integer> {
    @Mixin SpikingOptions opts;

    @Mixin SpikingOptions.Output output;

    @Override public Integer call() throws Exception {
        Integration s = opts.check(Integration.DEFAULT.dt());
        List<FiCurve.Result> curves = opts.curves(s, AnalysisRun.progress("spiking fit"));
        List<GammaFit.Result> fits = curves.stream().map(GammaFit::fit).toList();
        Map<String, Object> parameters = FiCurve.parameters(curves);
        parameters.put("fit", "A gamma(I / I_u - I0; n, s), I_u the rheobase; Levenberg-Marquardt, n in [" + GammaFit.MIN_GAIN + ", " + GammaFit.MAX_GAIN
                + "], s in [0, 1]; rates: steady state");
        output.files("spiking fit", opts.models(), 0).write("fit", GammaFit.csv(fits), parameters,
                FiCurveChart.build(curves, fits, "f-I curves (points) and their gamma fits (black)"));
        for (GammaFit.Result f : fits)
            System.out.printf(Locale.ROOT, "%s: n = %.4g%s, s = %.4f +- %.2g, A = %.4g Hz, I0 = %.4f rheobase, R^2 = %.5f%n", f.model().name(), f.n(),
                    f.atGainBound() ? " (at the bound: a lower bound)" : " +- " + String.format(Locale.ROOT, "%.2g", f.se()[0]), f.s(), f.se()[1],
                    f.amplitude(), f.i0(), f.fit().r2());
        return 0;
    }
}
