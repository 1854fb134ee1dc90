package org.neuradapt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Progress;
import org.neuradapt.analysis.Source;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.MnistFiles;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Batch;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.training.Batches;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;

/**
 * One trained run opened for an analysis (the {@code analyze NAME --run DIR} commands): its
 * config, the parameters of one checkpoint, networks built from them at any sequence length, the
 * task's test images on request, and the output folder ({@code DIR/analysis} unless --out says
 * otherwise). Everything that can be wrong with the folder (no checkpoint, a model the analysis
 * does not apply to, an unwritable output) is found by {@link #open}, before any work, so a
 * refused analysis writes nothing.
 *
 * <p>The analyses themselves are pure functions in {@code org.neuradapt.analysis}; this class is
 * the I/O around them. Networks run in double precision: the analyses differentiate, fit and take
 * logarithms of what they record.
 */
final class AnalysisRun {
    /** The folder inside a run folder where analyses write by default. */
    static final String FOLDER = "analysis";

    private final Path dir;
    private final RunConfig cfg;
    private final Map<String, INDArray> params;
    private final Source source;
    private final Path out;
    private final String analysis;
    private TaskData data;
    private org.neuradapt.network.Readout readout;

    private AnalysisRun(Path dir, RunConfig cfg, Map<String, INDArray> params, Source source, Path out, String analysis) {
        this.dir = dir;
        this.cfg = cfg;
        this.params = params;
        this.source = source;
        this.out = out;
        this.analysis = analysis;
    }

    /** Opens a run for the analysis {@code analysis} with no checks of options against its config. */
    static AnalysisRun open(Path dir, String checkpoint, Path out, String analysis, List<String> models, String why) {
        return open(dir, checkpoint, out, analysis, models, why, cfg -> {});
    }

    /**
     * Opens a run for the analysis {@code analysis}.
     *
     * @param checkpoint "best", "last" or a checkpoint file
     * @param out        the output folder, or null for {@code DIR/analysis}
     * @param models     the model ids the analysis applies to, or an empty list for every model
     * @param why        what the analysis needs those models for, for the refusal message
     * @param checks     checks of options against the run's config (its T, its size), run before anything is written
     */
    static AnalysisRun open(Path dir, String checkpoint, Path out, String analysis, List<String> models, String why,
                            java.util.function.Consumer<RunConfig> checks) {
        RunFolder folder = RunFolder.existing(dir);
        org.neuradapt.training.RunLock.hold(dir, "analyze " + analysis);  // one writer per run folder; released when the command ends
        RunConfig cfg = config(folder, dir);
        if (!models.isEmpty() && !models.contains(cfg.model().type()))
            throw new UserError("analyze " + analysis + " needs a run of " + String.join(" or ", models) + " (" + why + "); '" + dir + "' is "
                    + cfg.model().type());
        checks.accept(cfg);
        Path file = checkpointFile(folder, checkpoint);
        if (!Files.isRegularFile(file))
            throw new UserError("run folder '" + dir + "' has no checkpoint '" + file + "'; train it first (./neuradapt train --config "
                    + dir.resolve(RunFolder.CONFIG) + " --resume) or give --checkpoint best, last or a file");
        String sha;
        Checkpoint read;
        try {
            sha = MnistFiles.sha256Hex(Files.readAllBytes(file));
            read = Checkpoint.read(file);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read checkpoint '" + file + "' (" + e.getMessage() + "); is the run folder complete?");
        }
        read.requireBinding(cfg, file, dir.resolve(RunFolder.CONFIG));
        Map<String, INDArray> params = read.params();
        Path target = out != null ? out : dir.resolve(FOLDER);
        Runs.writableFolder(target);
        Source source = new Source(dir.toAbsolutePath().normalize().getFileName().toString(), cfg.model().type(), cfg.seed(), checkpoint, sha);
        AnalysisRun run = new AnalysisRun(dir, cfg, params, source, target, analysis);
        run.network(cfg.data().sequenceLength(), Map.of());  // a checkpoint that does not fit the model is named here, before any work
        return run;
    }

    /** The config of a run folder, or a one-line refusal naming it. */
    static RunConfig config(RunFolder folder, Path dir) {
        try {
            return folder.readConfig();
        } catch (UserError e) {
            throw new UserError("run folder '" + dir + "': cannot read " + RunFolder.CONFIG + " (" + e.getMessage() + ")");
        }
    }

    /** The checkpoint file that "best", "last" or a file name means for a run folder. */
    static Path checkpointFile(RunFolder folder, String checkpoint) {
        return switch (checkpoint) {
            case "best" -> folder.bestCheckpoint();
            case "last" -> folder.lastCheckpoint();
            default -> Path.of(checkpoint);
        };
    }

    Path dir() { return dir; }

    RunConfig config() { return cfg; }

    Source source() { return source; }

    String model() { return cfg.model().type(); }

    /** A figure's title: {@code what}, then the run, its model and seed. */
    String title(String what) {
        return what + ", " + source.run() + " (" + model() + ", seed " + source.seed() + ")";
    }

    int hidden() { return cfg.model().hidden(); }

    int ctrl() { return cfg.model().ctrl(); }

    /** The task's sequence length T. */
    int steps() { return cfg.data().sequenceLength(); }

    /** Inputs per step I of the task the run was trained on. */
    int inputs() {
        INDArray u = params.containsKey(Parameters.U) ? params.get(Parameters.U) : params.get(Parameters.W_IH);
        return (int) u.size(0);
    }

    int classes() { return (int) params.get(Parameters.B_OUT).length(); }

    /** The checkpoint's parameters as double-precision copies, by name (changing them changes nothing here). */
    Map<String, double[]> parameterValues() {
        Map<String, double[]> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, Doubles.flat(v)));
        return m;
    }

    /** The checkpoint's parameters as double INDArrays (copies). */
    Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.castTo(DataType.DOUBLE).dup('c')));
        return m;
    }

    /**
     * A double-precision network with the checkpoint's parameters, for sequences of {@code steps}
     * steps, with some parameters replaced (same shapes; e.g. W by its diagonal for the isolated
     * condition of section 5.4).
     */
    Network network(int steps, Map<String, INDArray> replaced) {
        Network net = ModelFactory.create(cfg, readout(), inputs(), steps, classes(), DataType.DOUBLE);
        params.forEach((k, v) -> {
            INDArray p = net.parameters().get(k);
            if (p == null || !java.util.Arrays.equals(p.shape(), v.shape()))
                throw new UserError("checkpoint of '" + dir + "' does not fit the run's model (parameter " + k + "); is it from another run?");
            p.assign(replaced.getOrDefault(k, v));
        });
        return net;
    }

    /** The parameters the run started from, drawn again from its seed (docs/science.md section 2.5). */
    Map<String, INDArray> initialParameters() {
        return ModelFactory.create(cfg, readout(), inputs(), steps(), classes(), DataType.DOUBLE).parameters();
    }

    /** What the run's read-out reports (docs/tasks.md, "Targets"), from its task. */
    org.neuradapt.network.Readout readout() {
        // an .npz task is known only from its file, which checking reads whole: load it once, as data() keeps it
        if (readout == null) readout = data != null || cfg.data().task().equals(org.neuradapt.data.Tasks.NPZ) ? data().readout()
                : org.neuradapt.data.Tasks.check(cfg.data());
        return readout;
    }

    /** The task data, loaded once (MNIST from data/; permutation from the run's seed). */
    TaskData data() {
        if (data == null) data = org.neuradapt.data.Tasks.load(cfg.data(), cfg.seed());
        return data;
    }

    /**
     * The first {@code count} test images as one batch under {@code p}, its random values drawn
     * from {@code seed}. {@code count} is cut at the test set's size.
     */
    Batch testBatch(int count, Perturbation p, long seed) {
        SequenceSet test = data().test();
        int b = Math.min(count, test.count());
        Batch plain = Batches.of(test, SequentialMnist.identity(test.count()), 0, b, classes(), null, hidden());
        return Evaluation.perturbed(plain, p, hidden(), new SplittableRandom(seed));
    }

    /** What {@link #batch} feeds: the test images, or zero inputs (the network's response to the perturbation alone). */
    static final List<String> INPUTS = List.of("test", "zeros");

    /**
     * {@code count} samples under {@code p} (random values from {@code seed}): the first test
     * images ({@code input} "test", as {@link #testBatch}) or zero inputs of the run's T ("zeros").
     */
    Batch batch(String input, int count, Perturbation p, long seed) {
        if (input.equals("test")) return testBatch(count, p, seed);
        Batch zeros = new Batch(Nd4j.zeros(DataType.DOUBLE, count, steps(), inputs()), null, null);
        return Evaluation.perturbed(zeros, p, hidden(), new SplittableRandom(seed));
    }

    /** The test set's size (data.test_subset, or all 10,000 images, or a generated task's 1,000 trials), known without loading the data. */
    static int testCount(RunConfig cfg) {
        if (cfg.data().testSubset() > 0) return cfg.data().testSubset();
        // MNIST's test file; a generated task's default trials; an .npz's count is known only once it is read
        return cfg.data().mnist() ? 10_000 : cfg.data().task().equals(org.neuradapt.data.Tasks.NPZ) ? Integer.MAX_VALUE : org.neuradapt.data.Tasks.TEST_TRIALS;
    }

    /** A batch of zero inputs [B, T, I] with the given drive [B, T, N] (the protocols that feed neurons through their drive). */
    Batch driveOnly(int batch, int steps, double[] drive) {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, batch, steps, inputs());
        return new Batch(x, Nd4j.createFromArray(drive).reshape(batch, steps, hidden()), null);
    }

    /**
     * Writes one analysis's results: {@code NAME.csv} (tidy), {@code NAME.json} (source, protocol
     * parameters, provenance) and the figure {@code NAME.png}/{@code .svg}, each through a temporary
     * file; returns the CSV's path.
     */
    Path write(String name, String csv, Map<String, ?> parameters, Chart<?, ?> figure) throws IOException {
        return write(name, ".csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), parameters, figure);
    }

    /**
     * Writes a recording: {@code NAME.npz}, {@code NAME.json} (source, parameters, provenance) and
     * an optional figure, like {@link #write(String, String, Map, Chart)}; returns the archive's path.
     */
    Path write(String name, org.neuradapt.analysis.NumpyArchive npz, Map<String, ?> parameters, Chart<?, ?> figure) throws IOException {
        return write(name, ".npz", npz.toBytes(), parameters, figure);
    }

    private Path write(String name, String extension, byte[] data, Map<String, ?> parameters, Chart<?, ?> figure) throws IOException {
        return files().write(name, extension, data, parameters, figure);
    }

    /** Where this analysis writes: the output folder, with the run as the results' source. */
    ResultFiles files() { return new ResultFiles(out, analysis, source, cfg.seed()); }

    /** The output folder. */
    Path out() { return out; }

    /** Progress on stderr, one line per update at most every 2 s (and the last), prefixed with the analysis name. */
    Progress progress() { return progress(analysis); }

    /** Progress on stderr for {@code name}, one line per update at most every 2 s (and the last); safe to call from several threads. */
    static Progress progress(String name) {
        return new Progress() {
            private long last;

            @Override
            public synchronized void update(String what, int done, int total) {
                long now = System.nanoTime();
                if (done < total && now - last < 2_000_000_000L) return;
                last = now;
                System.err.printf(Locale.ROOT, "%s: %s %d/%d%n", name, what, done, total);
            }
        };
    }
}
