package org.neuradapt.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A NumPy {@code .npz} archive in memory: one named array per tensor, each stored as float32 in C
 * order, so {@code numpy.load(file)[name]} alone reads it (docs/export.md). An {@code .npz} is a
 * zip of {@code .npy} files; each {@code .npy} is written by ND4J ({@code Nd4j.toNpyByteArray}),
 * not by hand. Entries are stored uncompressed, as {@code numpy.savez} writes them.
 */
public final class NumpyArchive {
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    /** Adds an array under {@code name} (letters, digits, '_' and '.'; unique), converted to float32, C order. */
    public NumpyArchive put(String name, INDArray array) {
        arrays.put(checked(name), array.castTo(DataType.FLOAT).dup('c'));
        return this;
    }

    /** Adds a text (UTF-8) as a uint8 array: {@code bytes(z[name]).decode()} in NumPy gives it back. */
    public NumpyArchive putText(String name, String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        INDArray a = Nd4j.create(DataType.UINT8, b.length);
        for (int i = 0; i < b.length; i++) a.putScalar(i, b[i] & 0xff);
        arrays.put(checked(name), a);
        return this;
    }

    /** Adds whole numbers as an int64 array (a seed: float32 would round it above 2^24). */
    public NumpyArchive putInt64(String name, long... values) {
        arrays.put(checked(name), Nd4j.createFromArray(values));
        return this;
    }

    /** A new array's name: letters, digits, '_' and '.', not yet in the archive. */
    private String checked(String name) {
        if (!name.matches("[A-Za-z0-9_.]+")) throw new IllegalArgumentException("array name '" + name + "' must be letters, digits, '_' or '.'");
        if (arrays.containsKey(name)) throw new IllegalArgumentException("array '" + name + "' is already in the archive");
        return name;
    }

    /** The text of a uint8 array written by {@link #putText}. */
    public static String text(INDArray a) {
        byte[] b = new byte[(int) a.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) a.getInt(i);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Adds a double array of the given shape. */
    public NumpyArchive put(String name, double[] values, long... shape) {
        return put(name, Nd4j.createFromArray(values).reshape(shape));
    }

    public Map<String, INDArray> arrays() { return java.util.Collections.unmodifiableMap(arrays); }

    /** The archive's bytes (a zip of NAME.npy entries, in the order added). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                byte[] npy = Nd4j.toNpyByteArray(e.getValue());
                // stored, not deflated, with sizes and CRC in the local header, as numpy.savez writes it:
                // ND4J's own reader (Nd4j.createFromNpzFile) reads only that form
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                entry.setCompressedSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // in memory: cannot happen
        }
        return bytes.toByteArray();
    }
}
