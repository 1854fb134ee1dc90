package org.neuradapt.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuradapt.data.IdxReader;
import org.neuradapt.data.MnistFiles;

/**
 * Tiny generated MNIST files for sweep tests: 60 training and 20 test images of 28x28, of which
 * the last {@link #VAL} training images are the validation split. Real MNIST is not needed, and
 * the checksums that the stand-in trainer checks are those of these files.
 */
final class SweepFixtures {
    static final int TRAIN = 60, TEST = 20, VAL = 20;

    private SweepFixtures() {}

    static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(MnistFiles.TRAIN_IMAGES, images(TRAIN, 0));
        m.put(MnistFiles.TRAIN_LABELS, labels(TRAIN));
        m.put(MnistFiles.TEST_IMAGES, images(TEST, 1000));
        m.put(MnistFiles.TEST_LABELS, labels(TEST));
        return m;
    }

    static Map<String, String> checksums() {
        Map<String, String> m = new LinkedHashMap<>();
        files().forEach((name, bytes) -> m.put(name, MnistFiles.sha256Hex(bytes)));
        return m;
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files().entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
    }

    /** Image i of class i mod 10 is bright in a band whose height depends on the class, so there is something to learn. */
    private static byte[] images(int count, int offset) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 28 * 28);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count; i++)
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++)
                    b.put((byte) (r / 3 == i % 10 ? 200 + (i + offset + c) % 50 : (i + offset + r + c) % 20));
        return b.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) b.put((byte) (i % 10));
        return b.array();
    }
}
