package org.neuradapt.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MnistFilesTest {
    @TempDir Path tmp;
    final MnistData data = Fixtures.smallMnist();
    final MnistFiles files = MnistFiles.withChecksums(Fixtures.checksums(data));

    @Test
    void loadsPlainFiles() throws Exception {
        Fixtures.write(tmp, data, false);
        MnistData back = files.load(tmp);
        assertArrayEquals(data.trainImages().pixels(), back.trainImages().pixels());
        assertArrayEquals(data.trainLabels(), back.trainLabels());
        assertArrayEquals(data.testImages().pixels(), back.testImages().pixels());
        assertArrayEquals(data.testLabels(), back.testLabels());
    }

    @Test
    void loadsGzipFilesWithChecksumOfUncompressedBytes() throws Exception {
        Fixtures.write(tmp, data, true);
        assertEquals(tmp.resolve(MnistFiles.TRAIN_IMAGES + ".gz"), files.locate(tmp).get(MnistFiles.TRAIN_IMAGES));
        assertArrayEquals(data.testLabels(), files.load(tmp).testLabels());
    }

    @Test
    void missingFolderMessageNamesFolderAndFix() {
        Path dir = tmp.resolve("nowhere");
        UserError e = assertThrows(UserError.class, () -> files.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("run ./neuradapt data fetch, or put the four MNIST IDX files (plain or .gz) in "
                + dir), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingFileIsListed() throws Exception {
        Fixtures.write(tmp, data, false);
        Files.delete(tmp.resolve(MnistFiles.TEST_LABELS));
        UserError e = assertThrows(UserError.class, () -> files.locate(tmp));
        assertTrue(e.getMessage().contains("(" + MnistFiles.TEST_LABELS + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("./neuradapt data fetch"), e.getMessage());
    }

    @Test
    void checksumMismatchNamesFile() throws Exception {
        Map<String, String> wrong = new HashMap<>(Fixtures.checksums(data));
        wrong.put(MnistFiles.TRAIN_LABELS, "00".repeat(32));
        Fixtures.write(tmp, data, true);
        UserError e = assertThrows(UserError.class, () -> MnistFiles.withChecksums(wrong).load(tmp));
        Path f = tmp.resolve(MnistFiles.TRAIN_LABELS + ".gz");
        assertTrue(e.getMessage().contains(f + " has SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("00".repeat(32)), e.getMessage());
        assertFalse(MnistFiles.withChecksums(wrong).isValid(f, MnistFiles.TRAIN_LABELS));
        assertTrue(files.isValid(f, MnistFiles.TRAIN_LABELS));
    }

    @Test
    void standardChecksumsRejectGeneratedFiles() throws Exception {
        Fixtures.write(tmp, data, false);
        UserError e = assertThrows(UserError.class, () -> MnistFiles.standard().load(tmp));
        assertTrue(e.getMessage().contains("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                e.getMessage());
    }

    @Test
    void truncatedFileIsReportedAsTruncatedNotAsChecksum() throws Exception {
        Fixtures.write(tmp, data, false);
        Path f = tmp.resolve(MnistFiles.TEST_IMAGES);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        UserError e = assertThrows(UserError.class, () -> files.load(tmp));
        assertTrue(e.getMessage().startsWith(f + " is truncated: expected " + b.length + " bytes, found "
                + (b.length - 100)), e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it and run ./neuradapt data fetch"), e.getMessage());
    }

    @Test
    void torchvisionRootLayout() throws Exception {
        Path raw = tmp.resolve("MNIST").resolve("raw");
        Fixtures.write(raw, data, true);
        assertEquals(raw.resolve(MnistFiles.TEST_LABELS + ".gz"), files.locate(tmp).get(MnistFiles.TEST_LABELS));
        assertArrayEquals(data.trainLabels(), files.load(tmp).trainLabels());
        // pointing at MNIST/ or at raw/ itself works too
        assertArrayEquals(data.trainLabels(), files.load(tmp.resolve("MNIST")).trainLabels());
        assertArrayEquals(data.trainLabels(), files.load(raw).trainLabels());
    }

    @Test
    void plainWinsOverGzWhenBothPresent() throws Exception {
        Fixtures.write(tmp, data, true);
        Fixtures.write(tmp, data, false);
        assertEquals(tmp.resolve(MnistFiles.TRAIN_IMAGES), files.locate(tmp).get(MnistFiles.TRAIN_IMAGES));
    }

    @Test
    void countMismatchBetweenImagesAndLabelsNamesBoth() throws Exception {
        MnistData other = new MnistData(Fixtures.images(60, 28, 28), Fixtures.labels(60),
                Fixtures.images(20, 28, 28), Fixtures.labels(20));
        Fixtures.write(tmp, other, false);
        Files.write(tmp.resolve(MnistFiles.TEST_LABELS), Fixtures.labelBytes(Fixtures.labels(19)));
        Map<String, String> sums = new HashMap<>(Fixtures.checksums(other));
        sums.put(MnistFiles.TEST_LABELS, MnistFiles.sha256Hex(Fixtures.labelBytes(Fixtures.labels(19))));
        UserError e = assertThrows(UserError.class, () -> MnistFiles.withChecksums(sums).load(tmp));
        assertTrue(e.getMessage().contains(MnistFiles.TEST_IMAGES) && e.getMessage().contains(MnistFiles.TEST_LABELS),
                e.getMessage());
    }

    @Test
    void summaryOfGeneratedData() {
        MnistFiles.Summary s = MnistFiles.summarize(data);
        assertArrayEquals(new int[]{6, 6, 6, 6, 6, 6, 6, 6, 6, 6}, s.trainLabelCounts());
        assertEquals(0, s.firstTrainLabel());
        long sum = 0;
        for (byte b : data.trainImages().pixels()) sum += b & 0xff;
        assertEquals(sum / 255.0 / data.trainImages().pixels().length, s.meanTrainPixel(), 1e-12);
        assertFalse(s.matchesReference());
    }
}
