package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.network.fused.FastKernels;
import org.neuradapt.neuron.ModelRegistry;

/**
 * The contract every registered built-in model keeps (docs/science.md sections 2 and 10), run over
 * {@link ModelRegistry#MODELS}, so that a new row is tested without touching this file: its layer
 * model has exactly the forms the registry states; its fused network's gradients (for a spiking
 * layer, its smooth twin's, section 10.4) match central differences, input and drive included;
 * one seed gives one network, bit for bit; and every signal it declares is recorded, finite, per
 * sample and step. Fused against SameDiff: FusedNetworkEqualityTest (same registry list); the
 * stateful models against their reference step: StatefulNetworkTest; the ARUN against its
 * reference step: ArunReferenceTest.
 */
class ModelContractTest {
    static final int T = NetworkGradientTest.T, I = NetworkGradientTest.I, N = NetworkGradientTest.N, M = NetworkGradientTest.M, C = 5, B = 3;

    static Stream<String> builtIns() { return ModelRegistry.MODELS.stream().filter(ModelRegistry.Model::builtIn).map(ModelRegistry.Model::id); }

    static ModelConfig config(String id) { return new ModelConfig(id, N, M, 3.0, 0.4, null, null, Map.of(), "auto"); }

    static double[] values(INDArray a) { return a.dup('c').castTo(DataType.DOUBLE).data().asDouble(); }

    @ParameterizedTest
    @MethodSource("builtIns")
    void theLayerModelHasTheFormsTheRegistryStates(String id) {
        ModelRegistry.Model row = ModelRegistry.find(id).orElseThrow();
        LayerModel layer = ModelFactory.layer(config(id));
        assertTrue(layer.fused(id, N, M, FastKernels.Options.defaults()).isPresent() && layer.hasFusedForm(), id + " has no fused kernel");
        assertEquals(row.paths() == ModelRegistry.Paths.FUSED_AND_SAMEDIFF, layer.hasGraphForm(), id + ": SameDiff form");
        assertEquals(row.paths() == ModelRegistry.Paths.FUSED_ONLY, layer instanceof LayerModel.Stateful, id + ": a neuron with its own state");
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void fusedGradientsMatchCentralDifferences(String id) {
        ModelConfig m = config(id);
        LayerModel layer = ModelFactory.layer(m);
        if (layer instanceof LayerModel.Stateful z) layer = new LayerModel.Stateful(z.neuron().smoothTwin());
        Network net = ModelFactory.create(m, layer, I, T, C, 7, DataType.DOUBLE);
        assertEquals("fused", net.backend());
        Batch batch = GradientCheck.batch(B, T, I, N, C, true, 11);
        List<GradientCheck.Row> rows = new ArrayList<>(GradientCheck.parameters(net, batch, GradientCheck.Tolerance.DOUBLE));
        rows.addAll(GradientCheck.inputs(net, batch, GradientCheck.Tolerance.DOUBLE));
        for (GradientCheck.Row r : rows) assertTrue(r.pass(), id + ": " + r);
        assertTrue(rows.stream().anyMatch(r -> r.name().equals("drive")), id + ": drive gradient checked");
        assertEquals(net.parameters().size() + 2, rows.size(), id + ": every parameter, the input and the drive");
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void oneSeedOneNetworkAndEveryDeclaredSignalRecorded(String id) {
        Batch batch = GradientCheck.batch(B, T, I, N, C, true, 12);
        batch = new Batch(batch.x().castTo(DataType.FLOAT), batch.drive().castTo(DataType.FLOAT), batch.labels().castTo(DataType.FLOAT));
        Network a = ModelFactory.create(config(id), I, T, C, 5, DataType.FLOAT), b = ModelFactory.create(config(id), I, T, C, 5, DataType.FLOAT);
        Network.Gradients ga = a.lossAndGradients(batch), gb = b.lossAndGradients(batch);
        assertEquals(ga.loss(), gb.loss(), 0.0, id + ": loss");
        for (String k : a.parameters().keySet()) assertArrayEquals(values(ga.gradients().get(k)), values(gb.gradients().get(k)), 0.0, id + ": d loss/d " + k);
        assertFalse(a.signals().isEmpty(), id + " declares no signal");
        Map<String, INDArray> rec = a.record(batch, a.signals());
        for (String s : a.signals()) {
            INDArray v = rec.get(s);
            assertTrue(v != null && v.size(0) == B && v.size(1) == T, id + ": signal " + s + " is [B, T, ...]");
            for (double x : values(v)) assertTrue(Double.isFinite(x), id + ": signal " + s + " has " + x);
        }
    }
}
