package org.neuradapt.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.config.DataConfig;

/**
 * Your own sequences (docs/tasks.md, "Your own sequences"), {@code data.task: npz}: a NumPy .npz
 * written by {@code numpy.savez(FILE, inputs=X, targets=y)}, with inputs [S, T, D] (float) and
 * targets [S] (one class per sequence, whole numbers from 0). The split is stated in the config:
 * the last {@code data.options.test} of the S sequences are the test split, the
 * {@code data.options.val} before them the validation split (fractions, 0.1 each by default),
 * the rest training, in the file's order (shuffle before saving if the order means something).
 * data.steps must be the file's T, so that every command knows T before reading the file.
 */
public final class NpzDataset {
    private NpzDataset() {}

    /** The three splits of the file a config names. */
    public static TaskData load(DataConfig cfg) {
        Tasks.options("npz", cfg.options(), "val", "test");
        double valF = fraction("val", cfg.options().getOrDefault("val", 0.1)), testF = fraction("test", cfg.options().getOrDefault("test", 0.1));
        if (valF + testF >= 1) throw new UserError("config keys 'data.options.val' and 'data.options.test' add up to " + (valF + testF) + "; leave some sequences to train on");
        if (cfg.file() == null || cfg.file().isBlank())
            throw new UserError("config key 'data.file' is not set; task npz reads its sequences from an .npz file (inputs [S, T, D], targets [S])");
        Path file = Path.of(cfg.file());
        if (!Files.isRegularFile(file)) throw new UserError("config key 'data.file': no file '" + file + "'; give the path of an .npz written by numpy.savez");
        Map<String, INDArray> arrays = read(file);
        INDArray inputs = array(arrays, file, "inputs", "[S, T, D] (float)"), targets = array(arrays, file, "targets", "[S] (one class per sequence)");
        for (String k : arrays.keySet())
            if (!k.equals("inputs") && !k.equals("targets"))
                throw new UserError(file + ": array '" + k + "' is not read (a mask or per-step targets [S, T, K] are not supported yet); save only inputs [S, T, D] and targets [S]");
        if (inputs.rank() != 3) throw new UserError(file + ": array 'inputs' has shape " + java.util.Arrays.toString(inputs.shape()) + "; expected [S, T, D]");
        int s = (int) inputs.size(0), steps = (int) inputs.size(1), d = (int) inputs.size(2);
        if (targets.rank() != 1 || targets.size(0) != s)
            throw new UserError(file + ": array 'targets' has shape " + java.util.Arrays.toString(targets.shape()) + "; expected [" + s + "] (one class per sequence of 'inputs'"
                    + (targets.rank() == 3 ? "; per-step targets [S, T, K] are not supported yet" : "") + ")");
        if (steps != cfg.steps())
            throw new UserError("config key 'data.steps' is " + cfg.steps() + " but " + file + " holds sequences of T = " + steps + " steps; set data.steps: " + steps);
        float[] x = inputs.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (float v : x) if (!Float.isFinite(v)) throw new UserError(file + ": array 'inputs' holds " + v + "; every input must be finite");
        double[] t = targets.castTo(DataType.DOUBLE).data().asDouble();
        int[] y = new int[s];
        int classes = 0;
        for (int i = 0; i < s; i++) {
            if (t[i] != Math.rint(t[i]) || t[i] < 0)
                throw new UserError(file + ": array 'targets' holds " + t[i] + " at " + i + "; classes are whole numbers from 0");
            y[i] = (int) t[i];
            classes = Math.max(classes, y[i] + 1);
        }
        if (classes < 2) throw new UserError(file + ": array 'targets' holds one class only; a classification needs two or more");
        int nTest = (int) Math.round(testF * s), nVal = (int) Math.round(valF * s), nTrain = s - nVal - nTest;
        return new TaskData(split(x, y, 0, subset(cfg.trainSubset(), nTrain), steps, d), split(x, y, nTrain, subset(cfg.valSubset(), nVal), steps, d),
                split(x, y, nTrain + nVal, subset(cfg.testSubset(), nTest), steps, d), SequentialMnist.identity(steps), classes);
    }

    private static Map<String, INDArray> read(Path file) {
        try {
            return new TreeMap<>(NpzFiles.read(file));
        } catch (java.io.IOException e) {
            throw new UserError("config key 'data.file': cannot read '" + file + "' as .npz (" + e.getMessage()
                    + "); write it with numpy.savez (not savez_compressed: the reader takes stored entries)");
        }
    }

    private static INDArray array(Map<String, INDArray> arrays, Path file, String name, String shape) {
        INDArray a = arrays.get(name);
        if (a == null) throw new UserError(file + ": no array '" + name + "' (it has " + arrays.keySet() + "); an .npz dataset holds inputs [S, T, D] and targets [S]: numpy.savez(FILE, inputs=X, targets=y)");
        return a;
    }

    private static double fraction(String key, double v) {
        if (!(v >= 0 && v < 1)) throw new UserError("config key 'data.options." + key + "' must be in [0, 1), got " + v);
        return v;
    }

    private static int subset(int k, int available) { return k > 0 ? Math.min(k, available) : available; }

    private static SequenceSet split(float[] x, int[] y, int from, int n, int steps, int d) {
        int per = steps * d;
        return new SequenceSet(java.util.Arrays.copyOfRange(x, from * per, (from + n) * per), java.util.Arrays.copyOfRange(y, from, from + n), n, steps, d);
    }
}
