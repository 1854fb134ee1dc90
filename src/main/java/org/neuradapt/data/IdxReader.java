package org.neuradapt.data;

import org.neuradapt.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files MNIST ships in (docs/science.md section 3): a big-endian header of a magic
 * number (0x00000803 for images, 0x00000801 for labels) and one int per dimension, then unsigned
 * bytes. Files may be plain or gzip. Every problem with a file is a {@link UserError} naming it,
 * because the only fix is for the user to replace the file.
 */
public final class IdxReader {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    private static final String REFETCH = "delete it and run ./neuradapt data fetch";

    private IdxReader() {}

    /** Images from a plain or gzip IDX file. */
    public static IdxImages readImages(Path file) {
        return parseImages(readUncompressed(file), file.toString());
    }

    /** Labels (0..255) from a plain or gzip IDX file. */
    public static int[] readLabels(Path file) {
        return parseLabels(readUncompressed(file), file.toString());
    }

    /**
     * The file's bytes, gunzipped when it is gzip. Gzip is detected by its magic bytes 1f 8b:
     * an IDX file always starts with two zero bytes, so the test cannot be fooled, and a file
     * whose {@code .gz} name no longer matches its content (gunzipped in place) still loads.
     */
    public static byte[] readUncompressed(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + " does not exist; run ./neuradapt data fetch");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + "); check its permissions or "
                    + REFETCH, e);
        }
        if (!isGzip(raw)) return raw;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            // a cut-off download ends the deflate stream early: same fix as a short plain file
            throw new UserError(file + " is a truncated or corrupt gzip file (" + e.getMessage() + "); " + REFETCH, e);
        } catch (IOException e) {
            throw new UserError("cannot gunzip " + file + " (" + e.getMessage() + "); " + REFETCH, e);
        }
    }

    /** True when the bytes start with the gzip magic 1f 8b. */
    public static boolean isGzip(byte[] raw) {
        return raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
    }

    /** Parses an uncompressed IDX image file; {@code name} is only used in messages. */
    public static IdxImages parseImages(byte[] data, String name) {
        int[] dims = header(data, name, IMAGES_MAGIC, 3, "image");
        long expected = 16L + (long) dims[0] * dims[1] * dims[2];
        checkLength(data, expected, name);
        byte[] pixels = new byte[(int) (expected - 16)];
        System.arraycopy(data, 16, pixels, 0, pixels.length);
        return new IdxImages(pixels, dims[0], dims[1], dims[2]);
    }

    /** Parses an uncompressed IDX label file; {@code name} is only used in messages. */
    public static int[] parseLabels(byte[] data, String name) {
        int[] dims = header(data, name, LABELS_MAGIC, 1, "label");
        checkLength(data, 8L + dims[0], name);
        int[] labels = new int[dims[0]];
        for (int i = 0; i < labels.length; i++) labels[i] = data[8 + i] & 0xff;
        return labels;
    }

    private static int[] header(byte[] data, String name, int magic, int rank, String kind) {
        int headerBytes = 4 + 4 * rank;
        if (data.length < 4)
            throw new UserError(name + " is truncated: expected at least " + headerBytes + " bytes, found "
                    + data.length + "; " + REFETCH);
        ByteBuffer buf = ByteBuffer.wrap(data); // big-endian by default, as IDX is
        int found = buf.getInt();
        if (found != magic)
            throw new UserError(name + " is not an IDX " + kind + " file (magic 0x" + String.format("%08x", found)
                    + ", expected 0x" + String.format("%08x", magic) + "); " + REFETCH);
        if (data.length < headerBytes)
            throw new UserError(name + " is truncated: expected at least " + headerBytes + " bytes, found "
                    + data.length + "; " + REFETCH);
        int[] dims = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = buf.getInt();
            if (dims[d] < 0)
                throw new UserError(name + " has a negative dimension " + dims[d] + " in its header; " + REFETCH);
            total *= dims[d];
        }
        // Java arrays are int-indexed; a header this large can only come from a corrupt file
        if (total > Integer.MAX_VALUE - 64)
            throw new UserError(name + " claims " + total + " values, more than a Java array holds; " + REFETCH);
        return dims;
    }

    private static void checkLength(byte[] data, long expected, String name) {
        if (data.length < expected)
            throw new UserError(name + " is truncated: expected " + expected + " bytes, found " + data.length
                    + "; " + REFETCH);
        // trailing bytes mean the header and the content disagree: the file is not what it claims
        if (data.length > expected)
            throw new UserError(name + " is longer than its header says: expected " + expected + " bytes, found "
                    + data.length + "; " + REFETCH);
    }
}
