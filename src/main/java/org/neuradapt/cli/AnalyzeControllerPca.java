package org.neuradapt.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.ControllerPca;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.network.Parameters;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.plot.ControllerPcaChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze controller-pca} (docs/science.md section 5.9): an ARUN's controller run alone on
 * scalar steps of several amplitudes, its repeat-averaged states projected on their first two
 * principal components.
 */
@Command(name = "controller-pca",
        description = "The ARUN's controller alone, g_t = tanh(a_t u_ag + g_{t-1} W_gg + b_g), fed a scalar step of 10 amplitudes exp(-2..2); "
                + "2-D PCA of its repeat-averaged state trajectories and their explained variance (docs/science.md section 5.9).",
        footer = {"", "Example:", "  ./neuradapt analyze controller-pca --run runs/quickstart_arun",
                "  ./neuradapt analyze controller-pca --run runs/quickstart_arun --amplitudes 0.5,1,5,30 --repeats 20 --out /tmp/pca"})
final class AnalyzeControllerPca implements Callable<Integer> {
    static final String NAME = "controller-pca";

    @Mixin AnalysisOptions opts;

    @Option(names = "--steps", defaultValue = "400", description = "steps of each run, the protocol's own clock (not scaled to the task's T)")
    int steps;

    @Option(names = "--onset", defaultValue = "200", description = "the input is 0 for t <= onset and the amplitude after it")
    int onset;

    @Option(names = "--log-amplitudes", defaultValue = "-2:2:10", paramLabel = "FROM:TO:COUNT", description = "amplitudes exp(linspace(FROM, TO, COUNT))")
    String logAmplitudes;

    @Option(names = "--amplitudes", paramLabel = "LIST", description = "amplitudes, comma-separated (replaces --log-amplitudes)")
    String amplitudes;

    @Option(names = "--repeats", defaultValue = "10", description = "runs per amplitude from their own g0 ~ N(0, I), averaged")
    int repeats;

    @Option(names = "--seed", description = "seed of the g0 draws (default: the run's seed)")
    Long seed;

    @Override
    public Integer call() throws Exception {
        // every option is checked before the run folder is opened, so a mistake writes nothing
        List<Double> a;
        if (amplitudes != null) a = Perturbations.parseValues("--amplitudes", amplitudes);
        else {
            FractionalOrder.AlphaGrid g = FractionalOrder.AlphaGrid.parse("--log-amplitudes", logAmplitudes);
            a = ControllerPca.logSpaced(g.from(), g.to(), g.count());
        }
        ControllerPca.Protocol protocol = new ControllerPca.Protocol(steps, onset, a, repeats, seed != null ? seed : 0);
        AnalysisRun run = opts.open(NAME, AnalyzeShapeSignals.ARUN, "only the ARUN has a controller");
        if (seed == null) protocol = new ControllerPca.Protocol(steps, onset, a, repeats, run.config().seed());
        if (run.ctrl() < 2) throw new UserError("analyze controller-pca needs a controller of at least 2 units; '" + run.dir() + "' has model.ctrl " + run.ctrl());

        long start = System.nanoTime();
        Map<String, double[]> p = run.parameterValues();
        int m = run.ctrl();
        double[] flat = p.get(Parameters.W_GG);
        double[][] wgg = new double[m][m];
        for (int i = 0; i < m; i++) System.arraycopy(flat, i * m, wgg[i], 0, m);
        ControllerPca.Controller controller = new ControllerPca.Controller(p.get(Parameters.U_AG), wgg, p.get(Parameters.B_G));
        ControllerPca.Result result = ControllerPca.analyse(run.source(), protocol, controller, run.progress());
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> parameters = new LinkedHashMap<>(protocol.parameters());
        double[] f = result.pca().fractions();
        parameters.put("explained_variance_fraction", List.of(f[0], f[1]));
        String title = "Controller alone, " + run.source().run() + " (M = " + m + ", seed " + run.source().seed() + ")";
        run.write("controller_pca", ControllerPca.csv(result), parameters, ControllerPcaChart.build(result, title));
        run.write("controller_pca_variance", ControllerPca.varianceCsv(result), parameters, null);
        System.out.printf(Locale.ROOT, "explained variance: PC1 %.4f, PC2 %.4f (sum %.4f)%n", f[0], f[1], f[0] + f[1]);
        System.out.printf(Locale.ROOT, "controller runs and PCA took %.2f s%n", seconds);
        return 0;
    }
}
