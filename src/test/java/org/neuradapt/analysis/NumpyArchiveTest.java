package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The .npz export: what numpy.load needs (zip of NAME.npy, float32, C order) and a round trip through ND4J's own reader. */
class NumpyArchiveTest {
    @TempDir Path tmp;

    @Test
    void roundTripThroughNd4jsReader() throws Exception {
        double[] v = new double[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.5 - 3;
        INDArray fortran = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).dup('f');  // stored column-major
        NumpyArchive npz = new NumpyArchive().put("h", v, 2, 3, 4).put("W", fortran).put("init.b", Nd4j.createFromArray(7.0, 8.0));
        Path file = tmp.resolve("x.npz");
        Files.write(file, npz.toBytes());
        Map<String, INDArray> back = Nd4j.createFromNpzFile(file.toFile());
        assertEquals(3, back.size());
        INDArray h = find(back, "h");
        assertArrayEquals(new long[] {2, 3, 4}, h.shape());
        assertEquals(DataType.FLOAT, h.dataType());
        assertEquals(-3 + 0.5 * (1 * 12 + 2 * 4 + 3), h.getDouble(1, 2, 3), 1e-6);  // C order: last index fastest
        assertEquals(6.0, find(back, "W").getDouble(1, 2), 0);
        assertEquals(4.0, find(back, "W").getDouble(1, 0), 0);
        assertEquals(8.0, find(back, "init.b").getDouble(1), 0);
    }

    @Test
    void entriesAreNpyFilesWithAFloat32COrderHeader() throws Exception {
        byte[] bytes = new NumpyArchive().put("W", Nd4j.rand(DataType.DOUBLE, 3, 5)).put("b", Nd4j.rand(DataType.FLOAT, 5)).toBytes();
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                names.add(e.getName());
                byte[] npy = zip.readAllBytes();
                // the .npy format: magic \x93NUMPY, version, header length, then a Python dict literal
                assertEquals((byte) 0x93, npy[0]);
                assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
                int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
                String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
                assertTrue(header.contains("'descr': '<f4'"), header);
                assertTrue(header.contains("'fortran_order': False"), header);
                assertTrue(header.contains(e.getName().equals("W.npy") ? "'shape': (3, 5)" : "'shape': (5,)"), header);
                long values = e.getName().equals("W.npy") ? 15 : 5;
                assertEquals(10 + headerLength + 4 * values, npy.length, "header then 4 bytes per value");
            }
        }
        assertEquals(List.of("W.npy", "b.npy"), names);
    }

    @Test
    void badNamesAndDuplicatesAreRefused() {
        NumpyArchive npz = new NumpyArchive().put("a", Nd4j.zeros(2));
        assertThrows(IllegalArgumentException.class, () -> npz.put("a", Nd4j.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> npz.put("../evil", Nd4j.zeros(2)));
    }

    /** ND4J's reader keys entries by file name; accept either "name" or "name.npy". */
    private static INDArray find(Map<String, INDArray> m, String name) {
        INDArray a = m.containsKey(name) ? m.get(name) : m.get(name + ".npy");
        if (a == null) throw new AssertionError("no array " + name + " in " + m.keySet());
        return a;
    }
}
