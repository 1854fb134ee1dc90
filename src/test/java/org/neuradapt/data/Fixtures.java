package org.neuradapt.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small generated IDX files so the data tests need no real MNIST. */
final class Fixtures {
    private Fixtures() {}

    /** count images of rows x cols; pixel (i, r, c) = (i * 7 + r * 3 + c) mod 256. */
    static IdxImages images(int count, int rows, int cols) {
        byte[] px = new byte[count * rows * cols];
        for (int i = 0; i < count; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) px[(i * rows + r) * cols + c] = (byte) ((i * 7 + r * 3 + c) % 256);
        return new IdxImages(px, count, rows, cols);
    }

    /** Labels i mod 10. */
    static int[] labels(int count) {
        int[] y = new int[count];
        for (int i = 0; i < count; i++) y[i] = i % 10;
        return y;
    }

    static byte[] imageBytes(IdxImages im) {
        ByteBuffer b = ByteBuffer.allocate(16 + im.pixels().length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(im.count()).putInt(im.rows()).putInt(im.cols()).put(im.pixels());
        return b.array();
    }

    static byte[] labelBytes(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int y : labels) b.put((byte) y);
        return b.array();
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small MNIST-like data set: 60 train and 20 test images of 28x28. */
    static MnistData smallMnist() {
        return new MnistData(images(60, 28, 28), labels(60), images(20, 28, 28), labels(20));
    }

    /** The four uncompressed files of {@code data}, by MNIST name. */
    static Map<String, byte[]> fileBytes(MnistData data) {
        Map<String, byte[]> m = new HashMap<>();
        m.put(MnistFiles.TRAIN_IMAGES, imageBytes(data.trainImages()));
        m.put(MnistFiles.TRAIN_LABELS, labelBytes(data.trainLabels()));
        m.put(MnistFiles.TEST_IMAGES, imageBytes(data.testImages()));
        m.put(MnistFiles.TEST_LABELS, labelBytes(data.testLabels()));
        return m;
    }

    /** Checksums of the uncompressed files of {@code data}. */
    static Map<String, String> checksums(MnistData data) {
        Map<String, String> m = new HashMap<>();
        fileBytes(data).forEach((name, bytes) -> m.put(name, MnistFiles.sha256Hex(bytes)));
        return m;
    }

    /** Writes the four files of {@code data} into {@code folder}, gzipped when {@code gz}. */
    static void write(Path folder, MnistData data, boolean gz) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> e : fileBytes(data).entrySet())
            Files.write(folder.resolve(gz ? e.getKey() + ".gz" : e.getKey()), gz ? gzip(e.getValue()) : e.getValue());
    }
}
