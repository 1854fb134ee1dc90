package org.neuradapt.data;

import org.neuradapt.UserError;
import org.neuradapt.config.DataConfig;

import java.nio.file.Path;
import java.util.Random;

/**
 * Sequential MNIST (sMNIST) and permuted sequential MNIST (psMNIST), docs/science.md section 3.
 *
 * <ul>
 *   <li>Pixels are scaled to [0, 1] by x / 255 and nothing else (the paper uses no mean
 *       normalisation, and the perturbations of section 4 assume inputs in [0, 1]).</li>
 *   <li>The image is average-pooled by {@code data.pool} (1, 2, 4, 7, 14; must divide 28): the
 *       CPU-scale variants of section 3 shrink T this way, e.g. 14x14 with T = 196.</li>
 *   <li>The pooled image is read row by row, one pixel per step: input size 1,
 *       T = (28 / pool)^2.</li>
 *   <li>psMNIST reorders the T steps by one fixed permutation drawn from the seed:
 *       {@code java.util.Random(seed)} driving a Fisher-Yates shuffle of 0..T-1 (for i = T-1
 *       down to 1, swap i with {@code nextInt(i + 1)}). Step t then carries pooled pixel
 *       {@code permutation[t]}. sMNIST uses the identity.</li>
 *   <li>Split: train = the first 50,000 images of the MNIST training file, validation = the
 *       last 10,000, test = the t10k file. A subset k keeps the first k of a split (0 = all).</li>
 * </ul>
 */
public final class SequentialMnist {
    /** Validation images at the end of the MNIST training file (docs/science.md section 3). */
    public static final int VAL_COUNT = 10_000;
    public static final int CLASSES = 10;

    private SequentialMnist() {}

    /** Loads the verified MNIST files from {@code cfg.dir()} and builds the task. */
    public static TaskData load(DataConfig cfg, long seed) {
        // check the cheap keys before reading 55 MB, so a typo fails at once
        validateTask(cfg.task());
        if (cfg.dir() == null || cfg.dir().isBlank())
            throw new UserError("data.dir is not set; set it to the folder holding the MNIST files (e.g. data), "
                    + "then run ./neuradapt data fetch");
        checkPool(cfg.pool(), 28, 28);
        checkSubset("data.train_subset", cfg.trainSubset(), 60_000 - VAL_COUNT, "training");
        checkSubset("data.val_subset", cfg.valSubset(), VAL_COUNT, "validation");
        checkSubset("data.test_subset", cfg.testSubset(), 10_000, "test");
        MnistData data = MnistFiles.standard().load(dataDir(cfg.dir()));
        return build(data, cfg, VAL_COUNT, seed);
    }

    /**
     * Builds the task from raw images; {@code valCount} images at the end of the training file
     * become the validation split ({@link #VAL_COUNT} for real MNIST; smaller in tests).
     */
    public static TaskData build(MnistData data, DataConfig cfg, int valCount, long seed) {
        boolean permuted = validateTask(cfg.task());
        IdxImages train = data.trainImages();
        if (valCount < 0 || valCount >= train.count())
            throw new IllegalArgumentException("valCount " + valCount + " must be in [0, " + train.count() + ")");
        int pool = cfg.pool();
        checkPool(pool, train.rows(), train.cols());
        checkPool(pool, data.testImages().rows(), data.testImages().cols());
        if (train.rows() != data.testImages().rows() || train.cols() != data.testImages().cols())
            throw new IllegalArgumentException("train and test images differ in size");
        int trainAvail = train.count() - valCount;
        int nTrain = subset("data.train_subset", cfg.trainSubset(), trainAvail, "training");
        int nVal = subset("data.val_subset", cfg.valSubset(), valCount, "validation");
        int nTest = subset("data.test_subset", cfg.testSubset(), data.testImages().count(), "test");

        int steps = (train.rows() / pool) * (train.cols() / pool);
        int[] permutation = permuted ? permutation(steps, seed) : identity(steps);
        return new TaskData(
                sequences(train, data.trainLabels(), 0, nTrain, pool, permutation),
                sequences(train, data.trainLabels(), trainAvail, nVal, pool, permutation),
                sequences(data.testImages(), data.testLabels(), 0, nTest, pool, permutation),
                permutation, CLASSES);
    }

    /** The psMNIST permutation of 0..steps-1 for {@code seed} (Fisher-Yates on Random(seed)). */
    public static int[] permutation(int steps, long seed) {
        int[] p = identity(steps);
        Random rnd = new Random(seed);
        for (int i = steps - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /**
     * Images {@code from .. from+count-1} average-pooled by {@code pool}, scaled to [0, 1] and
     * reordered by {@code permutation}, as [count, T, 1].
     */
    static SequenceSet sequences(IdxImages images, int[] labels, int from, int count, int pool, int[] permutation) {
        int rows = images.rows(), cols = images.cols();
        int pr = rows / pool, pc = cols / pool, steps = pr * pc;
        // sum the integer grey levels and divide once: the average is then exact up to one float rounding
        double scale = 1.0 / (255.0 * pool * pool);
        float[] x = new float[count * steps];
        float[] pooled = new float[steps];
        byte[] px = images.pixels();
        for (int i = 0; i < count; i++) {
            int base = (from + i) * rows * cols;
            for (int r = 0; r < pr; r++)
                for (int c = 0; c < pc; c++) {
                    int sum = 0;
                    for (int dr = 0; dr < pool; dr++) {
                        int rowStart = base + (r * pool + dr) * cols + c * pool;
                        for (int dc = 0; dc < pool; dc++) sum += px[rowStart + dc] & 0xff;
                    }
                    pooled[r * pc + c] = (float) (sum * scale);
                }
            int out = i * steps;
            for (int t = 0; t < steps; t++) x[out + t] = pooled[permutation[t]];
        }
        int[] y = new int[count];
        System.arraycopy(labels, from, y, 0, count);
        return new SequenceSet(x, y, count, steps, 1);
    }

    /** The identity order 0, 1, ..., n-1 (sMNIST's pixel order; also the unshuffled sample order). */
    public static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    /** True for psmnist, false for smnist. */
    private static boolean validateTask(String task) {
        if ("smnist".equals(task)) return false;
        if ("psmnist".equals(task)) return true;
        throw new UserError("data.task = " + (task == null ? "(missing)" : "'" + task + "'")
                + " is not a known task; use smnist or psmnist");
    }

    private static void checkPool(int pool, int rows, int cols) {
        if (pool < 1 || rows % pool != 0 || cols % pool != 0)
            throw new UserError("data.pool = " + pool + " does not divide the " + rows + "x" + cols
                    + " image; use 1, 2, 4, 7 or 14");
    }

    private static void checkSubset(String key, int value, int available, String split) {
        subset(key, value, available, split);
    }

    /** The number of samples a subset key asks for: 0 means all. */
    private static int subset(String key, int value, int available, String split) {
        if (value < 0)
            throw new UserError(key + " = " + value + " is negative; use 0 (all " + available + " " + split
                    + " samples) or a count up to " + available);
        if (value > available)
            throw new UserError(key + " = " + value + " is more than the " + available + " " + split
                    + " samples; use 0 (all) or a count up to " + available);
        return value == 0 ? available : value;
    }

    /**
     * The data folder: as given when it exists or is absolute; a relative one that does not exist
     * here is looked up in the project folder the launcher names ({@code neuradapt.home}), so a run
     * folder's {@code data.dir: data} works from any working directory.
     */
    static Path dataDir(String dir) {
        Path p = Path.of(dir);
        if (p.isAbsolute() || java.nio.file.Files.isDirectory(p)) return p;
        String home = System.getProperty("neuradapt.home");
        if (home != null && java.nio.file.Files.isDirectory(Path.of(home).resolve(p))) return Path.of(home).resolve(p);
        return p;
    }
}
