package org.neuradapt.cli;

import java.util.ArrayList;
import java.util.Arrays;
import org.neuradapt.training.Batches;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Trajectories;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.Batch;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.Signals;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.SinusoidalInput;
import org.neuradapt.plot.TrajectoriesChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze trajectories} (docs/science.md section 5.10): records a trained network's
 * per-step signals on test images under any perturbation of section 4, keeps the requested
 * samples, steps and neurons, and stores them as {@code trajectories.npz} with the names of
 * docs/export.md, for {@code export --trajectories} and the user's own tools. A recording larger
 * than {@code --max-mb} is refused before anything runs.
 */
@Command(name = "trajectories",
        description = "Record a_t, h_t and, where the model has them, n_t, s_t, g_t (ARUN) and c_t (LSTM) for test images under a perturbation, "
                + "subsampled to fit --max-mb, into trajectories.npz (docs/science.md section 5.10, names in docs/export.md).",
        footer = {"", "Example:", "  ./neuradapt analyze trajectories --run runs/quickstart_arun --perturbation step --xi 5 --window 0.255:0.255",
                "  ./neuradapt analyze trajectories --run runs/quickstart_arun --samples 4 --steps 40:120:2 --neurons 0,5,9 --signals h,n,s",
                "  ./neuradapt export --run runs/quickstart_arun --trajectories"})
final class AnalyzeTrajectories implements Callable<Integer> {
    static final String NAME = "trajectories";

    @Mixin AnalysisOptions opts;

    @Mixin DriveOptions drive;

    @Option(names = "--perturbation", defaultValue = "none", paramLabel = "TYPE", description = "none, step, gaussian or sinusoid (docs/science.md section 4)")
    String perturbation;

    @Option(names = "--xi", description = "the drive's amplitude (step) or standard deviation (gaussian)")
    Double xi;

    @Option(names = "--amplitude", description = "the sinusoid's amplitude A (default 0.5)")
    Double amplitude;

    @Option(names = "--frequency", description = "the sinusoid's frequency f (default 1)")
    Double frequency;

    @Option(names = "--phase", description = "the sinusoid's phase (default 0)")
    Double phase;

    @Option(names = "--samples", defaultValue = "10", paramLabel = "K|LIST|FROM:TO[:STRIDE]", description = "test samples kept: the first K, a list, or a range")
    String samples;

    @Option(names = "--steps", paramLabel = "K|LIST|FROM:TO[:STRIDE]", description = "steps kept (default all)")
    String steps;

    @Option(names = "--neurons", paramLabel = "K|LIST|FROM:TO[:STRIDE]", description = "neurons kept (default all)")
    String neurons;

    @Option(names = "--signals", paramLabel = "LIST", description = "signals kept, of a, h, n, s, g, c (default every one the model records)")
    String signals;

    @Option(names = "--max-mb", defaultValue = "512", description = "refuse a recording (float32, plus the batch's drive) larger than this many MiB")
    double maxMb;

    @Override
    public Integer call() throws Exception {
        drive.check();
        if (!(maxMb > 0)) throw new UserError("--max-mb must be a positive number of MiB, got " + maxMb);
        Perturbation p = perturbation();
        List<String> wanted = signals == null ? null : Arrays.stream(signals.split(",", -1)).map(String::strip).toList();
        if (wanted != null)
            for (String s : wanted)
                if (s.isEmpty()) throw new UserError("--signals: an empty name in '" + signals + "'; give a comma list such as " + String.join(",", Signals.NAMES));

        Trajectories.Selection[] selection = new Trajectories.Selection[1];
        List<String> kept = new ArrayList<>();
        AnalysisRun run = opts.open(NAME, List.of(), "", cfg -> {
            int T = cfg.data().sequenceLength(), n = cfg.model().hidden();
            try {
                p.id(T);  // a window that does not fit T
            } catch (UserError e) {
                throw new UserError("--window: " + e.getMessage());
            }
            Set<String> available = ModelFactory.create(cfg.model(), 1, T, 10, cfg.seed(), DataType.DOUBLE).signals();
            if (wanted == null) kept.addAll(Trajectories.ordered(available));
            else for (String s : wanted) {
                if (!available.contains(s))
                    throw new UserError("--signals: a " + cfg.model().type() + " run records " + String.join(", ", Trajectories.ordered(available)) + ", not '" + s + "'");
                if (!kept.contains(s)) kept.add(s);
            }
            int limit = drive.input.equals("test") ? AnalysisRun.testCount(cfg) : 1_000_000;
            selection[0] = new Trajectories.Selection(Trajectories.parseIndices("--samples", samples, limit, "samples"),
                    steps == null ? Trajectories.range(0, T, 1) : Trajectories.parseIndices("--steps", steps, T, "steps"),
                    neurons == null ? Trajectories.range(0, n, 1) : Trajectories.parseIndices("--neurons", neurons, n, "neurons"));
            double mb = bytes(selection[0], kept, cfg, p) / 1048576.0;
            if (mb > maxMb)
                throw new UserError(String.format(Locale.ROOT, "the recording needs %.0f MiB, over --max-mb %s; keep fewer with --samples, --steps, --neurons "
                        + "or --signals, or raise --max-mb", mb, num(maxMb)));
        });
        Trajectories.Selection sel = selection[0];
        long start = System.nanoTime();
        int[] picked = sel.samples();
        int count = picked[picked.length - 1] + 1, T = run.steps();
        long seedValue = drive.seed(run.config());
        Network net = run.network(T, Map.of());
        Batch batch = run.batch(drive.input, count, p, seedValue);
        int per = 0;
        for (String s : kept) per += Trajectories.perNeuron(s, run.ctrl());
        long fullPerSample = 8L * T * run.hidden() * per;  // the network's double-precision recording of one sample
        int chunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (maxMb * 1048576 / 4) / fullPerSample));
        Set<String> names = Set.copyOf(kept);
        Trajectories.Recorder recorder = part -> net.record(rows(batch, part), names);
        Map<String, INDArray> recorded = Trajectories.record(sel, kept, chunk, recorder, run.progress());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("perturbation", p.id(T));
        parameters.put("perturbation_spec", Perturbations.toMap(p));
        parameters.put("input", drive.input);
        parameters.put("samples", samples);
        parameters.put("steps", steps == null ? "0:" + T : steps);
        parameters.put("neurons", neurons == null ? "0:" + run.hidden() : neurons);
        parameters.put("signals", kept);
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        recorded.forEach((k, v) -> shapes.put(k, Arrays.stream(v.shape()).boxed().toList()));
        parameters.put("shapes", shapes);
        parameters.put("max_mb", maxMb);
        parameters.put("seed", seedValue);
        Trajectories.Recording recording = new Trajectories.Recording(run.source(), parameters, sel, recorded);
        double seconds = (System.nanoTime() - start) / 1e9;
        run.write(NAME, withContext(recording.archive(), run, net, batch, picked, drive.input, p, seedValue), parameters,
                TrajectoriesChart.build(recording, p.id(T), run.title("Trajectories")));
        System.out.printf(Locale.ROOT, "recorded %s for %d samples x %d steps x %d neurons under %s in %.1f s%n", String.join(", ", kept),
                sel.samples().length, sel.steps().length, sel.neurons().length, p.id(T), seconds);
        return 0;
    }

    /**
     * What a recording was made under, beside its signals (docs/export.md, "Trajectories"): for the
     * recorded samples, all steps, the inputs fed (after the perturbation), the drive (when the
     * perturbation has one), the read-out's logits, the targets (test inputs: labels [K], or a
     * per-step task's targets, mask and decision steps), the perturbation (JSON text) and the seed of its random
     * values; so that a rebuild elsewhere can feed the same inputs and compare its outputs.
     */
    static org.neuradapt.analysis.NumpyArchive withContext(org.neuradapt.analysis.NumpyArchive npz, AnalysisRun run, Network net, Batch batch,
                                                          int[] samples, String input, Perturbation p, long seed) throws java.io.IOException {
        Batch fed = rows(batch, samples);
        npz.put("inputs", fed.x().castTo(DataType.FLOAT));
        if (fed.drive() != null) npz.put("drive", fed.drive().castTo(DataType.FLOAT));
        npz.put("logits", net.logits(fed).castTo(DataType.FLOAT));
        if (input.equals("test")) {
            org.neuradapt.data.SequenceSet test = run.data().test();
            int k = samples.length, steps = test.steps();
            org.neuradapt.network.Targets y = Batches.of(test, samples, 0, k, run.classes(), null, run.hidden()).targets();   // the kept samples' targets, in their order
            if (y == null) {
                npz.put("labels", Arrays.stream(samples).mapToDouble(i -> test.labels()[i]).toArray(), k);
            } else {
                if (y.values() != null) npz.put("targets", y.values(), k, steps, test.stepTargets().width());
                else npz.put("targets", Arrays.stream(y.classes()).asDoubleStream().toArray(), k, steps);
                if (y.mask() != null) npz.put("mask", y.mask(), k, steps);
                if (y.decision() != null) {
                    double[] decision = new double[k * steps];
                    for (int i = 0; i < decision.length; i++) decision[i] = y.decision()[i] ? 1 : 0;
                    npz.put("decision", decision, k, steps);
                }
            }
        }
        npz.putText("perturbation", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Perturbations.toMap(p)));
        npz.putInt64("seed", seed);
        return npz;
    }

    /** The perturbation the options ask for (the amplitude is --xi for the drives, --amplitude for the sinusoid). */
    Perturbation perturbation() {
        boolean sinusoid = "sinusoid".equals(perturbation);
        if (sinusoid && xi != null) throw new UserError("--xi is the drives' amplitude; give the sinusoid's as --amplitude");
        if (!sinusoid && amplitude != null) throw new UserError("--amplitude is the sinusoid's; give a drive's amplitude as --xi");
        if (perturbation.equals("none") && (xi != null || drive.window != null))
            throw new UserError("--xi and --window need --perturbation step or gaussian");
        double a = sinusoid ? (amplitude != null ? amplitude : SinusoidalInput.TEST.amplitude()) : xi != null ? xi : 0;
        return Perturbations.fromCli(perturbation, a, drive.window, frequency, phase);
    }

    /** The recording and the batch's drive, in bytes: what --max-mb bounds. */
    static long bytes(Trajectories.Selection sel, List<String> signals, RunConfig cfg, Perturbation p) {
        int[] s = sel.samples();
        long batch = p.changesDrive() ? 4L * (s[s.length - 1] + 1) * cfg.data().sequenceLength() * cfg.model().hidden() : 0;
        return Trajectories.bytes(sel, signals, cfg.model().ctrl()) + batch;
    }

    /** The rows {@code samples} of a batch (inputs and drive). */
    static Batch rows(Batch b, int[] samples) {
        long[] idx = Arrays.stream(samples).asLongStream().toArray();
        INDArray x = b.x().get(NDArrayIndex.indices(idx), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
        INDArray d = b.drive() == null ? null : b.drive().get(NDArrayIndex.indices(idx), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
        return new Batch(x.castTo(DataType.DOUBLE), d == null ? null : d.castTo(DataType.DOUBLE), null);
    }

    private static String num(double v) { return org.neuradapt.analysis.Robustness.number(v); }
}
