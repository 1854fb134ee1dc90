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
                {"mask", "array 'mask' is not read"},
        };
        Path noTargets = write("a.npz", Map.of("inputs", x));
        Path flat = write("b.npz", Map.of("inputs", Nd4j.createFromArray(inputs()), "targets", y));
        Path ok = write("c.npz", Map.of("inputs", x, "targets", y));
        var frac = y.dup();
        frac.putScalar(3, 0.5);
        Path fractional = write("e.npz", Map.of("inputs", x, "targets", frac));
        Path mask = write("f.npz", Map.of("inputs", x, "targets", y, "mask", Nd4j.ones(S, T)));
        Map<String, DataConfig> configs = Map.of("missing", config(tmp.resolve("none.npz"), T, Map.of()), "noTargets", config(noTargets, T, Map.of()),
                "flat", config(flat, T, Map.of()), "stepsDiffer", config(ok, 7, Map.of()), "fractional", config(fractional, T, Map.of()), "mask", config(mask, T, Map.of()));
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> Tasks.check(configs.get(c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && !e.getMessage().contains("\n"), c[0] + ": " + e.getMessage());
        }
        assertEquals(2, Tasks.load(config(ok, T, Map.of()), 1).classes());
    }
}
