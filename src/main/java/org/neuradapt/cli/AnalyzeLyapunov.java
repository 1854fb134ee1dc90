package org.neuradapt.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.neuron.ArunReference;
import org.neuradapt.analysis.Lyapunov;
import org.neuradapt.analysis.ReferenceLyapunov;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.analysis.TrajectoryLyapunov;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.Window;
import org.neuradapt.plot.LyapunovChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze lyapunov} (docs/science.md section 5.5): Lyapunov exponents by the QR (Benettin)
 * method in three variants: the reference's autonomous map with the shape parameters of a driven
 * run ("reference"), finite-time exponents of the h-only Jacobian along the actual trajectories
 * ("trajectory"), and, for the ARUN, of the full state (h, g) by Jacobian-vector products ("full").
 */
@Command(name = "lyapunov",
        description = "Lyapunov exponents (QR/Benettin): the reference's autonomous map h -> gamma(h W; n, s) with the (n, s) of a driven run "
                + "against time and xi (reference), finite-time spectra along the trajectories (trajectory: h only; full: the ARUN's (h, g)); "
                + "docs/science.md section 5.5.",
        footer = {"", "Example:", "  ./neuradapt analyze lyapunov --run runs/quickstart_arun",
                "  ./neuradapt analyze lyapunov --run runs/quickstart_arun --variant full --k 16 --xi 0,5 --out /tmp/lyap"})
final class AnalyzeLyapunov implements Callable<Integer> {
    static final String NAME = "lyapunov";

    @Mixin AnalysisOptions opts;

    @Option(names = "--xi", paramLabel = "LIST", description = "step-drive amplitudes, comma-separated, 0 for no drive (default: 0,1,2.5,5,10 for the reference variant, 0 for the others)")
    String xi;

    @Option(names = "--samples", defaultValue = "16", description = "test images (trajectories)")
    int samples;

    @Mixin DriveOptions drive;

    @Option(names = "--variant", defaultValue = "reference", description = "reference (arun, rnn_gamma_*), trajectory (Elman models and arun) "
            + "or full (arun)")
    String variant;

    @Option(names = "--k", defaultValue = "8", description = "number of exponents")
    int k;

    @Option(names = "--transient", paramLabel = "T0", description = "steps discarded before accumulating (default: 100 map steps for reference, "
            + "20 task steps, at most T/4, otherwise)")
    Integer transientSteps;

    @Option(names = "--steps", paramLabel = "S", description = "steps accumulated (default: 1000 map steps for reference, the reference's, T - T0 otherwise)")
    Integer steps;

    @Option(names = "--log2", description = "draw and print bits per step (the reference's unit) instead of nats; the CSVs hold both")
    boolean log2;

    @Option(names = "--stride", description = "reference: evaluate every stride-th step of the time panel, counted from the onset (default 4)")
    Integer stride;

    @Option(names = "--shapes", description = "reference: each neuron its own sample-mean (n, s) (neuron, the default) or all the "
            + "population mean (population)")
    String shapes;

    @Option(names = "--map-bias", description = "reference: add the run's bias b to the map (the reference's map has none)")
    boolean mapBias;

    @Option(names = "--map-drive", description = "reference: add the step's xi to the map inside the window (the reference's map has none)")
    boolean mapDrive;

    @Override
    public Integer call() throws Exception {
        // every option is checked before anything is written: alone here, against the run's config inside open()
        List<String> models = switch (variant) {
            case "reference" -> org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.GAMMA_SHAPE);
            case "trajectory" -> org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.ELEMENTWISE_SLOPE);
            case "full" -> org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.CONTROLLER);
            default -> throw new UserError("--variant must be reference, trajectory or full, got '" + variant + "'");
        };
        boolean reference = variant.equals("reference");
        if (!reference && (stride != null || shapes != null || mapBias || mapDrive))
            throw new UserError("--stride, --shapes, --map-bias and --map-drive apply to --variant reference only");
        int every = stride != null ? stride : 4;
        ReferenceLyapunov.Shapes shapeMode = switch (shapes != null ? shapes : "neuron") {
            case "neuron" -> ReferenceLyapunov.Shapes.NEURON;
            case "population" -> ReferenceLyapunov.Shapes.POPULATION;
            default -> throw new UserError("--shapes must be neuron or population, got '" + shapes + "'");
        };
        List<Double> amplitudes = Perturbations.parseValues("--xi", xi != null ? xi : reference ? "0,1,2.5,5,10" : "0");
        drive.check();
        Window win = drive.window();
        Lyapunov.Unit unit = log2 ? Lyapunov.Unit.BITS : Lyapunov.Unit.NATS;
        String why = switch (variant) {
            case "reference" -> "the reference's map is gamma's, with shape parameters (n, s)";
            case "full" -> "the full state (h, g) is the ARUN's";
            default -> "the Jacobian diag(phi'(a_t)) W^T needs a single elementwise activation";
        };
        TrajectoryLyapunov.Variant v = variant.equals("full") ? TrajectoryLyapunov.Variant.FULL : TrajectoryLyapunov.Variant.TRAJECTORY;
        // the checks against the run's T, N and M run inside open(), after its model check and before anything is written
        java.util.function.Function<RunConfig, Protocols> protocol = cfg -> {
            int T = cfg.data().sequenceLength(), n = cfg.model().hidden();
            // a short task (T = 16 in the smoke config) keeps 3/4 of its steps for the average
            int t0 = transientSteps != null ? transientSteps : reference ? 100 : Math.min(20, T / 4);
            drive.checkSamples(samples, cfg);
            Window.Steps w = drive.steps(T);
            if (reference) {
                if (w.pos() + w.len() > T || w.len() < 3)
                    throw new UserError("--window " + win.text() + " (" + w + " in steps) must lie inside T = " + T + " and hold at least 3 steps");
                ReferenceLyapunov.Protocol p = new ReferenceLyapunov.Protocol(k, t0, steps != null ? steps : 1000, amplitudes, w, every, shapeMode, mapBias,
                        mapDrive, unit, 0);
                if (k > n) throw new UserError("--k " + k + " exceeds N = " + n + "; give --k <= " + n);
                return new Protocols(p, null);
            }
            TrajectoryLyapunov.Protocol p = new TrajectoryLyapunov.Protocol(v, k, t0, steps != null ? steps : Math.max(1, T - t0), amplitudes, samples, unit, 0);
            p.fits(T, v == TrajectoryLyapunov.Variant.FULL ? n * (cfg.model().ctrl() + 1) : n);
            return new Protocols(null, p);
        };
        AnalysisOptions.Opened<Protocols> opened = opts.openWith(NAME, models, why, protocol);
        AnalysisRun run = opened.run();
        Protocols checked = opened.protocol();
        int T = run.steps();
        Window.Steps w = drive.steps(T);
        long s = drive.seed(run);
        Map<String, double[]> values = run.parameterValues();
        double[][] weights = Parameters.matrix(values.get(Parameters.W), run.hidden());
        Network net = run.network(T, Map.of());
        long start = System.nanoTime();
        if (reference) {
            ReferenceLyapunov.Protocol p = checked.reference().withSeed(s);
            ReferenceLyapunov.Result r = ReferenceLyapunov.analyse(run.source(), p, weights, values.get(Parameters.B),
                    x -> path(JacobianSignals.record(run, net, drive.input, samples, x, win, s, false)), run.progress());
            double seconds = (System.nanoTime() - start) / 1e9;
            run.write("lyapunov_reference", ReferenceLyapunov.csv(r), parameters(p.parameters()), LyapunovChart.reference(r, run.title("Lyapunov exponents, reference map")));
            for (ReferenceLyapunov.Point pt : r.points())
                if (pt.panel().equals("xi"))
                    System.out.printf(Locale.ROOT, "xi = %s %s: lambda_1 = %.4f %s per step (n = %.3f, s = %.4f)%n", Robustness.number(pt.xi()), pt.mode(),
                            pt.exponents()[0] * unit.factor, unit.id, pt.n(), pt.s());
            System.out.printf(Locale.ROOT, "network runs and map iterations took %.1f s%n", seconds);
            return 0;
        }
        TrajectoryLyapunov.Protocol p = checked.trajectory().withSeed(s);
        ArunReference arun = v == TrajectoryLyapunov.Variant.FULL ? ArunReference.of(weights, values) : null;
        org.neuradapt.neuron.ElementwiseSlope phi = slope(run.model());
        TrajectoryLyapunov.Result r = TrajectoryLyapunov.analyse(run.source(), p, x -> {
            JacobianSignals sig = JacobianSignals.record(run, net, drive.input, samples, x, win, s, arun != null);
            List<Lyapunov.TangentMaps> maps = new ArrayList<>();
            double[][][] slopes = arun == null ? sig.slopes(phi) : null;
            for (int b = 0; b < sig.samples(); b++)
                maps.add(arun != null ? sig.full(arun, b) : org.neuradapt.analysis.SlopeJacobian.along(slopes[b], weights));
            return maps;
        }, run.progress());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> params = parameters(p.parameters());
        params.put("window", w.toString());
        String name = "lyapunov_" + v.id;
        run.write(name, TrajectoryLyapunov.spectrumCsv(r), params, LyapunovChart.trajectory(r, run.title("Lyapunov exponents, " + (v == TrajectoryLyapunov.Variant.FULL ? "full ARUN state (h, g)" : "h-only Jacobian along test trajectories"))));
        run.write(name + "_running", TrajectoryLyapunov.runningCsv(r), params, null);
        for (TrajectoryLyapunov.Spectrum sp : r.spectra())
            System.out.printf(Locale.ROOT, "xi = %s: lambda_1 = %.4f +- %.4f %s per step, lambda_%d = %.4f (%d samples)%n", Robustness.number(sp.xi()),
                    sp.mean()[0] * unit.factor, sp.sd()[0] * unit.factor, unit.id, k, sp.mean()[k - 1] * unit.factor, sp.samples());
        System.out.printf(Locale.ROOT, "network runs and QR iterations took %.1f s%n", seconds);
        return 0;
    }

    /** The protocol of the variant asked for, the other null. */
    private record Protocols(ReferenceLyapunov.Protocol reference, TrajectoryLyapunov.Protocol trajectory) {}

    private Map<String, Object> parameters(Map<String, Object> protocol) {
        Map<String, Object> m = new LinkedHashMap<>(protocol);
        m.put("samples", samples);
        m.put("window_option", drive.window().text());
        return m;
    }

    /** The sample means of n_t, s_t and h_t per step and neuron. */
    private static ReferenceLyapunov.Path path(JacobianSignals sig) {
        return new ReferenceLyapunov.Path(mean(sig.n()), mean(sig.s()), mean(sig.h()));
    }

    private static double[][] mean(double[][][] x) {
        double[][] m = new double[x[0].length][x[0][0].length];
        for (double[][] sample : x)
            for (int t = 0; t < m.length; t++) for (int i = 0; i < m[t].length; i++) m[t][i] += sample[t][i] / x.length;
        return m;
    }

    /** phi' of a model the analysis accepted (the registry's slope; the model list of the refusal comes from the same registry). */
    static org.neuradapt.neuron.ElementwiseSlope slope(String model) {
        return org.neuradapt.neuron.ModelRegistry.find(model).flatMap(org.neuradapt.neuron.ModelRegistry.Model::slope)
                .orElseThrow(() -> new IllegalStateException("no elementwise slope for " + model));
    }
}
