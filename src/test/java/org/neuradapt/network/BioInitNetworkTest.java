package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.InitShapes;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.neuron.ShapeAssignment;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;

/** A biologically initialised rnn_gamma_het starts from its assignment on both backends (docs/science.md section 9.2). */
class BioInitNetworkTest {
    static final int N = 9;

    static ModelConfig model(Path table, String backend) {
        return ConfigLoader.fromString("", List.of("model.type=rnn_gamma_het", "model.hidden=" + N, "model.backend=" + backend,
                "model.init_shape.from=" + table, "model.init_shape.mix.izhikevich:RS=0.6",
                "model.init_shape.mix.izhikevich:FS=0.4", "model.init_shape.jitter_n=0.2")).model();
    }

    static Path table(Path dir) throws Exception {
        return Files.writeString(dir.resolve("fit.csv"), "model,preset,n,s\nizhikevich,RS,4.0,0.05\nizhikevich,FS,8.0,0.3\n");
    }

    static double[] values(INDArray a) { return a.castTo(DataType.DOUBLE).data().asDouble(); }

    @Test
    void fusedAndSameDiffStartFromTheSameAssignedShapes(@TempDir Path dir) throws Exception {
        Path table = table(dir);
        ModelConfig fusedCfg = model(table, "auto"), graphCfg = model(table, "samediff");
        ShapeAssignment a = InitShapes.assignment(fusedCfg, 11);
        assertEquals(Map.of("izhikevich:RS", 5, "izhikevich:FS", 4), a.countByType()); // 5.4 and 3.6 rounded
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Network fused = ModelFactory.create(fusedCfg, 1, 5, 3, 11, dt), graph = ModelFactory.create(graphCfg, 1, 5, 3, 11, dt);
            assertEquals("fused", fused.backend());
            assertEquals("samediff", graph.backend());
            for (String k : graph.parameters().keySet())
                assertArrayEquals(values(graph.parameters().get(k)), values(fused.parameters().get(k)), 0.0, k + " " + dt);
            double tol = dt == DataType.DOUBLE ? 0 : 1e-6;
            assertArrayEquals(a.n(), values(fused.parameters().get(Parameters.GAIN)), tol * 10);
            assertArrayEquals(a.s(), values(fused.parameters().get(Parameters.SATURATION)), tol);
        }
        // everything but n and s is the paper's init of the same seed
        ModelConfig plain = ConfigLoader.fromString("", List.of("model.type=rnn_gamma_het", "model.hidden=" + N)).model();
        Network paper = ModelFactory.create(plain, 1, 5, 3, 11, DataType.DOUBLE), bio = ModelFactory.create(fusedCfg, 1, 5, 3, 11, DataType.DOUBLE);
        for (String k : paper.parameters().keySet()) {
            if (k.equals(Parameters.GAIN) || k.equals(Parameters.SATURATION))
                assertNotEquals(paper.parameters().get(k), bio.parameters().get(k), k);
            else assertArrayEquals(values(paper.parameters().get(k)), values(bio.parameters().get(k)), 0.0, k);
        }
    }

    @Test
    void aTrainedRunRecordsWhichNeuronIsWhichType(@TempDir Path dir) throws Exception {
        Path table = table(dir);
        Path run = SyntheticTask.trainedRun(dir, "rnn_gamma_het", 5, "model.init_shape.from=" + table,
                "model.init_shape.mix.izhikevich:RS=0.5", "model.init_shape.mix.izhikevich:FS=0.5");
        List<String> rows = Files.readAllLines(run.resolve(RunFolder.INIT_SHAPE));
        assertEquals(ShapeAssignment.HEADER, rows.get(0));
        assertEquals(6 + 1, rows.size()); // SyntheticTask's hidden = 6
        assertEquals(3, rows.stream().filter(r -> r.contains(",izhikevich:FS,8.0,0.3")).count());
        assertEquals(3, rows.stream().filter(r -> r.contains(",izhikevich:RS,4.0,0.05")).count());
        String config = Files.readString(run.resolve(RunFolder.CONFIG));
        assertTrue(config.contains(org.neuradapt.data.MnistFiles.sha256Hex(Files.readAllBytes(table))), config);
    }
}
