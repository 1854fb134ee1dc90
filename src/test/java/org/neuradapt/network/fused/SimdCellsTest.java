package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cells' SIMD loops (the gated cells' {@link VectorGates}, the Elman cell's gamma and tanh in
 * {@link VectorGamma} and {@link VectorTanh}; the ARUN's in {@link VectorControllerRowsTest}) against the double kernel
 * and the scalar float loops: N a multiple of the lanes and not (a scalar tail per sample), with
 * drive, and pre-activations large enough to saturate gates and reach gamma's linear guard.
 */
class SimdCellsTest {

    @ParameterizedTest(name = "{0} N={1} B={2}")
    @CsvSource({"lstm, 16, 4", "lstm, 21, 5", "lstm, 67, 3", "gru, 16, 4", "gru, 21, 5", "gru, 67, 3", "rnn_gamma_het, 16, 4", "rnn_gamma_het, 21, 5", "rnn_gamma_hom, 67, 3", "rnn_gamma_fixed, 9, 2", "rnn_tanh, 21, 5"})
    void simdMatchesDoubleKernel(String model, int n, int b) {
        FastKernels.Options o = FastKernels.Options.defaults().withThreads(2);
        try (FusedKernel d = ModelFactory.kernel(model, n, 0, 6, 0.3, o);
             FusedKernel f = ModelFactory.kernel(model, n, 0, 6, 0.3, o.withSinglePrecision(true));
             FusedKernel fs = ModelFactory.kernel(model, n, 0, 6, 0.3, o.withSinglePrecision(true).withVectorized(false))) {
            assertTrue(f.toString().contains("simd") && !fs.toString().contains("simd") && !d.toString().contains("simd"), f + " / " + fs);
            int t = 9;
            Map<String, double[]> p = params(d, I, C, 81);
            for (double[] w : p.values()) for (int i = 0; i < w.length; i++) w[i] *= 3;   // saturating gates too
            double[] x = inputs(b, t, I, 82), dr = normal(new Random(83), b * t * n, 1.0);
            int[] y = labels(b, C, 84);
            FusedKernel.Result rd = d.forwardBackward(x, b, t, I, dr, y, p), rf = f.forwardBackward(x, b, t, I, dr, y, p),
                    rs = fs.forwardBackward(x, b, t, I, dr, y, p);
            assertFloatRounding(d, rd, rf, rs);
        }
    }

    /**
     * A user activation's lane form ({@link org.neuradapt.neuron.LaneActivation}, the worked
     * example SoftThreshold) against the double kernel (per-value form) and the float kernel
     * without SIMD (per-value form in float): N with and without a tail, gains kept positive.
     */
    @ParameterizedTest(name = "SoftThreshold N={0} B={1}")
    @CsvSource({"16, 4", "21, 5"})
    void userLaneFormMatchesDoubleKernel(int n, int b) {
        var phi = new org.neuradapt.neuron.example.SoftThreshold(Map.of());
        FastKernels.Options o = FastKernels.Options.defaults().withThreads(2);
        try (FusedKernel d = FastKernels.elman("rnn", n, phi, o);
             FusedKernel f = FastKernels.elman("rnn", n, phi, o.withSinglePrecision(true));
             FusedKernel fs = FastKernels.elman("rnn", n, phi, o.withSinglePrecision(true).withVectorized(false))) {
            assertTrue(f.toString().contains("simd") && !fs.toString().contains("simd") && !d.toString().contains("simd"), f + " / " + fs);
            int t = 9;
            Map<String, double[]> p = params(d, I, C, 85);
            Random r = new Random(86);
            double[] gain = p.get(org.neuradapt.neuron.example.SoftThreshold.GAIN);
            for (int i = 0; i < gain.length; i++) gain[i] = 0.5 + 3 * r.nextDouble();
            double[] x = inputs(b, t, I, 87), dr = normal(new Random(88), b * t * n, 1.0);
            int[] y = labels(b, C, 89);
            FusedKernel.Result rd = d.forwardBackward(x, b, t, I, dr, y, p), rf = f.forwardBackward(x, b, t, I, dr, y, p),
                    rs = fs.forwardBackward(x, b, t, I, dr, y, p);
            assertFloatRounding(d, rd, rf, rs);
        }
    }

    /**
     * The SIMD (or lane-form) float kernel rf may differ from the double kernel rd by float
     * rounding only: no more than three times what the scalar float loops rs differ by (those
     * compute in double and store float; the lanes compute in float), plus 1e-5 for loss and
     * logits (saturated gates amplify rounding) and 2e-4 for gradients.
     */
    private static void assertFloatRounding(FusedKernel d, FusedKernel.Result rd, FusedKernel.Result rf, FusedKernel.Result rs) {
        assertTrue(Math.abs(rd.loss() - rf.loss()) <= 3 * Math.abs(rd.loss() - rs.loss()) + 1e-5 * Math.abs(rd.loss()), "loss");
        assertTrue(rel(rd.logits(), rf.logits()) <= 3 * rel(rd.logits(), rs.logits()) + 1e-5, "logits");
        for (String name : d.parameterNames()) {
            double e = rel(rd.gradients().get(name), rf.gradients().get(name)), es = rel(rd.gradients().get(name), rs.gradients().get(name));
            assertTrue(e <= 3 * es + 2e-4, name + ": SIMD relative difference " + e + " (scalar float: " + es + ")");
        }
    }

    private static double rel(double[] a, double[] b) { return SinglePrecisionTest.relNorm(a, b); }
}
