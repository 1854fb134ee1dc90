package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.MnistFetcher;
import org.neuradapt.data.MnistFiles;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.perturbation.Drive;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The project's main job on a fresh machine: fetch MNIST if missing, train RNN+ReLU,
 * RNN+gamma (heterogeneous) and ARUN at CPU scale, print their test accuracies next to what the
 * same networks get untrained. Re-running it reuses finished runs and resumes unfinished ones.
 */
@Command(name = "quickstart", description = "Fetch MNIST, train RNN+ReLU, RNN+gamma (heterogeneous) and ARUN at CPU scale, print test accuracies.")
final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "configs/quickstart.yaml", description = "base config (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--models", split = ",", defaultValue = "rnn_relu,rnn_gamma_het,arun", description = "model ids (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the base config (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--overwrite", description = "retrain even if the runs exist")
    boolean overwrite;

    record Row(String model, double untrained, Summary summary) {}

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        RunConfig base = ConfigLoader.load(config, overrides);
        Path dataDir = Path.of(base.data().dir());
        try {
            MnistFiles.standard().locate(dataDir);
        } catch (UserError missing) {
            System.err.println("MNIST not found in " + dataDir + ": fetching it");
            MnistFetcher.standard(System.err::println).fetch(dataDir);
        }
        // every model trains on the same task: load it once (the data section is the same for all)
        TaskData data = SequentialMnist.load(base.data(), base.seed());
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            List<String> set = new ArrayList<>(overrides);
            set.add("model.type=" + model);
            set.add("name=" + base.name() + "_" + model);
            RunConfig cfg = ConfigLoader.load(config, set);
            Path dir = Runs.runDir(cfg);
            double untrained = Evaluation.of(Runs.network(cfg, data), data.test(), 500, data.classes(), cfg.model().hidden(), Drive.NONE, 0).accuracy();
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
        System.out.printf(Locale.ROOT, "task: %s, T = %d, %d training samples; chance = 0.10; total %.0f s%n",
                base.data().task(), (28 / base.data().pool()) * (28 / base.data().pool()),
                base.data().trainSubset() == 0 ? 50000 : base.data().trainSubset(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
