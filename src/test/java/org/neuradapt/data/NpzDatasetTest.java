package org.neuradapt.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.analysis.NumpyArchive;
import org.neuradapt.config.DataConfig;

/** data.task npz (docs/tasks.md, "Your own sequences"): the splits in the file's order, and each malformed file refused in one line naming the array. */
class NpzDatasetTest {
    @TempDir Path tmp;

    static final int S = 20, T = 5, D = 3;

    Path write(String name, Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays) throws Exception {
        NumpyArchive npz = new NumpyArchive();
        arrays.forEach(npz::put);
        return Files.write(tmp.resolve(name), npz.toBytes());
    }

    static float[] inputs() {
        float[] x = new float[S * T * D];
        for (int i = 0; i < x.length; i++) x[i] = i;
        return x;
    }

    static DataConfig config(Path file, int steps, Map<String, Double> options) {
        return new DataConfig("unused", "npz", 1, 0, 0, 0, steps, options, file.toString());
    }

    @Test
    void splitsInTheFilesOrder() throws Exception {
        long[] y = new long[S];
        for (int i = 0; i < S; i++) y[i] = i % 3;
        Path f = write("d.npz", Map.of("inputs", Nd4j.createFromArray(inputs()).reshape(S, T, D), "targets", Nd4j.createFromArray(y)));
        TaskData d = Tasks.load(config(f, T, Map.of("val", 0.2, "test", 0.25)), 1);
        assertEquals(3, d.classes());
        assertEquals(11, d.train().count());
        assertEquals(4, d.val().count());
        assertEquals(5, d.test().count());
        assertEquals(D, d.train().inputSize());
        assertEquals(T, d.train().steps());
        assertEquals(15 * T * D, d.test().x()[0], 0.0, "the test split is the file's last 5 sequences");
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, d.test().labels());
        assertEquals(11 * T * D, d.val().x()[0], 0.0);
    }

    @Test
    void malformedFilesAreRefusedNamingTheArray() throws Exception {
        var x = Nd4j.createFromArray(inputs()).reshape(S, T, D);
        var y = Nd4j.createFromArray(new double[S]).addi(1);
        y.putScalar(0, 0);
        String[][] cases = {
                {"missing", "no file"},
                {"noTargets", "no array 'targets'"},
                {"flat", "array 'inputs' has shape [300]"},
                {"stepsDiffer", "set data.steps: 5"},
                {"fractional", "whole numbers"},
                {"mask", "array 'mask' weighs steps, and 'targets' [S] has one class per sequence"},
                {"stepShape", "array 'targets' has shape [20, 4]; expected [20], [20, 5] or [20, 5, K]"},
                {"maskShape", "array 'mask' has shape [20, 4]; expected [20, 5]"},
                {"negativeMask", "array 'mask' holds -1.0 at 0, 2"},
                {"extra", "array 'weights' is not read"},
                {"stepFraction", "array 'targets' holds 0.5 at 1, 2"},
                {"decisionValues", "array 'decision' marks the steps whose accuracy is reported, and 'targets' [S, T, K] holds values"},
                {"decisionNone", "array 'decision' marks no step"},
                {"decisionTwo", "array 'decision' holds 2.0 at 0, 0"},
        };
        Path noTargets = write("a.npz", Map.of("inputs", x));
        Path flat = write("b.npz", Map.of("inputs", Nd4j.createFromArray(inputs()), "targets", y));
        Path ok = write("c.npz", Map.of("inputs", x, "targets", y));
        var frac = y.dup();
        frac.putScalar(3, 0.5);
        Path fractional = write("e.npz", Map.of("inputs", x, "targets", frac));
        Path mask = write("f.npz", Map.of("inputs", x, "targets", y, "mask", Nd4j.ones(S, T)));
        var steps = Nd4j.zeros(S, T).addi(1);
        var negative = Nd4j.ones(S, T);
        negative.putScalar(new int[] {0, 2}, -1);
        var stepFrac = steps.dup();
        stepFrac.putScalar(new int[] {1, 2}, 0.5);
        Map<String, DataConfig> configs = new java.util.HashMap<>(Map.of("missing", config(tmp.resolve("none.npz"), T, Map.of()), "noTargets", config(noTargets, T, Map.of()),
                "flat", config(flat, T, Map.of()), "stepsDiffer", config(ok, 7, Map.of()), "fractional", config(fractional, T, Map.of()), "mask", config(mask, T, Map.of())));
        configs.put("stepShape", config(write("g.npz", Map.of("inputs", x, "targets", Nd4j.zeros(S, T - 1))), T, Map.of()));
        configs.put("maskShape", config(write("h.npz", Map.of("inputs", x, "targets", steps, "mask", Nd4j.ones(S, T - 1))), T, Map.of()));
        configs.put("negativeMask", config(write("i.npz", Map.of("inputs", x, "targets", steps, "mask", negative)), T, Map.of()));
        configs.put("extra", config(write("j.npz", Map.of("inputs", x, "targets", y, "weights", Nd4j.ones(S))), T, Map.of()));
        configs.put("stepFraction", config(write("k.npz", Map.of("inputs", x, "targets", stepFrac)), T, Map.of()));
        configs.put("decisionValues", config(write("l.npz", Map.of("inputs", x, "targets", Nd4j.zeros(S, T, 2), "decision", Nd4j.ones(S, T))), T, Map.of()));
        configs.put("decisionNone", config(write("m.npz", Map.of("inputs", x, "targets", steps, "decision", Nd4j.zeros(S, T))), T, Map.of()));
        var two = Nd4j.ones(S, T);
        two.putScalar(new int[] {0, 0}, 2);
        configs.put("decisionTwo", config(write("n.npz", Map.of("inputs", x, "targets", steps, "decision", two)), T, Map.of()));
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> Tasks.check(configs.get(c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && !e.getMessage().contains("\n"), c[0] + ": " + e.getMessage());
        }
        assertEquals(2, Tasks.load(config(ok, T, Map.of()), 1).classes());
    }

    /** Per-step targets: [S, T] classes and [S, T, K] values, with a mask, split in the file's order; a masked step's class may be anything. */
    @Test
    void perStepTargetsAndTheMaskFollowTheirSequences() throws Exception {
        var x = Nd4j.createFromArray(inputs()).reshape(S, T, D);
        double[] cls = new double[S * T], mask = new double[S * T], values = new double[S * T * 2];
        for (int i = 0; i < S * T; i++) {
            mask[i] = i % T >= 3 ? 1 : 0;
            cls[i] = mask[i] > 0 ? (i / T) % 3 : -1;   // an uncounted step holds -1, as is usual
        }
        for (int i = 0; i < values.length; i++) values[i] = i * 0.5;
        Path classes = write("s.npz", Map.of("inputs", x, "targets", Nd4j.createFromArray(cls).reshape(S, T), "mask", Nd4j.createFromArray(mask).reshape(S, T)));
        TaskData d = Tasks.load(config(classes, T, Map.of("val", 0.2, "test", 0.25)), 1);
        assertEquals(org.neuradapt.network.Readout.STEP_CLASSES, d.readout());
        assertEquals(3, d.classes());
        StepTargets test = d.test().stepTargets();
        assertEquals(5 * T, test.classes().length);
        assertEquals((15 % 3), test.classes()[3], "the test split's first sequence is the file's 16th");
        assertEquals(0, test.classes()[0], "an uncounted step's -1 is not a class");
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, java.util.Arrays.copyOfRange(test.mask(), 0, T));
        assertEquals(null, test.decision());
        double[] decision = new double[S * T];
        for (int i = 0; i < S * T; i++) decision[i] = i % T == T - 1 ? 1 : 0;
        Path withDecision = write("sd.npz", Map.of("inputs", x, "targets", Nd4j.createFromArray(cls).reshape(S, T), "mask", Nd4j.createFromArray(mask).reshape(S, T),
                "decision", Nd4j.createFromArray(decision).reshape(S, T)));
        boolean[] dec = Tasks.load(config(withDecision, T, Map.of("val", 0.2, "test", 0.25)), 1).test().stepTargets().decision();
        assertEquals(5 * T, dec.length);
        assertTrue(dec[T - 1] && !dec[T - 2] && dec[2 * T - 1], "the last step of each test sequence");
        Path vals = write("v.npz", Map.of("inputs", x, "targets", Nd4j.createFromArray(values).reshape(S, T, 2)));
        TaskData v = Tasks.load(config(vals, T, Map.of("val", 0.2, "test", 0.25)), 1);
        assertEquals(org.neuradapt.network.Readout.STEP_VALUES, v.readout());
        assertEquals(2, v.classes());
        assertEquals(15 * T * 2 * 0.5, v.test().stepTargets().values()[0], 0.0);
        assertEquals(null, v.test().stepTargets().mask());
        assertEquals(org.neuradapt.network.Readout.STEP_VALUES, Tasks.check(config(vals, T, Map.of())));
    }
}
