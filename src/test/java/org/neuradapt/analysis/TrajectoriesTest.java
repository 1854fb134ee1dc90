package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;

/** Trajectory recordings (docs/science.md section 5.10): the indices kept are exactly those asked for, and the .npz reads back in ND4J. */
class TrajectoriesTest {
    @TempDir Path tmp;

    static final int T = 12, N = 7, M = 3;

    /** a value that names its own sample, step, neuron and controller unit */
    static double code(int sample, int t, int i, int m) { return 1000 * sample + 10 * t + i + 0.1 * m; }

    /** A recorder whose recording of sample b at (t, i, m) is {@link #code}; it logs the chunks it is asked for. */
    static Trajectories.Recorder recorder(List<int[]> calls) {
        return samples -> {
            calls.add(samples.clone());
            int b = samples.length;
            double[] h = new double[b * T * N], g = new double[b * T * N * M];
            for (int s = 0; s < b; s++)
                for (int t = 0; t < T; t++)
                    for (int i = 0; i < N; i++) {
                        h[(s * T + t) * N + i] = code(samples[s], t, i, 0);
                        for (int m = 0; m < M; m++) g[((s * T + t) * N + i) * M + m] = code(samples[s], t, i, m);
                    }
            return Map.of("h", Nd4j.createFromArray(h).reshape(b, T, N), "g", Nd4j.createFromArray(g).reshape(b, T, N, M));
        };
    }

    @Test
    void indexSelectionsAreReadExactly() {
        assertArrayEquals(new int[] {0, 1, 2}, Trajectories.parseIndices("--samples", "3", 10, "samples"));
        assertArrayEquals(new int[] {1, 3, 9}, Trajectories.parseIndices("--neurons", "9, 1,3", 10, "neurons"));
        assertArrayEquals(new int[] {2, 5, 8}, Trajectories.parseIndices("--steps", "2:11:3", 11, "steps"));
        assertArrayEquals(new int[] {4, 5}, Trajectories.parseIndices("--steps", "4:6", 11, "steps"));
        String[][] bad = {{"0:12", "does not fit"}, {"5:5", "does not fit"}, {"0:4:0", "does not fit"}, {"1,1", "twice"}, {"3,11", "outside"},
                {"-1,2", "outside"}, {"0", "count"}, {"12", "count"}, {"x", "cannot read"}, {"1:2:3:4", "cannot read"}, {"", "cannot read"}};
        for (String[] b : bad) {
            UserError e = assertThrows(UserError.class, () -> Trajectories.parseIndices("--steps", b[0], 11, "steps"), b[0]);
            assertTrue(e.getMessage().startsWith("--steps") && e.getMessage().contains(b[1]), e.getMessage());
        }
    }

    @Test
    void theRecordingKeepsExactlyTheRequestedSamplesStepsAndNeurons() {
        Trajectories.Selection sel = new Trajectories.Selection(new int[] {1, 4, 5, 9}, new int[] {0, 3, 11}, new int[] {2, 6});
        Map<String, INDArray> first = null;
        for (int chunk : new int[] {1, 3, 100}) {
            List<int[]> calls = new ArrayList<>();
            Map<String, INDArray> r = Trajectories.record(sel, List.of("h", "g"), chunk, recorder(calls), Progress.NONE);
            assertArrayEquals(new long[] {4, 3, 2}, r.get("h").shape());
            assertArrayEquals(new long[] {4, 3, 2, M}, r.get("g").shape());
            for (int b = 0; b < 4; b++)
                for (int t = 0; t < 3; t++)
                    for (int i = 0; i < 2; i++) {
                        int sample = sel.samples()[b], step = sel.steps()[t], neuron = sel.neurons()[i];
                        assertEquals(code(sample, step, neuron, 0), r.get("h").getDouble(b, t, i), 1e-3);
                        for (int m = 0; m < M; m++) assertEquals(code(sample, step, neuron, m), r.get("g").getDouble(b, t, i, m), 1e-3);
                    }
            // the network runs chunk by chunk, each on at most `chunk` of the selected samples, every sample once
            assertEquals((4 + chunk - 1) / chunk, calls.size());
            assertArrayEquals(sel.samples(), calls.stream().flatMapToInt(java.util.Arrays::stream).toArray());
            if (first == null) first = r;
            else assertEquals(first, r, "the chunk size changes nothing");
        }
        assertEquals(4 * (4 * 3 * 2 + 4 * 3 * 2 * M) + 4 * (4 + 3 + 2), Trajectories.bytes(sel, List.of("h", "g"), M));
    }

    @Test
    void theArchiveReadsBackThroughNd4jWithTheNamesOfDocsExport() throws Exception {
        Trajectories.Selection sel = new Trajectories.Selection(new int[] {0, 2}, Trajectories.range(1, 12, 5), new int[] {0, 3, 6});
        Map<String, INDArray> rec = Trajectories.record(sel, List.of("h", "g"), 1, recorder(new ArrayList<>()), Progress.NONE);
        Trajectories.Recording recording = new Trajectories.Recording(Source.synthetic("x"), Map.of(), sel, rec);
        Path file = Files.write(tmp.resolve("trajectories.npz"), recording.archive().toBytes());
        Map<String, INDArray> z = Nd4j.createFromNpzFile(file.toFile());
        assertEquals(java.util.Set.of("h", "g", "samples", "steps", "neurons"), z.keySet());
        assertArrayEquals(new long[] {2, 3, 3}, z.get("h").shape());
        assertArrayEquals(new long[] {2, 3, 3, M}, z.get("g").shape());
        assertEquals(DataType.FLOAT, z.get("h").dataType());
        assertArrayEquals(new double[] {0, 2}, z.get("samples").toDoubleVector());
        assertArrayEquals(new double[] {1, 6, 11}, z.get("steps").toDoubleVector());
        assertArrayEquals(new double[] {0, 3, 6}, z.get("neurons").toDoubleVector());
        assertEquals((float) code(2, 11, 6, 0), z.get("h").getFloat(1, 2, 2));
        assertEquals((float) code(2, 6, 3, 2), z.get("g").getFloat(1, 1, 1, 2));
    }
}
