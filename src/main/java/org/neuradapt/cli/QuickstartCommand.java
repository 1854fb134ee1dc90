package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.MnistFetcher;
import org.neuradapt.data.MnistFiles;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The project's main job on a fresh machine: fetch MNIST if missing, train RNN+ReLU,
 * RNN+gamma (heterogeneous) and ARUN at CPU scale, print their test accuracies next to what the
 * same networks get untrained, then run the paper's central experiment on them (docs/science.md
 * section 4.6): test accuracy under a step drive of growing amplitude, written as a CSV and a
 * figure. Re-running it reuses finished runs and cached evaluations and resumes unfinished runs.
 */
@Command(name = "quickstart", description = "Fetch MNIST, train RNN+ReLU, RNN+gamma (heterogeneous) and ARUN at CPU scale, print test accuracies, then their robustness to a step drive and the ARUN's shape signals, gain scaling and fractional order (CSVs and figures).",
        footer = {"", "Example:", "  ./neuradapt quickstart"})
final class QuickstartCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ThreadsOption threads;
    @Option(names = "--config", defaultValue = "configs/quickstart.yaml", description = "base config")
    Path config;

    @Option(names = "--models", split = ",", defaultValue = "rnn_relu,rnn_gamma_het,arun", description = "model ids")
    List<String> models;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the base config (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--overwrite", description = "retrain even if the runs exist")
    boolean overwrite;

    @Option(names = "--robustness-out", paramLabel = "DIR", description = "folder for the robustness CSV and figure (default: <out>/<name>_robustness)")
    Path robustnessOut;

    @Option(names = "--no-robustness", description = "train and print accuracies only")
    boolean noRobustness;

    @Option(names = "--no-analyses", description = "skip the ARUN's shape-signal, gain-scaling and fractional-order analyses at the end")
    boolean noAnalyses;

    /** The analyses quickstart runs on its ARUN (docs/science.md sections 5.2, 5.3, 5.4), with their defaults. */
    static final List<String> ARUN_ANALYSES = List.of("shape-signals", "gain-scaling", "fractional-order");

    record Row(String model, double untrained, Summary summary) {}

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        RunConfig base = ConfigLoader.load(config, overrides);
        threads.applyConfig(base.execution().threads());
        Path dataDir = Path.of(base.data().dir());
        try {
            MnistFiles.standard().locate(dataDir);
        } catch (UserError missing) {
            System.err.println("MNIST not found in " + dataDir + ": fetching it");
            MnistFetcher.standard(System.err::println).fetch(dataDir);
        }
        // every model trains on the same task: load it once (the data section is the same for all)
        TaskData data = org.neuradapt.data.Tasks.load(base.data(), base.seed());
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            List<String> set = new ArrayList<>(overrides);
            set.add("model.type=" + model);
            set.add("name=" + base.name() + "_" + model);
            RunConfig cfg = ConfigLoader.load(config, set);
            Path dir = Runs.runDir(cfg);
            double untrained = Evaluation.of(Runs.network(cfg, data), data.test(), 500, data.classes(), cfg.model().hidden(), Perturbation.NONE, 0).accuracy();
            Summary s;
            if (!overwrite && Files.exists(dir.resolve(RunFolder.SUMMARY)) && RunFolder.existing(dir).readConfig().equals(cfg)) {
                s = RunFolder.existing(dir).readSummary();
                System.err.println(model + ": reusing the finished run in " + dir);
            } else {
                RunFolder.Mode mode = overwrite ? RunFolder.Mode.OVERWRITE
                        : Files.exists(dir.resolve(RunFolder.CONFIG)) ? RunFolder.Mode.RESUME : RunFolder.Mode.NEW;
                s = Runs.train(cfg, data, mode, new ProgressBar(model, cfg.train().epochs()));
            }
            rows.add(new Row(model, untrained, s));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-16s %10s %10s %9s %9s  %s%n", "model", "untrained", "test acc", "params", "train s", "run folder");
        for (Row r : rows)
            System.out.printf(Locale.ROOT, "%-16s %10.4f %10.4f %9d %9.0f  %s%n", r.model(), r.untrained(), r.summary().testAcc(),
                    r.summary().paramCount(), r.summary().wallSeconds(), Path.of(base.out()).resolve(r.summary().name()));
        System.out.printf(Locale.ROOT, "task: %s, T = %d, %d training samples; chance = 0.10; training %.0f s%n",
                base.data().task(), base.data().sequenceLength(),
                base.data().trainSubset() == 0 ? 50000 : base.data().trainSubset(), (System.nanoTime() - t0) / 1e9);
        if (noRobustness) return 0;

        // the paper's central result on the networks just trained: accuracy under a step drive
        Path out = robustnessOut != null ? robustnessOut : Path.of(base.out()).resolve(base.name() + "_robustness");
        List<Path> dirs = rows.stream().map(r -> Path.of(base.out()).resolve(r.summary().name())).toList();
        List<Robustness.Summary> summary = RobustnessCommand.paperStepDrive(dirs, out).execute();
        double largest = summary.stream().mapToDouble(Robustness.Summary::value).max().orElse(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "robustness to a step drive on the paper's window (test set); largest xi = %s%n", Robustness.number(largest));
        System.out.printf(Locale.ROOT, "%-16s %10s %14s %10s%n", "model", "clean", "xi = " + Robustness.number(largest), "kept");
        for (Row r : rows) {
            double clean = at(summary, r.model(), 0), hard = at(summary, r.model(), largest);
            System.out.printf(Locale.ROOT, "%-16s %10.4f %14.4f %9.0f%%%n", r.model(), clean, hard, 100 * hard / clean);
        }
        System.out.printf(Locale.ROOT, "wrote %s (and robustness_summary.csv, robustness.png/.svg); total %.0f s%n",
                out.resolve("robustness.csv"), (System.nanoTime() - t0) / 1e9);
        if (noAnalyses || !models.contains("arun")) return 0;

        // the second half of the paper on the ARUN just trained: how its neurons adapt (docs/science.md section 5)
        Path arun = Path.of(base.out()).resolve(base.name() + "_arun");
        for (String analysis : ARUN_ANALYSES) {
            System.out.println();
            System.out.println("analyze " + analysis + " --run " + arun);
            int code = Main.execute("analyze", analysis, "--run", arun.toString());
            if (code != 0) return code;
        }
        System.out.printf(Locale.ROOT, "wrote the ARUN's analyses into %s; total %.0f s%n", arun.resolve(AnalysisRun.FOLDER), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static double at(List<Robustness.Summary> summary, String model, double value) {
        return summary.stream().filter(x -> x.model().equals(model) && x.value() == value).mapToDouble(Robustness.Summary::mean).findFirst().orElse(Double.NaN);
    }
}
