package org.neuradapt.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.config.DataConfig;
import org.neuradapt.network.Readout;

/**
 * Your own sequences (docs/tasks.md, "Your own sequences"), {@code data.task: npz}: a NumPy .npz
 * written by {@code numpy.savez(FILE, inputs=X, targets=y)}, with inputs [S, T, D] (float) and
 * targets, one of
 * <ul>
 *   <li>[S]: one class per sequence (whole numbers from 0), read out at the last step;</li>
 *   <li>[S, T]: a class at every step (whole numbers from 0);</li>
 *   <li>[S, T, K]: K continuous values at every step (squared error);</li>
 * </ul>
 * and, with per-step targets, an optional {@code mask} [S, T] of weights >= 0 (0: the step does not
 * count; docs/tasks.md, "Targets"), and with per-step classes an optional {@code decision} [S, T]
 * of 0 and 1 marking the steps whose accuracy is reported. The split is stated in the config: the last
 * {@code data.options.test} of the S sequences are the test split, the {@code data.options.val}
 * before them the validation split (fractions, 0.1 each by default), the rest training, in the
 * file's order (shuffle before saving if the order means something). data.steps must be the
 * file's T, so that every command knows T before reading the file.
 */
public final class NpzDataset {
    private NpzDataset() {}

    private static final String SHAPES = "inputs [S, T, D] and targets [S] (a class per sequence), [S, T] (a class per step) or [S, T, K] (values per step), "
            + "optional mask [S, T] and, with [S, T] classes, decision [S, T]";

    /** The three splits of the file a config names. */
    public static TaskData load(DataConfig cfg) {
        Tasks.options("npz", cfg.options(), "val", "test");
        double valF = fraction("val", cfg.options().getOrDefault("val", 0.1)), testF = fraction("test", cfg.options().getOrDefault("test", 0.1));
        if (valF + testF >= 1) throw new UserError("config keys 'data.options.val' and 'data.options.test' add up to " + (valF + testF) + "; leave some sequences to train on");
        if (cfg.file() == null || cfg.file().isBlank())
            throw new UserError("config key 'data.file' is not set; task npz reads its sequences from an .npz file (" + SHAPES + ")");
        Path file = Path.of(cfg.file());
        if (!Files.isRegularFile(file)) throw new UserError("config key 'data.file': no file '" + file + "'; give the path of an .npz written by numpy.savez");
        Map<String, INDArray> arrays = read(file);
        INDArray inputs = array(arrays, file, "inputs"), targets = array(arrays, file, "targets"), mask = arrays.get("mask"), decision = arrays.get("decision");
        for (String k : arrays.keySet())
            if (!List.of("inputs", "targets", "mask", "decision").contains(k))
                throw new UserError(file + ": array '" + k + "' is not read; an .npz dataset holds " + SHAPES);
        if (inputs.rank() != 3) throw new UserError(file + ": array 'inputs' has shape " + shape(inputs) + "; expected [S, T, D]");
        int s = (int) inputs.size(0), steps = (int) inputs.size(1), d = (int) inputs.size(2);
        if (steps != cfg.steps())
            throw new UserError("config key 'data.steps' is " + cfg.steps() + " but " + file + " holds sequences of T = " + steps + " steps; set data.steps: " + steps);
        boolean fits = targets.size(0) == s && (targets.rank() == 1 || targets.rank() <= 3 && targets.size(1) == steps);
        if (!fits || targets.rank() > 3)
            throw new UserError(file + ": array 'targets' has shape " + shape(targets) + "; expected [" + s + "], [" + s + ", " + steps + "] or ["
                    + s + ", " + steps + ", K] (S and T of 'inputs')");
        if (mask != null && targets.rank() == 1)
            throw new UserError(file + ": array 'mask' weighs steps, and 'targets' [S] has one class per sequence; give per-step targets [S, T] or [S, T, K], or drop the mask");
        if (mask != null && (mask.rank() != 2 || mask.size(0) != s || mask.size(1) != steps))
            throw new UserError(file + ": array 'mask' has shape " + shape(mask) + "; expected [" + s + ", " + steps + "] (S and T of 'inputs')");
        if (decision != null && targets.rank() != 2)
            throw new UserError(file + ": array 'decision' marks the steps whose accuracy is reported, and 'targets' " + (targets.rank() == 1 ? "[S] has one class per sequence"
                    : "[S, T, K] holds values, which have no accuracy") + "; give per-step classes [S, T], or drop it");
        if (decision != null && (decision.rank() != 2 || decision.size(0) != s || decision.size(1) != steps))
            throw new UserError(file + ": array 'decision' has shape " + shape(decision) + "; expected [" + s + ", " + steps + "] (S and T of 'inputs')");
        boolean[] dec = decision == null ? null : decisionSteps(file, decision, steps);
        float[] x = finite(file, "inputs", inputs);
        float[] m = mask == null ? null : finite(file, "mask", mask);
        if (m != null) for (int i = 0; i < m.length; i++)
            if (m[i] < 0) throw new UserError(file + ": array 'mask' holds " + m[i] + " at " + (i / steps) + ", " + (i % steps) + "; weights are >= 0 (0: the step does not count)");
        int[] y = new int[s];
        StepTargets st = null;
        int classes;
        if (targets.rank() == 3) {
            classes = (int) targets.size(2);
            st = new StepTargets(Readout.STEP_VALUES, classes, null, finite(file, "targets", targets), m);
        } else {
            int[] c = classes(file, targets, m, dec);
            classes = 0;
            for (int v : c) classes = Math.max(classes, v + 1);
            if (targets.rank() == 1) y = c;
            else st = new StepTargets(Readout.STEP_CLASSES, Math.max(classes, 2), c, null, m, dec);
            if (classes < 2) throw new UserError(file + ": array 'targets' holds one class only; a classification needs two or more");
        }
        int nTest = (int) Math.round(testF * s), nVal = (int) Math.round(valF * s), nTrain = s - nVal - nTest;
        SequenceSet all = new SequenceSet(x, y, s, steps, d, st);
        return new TaskData(split(all, 0, subset(cfg.trainSubset(), nTrain)), split(all, nTrain, subset(cfg.valSubset(), nVal)),
                split(all, nTrain + nVal, subset(cfg.testSubset(), nTest)), SequentialMnist.identity(steps), classes);
    }

    /** Class targets as whole numbers from 0 (those of steps neither counted by the mask nor decision steps may be anything: -1 is usual). */
    private static int[] classes(Path file, INDArray targets, float[] mask, boolean[] decision) {
        double[] t = targets.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] y = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (mask != null && mask[i] == 0 && (decision == null || !decision[i])) continue;
            if (t[i] != Math.rint(t[i]) || t[i] < 0)
                throw new UserError(file + ": array 'targets' holds " + t[i] + " at " + index(targets, i) + "; classes are whole numbers from 0 (a step the mask does not count may hold any)");
            y[i] = (int) t[i];
        }
        return y;
    }

    /** The decision steps: 0 or 1 each, and some in every split-sized stretch is the user's concern; none at all is refused. */
    private static boolean[] decisionSteps(Path file, INDArray decision, int steps) {
        double[] d = decision.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        boolean[] out = new boolean[d.length];
        boolean any = false;
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0 && d[i] != 1)
                throw new UserError(file + ": array 'decision' holds " + d[i] + " at " + (i / steps) + ", " + (i % steps) + "; it marks steps with 1 and the others with 0");
            out[i] = d[i] == 1;
            any |= out[i];
        }
        if (!any) throw new UserError(file + ": array 'decision' marks no step; mark the steps whose accuracy is reported with 1");
        return out;
    }

    private static String index(INDArray a, int flat) {
        return a.rank() == 1 ? String.valueOf(flat) : (flat / a.size(1)) + ", " + (flat % a.size(1));
    }

    private static float[] finite(Path file, String name, INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (float f : v) if (!Float.isFinite(f)) throw new UserError(file + ": array '" + name + "' holds " + f + "; every value must be finite");
        return v;
    }

    private static String shape(INDArray a) { return java.util.Arrays.toString(a.shape()); }

    private static Map<String, INDArray> read(Path file) {
        try {
            return new TreeMap<>(NpzFiles.read(file));
        } catch (java.io.IOException e) {
            throw new UserError("config key 'data.file': cannot read '" + file + "' as .npz (" + e.getMessage()
                    + "); write it with numpy.savez (not savez_compressed: the reader takes stored entries)");
        }
    }

    private static INDArray array(Map<String, INDArray> arrays, Path file, String name) {
        INDArray a = arrays.get(name);
        if (a == null) throw new UserError(file + ": no array '" + name + "' (it has " + arrays.keySet() + "); an .npz dataset holds " + SHAPES + ": numpy.savez(FILE, inputs=X, targets=y)");
        return a;
    }

    private static double fraction(String key, double v) {
        if (!(v >= 0 && v < 1)) throw new UserError("config key 'data.options." + key + "' must be in [0, 1), got " + v);
        return v;
    }

    private static int subset(int k, int available) { return k > 0 ? Math.min(k, available) : available; }

    private static SequenceSet split(SequenceSet all, int from, int n) {
        int per = all.steps() * all.inputSize();
        return new SequenceSet(java.util.Arrays.copyOfRange(all.x(), from * per, (from + n) * per), java.util.Arrays.copyOfRange(all.labels(), from, from + n),
                n, all.steps(), all.inputSize(), all.stepTargets() == null ? null : all.stepTargets().range(from, n, all.steps()));
    }
}
