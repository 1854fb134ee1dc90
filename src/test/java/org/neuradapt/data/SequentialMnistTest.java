package org.neuradapt.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;
import org.neuradapt.config.DataConfig;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class SequentialMnistTest {
    @TempDir Path tmp;
    /** 60 train images (50 train + 10 validation with valCount 10) and 20 test images. */
    final MnistData data = Fixtures.smallMnist();

    static DataConfig cfg(String task, int pool, int train, int val, int test) {
        return new DataConfig("unused", task, pool, train, val, test);
    }

    /** One 28x28 ramp image, pixel (r, c) = 8 r + c (max 243), as both train set and test set. */
    static MnistData ramp() {
        byte[] px = new byte[2 * 784];
        for (int i = 0; i < 2; i++)
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++) px[i * 784 + r * 28 + c] = (byte) (8 * r + c);
        IdxImages im = new IdxImages(px, 2, 28, 28);
        return new MnistData(im, new int[]{3, 4}, im, new int[]{3, 4});
    }

    @Test
    void pool1IsPixelOver255RowByRow() {
        TaskData t = SequentialMnist.build(ramp(), cfg("smnist", 1, 0, 0, 0), 1, 1);
        SequenceSet s = t.train();
        assertEquals(784, s.steps());
        assertEquals(1, s.inputSize());
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++) assertEquals((float) ((8 * r + c) / 255.0), s.x()[r * 28 + c], 0f);
        assertEquals(1f, (float) Arrays.stream(toDouble(s.x())).max().orElseThrow() * 255f / 243f, 1e-6f);
    }

    @Test
    void pool2AveragesExactly() {
        SequenceSet s = SequentialMnist.build(ramp(), cfg("smnist", 2, 0, 0, 0), 1, 1).train();
        assertEquals(196, s.steps());
        // mean of rows 2R, 2R+1 and cols 2C, 2C+1 of 8r + c is 16R + 2C + 4.5
        for (int r = 0; r < 14; r++)
            for (int c = 0; c < 14; c++)
                assertEquals((float) ((16 * r + 2 * c + 4.5) / 255.0), s.x()[r * 14 + c], 0f, "block " + r + "," + c);
    }

    @Test
    void pool4AveragesExactly() {
        SequenceSet s = SequentialMnist.build(ramp(), cfg("smnist", 4, 0, 0, 0), 1, 1).test();
        assertEquals(49, s.steps());
        for (int r = 0; r < 7; r++)
            for (int c = 0; c < 7; c++)
                assertEquals((float) ((32 * r + 4 * c + 13.5) / 255.0), s.x()[r * 7 + c], 0f, "block " + r + "," + c);
    }

    @Test
    void poolNotDividing28IsUserErrorNamingKey() {
        for (int pool : new int[]{3, 5, 0, -2}) {
            UserError e = assertThrows(UserError.class,
                    () -> SequentialMnist.build(data, cfg("smnist", pool, 0, 0, 0), 10, 1));
            assertTrue(e.getMessage().startsWith("data.pool = " + pool), e.getMessage());
            assertTrue(e.getMessage().contains("1, 2, 4, 7 or 14"), e.getMessage());
        }
        // load checks the key before touching the (here missing) files
        UserError e = assertThrows(UserError.class, () -> SequentialMnist.load(
                new DataConfig(tmp.resolve("none").toString(), "smnist", 3, 0, 0, 0), 1));
        assertTrue(e.getMessage().startsWith("data.pool"), e.getMessage());
    }

    @Test
    void unknownTaskIsUserErrorNamingKey() {
        UserError e = assertThrows(UserError.class, () -> SequentialMnist.build(data, cfg("pmnist", 1, 0, 0, 0), 10, 1));
        assertTrue(e.getMessage().contains("data.task") && e.getMessage().contains("smnist or psmnist"), e.getMessage());
        UserError e2 = assertThrows(UserError.class, () -> SequentialMnist.load(cfg(null, 1, 0, 0, 0), 1));
        assertTrue(e2.getMessage().contains("data.task"), e2.getMessage());
    }

    @Test
    void permutationIsReproducibleTruePermutationAndSeedDependent() {
        int[] a = SequentialMnist.permutation(196, 200);
        assertArrayEquals(a, SequentialMnist.permutation(196, 200));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 196; i++) assertEquals(i, sorted[i]);
        assertFalse(Arrays.equals(a, SequentialMnist.permutation(196, 400)));
        int fixed = 0;
        for (int i = 0; i < 196; i++) if (a[i] == i) fixed++;
        assertTrue(fixed < 10, "a random permutation leaves few points fixed, got " + fixed);
    }

    @Test
    void permutationMatchesDocumentedFisherYates() {
        // the recipe documented in SequentialMnist, written out independently
        java.util.Random rnd = new java.util.Random(600);
        int[] p = {0, 1, 2, 3, 4, 5, 6, 7};
        for (int i = 7; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i]; p[i] = p[j]; p[j] = tmp;
        }
        assertArrayEquals(p, SequentialMnist.permutation(8, 600));
    }

    @Test
    void psmnistReordersStepsOfSmnist() {
        TaskData plain = SequentialMnist.build(data, cfg("smnist", 2, 0, 0, 0), 10, 7);
        TaskData perm = SequentialMnist.build(data, cfg("psmnist", 2, 0, 0, 0), 10, 7);
        for (int t = 0; t < 196; t++) assertEquals(t, plain.permutation()[t]);
        assertArrayEquals(SequentialMnist.permutation(196, 7), perm.permutation());
        for (SequenceSet[] pair : new SequenceSet[][]{{plain.train(), perm.train()}, {plain.val(), perm.val()},
                {plain.test(), perm.test()}})
            for (int i = 0; i < pair[0].count(); i++)
                for (int t = 0; t < 196; t++)
                    assertEquals(pair[0].x()[i * 196 + perm.permutation()[t]], pair[1].x()[i * 196 + t]);
        assertArrayEquals(plain.train().labels(), perm.train().labels());
        assertEquals(10, perm.classes());
    }

    @Test
    void splitIsFirstForTrainLastForValidation() {
        TaskData t = SequentialMnist.build(data, cfg("smnist", 1, 0, 0, 0), 10, 1);
        assertEquals(50, t.train().count());
        assertEquals(10, t.val().count());
        assertEquals(20, t.test().count());
        assertArrayEquals(Arrays.copyOfRange(data.trainLabels(), 0, 50), t.train().labels());
        assertArrayEquals(Arrays.copyOfRange(data.trainLabels(), 50, 60), t.val().labels());
        assertArrayEquals(data.testLabels(), t.test().labels());
        // first validation sample is training-file image 50
        for (int p = 0; p < 784; p++)
            assertEquals((data.trainImages().pixels()[50 * 784 + p] & 0xff) / 255f, t.val().x()[p], 1e-7f);
    }

    @Test
    void subsetsTakeTheFirstK() {
        TaskData t = SequentialMnist.build(data, cfg("smnist", 4, 7, 3, 5), 10, 1);
        assertEquals(7, t.train().count());
        assertEquals(3, t.val().count());
        assertEquals(5, t.test().count());
        assertEquals(7 * 49, t.train().x().length);
        assertArrayEquals(Arrays.copyOfRange(data.trainLabels(), 50, 53), t.val().labels());
        TaskData all = SequentialMnist.build(data, cfg("smnist", 4, 0, 0, 0), 10, 1);
        assertArrayEquals(Arrays.copyOf(all.val().x(), 3 * 49), t.val().x());
        assertArrayEquals(Arrays.copyOf(all.test().x(), 5 * 49), t.test().x());
    }

    @Test
    void subsetTooLargeOrNegativeNamesKey() {
        assertSubsetError(cfg("smnist", 1, 51, 0, 0), "data.train_subset = 51", "50");
        assertSubsetError(cfg("smnist", 1, 0, 11, 0), "data.val_subset = 11", "10");
        assertSubsetError(cfg("smnist", 1, 0, 0, 21), "data.test_subset = 21", "20");
        assertSubsetError(cfg("smnist", 1, -1, 0, 0), "data.train_subset = -1", "50");
        // load checks against the real split sizes before reading files
        UserError e = assertThrows(UserError.class, () -> SequentialMnist.load(
                new DataConfig(tmp.toString(), "smnist", 1, 50_001, 0, 0), 1));
        assertTrue(e.getMessage().startsWith("data.train_subset = 50001") && e.getMessage().contains("50000"),
                e.getMessage());
    }

    private void assertSubsetError(DataConfig c, String start, String available) {
        UserError e = assertThrows(UserError.class, () -> SequentialMnist.build(data, c, 10, 1));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertTrue(e.getMessage().contains("up to " + available), e.getMessage());
    }

    @Test
    void loadReadsFilesFromDataDir() throws Exception {
        // load uses the real checksums, so generated files must be refused with a message naming the file
        Fixtures.write(tmp, data, true);
        UserError e = assertThrows(UserError.class, () -> SequentialMnist.load(
                new DataConfig(tmp.toString(), "smnist", 1, 0, 0, 0), 1));
        assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
        UserError missing = assertThrows(UserError.class, () -> SequentialMnist.load(
                new DataConfig(tmp.resolve("absent").toString(), "psmnist", 2, 0, 0, 0), 1));
        assertTrue(missing.getMessage().contains("./neuradapt data fetch"), missing.getMessage());
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
