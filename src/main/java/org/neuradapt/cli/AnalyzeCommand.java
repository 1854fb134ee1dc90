package org.neuradapt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Heterogeneity;
import org.neuradapt.analysis.TrainingCurves;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Parameters;
import org.neuradapt.plot.Figures;
import org.neuradapt.plot.HeterogeneityChart;
import org.neuradapt.training.AtomicFiles;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.EpochMetrics;
import org.neuradapt.training.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Analyses of trained runs: each reads run folders, writes a tidy CSV and its figure (PNG and SVG). */
@Command(name = "analyze", description = "Analyses of trained runs, each written as a CSV and its figure.",
        subcommands = {AnalyzeCommand.TrainingCurvesAnalysis.class, AnalyzeCommand.HeterogeneityAnalysis.class, AnalyzeFractionalOrder.class,
                AnalyzeTrajectories.class, AnalyzeShapeSignals.class, AnalyzeGainScaling.class, AnalyzeLyapunov.class, AnalyzeJacobian.class,
                AnalyzeEigenspectrum.class, AnalyzeEdgeOfChaos.class, AnalyzeControllerPca.class, AnalyzePsychometric.class},
        footer = {"", "Example:", "  ./neuradapt analyze training-curves --runs runs/robustness_cpu/* --out figures/robustness"})
final class AnalyzeCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "training-curves", description = "Loss and validation accuracy per epoch of several runs, mean over seeds per model.",
            footer = {"", "Example:", "  ./neuradapt analyze training-curves --runs runs/robustness_cpu/* --out figures/robustness"})
    static final class TrainingCurvesAnalysis implements Callable<Integer> {
        @Option(names = "--runs", arity = "1..*", required = true, paramLabel = "DIR", description = "run folders written by train")
        List<Path> runs;

        @Option(names = "--out", defaultValue = "figures", paramLabel = "DIR", description = "folder for training_curves.csv and its figures")
        Path out;

        @Override public Integer call() throws Exception {
            List<TrainingCurves.Point> points = new ArrayList<>();
            for (Path dir : runs) {
                RunFolder folder = RunFolder.existing(dir);
                RunConfig cfg = folder.readConfig();
                List<EpochMetrics> rows;
                try {
                    rows = folder.readMetrics();
                } catch (IOException | RuntimeException e) {
                    throw new UserError("run folder '" + dir + "': cannot read " + RunFolder.METRICS + " (" + e.getMessage() + ")");
                }
                if (rows.isEmpty()) throw new UserError("run folder '" + dir + "' has no finished epoch in " + RunFolder.METRICS + "; train it first");
                for (EpochMetrics m : rows)
                    points.add(new TrainingCurves.Point(cfg.model().label(), cfg.seed(), dir.getFileName().toString(), m.epoch(), m.trainLoss(),
                            m.trainAcc(), m.valLoss(), m.valAcc()));
            }
            Runs.writableFolder(out);
            Path csv = out.resolve("training_curves.csv");
            AtomicFiles.write(csv, TrainingCurves.toCsv(points));
            for (Path p : PlotCommand.drawTrainingCurves(points, out.resolve("training_curves"))) System.out.println("wrote " + p + ".png and .svg");
            System.out.println("wrote " + csv);
            return 0;
        }
    }

    @Command(name = "heterogeneity", description = "Learned (n_i, s_i) of RNN+gamma (heterogeneous) runs with initial point and centre of mass (docs/science.md section 5.1).",
            footer = {"", "Example:", "  ./neuradapt analyze heterogeneity --runs runs/robustness_cpu/rnn_gamma_het_s* --out figures/robustness"})
    static final class HeterogeneityAnalysis implements Callable<Integer> {
        @Option(names = "--runs", arity = "1..*", required = true, paramLabel = "DIR", description = "rnn_gamma_het run folders")
        List<Path> runs;

        @Option(names = "--checkpoint", defaultValue = "best", description = "best or last")
        String checkpoint;

        @Option(names = "--out", defaultValue = "figures", paramLabel = "DIR", description = "folder for heterogeneity.csv and heterogeneity.png/.svg")
        Path out;

        @Override public Integer call() throws Exception {
            if (!checkpoint.equals("best") && !checkpoint.equals("last")) throw new UserError("--checkpoint must be best or last, got '" + checkpoint + "'");
            List<Heterogeneity.Point> points = new ArrayList<>();
            for (Path dir : runs) {
                RunFolder folder = RunFolder.existing(dir);
                RunConfig cfg = folder.readConfig();
                if (!cfg.model().type().equals("rnn_gamma_het"))
                    throw new UserError("analyze heterogeneity needs rnn_gamma_het runs (learned n_i, s_i per neuron); '" + dir + "' is " + cfg.model().type());
                Path file = checkpoint.equals("best") ? folder.bestCheckpoint() : folder.lastCheckpoint();
                if (!Files.isRegularFile(file)) throw new UserError("run folder '" + dir + "' has no " + checkpoint + " checkpoint; train it first");
                Checkpoint read = Checkpoint.read(file);
                read.requireBinding(cfg, file, dir.resolve(RunFolder.CONFIG));
                Map<String, INDArray> learned = read.params();
                // the initial values come from the seed, exactly as training drew them
                int inputs = (int) learned.get(Parameters.U).size(0), steps = cfg.data().sequenceLength();
                Map<String, INDArray> init = ModelFactory.create(cfg.model(), inputs, steps, (int) learned.get(Parameters.B_OUT).length(),
                        cfg.seed(), DataType.DOUBLE).parameters();
                points.addAll(Heterogeneity.of(cfg.model().type(), cfg.seed(), dir.getFileName().toString(),
                        values(learned, Parameters.GAIN), values(learned, Parameters.SATURATION),
                        values(init, Parameters.GAIN), values(init, Parameters.SATURATION)));
            }
            Runs.writableFolder(out);
            Path csv = out.resolve("heterogeneity.csv");
            AtomicFiles.write(csv, Heterogeneity.toCsv(points));
            Figures.save(HeterogeneityChart.build(points, PlotCommand.HETEROGENEITY_TITLE), out.resolve("heterogeneity"));
            Heterogeneity.Centre c = Heterogeneity.centre(points);
            System.out.printf(java.util.Locale.ROOT, "centre of mass (n, s) = (%.3f, %.4f) from (%.3f, %.4f) over %d neurons%n", c.n(), c.s(), c.n0(), c.s0(), c.neurons());
            System.out.println("wrote " + csv + " and " + out.resolve("heterogeneity") + ".png/.svg");
            return 0;
        }

        private static double[] values(Map<String, INDArray> params, String name) {
            return Doubles.flat(params.get(name));
        }
    }
}
