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
}
