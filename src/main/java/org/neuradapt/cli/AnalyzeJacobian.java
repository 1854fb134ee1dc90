package org.neuradapt.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.JacobianNorm;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.Window;
import org.neuradapt.plot.LyapunovChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze jacobian} (docs/science.md section 5.6): the spectral norm of the h-only
 * Jacobian J_t = diag(phi'(a_t)) W^T per step along test trajectories, mean and sd over samples,
 * under optional step drives.
 */
@Command(name = "jacobian",
        description = "Spectral norm of the recurrent Jacobian diag(phi'(a_t)) W^T per step along test trajectories, mean and sd over samples, "
                + "under step drives of amplitude xi (docs/science.md section 5.6).",
        footer = {"", "Example:", "  ./neuradapt analyze jacobian --run runs/quickstart_arun",
                "  ./neuradapt analyze jacobian --run runs/quickstart_rnn_relu --xi 0,5 --samples 32 --out /tmp/jac"})
final class AnalyzeJacobian implements Callable<Integer> {
    static final String NAME = "jacobian";

    @Mixin AnalysisOptions opts;

    @Option(names = "--xi", paramLabel = "LIST", description = "step-drive amplitudes, comma-separated, 0 for no drive (default: 0)")
    String xi;

    @Option(names = "--samples", defaultValue = "16", description = "test images (trajectories)")
    int samples;

    @Mixin DriveOptions drive;

    @Override
    public Integer call() throws Exception {
        List<Double> amplitudes = Perturbations.parseValues("--xi", xi != null ? xi : "0");
        drive.check();
        Window win = drive.window();
        JacobianNorm.Protocol protocol = new JacobianNorm.Protocol(amplitudes, samples, 0);  // its option checks, before the run is opened
        // the samples and the window against the run's test set and T, after open()'s model check and before anything is written
        AnalysisRun run = opts.open(NAME, org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.ELEMENTWISE_SLOPE), "the Jacobian diag(phi'(a_t)) W^T needs a single elementwise activation", cfg -> {
            drive.checkSamples(samples, cfg);
            drive.steps(cfg.data().sequenceLength());
        });
        Window.Steps steps = drive.steps(run.steps());
        long s = drive.seed(run);
        JacobianNorm.Protocol p = new JacobianNorm.Protocol(protocol.xi(), protocol.samples(), s);
        Map<String, double[]> values = run.parameterValues();
        double[][] w = Parameters.matrix(values.get(Parameters.W), run.hidden());
        org.neuradapt.neuron.ElementwiseSlope phi = AnalyzeLyapunov.slope(run.model());
        Network net = run.network(run.steps(), Map.of());
        long start = System.nanoTime();
        JacobianNorm.Result r = JacobianNorm.analyse(run.source(), p, w, x -> JacobianSignals.record(run, net, drive.input, samples, x, win, s, false).slopes(phi),
                run.progress());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> params = new java.util.LinkedHashMap<>(p.parameters());
        params.put("window", steps.toString());
        params.put("slope", phi.name() + (phi == org.neuradapt.neuron.ElementwiseSlope.GAMMA ? " d gamma/dx at the recorded (n_t, s_t)" : ""));
        run.write("jacobian_norm", JacobianNorm.csv(r), params,
                LyapunovChart.jacobianNorm(r, steps, run.title("Jacobian norm")));
        for (JacobianNorm.Curve c : r.curves())
            System.out.printf(Locale.ROOT, "xi = %s: mean ||J_t||_2 = %.4f over %d steps and %d samples%n", Robustness.number(c.xi()), c.overall(),
                    c.mean().length, c.samples());
        System.out.printf(Locale.ROOT, "network runs and power iterations took %.1f s%n", seconds);
        return 0;
    }
}
