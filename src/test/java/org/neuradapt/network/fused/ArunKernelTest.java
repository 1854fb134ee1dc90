package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuradapt.network.Signals;

/** ARUN kernel: forward and signals against a plain reference, gradients against finite differences, checkpointing. */
class ArunKernelTest {

    static FusedKernel kernel(int threads, int checkpointEvery) {
        return ModelFactory.kernel("arun", N, M, 0, 0,
                FastKernels.Options.defaults().withThreads(threads).withCheckpointEvery(checkpointEvery));
    }

    static double[] drive(boolean on) {
        return on ? normal(new Random(5), B * T * N, 1.5) : null;
    }

    @ParameterizedTest(name = "drive={0}")
    @ValueSource(booleans = {false, true})
    void forwardAndSignalsMatchPlainReference(boolean withDrive) {
        try (FusedKernel k = kernel(1, 0)) {
            Map<String, double[]> p = params(k, I, C, 1);
            double[] x = inputs(B, T, I, 2), d = drive(withDrive);
            int[] y = labels(B, C, 4);
            Ref ref = reference("arun", N, M, 0, 0, x, B, T, I, d, y, p);
            FusedKernel.Result r = k.forward(x, B, T, I, d, y, p, k.signals());
            assertClose(ref.logits(), r.logits(), 1e-12, "logits");
            assertEquals(ref.loss(), r.loss(), 1e-12 * Math.abs(ref.loss()));
            for (String s : List.of(Signals.A, Signals.H, Signals.N, Signals.S)) {
                double[] expected = switch (s) { case "a" -> ref.a(); case "h" -> ref.h(); case "n" -> ref.n(); default -> ref.s(); };
                assertClose(expected, r.signals().get(s), 1e-12, s);
            }
            assertClose(ref.g(), r.signals().get(Signals.G), 1e-12, "g");
            boolean above = false, below = false;
            for (int i = 0; i < ref.a().length; i++) {
                double na = ref.n()[i] * ref.a()[i];
                above |= na > 20;
                below |= na < -20;
                assertTrue(Math.abs(na - 20) > 1e-3, "instance too close to the guard");
            }
            assertTrue(above && below, "instance must put n a above 20 and below -20");
            // forward without recording and forwardBackward give the same logits
            assertClose(ref.logits(), k.forward(x, B, T, I, d, y, p, java.util.Set.of()).logits(), 1e-12, "plain forward");
            assertClose(ref.logits(), k.forwardBackward(x, B, T, I, d, y, p).logits(), 1e-12, "forwardBackward");
        }
    }

    @ParameterizedTest(name = "drive={0}")
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean withDrive) {
        try (FusedKernel k = kernel(1, 0)) {
            Map<String, double[]> p = params(k, I, C, 11);
            double[] x = inputs(B, T, I, 12), d = drive(withDrive);
            int[] y = labels(B, C, 14);
            FusedKernel.Result r = k.forwardBackward(x, B, T, I, d, y, p);
            assertEquals(k.parameterNames(), List.copyOf(r.gradients().keySet()));
            List<String> failures = gradientCheck(k, x, B, T, I, d, y, p, r.gradients(), 1e-6);
            assertTrue(failures.isEmpty(), failures.toString());
        }
    }

    @ParameterizedTest(name = "checkpoint every {0}")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void checkpointedBackwardEqualsFullHistory(int every) {
        long saved = Par.minParallelWork;
        try (FusedKernel full = kernel(1, 0); FusedKernel ck = kernel(2, every)) {
            Par.minParallelWork = 0;
            int b = 5, t = 7;
            Map<String, double[]> p = params(full, I, C, 41);
            double[] x = inputs(b, t, I, 42), d = normal(new Random(43), b * t * N, 1.0);
            int[] y = labels(b, C, 44);
            FusedKernel.Result r1 = full.forwardBackward(x, b, t, I, d, y, p);
            FusedKernel.Result r2 = ck.forwardBackward(x, b, t, I, d, y, p);
            assertClose(r1.logits(), r2.logits(), 1e-13, "logits");
            for (String name : full.parameterNames()) assertClose(r1.gradients().get(name), r2.gradients().get(name), 1e-11, name);
            // a second call on the same buffers gives the same result
            FusedKernel.Result r3 = ck.forwardBackward(x, b, t, I, d, y, p);
            for (String name : full.parameterNames()) assertClose(r2.gradients().get(name), r3.gradients().get(name), 0, name);
        } finally {
            Par.minParallelWork = saved;
        }
    }

    @Test
    void shardedKernelRecordsTheSameSignalsAndGradientsAsOne() {
        try (FusedKernel one = kernel(1, 0); FusedKernel two = kernel(2, 0)) {
            assertTrue(two instanceof ShardedKernel);
            int b = 5;
            Map<String, double[]> p = params(one, I, C, 61);
            double[] x = inputs(b, T, I, 62), d = normal(new Random(63), b * T * N, 1.0);
            int[] y = labels(b, C, 64);
            FusedKernel.Result r1 = one.forward(x, b, T, I, d, y, p, one.signals());
            FusedKernel.Result r2 = two.forward(x, b, T, I, d, y, p, two.signals());
            assertEquals(r1.loss(), r2.loss(), 1e-14 * r1.loss());
            assertClose(r1.logits(), r2.logits(), 1e-14, "logits");
            for (String s : one.signals()) assertClose(r1.signals().get(s), r2.signals().get(s), 1e-14, s);
            List<String> failures = gradientCheck(two, x, b, T, I, d, y, p, two.forwardBackward(x, b, T, I, d, y, p).gradients(), 1e-6);
            assertTrue(failures.isEmpty(), failures.toString());
        }
    }

    @Test
    void automaticCheckpointingUnderASmallBudget() {
        try (FusedKernel full = kernel(1, 0);
             FusedKernel small = ModelFactory.kernel("arun", N, M, 0, 0, new FastKernels.Options(1, 0, 1000).withShards(1))) {
            int t = 9;
            Map<String, double[]> p = params(full, I, C, 51);
            double[] x = inputs(B, t, I, 52);
            int[] y = labels(B, C, 53);
            FusedKernel.Result r1 = full.forwardBackward(x, B, t, I, null, y, p), r2 = small.forwardBackward(x, B, t, I, null, y, p);
            for (String name : full.parameterNames()) assertClose(r1.gradients().get(name), r2.gradients().get(name), 1e-11, name);
            assertEquals(3, ((FusedArunCell) cellOf(small)).checkpointInterval());
        }
    }

    static FusedCell cellOf(FusedKernel k) {
        try {
            var f = RecurrentKernel.class.getDeclaredField("cell");
            f.setAccessible(true);
            return (FusedCell) f.get(k);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
