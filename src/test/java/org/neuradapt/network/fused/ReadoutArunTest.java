package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;
import org.neuradapt.neuron.ArunController;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.example.ClampedArun;

/**
 * ARUN variants with a Java read-out (ReadoutArunCell around the unchanged FusedArunCell): the
 * ARUN's own read-out (the identity) through the layer reproduces the built-in kernel exactly, the ClampedArun example's gradients
 * match finite differences in the region where its clamp bends (one and two threads,
 * checkpointed), its n and s are the clamp of the ARUN's, and the float SIMD kernel agrees with double.
 */
class ReadoutArunTest {
    /** The ARUN's own read-out, the identity, run through the read-out layer. */
    static final ControllerReadout IDENTITY = new ArunController();
    /** n_min near the instance's n' (b_n = 5.5): dn/dn' well inside (0, 1); s' near 0 sits in the clamp's bend. */
    static final ClampedArun CLAMPED = new ClampedArun(Map.of("n_min", 5.5, "width", 0.5));

    static FusedKernel kernel(ControllerReadout psi, int threads, int checkpointEvery, boolean single) {
        return FastKernels.arun(N, M, psi, FastKernels.Options.defaults().withThreads(threads).withCheckpointEvery(checkpointEvery)
                .withSinglePrecision(single));
    }

    @Test
    void identityReadoutIsTheBuiltinArun() {
        double[] x = inputs(B, T, I, 2), d = normal(new Random(5), B * T * N, 1.5);
        int[] y = labels(B, C, 4);
        try (FusedKernel builtin = ModelFactory.kernel("arun", N, M, 0, 0, FastKernels.Options.defaults().withThreads(2));
             FusedKernel variant = kernel(IDENTITY, 2, 0, false)) {
            Map<String, double[]> p = params(builtin, I, C, 1);
            FusedKernel.Result a = builtin.forwardBackward(x, B, T, I, d, y, p), b = variant.forwardBackward(x, B, T, I, d, y, p);
            assertEquals(a.loss(), b.loss(), 1e-14);
            for (String k : builtin.parameterNames()) assertClose(a.gradients().get(k), b.gradients().get(k), 1e-12, k);
        }
    }

    @Test
    void clampedGradientsMatchFiniteDifferences() {
        double[] x = inputs(B, T, I, 2), d = normal(new Random(5), B * T * N, 1.5);
        int[] y = labels(B, C, 4);
        for (int[] setting : new int[][] {{1, 0}, {2, 0}, {1, 2}}) {
            try (FusedKernel k = kernel(CLAMPED, setting[0], setting[1], false)) {
                Map<String, double[]> p = params(k, I, C, 1);
                FusedKernel.Result r = k.forwardBackward(x, B, T, I, d, y, p);
                List<String> failures = gradientCheck(k, x, B, T, I, d, y, p, r.gradients(), 1e-6);
                assertTrue(failures.isEmpty(), "threads " + setting[0] + ", checkpoint " + setting[1] + ": " + failures);
            }
        }
    }

    @Test
    void clampBendsNAndSAsDocumented() {
        double[] x = inputs(B, T, I, 2);
        try (FusedKernel builtin = ModelFactory.kernel("arun", N, M, 0, 0, FastKernels.Options.defaults().withThreads(1));
             FusedKernel variant = kernel(CLAMPED, 1, 0, false)) {
            Map<String, double[]> p = params(builtin, I, C, 1);
            Set<String> nsg = Set.of(Signals.N, Signals.S);
            // the first step's n', s' do not depend on h, so they compare directly
            Map<String, double[]> lin = builtin.forward(x, B, T, I, null, (int[]) null, p, nsg).signals(),
                    clamped = variant.forward(x, B, T, I, null, (int[]) null, p, nsg).signals();
            double[] out = new double[6];
            int bent = 0;
            for (int b = 0; b < B; b++) for (int i = 0; i < N; i++) {
                int o = (b * T) * N + i;
                CLAMPED.readout(lin.get(Signals.N)[o], lin.get(Signals.S)[o], out);
                assertEquals(out[0], clamped.get(Signals.N)[o], 1e-12, "n");
                assertEquals(out[1], clamped.get(Signals.S)[o], 1e-12, "s");
                assertTrue(clamped.get(Signals.N)[o] > 5.5 && clamped.get(Signals.S)[o] > 0 && clamped.get(Signals.S)[o] < 1);
                if (out[2] < 0.9 && out[5] < 0.9) bent++;
            }
            assertTrue(bent > 0, "the instance reaches the bend of both clamps");
            assertEquals(5.5, p.get(Parameters.B_N)[0]);
        }
    }

    @Test
    void floatSimdAgreesWithDouble() {
        int b = 16, t = 12;
        double[] x = inputs(b, t, I, 2), d = normal(new Random(5), b * t * N, 1.5);
        int[] y = labels(b, C, 4);
        try (FusedKernel dk = kernel(CLAMPED, 2, 0, false); FusedKernel fk = kernel(CLAMPED, 2, 0, true)) {
            Map<String, double[]> p = params(dk, I, C, 1);
            FusedKernel.Result rd = dk.forwardBackward(x, b, t, I, d, y, p), rf = fk.forwardBackward(x, b, t, I, d, y, p);
            assertEquals(rd.loss(), rf.loss(), 1e-5 * Math.abs(rd.loss()));
            for (String k : dk.parameterNames()) assertClose(rd.gradients().get(k), rf.gradients().get(k), 1e-3, k);
        }
    }
}
