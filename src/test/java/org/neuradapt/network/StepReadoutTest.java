package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.config.ModelConfig;

/**
 * The per-step read-out (docs/tasks.md, "Targets"): for every built-in model (spiking layers through
 * their smooth twins, whose leaky read-out trace is then differentiated too) and both per-step
 * read-outs, the fused gradients of the masked loss match central differences of the loss computed
 * independently from the logits ({@link Score}), input and drive included; a class at the last
 * step only is the paper's read-out, to rounding; the shards add up to the batch; a mask that
 * counts nothing gives no gradient; the unrolled SameDiff graph computes the same loss, logits and
 * gradients with SameDiff's autodiff (every model with a graph form); the stepped graph refuses it.
 */
class StepReadoutTest {
    static final int T = ModelContractTest.T, I = ModelContractTest.I, N = ModelContractTest.N, C = 3, B = 4;

    static Stream<Arguments> cases() {
        return ModelContractTest.builtIns().flatMap(id -> Stream.of(Arguments.of(id, Readout.STEP_VALUES), Arguments.of(id, Readout.STEP_CLASSES)));
    }

    /** A batch with per-step targets and a mask holding zeros, fractions and ones (every sample counts some step). */
    static Batch batch(Readout readout, long seed, boolean mask) {
        Batch base = GradientCheck.batch(B, T, I, N, C, true, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        int[] classes = readout == Readout.STEP_CLASSES ? new int[B * T] : null;
        double[] values = readout == Readout.STEP_VALUES ? new double[B * T * C] : null, m = mask ? new double[B * T] : null;
        for (int i = 0; i < B * T; i++) {
            if (classes != null) classes[i] = r.nextInt(C);
            if (m != null) m[i] = i % T == T - 1 ? 1 : new double[] {0, 0.5, 1}[r.nextInt(3)];
        }
        if (values != null) for (int i = 0; i < values.length; i++) values[i] = 2 * r.nextDouble() - 1;
        return new Batch(base.x(), base.drive(), null, new Targets(readout, classes, values, m));
    }

    static Network network(String id, LayerModel layer, int shards, Readout readout) {
        ModelConfig m = ModelContractTest.config(id);
        return ModelFactory.create(m, layer, I, T, C, 7, DataType.DOUBLE, shards, readout);
    }

    static LayerModel smooth(String id) {
        LayerModel layer = ModelFactory.layer(ModelContractTest.config(id));
        return layer instanceof LayerModel.Stateful z ? new LayerModel.Stateful(z.neuron().smoothTwin()) : layer;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void maskedStepGradientsMatchCentralDifferences(String id, Readout readout) {
        Network net = network(id, smooth(id), 2, readout);
        assertEquals(readout, net.readout());
        Batch batch = batch(readout, 21, true);
        INDArray logits = net.logits(batch);
        assertArrayEquals(new long[] {B, T, C}, logits.shape(), id + ": per-step logits are [B, T, C]");
        assertEquals(Score.of(logits, batch).meanLoss(), net.lossAndGradients(batch).loss(), 1e-12, id + ": the kernel's loss is the scored one");
        List<GradientCheck.Row> rows = new ArrayList<>(GradientCheck.parameters(net, batch, GradientCheck.Tolerance.DOUBLE));
        rows.addAll(GradientCheck.inputs(net, batch, GradientCheck.Tolerance.DOUBLE));
        for (GradientCheck.Row row : rows) assertTrue(row.pass(), id + " " + readout.id() + ": " + row);
        assertEquals(net.parameters().size() + 2, rows.size());
    }

    @ParameterizedTest
    @MethodSource("org.neuradapt.network.ModelContractTest#builtIns")
    void aClassAtTheLastStepOnlyIsThePapersReadout(String id) {
        LayerModel layer = smooth(id);
        Batch last = GradientCheck.batch(B, T, I, N, C, true, 5);
        int[] classes = new int[B * T];
        double[] mask = new double[B * T];
        for (int b = 0; b < B; b++) {
            classes[b * T + T - 1] = org.neuradapt.training.Evaluation.argmax(last.labels(), b);
            mask[b * T + T - 1] = 1;
        }
        Batch steps = new Batch(last.x(), last.drive(), null, new Targets(Readout.STEP_CLASSES, classes, null, mask));
        Network a = network(id, layer, 2, Readout.LAST), b = network(id, layer, 2, Readout.STEP_CLASSES);
        Network.Gradients ga = a.lossAndGradients(last), gb = b.lossAndGradients(steps);
        boolean leaky = b.logits(steps).get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(T - 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).sub(a.logits(last)).amaxNumber().doubleValue() > 1e-12;
        assertTrue(!leaky, id + ": the last step's per-step logits are the last-step read-out's");
        assertEquals(ga.loss(), gb.loss(), 1e-12 * Math.max(1, Math.abs(ga.loss())), id + ": loss");
        for (String k : a.parameters().keySet())
            assertArrayEquals(ModelContractTest.values(ga.gradients().get(k)), ModelContractTest.values(gb.gradients().get(k)), 1e-10, id + ": d loss/d " + k);
    }

    /** Accuracy on the marked decision steps, each once, whatever the mask; the loss stays the masked mean. */
    @Test
    void decisionStepsScoreTheAccuracy() {
        // two sequences of 3 steps, 2 classes; logits favour class 0 everywhere
        INDArray logits = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[] {2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0}).reshape(2, 3, 2);
        int[] classes = {0, 0, 1, 0, 0, 0};
        double[] mask = {0.2, 0.2, 1, 0.2, 0.2, 1};
        Batch x = new Batch(org.nd4j.linalg.factory.Nd4j.zeros(2, 3, 1), null, null, new Targets(Readout.STEP_CLASSES, classes, null, mask));
        Batch d = new Batch(x.x(), null, null, new Targets(Readout.STEP_CLASSES, classes, null, mask, new boolean[] {false, false, true, false, false, true}));
        Score weighted = Score.of(logits, x), decided = Score.of(logits, d);
        assertEquals((0.2 + 0.2 + 0.2 + 0.2 + 1) / 2.8, weighted.accuracy(), 1e-12, "weighted over the counted steps");
        assertEquals(0.5, decided.accuracy(), 1e-12, "one of the two decision steps is right");
        assertEquals(weighted.meanLoss(), decided.meanLoss(), 0.0, "the loss does not change");
        assertThrows(IllegalArgumentException.class, () -> new Targets(Readout.STEP_VALUES, null, new double[6], null, new boolean[6]));
    }

    @Test
    void theShardsAddUpToTheBatch() {
        for (Readout readout : List.of(Readout.STEP_VALUES, Readout.STEP_CLASSES)) {
            Batch batch = batch(readout, 31, true);
            Network one = network("rnn_gamma_het", smooth("rnn_gamma_het"), 1, readout), three = network("rnn_gamma_het", smooth("rnn_gamma_het"), 3, readout);
            Network.Gradients g1 = one.lossAndGradients(batch), g3 = three.lossAndGradients(batch);
            assertEquals(g1.loss(), g3.loss(), 1e-12);
            assertArrayEquals(ModelContractTest.values(g1.logits()), ModelContractTest.values(g3.logits()), 1e-12);
            for (String k : one.parameters().keySet())
                assertArrayEquals(ModelContractTest.values(g1.gradients().get(k)), ModelContractTest.values(g3.gradients().get(k)), 1e-12, readout.id() + " " + k);
        }
    }

    @Test
    void aMaskThatCountsNoStepGivesNoGradient() {
        Batch full = batch(Readout.STEP_VALUES, 41, false);
        Batch none = new Batch(full.x(), full.drive(), null,
                new Targets(Readout.STEP_VALUES, null, full.targets().values(), new double[B * T]));
        Network net = network("rnn_relu", smooth("rnn_relu"), 2, Readout.STEP_VALUES);
        Network.Gradients g = net.lossAndGradients(none);
        assertEquals(0.0, g.loss());
        for (INDArray v : g.gradients().values()) assertEquals(0.0, v.amaxNumber().doubleValue());
        assertTrue(net.lossAndGradients(full).loss() > 0);
    }

    static Stream<Arguments> graphCases() {
        return org.neuradapt.neuron.ModelRegistry.MODELS.stream().filter(r -> r.builtIn() && r.paths() == org.neuradapt.neuron.ModelRegistry.Paths.FUSED_AND_SAMEDIFF)
                .flatMap(r -> Stream.of(Arguments.of(r.id(), Readout.STEP_VALUES), Arguments.of(r.id(), Readout.STEP_CLASSES)));
    }

    @ParameterizedTest
    @MethodSource("graphCases")
    void theUnrolledSameDiffGraphAgrees(String id, Readout readout) {
        ModelConfig m = ModelContractTest.config(id);
        ModelConfig graph = new ModelConfig(id, N, m.ctrl(), m.n(), m.s(), null, null, Map.of(), "samediff_unrolled");
        Network fused = network(id, ModelFactory.layer(m), 2, readout);
        Network sd = ModelFactory.create(graph, ModelFactory.layer(graph), I, T, C, 7, DataType.DOUBLE, 2, readout);
        assertEquals("samediff", sd.backend());
        Batch batch = batch(readout, 23, true);
        Network.Gradients a = fused.lossAndGradients(batch), b = sd.lossAndGradients(batch);
        assertEquals(a.loss(), b.loss(), 1e-9 * Math.max(1, Math.abs(a.loss())), id + ": loss");
        assertArrayEquals(ModelContractTest.values(a.logits()), ModelContractTest.values(b.logits()), 1e-9, id + ": logits");
        assertArrayEquals(a.logits().shape(), b.logits().shape());
        for (String k : fused.parameters().keySet()) {
            GradientCheck.Row row = GradientCheck.compare(k, ModelContractTest.values(a.gradients().get(k)), ModelContractTest.values(b.gradients().get(k)),
                    new GradientCheck.Tolerance(1e-7, 1e-3, 0));
            assertTrue(row.pass(), id + " " + readout.id() + ": " + row);
        }
    }

    @Test
    void theSteppedGraphAndWrongBatchesAreRefused() {
        ModelConfig sd = new ModelConfig("rnn_relu", N, 2, 3.0, 0.4, null, null, Map.of(), "samediff_stepped");
        UserError e = assertThrows(UserError.class, () -> ModelFactory.create(sd, ModelFactory.layer(sd), I, T, C, 1, DataType.DOUBLE, 2, Readout.STEP_VALUES));
        assertTrue(e.getMessage().contains("model.backend") && e.getMessage().contains("stepped") && e.getMessage().contains("step_values"), e.getMessage());
        ModelConfig auto = new ModelConfig("rnn_relu", N, 2, 3.0, 0.4, null, null, Map.of(), "samediff");
        assertThrows(UserError.class, () -> ModelFactory.checkReadout(auto, ModelFactory.layer(auto), Readout.STEP_CLASSES, ModelFactory.MAX_UNROLLED_STEPS + 1));
        ModelFactory.checkReadout(auto, ModelFactory.layer(auto), Readout.STEP_CLASSES, ModelFactory.MAX_UNROLLED_STEPS);
        ModelFactory.checkReadout(sd, ModelFactory.layer(sd), Readout.LAST, 100);
        Network net = network("rnn_relu", smooth("rnn_relu"), 2, Readout.STEP_VALUES);
        Batch last = GradientCheck.batch(B, T, I, N, C, true, 5);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> net.lossAndGradients(last));
        assertTrue(wrong.getMessage().contains("step_values"), wrong.getMessage());
        Batch badClass = batch(Readout.STEP_CLASSES, 3, false);
        badClass.targets().classes()[2] = C;
        Network cls = network("rnn_relu", smooth("rnn_relu"), 1, Readout.STEP_CLASSES);
        assertThrows(IllegalArgumentException.class, () -> cls.lossAndGradients(badClass));
    }
}
