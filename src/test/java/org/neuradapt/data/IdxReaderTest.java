package org.neuradapt.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {
    @TempDir Path tmp;

    @Test
    void imagesAndLabelsRoundTripPlain() throws Exception {
        IdxImages im = Fixtures.images(5, 4, 3);
        int[] y = {3, 1, 4, 1, 5};
        Files.write(tmp.resolve("im"), Fixtures.imageBytes(im));
        Files.write(tmp.resolve("lb"), Fixtures.labelBytes(y));
        IdxImages back = IdxReader.readImages(tmp.resolve("im"));
        assertEquals(5, back.count());
        assertEquals(4, back.rows());
        assertEquals(3, back.cols());
        assertArrayEquals(im.pixels(), back.pixels());
        assertArrayEquals(y, IdxReader.readLabels(tmp.resolve("lb")));
    }

    @Test
    void imagesAndLabelsRoundTripGzip() throws Exception {
        IdxImages im = Fixtures.images(6, 2, 5);
        int[] y = {9, 0, 200, 7, 1, 2}; // 200 checks the unsigned read
        Files.write(tmp.resolve("im.gz"), Fixtures.gzip(Fixtures.imageBytes(im)));
        // no .gz suffix: the magic bytes alone must select gunzip
        Files.write(tmp.resolve("lb"), Fixtures.gzip(Fixtures.labelBytes(y)));
        IdxImages back = IdxReader.readImages(tmp.resolve("im.gz"));
        assertArrayEquals(im.pixels(), back.pixels());
        assertEquals(6, back.count());
        assertArrayEquals(y, IdxReader.readLabels(tmp.resolve("lb")));
    }

    @Test
    void pixelAccessorIsUnsigned() {
        IdxImages im = new IdxImages(new byte[]{(byte) 255, 0, 1, (byte) 128}, 1, 2, 2);
        assertEquals(255, im.pixel(0, 0, 0));
        assertEquals(128, im.pixel(0, 1, 1));
    }

    @Test
    void truncatedImageFileNamesFileAndSizes() throws Exception {
        byte[] full = Fixtures.imageBytes(Fixtures.images(3, 4, 4));
        Path f = tmp.resolve("train-images-idx3-ubyte");
        Files.write(f, Arrays.copyOf(full, full.length - 5));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is truncated: expected " + full.length + " bytes, found " + (full.length - 5)),
                e.getMessage());
        assertTrue(e.getMessage().contains("./neuradapt data fetch"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndLabels() throws Exception {
        Path f = tmp.resolve("short");
        Files.write(f, Arrays.copyOf(Fixtures.imageBytes(Fixtures.images(1, 2, 2)), 10));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path l = tmp.resolve("labels");
        byte[] lb = Fixtures.labelBytes(new int[]{1, 2, 3});
        Files.write(l, Arrays.copyOf(lb, lb.length - 1));
        UserError e2 = assertThrows(UserError.class, () -> IdxReader.readLabels(l));
        assertTrue(e2.getMessage().contains(l + " is truncated: expected 11 bytes, found 10"), e2.getMessage());
    }

    @Test
    void truncatedGzipIsUserError() throws Exception {
        byte[] gz = Fixtures.gzip(Fixtures.imageBytes(Fixtures.images(20, 28, 28)));
        Path f = tmp.resolve("x.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() throws Exception {
        byte[] full = Fixtures.labelBytes(new int[]{1, 2});
        Path f = tmp.resolve("long");
        Files.write(f, Arrays.copyOf(full, full.length + 3));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("expected 10 bytes, found 13"), e.getMessage());
    }

    @Test
    void wrongMagicNamesFile() throws Exception {
        Path f = tmp.resolve("labels-not-images");
        Files.write(f, Fixtures.labelBytes(new int[]{1, 2, 3}));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());
        Path g = tmp.resolve("images-not-labels");
        Files.write(g, Fixtures.imageBytes(Fixtures.images(1, 1, 1)));
        assertThrows(UserError.class, () -> IdxReader.readLabels(g));
    }

    @Test
    void missingFileIsUserError() {
        Path f = tmp.resolve("nope");
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("data fetch"), e.getMessage());
    }
}
