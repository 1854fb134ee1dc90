package org.neuradapt.training;

import java.util.Map;
import java.util.SplittableRandom;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.TaskData;

/** Small generated tasks for training tests: class c shows as input level 0.3 c plus noise. */
public final class SyntheticTask {
    private SyntheticTask() {}

    public static SequenceSet set(int count, int steps, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[count * steps];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = r.nextInt(classes);
            for (int t = 0; t < steps; t++) x[i * steps + t] = (float) (0.3 * y[i] + 0.1 * (r.nextDouble() - 0.5));
        }
        return new SequenceSet(x, y, count, steps, 1);
    }

    public static TaskData task(int steps, int classes) {
        int[] perm = new int[steps];
        for (int t = 0; t < steps; t++) perm[t] = t;
        return new TaskData(set(96, steps, classes, 1), set(48, steps, classes, 2), set(48, steps, classes, 3), perm, classes);
    }

    /** A run config for a tiny model writing under {@code out}. */
    public static RunConfig config(String model, java.nio.file.Path out, int epochs, String... more) {
        java.util.List<String> set = new java.util.ArrayList<>(java.util.List.of(
                "name=t_" + model, "out=" + out, "model.type=" + model, "model.hidden=6", "model.ctrl=3",
                "train.epochs=" + epochs, "train.batch_size=16", "train.lr=0.01", "seed=5"));
        set.addAll(java.util.List.of(more));
        return ConfigLoader.fromString("", set);
    }

    /**
     * A run folder under {@code out} of a tiny model trained for one epoch on this task with
     * {@code steps} steps (the config's own T is that of its data.pool; {@code more} are --set
     * overrides): a real checkpoint for the analysis and export tests, without MNIST.
     */
    public static java.nio.file.Path trainedRun(java.nio.file.Path out, String model, int steps, String... more) throws Exception {
        RunConfig cfg = config(model, out, 1, more);
        RunFolder f = RunFolder.open(out.resolve(cfg.name()), RunFolder.Mode.NEW);
        org.neuradapt.network.Network net = org.neuradapt.network.ModelFactory.create(cfg.model(), 1, steps, 3, cfg.seed(),
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        new Trainer(cfg, task(steps, 3), net, f, new Trainer.Listener() {}).run(false);
        return f.dir();
    }
}
