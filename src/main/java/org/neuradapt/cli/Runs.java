package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Summary;
import org.neuradapt.training.Trainer;

/** The steps shared by train, eval and quickstart: config -> data -> network -> run folder. */
final class Runs {
    private Runs() {}

    static Path runDir(RunConfig cfg) { return Path.of(cfg.out()).resolve(cfg.name()); }

    /** Creates an output folder and checks that it is writable before any work, so a bad --out loses nothing. */
    static void writableFolder(Path out) {
        try {
            java.nio.file.Files.createDirectories(out);
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(out, ".write-test", ""));
        } catch (java.io.IOException | SecurityException e) {
            throw new UserError("output folder '" + out + "' is not writable (" + e.getMessage() + "); choose another with --out DIR");
        }
    }

    /** A fresh network for a config and task, seeded by the config's seed. */
    static Network network(RunConfig cfg, TaskData data) {
        SequenceSet train = data.train();
        return ModelFactory.create(cfg, data.readout(), train.inputSize(), train.steps(), data.classes(), DataType.FLOAT);
    }

    /** The N x N matrices of a model's recurrent weights (the LSTM's four gates, the GRU's three). */
    static int recurrentMatrices(String type) {
        return switch (type) {
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> 1;
        };
    }

    /**
     * Refuses, with exit code 4, a model whose recurrent weights alone cannot be held: each of
     * its N x N matrices four times (parameters, gradients, Adam's two moments) in floats, against
     * the native memory ND4J may use ({@code org.bytedeco.javacpp.maxBytes}). Histories for BPTT
     * come on top; a run that fits this check and not those ends in the out-of-memory message.
     */
    static void requireMemory(RunConfig cfg, long available) {
        long n = cfg.model().hidden();
        long bytes = 16L * recurrentMatrices(cfg.model().type()) * n * n;
        if (bytes > available)
            throw new org.neuradapt.ResourceError(String.format(java.util.Locale.ROOT, "model.hidden = %d needs about %.1f GB for the recurrent "
                    + "weights, their gradients and Adam's moments, more than the %.1f GB ND4J may use; give a smaller model.hidden, or raise the "
                    + "limit with NEURADAPT_JAVA_OPTS=\"-Xmx3g -Dorg.bytedeco.javacpp.maxBytes=NNg\"", n, bytes / 1e9, available / 1e9));
    }

    /**
     * Trains a config into its run folder. With RESUME the saved config must match the given
     * one except for train.epochs (so a finished run can be extended).
     */
    static Summary train(RunConfig cfg, RunFolder.Mode mode, Trainer.Listener listener) {
        requireMemory(cfg, org.bytedeco.javacpp.Pointer.maxBytes());
        refuseNothingToResume(cfg, mode);   // before the data: a missing run is the first thing to say
        // bad data fails before the run folder is touched
        return train(cfg, org.neuradapt.data.Tasks.load(cfg.data(), cfg.seed()), mode, listener);
    }

    /** {@link #train(RunConfig, RunFolder.Mode, Trainer.Listener)} on task data already loaded for this config. */
    static Summary train(RunConfig cfg, TaskData data, RunFolder.Mode mode, Trainer.Listener listener) {
        Path dir = runDir(cfg);
        refuseNothingToResume(cfg, mode);
        // one writer per run folder: held until training ends, released by the OS if this process dies (RunLock)
        try (org.neuradapt.training.RunLock lock = org.neuradapt.training.RunLock.exclusive(dir, "train " + cfg.name())) {
            RunFolder folder = RunFolder.open(dir, mode);
            boolean resume = mode == RunFolder.Mode.RESUME;
            if (resume) checkSameRun(folder.readConfig(), cfg, dir);
            Network net = network(cfg, data);
            return new Trainer(cfg, data, net, folder, listener).run(resume);
        }
    }

    /** --resume of a folder that holds no run: refused (RunFolder's message) before anything is touched. */
    private static void refuseNothingToResume(RunConfig cfg, RunFolder.Mode mode) {
        Path dir = runDir(cfg);
        if (mode == RunFolder.Mode.RESUME && !java.nio.file.Files.exists(dir.resolve(RunFolder.CONFIG))) RunFolder.open(dir, mode);
    }

    private static void checkSameRun(RunConfig saved, RunConfig given, Path dir) {
        // train.epochs may grow, and the run section (threads) may change: it changes no bit
        RunConfig aligned = new RunConfig(saved.name(), saved.seed(), saved.out(), saved.model(), saved.data(),
                given.train().epochs() == saved.train().epochs() ? saved.train() : withEpochs(saved, given.train().epochs()), given.execution());
        if (!ConfigLoader.toYaml(aligned).equals(ConfigLoader.toYaml(given))) {
            List<String> diff = diffLines(ConfigLoader.toYaml(saved), ConfigLoader.toYaml(given));
            throw new UserError("cannot resume '" + dir + "': the config differs from its saved " + RunFolder.CONFIG
                    + " in " + diff + " (only train.epochs and run.threads may change); use the saved config or --overwrite");
        }
    }

    private static org.neuradapt.config.TrainConfig withEpochs(RunConfig c, int epochs) {
        return c.train().withEpochs(epochs);
    }

    private static List<String> diffLines(String a, String b) {
        List<String> la = List.of(a.split("\n")), lb = List.of(b.split("\n"));
        List<String> out = new ArrayList<>();
        for (String line : lb) if (!la.contains(line)) out.add(line.trim());
        return out;
    }

    /** Loads a run's network with the parameters of one of its checkpoints ("best", "last" or a path). */
    static Network load(RunFolder folder, RunConfig cfg, TaskData data, String checkpoint) {
        Path file = switch (checkpoint) {
            case "best" -> folder.bestCheckpoint();
            case "last" -> folder.lastCheckpoint();
            default -> Path.of(checkpoint);
        };
        if (!file.toFile().isFile())
            throw new UserError("checkpoint '" + file + "' does not exist; use --checkpoint best, last or a file in " + folder.dir().resolve(RunFolder.CHECKPOINTS));
        Checkpoint c = Checkpoint.read(file);
        c.requireBinding(cfg, file, folder.dir().resolve(RunFolder.CONFIG));
        Network net = network(cfg, data);
        c.params().forEach((k, v) -> {
            var p = net.parameters().get(k);
            if (p == null || !java.util.Arrays.equals(p.shape(), v.shape()))
                throw new UserError("checkpoint '" + file + "' does not fit the run's model (parameter " + k + "); is it from another run?");
            p.assign(v);
        });
        return net;
    }
}
