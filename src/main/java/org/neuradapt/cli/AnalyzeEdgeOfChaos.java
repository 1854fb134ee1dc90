package org.neuradapt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.analysis.EdgeOfChaos;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;
import org.neuradapt.plot.EdgeOfChaosChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze edge-of-chaos} (docs/science.md section 5.7): the contours gamma'(x; n, s) =
 * level in the (n, s) plane with an ARUN's mean (n_t, s_t) path under step drives, or a
 * heterogeneous-gamma network's learned (n_i, s_i), on top.
 */
@Command(name = "edge-of-chaos",
        description = "Contours gamma'(x; n, s) = 1 in the (n, s) plane, one per x, and of the maximal slope; over them an ARUN's mean (n_t, s_t) path "
                + "from drive onset to steady state under step drives, or an rnn_gamma_het network's learned (n_i, s_i) (docs/science.md section 5.7).",
        footer = {"", "Example:", "  ./neuradapt analyze edge-of-chaos --run runs/quickstart_arun",
                "  ./neuradapt analyze edge-of-chaos --run runs/quickstart_rnn_gamma_het --level 0.987 --n-range 2:5 --s-range -0.015:0.025"})
final class AnalyzeEdgeOfChaos implements Callable<Integer> {
    static final String NAME = "edge-of-chaos";
    static final List<String> MODELS = org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.SHAPE_PER_NEURON);

    @Mixin AnalysisOptions opts;

    @Option(names = "--x", defaultValue = "0.9,1.1,1.5,2,3,5,30", paramLabel = "LIST", description = "pre-activations x of the contours gamma'(x; n, s) = level")
    String xs;

    @Option(names = "--level", defaultValue = "1", description = "slope of the contours; 0.987 reproduces the reference's +0.013 shift")
    double level;

    @Option(names = "--n-range", paramLabel = "FROM:TO", description = "gain axis, fixed (default: 2:5, grown to hold the overlay)")
    String nRange;

    @Option(names = "--s-range", paramLabel = "FROM:TO", description = "saturation axis, fixed (default: -0.015:0.025, grown to hold the overlay)")
    String sRange;

    @Option(names = "--grid", defaultValue = "200", description = "gain values at which each contour is solved for s")
    int grid;

    @Option(names = "--xi", defaultValue = "1,2.5,5,7.5,10,15,20,30", paramLabel = "LIST", description = "step amplitudes of the ARUN's paths")
    String xi;

    @Option(names = "--window", paramLabel = "POS:LEN", description = "step drive window, pos < t < pos + len (default: the paper's 200:200 at T = 784, scaled to T)")
    String window;

    @Option(names = "--steady", paramLabel = "FROM:TO", description = "steps FROM <= t < TO whose mean is the steady state (default: 300:380 at T = 784, scaled to T)")
    String steady;

    @Option(names = "--batch", defaultValue = "100", description = "test images the path is averaged over (with all neurons)")
    int batch;

    @Option(names = "--jacobian-samples", defaultValue = "16", description = "test images whose Jacobian norm ||diag(gamma'(a_t)) W^T||_2 is "
            + "drawn beside the contours (the edge for a non-orthogonal W; 0: none)")
    int jacobianSamples;

    @Override
    public Integer call() throws Exception {
        // every option is checked before anything is written
        List<Double> x = Perturbations.parseValues("--x", xs), amplitudes = Perturbations.parseValues("--xi", xi);
        double[] n = nRange == null ? null : range("--n-range", nRange), s = sRange == null ? null : range("--s-range", sRange);
        EdgeOfChaos.Plane ref = EdgeOfChaos.Plane.REFERENCE;
        EdgeOfChaos.Plane plane = new EdgeOfChaos.Plane(n != null ? n[0] : ref.nFrom(), n != null ? n[1] : ref.nTo(), s != null ? s[0] : ref.sFrom(),
                s != null ? s[1] : ref.sTo());
        Window w = Perturbations.windowOption(window);
        FractionalOrder.Interval steadyGiven = steady == null ? null : FractionalOrder.Interval.parse("--steady", steady);
        // the protocol's own checks (level, grid, batch, lists) here, the windows against the run's T inside open(), after its
        // model check and before anything is written
        new EdgeOfChaos.Protocol(x, level, plane, n != null, s != null, grid, amplitudes, new Window.Steps(0, 0), new FractionalOrder.Interval(0, 1), batch);
        java.util.function.Function<RunConfig, EdgeOfChaos.Protocol> protocolAt = cfg -> {
            int steps = cfg.data().sequenceLength();
            Window.Steps drive = DriveOptions.driven(w, steps);
            FractionalOrder.Interval st = steadyGiven != null ? steadyGiven
                    : new FractionalOrder.Interval((int) Math.round(300.0 * steps / 784), (int) Math.round(380.0 * steps / 784));
            if (!st.fits(steps)) throw new UserError("--steady " + st + " does not fit T = " + steps + "; give FROM:TO with 0 <= FROM < TO <= " + steps);
            return new EdgeOfChaos.Protocol(x, level, plane, n != null, s != null, grid, amplitudes, drive, st, batch);
        };
        if (jacobianSamples < 0) throw new UserError("--jacobian-samples must be >= 0, got " + jacobianSamples);
        AnalysisRun run = opts.open(NAME, MODELS, "only the ARUN has a path (n_t, s_t) and only rnn_gamma_het learned per-neuron (n_i, s_i)",
                cfg -> {
                    protocolAt.apply(cfg);
                    if (jacobianSamples > AnalysisRun.testCount(cfg))
                        throw new UserError("--jacobian-samples " + jacobianSamples + " is more than the run's " + AnalysisRun.testCount(cfg) + " test images");
                });
        EdgeOfChaos.Protocol protocol = protocolAt.apply(run.config());

        long start = System.nanoTime();
        List<EdgeOfChaos.Path> paths = List.of();
        List<double[]> neurons = new ArrayList<>();
        if (run.model().equals("arun")) {
            Network net = run.network(run.steps(), Map.of());
            EdgeOfChaos.Simulator sim = amplitude -> {
                return recording(net.record(run.testBatch(batch, new StepDrive(amplitude, w), run.config().seed()), Set.of(Signals.N, Signals.S)));
            };
            paths = EdgeOfChaos.paths(protocol, sim, run.progress());
        } else {
            Map<String, double[]> p = run.parameterValues();
            double[] gain = p.get(Parameters.GAIN), sat = p.get(Parameters.SATURATION);
            for (int i = 0; i < gain.length; i++) neurons.add(new double[] {gain[i], sat[i]});
        }
        EdgeOfChaos.Result result = EdgeOfChaos.analyse(run.source(), protocol, paths, neurons);
        // docs/science.md section 5.7: for the trained, non-orthogonal W the edge is where the Jacobian expands, not gamma' = 1
        org.neuradapt.analysis.JacobianNorm.Result jacobian = null;
        if (jacobianSamples > 0) {
            org.neuradapt.analysis.JacobianNorm.Protocol jp = new org.neuradapt.analysis.JacobianNorm.Protocol(amplitudes, jacobianSamples, run.config().seed());
            double[][] wMatrix = Parameters.matrix(run.parameterValues().get(Parameters.W), run.hidden());
            org.neuradapt.neuron.ElementwiseSlope phi = AnalyzeLyapunov.slope(run.model());
            Network jnet = run.network(run.steps(), Map.of());
            jacobian = org.neuradapt.analysis.JacobianNorm.analyse(run.source(), jp, wMatrix,
                    a -> JacobianSignals.record(run, jnet, "test", jacobianSamples, a, w, run.config().seed(), false).slopes(phi), run.progress());
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> parameters = new java.util.LinkedHashMap<>(protocol.parameters());
        parameters.put("plane_drawn", result.plane().toString());
        run.write("edge_of_chaos_contours", EdgeOfChaos.contoursCsv(result), parameters, null);
        if (jacobian != null) {
            parameters.put("jacobian_samples", jacobianSamples);
            run.write("edge_of_chaos_jacobian", org.neuradapt.analysis.JacobianNorm.csv(jacobian), parameters, null);
        }
        run.write("edge_of_chaos", EdgeOfChaos.pathCsv(result), parameters, jacobian == null ? EdgeOfChaosChart.build(result, run.title("Edge of chaos"))
                : EdgeOfChaosChart.withJacobian(result, jacobian, protocol.window(), run.title("Edge of chaos")));
        System.out.printf(Locale.ROOT, "plane drawn: n in [%.4g, %.4g], s in [%.4g, %.4g]%s%n", result.plane().nFrom(), result.plane().nTo(),
                result.plane().sFrom(), result.plane().sTo(), protocol.fixedN() && protocol.fixedS() ? " (as given)" : " (axes not given grown to hold the overlay)");
        for (EdgeOfChaos.Path p : result.paths())
            System.out.printf(Locale.ROOT, "xi = %s: onset (n, s) = (%.4f, %.5f), steady (%.4f, %.5f); gamma'(xi) there %.4f -> %.4f, sup_x gamma' %.4f -> %.4f%n",
                    num(p.xi()), p.onset()[0], p.onset()[1], p.steady()[0], p.steady()[1], slope(p.xi(), p.onset()), slope(p.xi(), p.steady()),
                    org.neuradapt.neuron.Gamma.maxSlope(p.onset()[0], p.onset()[1]), org.neuradapt.neuron.Gamma.maxSlope(p.steady()[0], p.steady()[1]));
        if (jacobian != null)
            for (org.neuradapt.analysis.JacobianNorm.Curve c : jacobian.curves()) {
                int inside = 0, over = 0;
                double sum = 0;
                for (int t = 0; t < c.mean().length; t++)
                    if (protocol.window().contains(t)) {
                        inside++;
                        sum += c.mean()[t];
                        if (c.mean()[t] > 1) over++;
                    }
                System.out.printf(Locale.ROOT, "xi = %s: ||J_t||_2 over the driven steps: mean %.4f, above 1 at %d of %d steps%n", num(c.xi()), sum / inside, over, inside);
            }
        System.out.printf(Locale.ROOT, "network runs and contours took %.1f s%n", seconds);
        return 0;
    }

    private static double slope(double x, double[] ns) { return org.neuradapt.neuron.Gamma.dx(x, ns[0], ns[1]); }

    /** Reads FROM:TO as two numbers. */
    private static double[] range(String option, String text) {
        String[] p = text.split(":", -1);
        try {
            if (p.length == 2) return new double[] {Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip())};
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserError(option + ": cannot read '" + text + "'; give FROM:TO, two numbers, e.g. " + (option.equals("--n-range") ? "2:5" : "-0.015:0.025"));
    }

    /** The recorded n_t and s_t ([B, T, N] each) as the analysis's flat recording. */
    static EdgeOfChaos.Recording recording(Map<String, INDArray> rec) {
        INDArray gain = rec.get(Signals.N), sat = rec.get(Signals.S);
        return new EdgeOfChaos.Recording((int) gain.size(0), (int) gain.size(1), (int) gain.size(2), Doubles.flat(gain), Doubles.flat(sat));
    }

    private static String num(double v) { return org.neuradapt.analysis.Robustness.number(v); }
}
