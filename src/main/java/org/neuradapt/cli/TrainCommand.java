package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Train a model from a YAML config into <out>/<name>/.",
        footer = {"", "Example:", "  ./neuradapt train --config configs/smoke.yaml --set seed=400 --set name=smoke_s400"})
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ThreadsOption threads;
    @Option(names = "--config", paramLabel = "FILE", description = "run config (YAML); see configs/")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set train.lr=1e-3 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "continue the run in the run folder from its last checkpoint")
    boolean resume;

    @Option(names = "--overwrite", description = "replace a run already in the run folder")
    boolean overwrite;

    @Option(names = "--help-config", description = "list every config key with its description and default")
    boolean helpConfig;

    @Override
    public Integer call() {
        if (helpConfig) {
            System.out.println(ConfigLoader.describe());
            return 0;
        }
        if (config == null) throw new UserError("train needs --config FILE (e.g. --config configs/smoke.yaml)");
        if (resume && overwrite) throw new UserError("--resume and --overwrite exclude each other; choose one");
        RunConfig cfg = ConfigLoader.load(config, overrides);
        var layer = org.neuradapt.network.ModelFactory.validate(cfg.model());   // a user class that cannot run: refused before data or run folder
        var readout = org.neuradapt.data.Tasks.check(cfg.data());   // an unknown task or option: refused before the run folder
        org.neuradapt.network.ModelFactory.checkReadout(cfg.model(), layer, readout, cfg.data().sequenceLength());   // and a model that cannot read out what the task asks
        threads.applyConfig(cfg.execution().threads());
        int given = org.neuradapt.network.fused.FastKernels.threads();
        if (given > cfg.train().shards())   // say it once: the cores are there, the run's shards decide how many work
            System.err.printf(Locale.ROOT, "note: %s uses %d of %d threads: a batch has %d logical shards (train.shards); more shards use more threads"
                    + " and change the run's last bits (docs/performance.md, \"Threads\")%n", cfg.name(), cfg.train().shards(), given, cfg.train().shards());
        RunFolder.Mode mode = resume ? RunFolder.Mode.RESUME : overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW;
        // Ctrl-C (or kill) mid-run: say how to continue; the checkpoints on disk are whole (written by rename)
        Thread interrupted = new Thread(() -> System.err.println(System.lineSeparator() + "interrupted: " + cfg.name() + " keeps its checkpoints; continue it with "
                + "./neuradapt train --config " + Runs.runDir(cfg).resolve(RunFolder.CONFIG) + " --resume"));
        Runtime.getRuntime().addShutdownHook(interrupted);
        Summary s;
        try {
            s = Runs.train(cfg, mode, new ProgressBar(cfg.name(), cfg.train().epochs()));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook runs and says how to resume
            }
        }
        String score = Double.isNaN(s.testAcc()) ? String.format(Locale.ROOT, "test mean squared error %.4g", s.testLoss())
                : String.format(Locale.ROOT, "test accuracy %.4f", s.testAcc());
        System.out.printf(Locale.ROOT, "%s (%s, %s): %s (best epoch %d), %d parameters, %.1f s -> %s%n",
                s.name(), s.model(), s.backend(), score, s.bestEpoch(), s.paramCount(), s.wallSeconds(), Runs.runDir(cfg));
        return 0;
    }
}
