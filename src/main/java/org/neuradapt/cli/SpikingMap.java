package org.neuradapt.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.analysis.Heterogeneity;
import org.neuradapt.network.Parameters;
import org.neuradapt.plot.GainMapChart;
import org.neuradapt.spiking.FiCurve;
import org.neuradapt.spiking.GammaFit;
import org.neuradapt.spiking.GainMap;
import org.neuradapt.spiking.Integration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spiking map} (docs/science.md section 8.7): every model's fitted (n, s) with a trained RNN+gamma run's learned (n_i, s_i). */
@Command(name = "map", description = "The (n, s) map: the gamma parameters fitted to each spiking model's f-I curve, with the learned (n_i, s_i) "
        + "of a trained rnn_gamma_het run overlaid (docs/science.md section 8.7). Writes spiking_map.csv, its .json and spiking_map.png/.svg.",
        footer = {"", "Example:", "  ./neuradapt spiking map --run runs/quickstart_rnn_gamma_het --out /tmp/map",
                "  ./neuradapt spiking map --model izhikevich --model hh --run runs/quickstart_rnn_gamma_het --checkpoint last --out /tmp/map"})
final class SpikingMap implements Callable<Integer> {
    static final String NAME = "spiking-map";

    @Mixin SpikingOptions sim;

    @Mixin AnalysisOptions opts;

    @Override public Integer call() throws Exception {
        Integration s = sim.check(Integration.DEFAULT.dt());
        AnalysisRun run = opts.open(NAME, List.of("rnn_gamma_het"), "its neurons have learned (n_i, s_i) of their own");
        Map<String, double[]> params = run.parameterValues();
        double[] n = params.get(Parameters.GAIN), sat = params.get(Parameters.SATURATION);
        List<FiCurve.Result> curves = sim.curves(s, run.progress());
        List<GammaFit.Result> fits = curves.stream().map(GammaFit::fit).toList();
        Map<String, Object> parameters = FiCurve.parameters(curves);
        parameters.put("network_neurons", n.length);
        run.write("spiking_map", GainMap.csv(fits, n, sat), parameters, GainMapChart.build(fits, n, sat, run.source().run(),
                "Gamma (n, s): spiking models and " + run.source().run() + " (seed " + run.source().seed() + ")"));
        Heterogeneity.Centre c = Heterogeneity.centre(Heterogeneity.of(run.model(), run.source().seed(), run.source().run(), n, sat, n, sat));
        System.out.printf(Locale.ROOT, "network: %d neurons, centre of mass (n, s) = (%.3f, %.4f); models:%n", n.length, c.n(), c.s());
        for (GammaFit.Result f : fits) System.out.printf(Locale.ROOT, "  %s: (n, s) = (%.4g, %.4f)%n", f.model().name(), f.n(), f.s());
        return 0;
    }
}
