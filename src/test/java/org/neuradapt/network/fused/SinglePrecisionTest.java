package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Float storage (sgemm) computes the same function as double to single-precision accuracy. */
class SinglePrecisionTest {

    static double relNorm(double[] a, double[] b) {
        double d = 0, n = 0;
        for (int i = 0; i < a.length; i++) { d += (a[i] - b[i]) * (a[i] - b[i]); n += a[i] * a[i]; }
        return Math.sqrt(d / Math.max(n, 1e-300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh", "rnn_gamma_het", "rnn_gamma_hom", "arun", "lstm", "gru"})
    void floatMatchesDouble(String model) {
        FastKernels.Options o = FastKernels.Options.defaults().withThreads(2);
        try (FusedKernel d = ModelFactory.kernel(model, N, M, 6, 0.3, o);
             FusedKernel f = ModelFactory.kernel(model, N, M, 6, 0.3, o.withSinglePrecision(true))) {
            int b = 6, t = 8;
            Map<String, double[]> p = params(d, I, C, 71);
            double[] x = inputs(b, t, I, 72), dr = normal(new Random(73), b * t * N, 1.0);
            int[] y = labels(b, C, 74);
            FusedKernel.Result rd = d.forwardBackward(x, b, t, I, dr, y, p), rf = f.forwardBackward(x, b, t, I, dr, y, p);
            assertEquals(rd.loss(), rf.loss(), 1e-5 * Math.abs(rd.loss()));
            assertTrue(relNorm(rd.logits(), rf.logits()) < 1e-5, "logits");
            for (String name : d.parameterNames()) {
                double e = relNorm(rd.gradients().get(name), rf.gradients().get(name));
                assertTrue(e < 1e-4, name + ": relative difference " + e);
            }
        }
    }
}
