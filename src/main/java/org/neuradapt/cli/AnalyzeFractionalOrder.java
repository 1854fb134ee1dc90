package org.neuradapt.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuradapt.neuron.ModelRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.Window;
import org.neuradapt.plot.FractionalOrderChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze fractional-order} (docs/science.md section 5.4): feeds every neuron its own
 * constant input through the drive of a zero-input batch, steps it with xi, and fits the order
 * alpha of the fractional derivative that turns the mean response back into the step, with W kept
 * (interacting) or replaced by its diagonal (isolated).
 */
@Command(name = "fractional-order",
        description = "Fractional-order differentiation: the order alpha* for which D^alpha of the mean step response best reproduces the step, "
                + "isolated (diagonal W) and interacting neurons, per-neuron alpha and adaptation index (docs/science.md section 5.4).",
        footer = {"", "Example:", "  ./neuradapt analyze fractional-order --run runs/quickstart_arun",
                "  ./neuradapt analyze fractional-order --run runs/quickstart_arun --condition isolated --trials 5 --out /tmp/frac",
                "  ./neuradapt analyze fractional-order --response rates.csv --out /tmp/frac   # columns t[,xi],response[,...]: recorded responses"})
final class AnalyzeFractionalOrder implements Callable<Integer> {
    static final String NAME = "fractional-order";
    /** Elman-family and ARUN models: a single pre-activation a_t = x U + h W + b + drive per neuron. */
    static final List<String> MODELS = ModelRegistry.ids(ModelRegistry.Capability.PRE_ACTIVATION);

    @Mixin AnalysisOptions opts;

    static final String DEFAULT_XI = "0,1,2.5,5,10,15,20,30";

    @Option(names = "--xi", paramLabel = "LIST", description = "step amplitudes, comma-separated; the fit uses xi > 0 (default " + DEFAULT_XI
            + "; with --response the file's xi column)")
    String xi;

    @Option(names = "--response", paramLabel = "FILE.csv", description = "fit recorded responses instead of a run: a CSV with columns t, optionally xi, "
            + "and one or more responses (their mean is the mean response, each one a 'neuron'); needs --out, and t evenly spaced")
    java.nio.file.Path response;

    @Option(names = "--trials", defaultValue = "20", description = "trials, each with its own constant inputs")
    int trials;

    @Option(names = "--steps", description = "steps T of a trial, the protocol's own clock (default 150; with --response the file's)")
    Integer stepsOption;

    int steps;

    @Option(names = "--window", defaultValue = "50:51", paramLabel = "POS:LEN", description = "step drive on pos < t < pos+len (50:51 is t = 51..100)")
    String window;

    @Option(names = "--target-window", defaultValue = "50:51", paramLabel = "POS:LEN", description = "target step on pos < t < pos+len; default the drive's "
            + "steps t = 51..100 (the reference's |t - 75| < 25 is 50:50, one step shorter, which biases the shape fit of a pure step by +0.011)")
    String targetWindow;

    @Option(names = "--mse-window", defaultValue = "40:110", paramLabel = "FROM:TO", description = "MSE over FROM <= t < TO")
    String mseWindow;

    @Option(names = "--reference-step", defaultValue = "25", description = "D^alpha h is referenced to its value at this step")
    int referenceStep;

    @Option(names = "--target-baseline", defaultValue = "0.8", description = "baseline of the reference target, baseline + xi on baseline")
    double baseline;

    @Option(names = "--alpha-grid", defaultValue = "-1:1:2001", paramLabel = "FROM:TO:COUNT", description = "alpha grid of the mean-response fit "
            + "(symmetric: alpha < 0 differentiator-like, > 0 integrator-like)")
    String alphaGrid;

    @Option(names = "--neuron-alpha-grid", defaultValue = "-1:1:100", paramLabel = "FROM:TO:COUNT", description = "alpha grid of the per-neuron fit at the largest xi")
    String neuronAlphaGrid;

    @Option(names = "--early", defaultValue = "100:115", paramLabel = "FROM:TO", description = "r_early of the adaptation index over FROM <= t < TO")
    String early;

    @Option(names = "--late", defaultValue = "134:149", paramLabel = "FROM:TO", description = "r_late of the adaptation index")
    String late;

    @Option(names = "--input-mean", defaultValue = "0.8", description = "mean of each neuron's constant input x_i")
    double inputMean;

    @Option(names = "--input-sd", defaultValue = "0.1", description = "standard deviation of x_i")
    double inputSd;

    @Option(names = "--noise-sd", defaultValue = "0.1", description = "standard deviation of the noise eps_i, drawn once per trial like x_i")
    double noiseSd;

    @Option(names = "--input-weights", defaultValue = "diagonal", description = "diagonal: neuron i gets U[0,i] (x_i + eps_i), the reference's diag(U); "
            + "identity: x_i + eps_i")
    String inputWeights;

    @Option(names = "--condition", defaultValue = "both", description = "isolated (W replaced by its diagonal), interacting (W kept) or both")
    String condition;

    @Option(names = "--seed", description = "seed of the inputs x_i and eps_i (default: the run's seed)")
    Long seed;

    @Override
    public Integer call() throws Exception {
        // every option is checked before the run folder is opened, so a mistake writes nothing
        List<String> conditions = switch (condition) {
            case "both" -> List.of(FractionalOrder.ISOLATED, FractionalOrder.INTERACTING);
            case FractionalOrder.ISOLATED, FractionalOrder.INTERACTING -> List.of(condition);
            default -> throw new UserError("--condition must be isolated, interacting or both, got '" + condition + "'");
        };
        if (response != null) return fitRecorded();
        steps = stepsOption != null ? stepsOption : 150;
        if (steps < 2) throw new UserError("--steps must be at least 2, got " + steps);
        if (!inputWeights.equals("diagonal") && !inputWeights.equals("identity"))
            throw new UserError("--input-weights must be diagonal or identity, got '" + inputWeights + "'");
        List<Double> amplitudes = Perturbations.parseValues("--xi", xi != null ? xi : DEFAULT_XI);
        FractionalOrder.Protocol protocol = protocol(amplitudes, trials);
        AnalysisRun run = opts.open(NAME, MODELS, "it feeds each neuron through its own pre-activation a_t = x U + h W + b + drive; "
                + "an LSTM or GRU has no single pre-activation per neuron");
        if (seed == null) protocol = withSeed(protocol, run.config().seed());

        long start = System.nanoTime();
        Map<String, INDArray> params = run.parameters();
        int n = run.hidden();
        double[] weights = new double[n];
        if (inputWeights.equals("diagonal")) {
            INDArray u = params.get(Parameters.U);
            for (int i = 0; i < n; i++) weights[i] = u.getDouble(0, i);  // the reference's diag(Uxh.weight[:, 0]): input 0's weight to neuron i
        } else Arrays.fill(weights, 1.0);
        double[][] inputs = FractionalOrder.inputs(protocol, n);

        List<FractionalOrder.Result> results = new ArrayList<>();
        for (String c : conditions) {
            Network net = run.network(protocol.steps(), c.equals(FractionalOrder.ISOLATED) ? Map.of(Parameters.W, diagonal(params.get(Parameters.W))) : Map.of());
            FractionalOrder.Protocol p = protocol;
            FractionalOrder.Simulator sim = amplitude -> {
                INDArray h = net.record(run.driveOnly(p.trials(), p.steps(), FractionalOrder.drive(p, inputs, weights, amplitude)), Set.of(Signals.H))
                        .get(Signals.H);
                return Doubles.array3(h);
            };
            results.add(FractionalOrder.analyse(run.source(), protocol, c, sim, run.progress()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> parameters = new java.util.LinkedHashMap<>(protocol.parameters());
        parameters.put("conditions", conditions);
        parameters.put("input_weights", inputWeights);
        write(run.files(), results, parameters, run.title("Fractional-order differentiation"));
        print(results, protocol);
        System.out.printf(Locale.ROOT, "network runs and fits took %.1f s%n", seconds);
        return 0;
    }

    /** The protocol of the options, with these amplitudes and trials (steps already set). */
    private FractionalOrder.Protocol protocol(List<Double> amplitudes, int trialCount) {
        return new FractionalOrder.Protocol(trialCount, steps, amplitudes, steps("--window", window),
                steps("--target-window", targetWindow), FractionalOrder.Interval.parse("--mse-window", mseWindow), referenceStep, baseline,
                FractionalOrder.AlphaGrid.parse("--alpha-grid", alphaGrid), FractionalOrder.AlphaGrid.parse("--neuron-alpha-grid", neuronAlphaGrid),
                FractionalOrder.Interval.parse("--early", early), FractionalOrder.Interval.parse("--late", late), inputMean, inputSd, noiseSd,
                seed != null ? seed : 0);
    }

    /** alpha* of every target per condition, the headline first. */
    private static void print(List<FractionalOrder.Result> results, FractionalOrder.Protocol protocol) {
        for (FractionalOrder.Result r : results)
            System.out.printf(Locale.ROOT, "%s: alpha* = %s (shape: response rescaled by its least-squares gain, the headline); fixed targets: %s (xi on 0), "
                            + "%s (reference, %s + xi on %s)%n", r.condition(), fmt(r.alphaStar(FractionalOrder.Target.SHAPE)),
                    fmt(r.alphaStar(FractionalOrder.Target.FIXED_STEP)), fmt(r.alphaStar(FractionalOrder.Target.REFERENCE)),
                    Double.toString(protocol.baseline()), Double.toString(protocol.baseline()));
    }

    private static String fmt(double v) { return Double.isNaN(v) ? "none (the response does not move)" : String.format(Locale.ROOT, "%.3f", v); }

    /**
     * {@code --response FILE}: the estimator on recorded responses (docs/science.md section 5.4,
     * "Recorded responses"), the same {@link FractionalOrder#fit} as the network path.
     */
    private int fitRecorded() throws java.io.IOException {
        if (opts.run != null) throw new UserError("--response and --run exclude each other: give one (a recorded response, or a run folder to simulate)");
        if (xi != null) throw new UserError("--xi: with --response the amplitudes come from the file's xi column; drop --xi");
        if (opts.out == null) throw new UserError("--response needs --out DIR (there is no run folder to write into)");
        if (!java.nio.file.Files.isRegularFile(response))
            throw new UserError("--response: no file '" + response + "'; give a CSV with columns t[,xi],response[,...]");
        byte[] bytes = java.nio.file.Files.readAllBytes(response);
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError("--response: '" + response + "' is not UTF-8 text; give a CSV with columns t[,xi],response[,...]");
        }
        org.neuradapt.analysis.RecordedResponse rec = org.neuradapt.analysis.RecordedResponse.parse(response.toString(), text);
        if (stepsOption != null && stepsOption != rec.steps())
            throw new UserError("--steps " + stepsOption + ": '" + response + "' has " + rec.steps() + " steps per amplitude; drop --steps");
        steps = rec.steps();
        FractionalOrder.Protocol protocol = protocol(rec.xi(), 1);
        Runs.writableFolder(opts.out);
        org.neuradapt.analysis.Source source = new org.neuradapt.analysis.Source(response.getFileName().toString(), "recorded", 0, response.toString(),
                org.neuradapt.data.MnistFiles.sha256Hex(bytes));
        List<FractionalOrder.Result> results = List.of(FractionalOrder.fit(source, protocol, RECORDED, rec.trialMeans(), AnalysisRun.progress(NAME)));
        Map<String, Object> parameters = new java.util.LinkedHashMap<>(protocol.parameters());
        for (String k : List.of("trials", "window", "input_mean", "input_sd", "noise_sd", "seed")) parameters.remove(k);  // no network is driven
        parameters.put("response_file", response.toString());
        parameters.put("response_columns", rec.columns());
        write(new ResultFiles(opts.out, NAME, source, 0), results, parameters, "Fractional-order differentiation, " + response.getFileName());
        print(results, protocol);
        return 0;
    }

    /** The four result files of section 5.4 (the curves with the figure, the fits, the neurons, the responses), for a run or a recorded response alike. */
    private static void write(ResultFiles files, List<FractionalOrder.Result> results, Map<String, Object> parameters, String title)
            throws java.io.IOException {
        files.write("fractional_order", FractionalOrder.curvesCsv(results), parameters, FractionalOrderChart.build(results, title));
        files.write("fractional_order_summary", FractionalOrder.fitsCsv(results), parameters, null);
        files.write("fractional_order_neurons", FractionalOrder.neuronsCsv(results), parameters, null);
        files.write("fractional_order_response", FractionalOrder.responseCsv(results), parameters, null);
    }

    /** The condition name of a recorded response. */
    static final String RECORDED = "recorded";

    /** A POS:LEN window in steps of the protocol's clock (fractions resolve against --steps). */
    private Window.Steps steps(String option, String text) {
        try {
            return Window.parse(text).resolve(steps);
        } catch (UserError e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    private static FractionalOrder.Protocol withSeed(FractionalOrder.Protocol p, long seed) {
        return new FractionalOrder.Protocol(p.trials(), p.steps(), p.xi(), p.drive(), p.target(), p.mse(), p.referenceStep(), p.baseline(), p.alphas(),
                p.neuronAlphas(), p.early(), p.late(), p.inputMean(), p.inputSd(), p.noiseSd(), seed);
    }

    /** diag(W): W with every off-diagonal entry set to 0 (the isolated condition). */
    static INDArray diagonal(INDArray w) {
        INDArray d = Nd4j.zeros(DataType.DOUBLE, w.shape());
        for (int i = 0; i < w.rows(); i++) d.putScalar(i, i, w.getDouble(i, i));
        return d;
    }
}
