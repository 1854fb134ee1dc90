package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/** Elman kernels: forward against a plain reference, every gradient against finite differences. */
class ElmanKernelTest {
    static final double FIXED_N = 6.3, FIXED_S = 0.35;
    /** The registry's Elman models with a fused kernel: rnn_relu .. rnn_gamma_het. */
    static final List<String> MODELS = org.neuradapt.neuron.ModelRegistry.fusedAndSameDiff().stream().filter(m -> m.startsWith("rnn_")).toList();

    static Stream<Arguments> cases() {
        return MODELS.stream().flatMap(m -> Stream.of(Arguments.of(m, false), Arguments.of(m, true)));
    }

    static FusedKernel kernel(String model, int threads) {
        return ModelFactory.kernel(model, N, 0, FIXED_N, FIXED_S, FastKernels.Options.defaults().withThreads(threads));
    }

    static double[] drive(boolean on, long seed) {
        return on ? normal(new Random(seed), B * T * N, 1.5) : null;
    }

    @ParameterizedTest(name = "{0} drive={1}")
    @MethodSource("cases")
    void forwardMatchesPlainReference(String model, boolean withDrive) {
        try (FusedKernel k = kernel(model, 1)) {
            Map<String, double[]> p = params(k, I, C, 1);
            double[] x = inputs(B, T, I, 2), d = drive(withDrive, 3);
            int[] y = labels(B, C, 4);
            Ref ref = reference(model, N, 0, FIXED_N, FIXED_S, x, B, T, I, d, y, p);
            FusedKernel.Result r = k.forward(x, B, T, I, d, y, p, k.signals());
            assertClose(ref.logits(), r.logits(), 1e-12, "logits");
            assertEquals(ref.loss(), r.loss(), 1e-12 * Math.abs(ref.loss()), "loss");
            assertClose(ref.a(), r.signals().get(Signals.A), 1e-12, "a");
            assertClose(ref.h(), r.signals().get(Signals.H), 1e-12, "h");
            if (model.startsWith("rnn_gamma")) {
                assertClose(ref.n(), r.signals().get(Signals.N), 1e-15, "n");
                assertClose(ref.s(), r.signals().get(Signals.S), 1e-15, "s");
                // the instance exercises both sides of the guard n a > 20 and the far negative tail
                double[] a = ref.a(), n = ref.n();
                boolean above = false, below = false;
                for (int i = 0; i < a.length; i++) {
                    above |= n[i] * a[i] > 20;
                    below |= n[i] * a[i] < -20;
                    assertTrue(Math.abs(n[i] * a[i] - 20) > 1e-3, "instance too close to the guard for finite differences");
                }
                assertTrue(above && below, "instance must put n a above 20 and below -20");
            }
            FusedKernel.Result fb = k.forwardBackward(x, B, T, I, d, y, p);
            assertClose(ref.logits(), fb.logits(), 1e-12, "logits of forwardBackward");
            assertEquals(ref.loss(), fb.loss(), 1e-12 * Math.abs(ref.loss()), "loss of forwardBackward");
        }
    }

    @ParameterizedTest(name = "{0} drive={1}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(String model, boolean withDrive) {
        try (FusedKernel k = kernel(model, 1)) {
            Map<String, double[]> p = params(k, I, C, 11);
            double[] x = inputs(B, T, I, 12), d = drive(withDrive, 13);
            int[] y = labels(B, C, 14);
            FusedKernel.Result r = k.forwardBackward(x, B, T, I, d, y, p);
            assertEquals(k.parameterNames(), List.copyOf(r.gradients().keySet()));
            List<String> failures = gradientCheck(k, x, B, T, I, d, y, p, r.gradients(), 1e-6);
            assertTrue(failures.isEmpty(), model + ": " + failures);
        }
    }

    @Test
    void gradientCheckDetectsAWrongGradient() {
        try (FusedKernel k = kernel("rnn_gamma_het", 1)) {
            Map<String, double[]> p = params(k, I, C, 11);
            double[] x = inputs(B, T, I, 12);
            int[] y = labels(B, C, 14);
            Map<String, double[]> g = copy(k.forwardBackward(x, B, T, I, null, y, p).gradients());
            g.get(Parameters.GAIN)[2] *= 1.00001;
            assertFalse(gradientCheck(k, x, B, T, I, null, y, p, g, 1e-6).isEmpty());
        }
    }

    @Test
    void twoWorkersGiveTheSameResultAsOne() {
        long saved = Par.minParallelWork;
        Par.minParallelWork = 0;
        try (FusedKernel one = kernel("rnn_gamma_het", 1); FusedKernel two = kernel("rnn_gamma_het", 2)) {
            int b = 7, t = 9;
            Map<String, double[]> p = params(one, I, C, 21);
            double[] x = inputs(b, t, I, 22), d = normal(new Random(23), b * t * N, 1.0);
            int[] y = labels(b, C, 24);
            FusedKernel.Result r1 = one.forwardBackward(x, b, t, I, d, y, p), r2 = two.forwardBackward(x, b, t, I, d, y, p);
            assertClose(r1.logits(), r2.logits(), 1e-13, "logits");
            for (String name : one.parameterNames()) assertClose(r1.gradients().get(name), r2.gradients().get(name), 1e-12, name);
        } finally {
            Par.minParallelWork = saved;
        }
    }

    @Test
    void labelsFromOneHot() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2, 0},
                FastKernels.labelsFromOneHot(new double[]{0, 0, 1, 1, 0, 0}, 2, 3));
    }

    @Test
    void reusesBuffersAcrossShapesAndRejectsBadShapes() {
        try (FusedKernel k = kernel("rnn_tanh", 1)) {
            Map<String, double[]> p = params(k, I, C, 31);
            for (int t : new int[]{1, 5, 2}) {
                double[] x = inputs(2, t, I, 32);
                int[] y = labels(2, C, 33);
                Ref ref = reference("rnn_tanh", N, 0, 0, 0, x, 2, t, I, null, y, p);
                assertClose(ref.logits(), k.forwardBackward(x, 2, t, I, null, y, p).logits(), 1e-12, "T=" + t);
            }
            Map<String, double[]> bad = copy(p);
            bad.put(Parameters.W, new double[N * N + 1]);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> k.forward(inputs(2, 3, I, 1), 2, 3, I, null, (int[]) null, bad, Set.of()));
        }
    }
}
