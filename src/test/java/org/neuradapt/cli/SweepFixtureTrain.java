package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.MnistData;
import org.neuradapt.data.MnistFiles;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.training.EpochMetrics;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Summary;
import org.neuradapt.training.Trainer;

/**
 * The main class of the sweep integration test's subprocesses: {@code train --config F --set ...
 * [--resume] [--threads N]} exactly as the real command parses and trains it, except that the MNIST files are
 * checked against the checksums of {@link SweepFixtures}' generated files (the real command
 * accepts only the original MNIST, which a test machine may not have).
 */
public final class SweepFixtureTrain {
    private SweepFixtureTrain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || !args[0].equals("train")) {
            System.err.println("error: expected the train command, got " + String.join(" ", args));
            return 2;
        }
        Path config = null;
        List<String> overrides = new ArrayList<>();
        boolean resume = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[++i]);
                case "--set" -> overrides.add(args[++i]);
                case "--resume" -> resume = true;
                case "--threads" -> org.neuradapt.network.fused.FastKernels.setThreads(Integer.parseInt(args[++i]));
                default -> {
                    System.err.println("error: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        try {
            RunConfig cfg = ConfigLoader.load(config, overrides);
            MnistData raw = MnistFiles.withChecksums(SweepFixtures.checksums()).load(Path.of(cfg.data().dir()));
            TaskData data = SequentialMnist.build(raw, cfg.data(), SweepFixtures.VAL, cfg.seed());
            Summary s = Runs.train(cfg, data, resume ? RunFolder.Mode.RESUME : RunFolder.Mode.NEW, new Trainer.Listener() {
                @Override public void onEpoch(EpochMetrics m) {
                    System.out.println("epoch " + m.epoch() + ": train loss " + m.trainLoss() + ", " + m.seconds() + " s");
                }
            });
            System.out.println(s.name() + ": test accuracy " + s.testAcc());
            return 0;
        } catch (UserError e) {
            System.err.println("error: " + e.getMessage());
            return Main.USER_ERROR;
        }
    }
}
