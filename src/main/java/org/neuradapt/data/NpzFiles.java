package org.neuradapt.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a NumPy .npz (docs/export.md, "Format") into its arrays by name, without the ".npy" of
 * the zip entries: the one reader of exports, imported weights, recorded trajectories and .npz
 * datasets. ND4J's reader takes stored (numpy.savez) entries, not numpy.savez_compressed.
 */
public final class NpzFiles {
    private NpzFiles() {}

    /**
     * The arrays in the reader's order.
     *
     * @throws IOException with ND4J's reason when the file is not an .npz it reads
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        Map<String, INDArray> raw;
        try {
            raw = Nd4j.createFromNpzFile(file.toFile());
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k.replaceFirst("\\.npy$", ""), v));
        return out;
    }
}
