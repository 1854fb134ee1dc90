package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flushing denormal float BPTT gradients to 0 (FastMath.flushDenormals, docs/performance.md "Denormal
 * floats") changes nothing beyond the float tolerances, on cases whose gradients do pass
 * through the denormal range.
 */
class DenormalFlushTest {

    @Test
    void flushZeroesDenormalsAndKeepsNormalFloatsBitIdentical() {
        float[] denormals = {Float.MIN_VALUE, -Float.MIN_VALUE, 1e-39f, -1e-39f, 1e-44f,
                Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL), Float.intBitsToFloat(0x00400000)};
        for (float x : denormals) {
            assertTrue(x != 0 && Math.abs(x) < Float.MIN_NORMAL, "test value " + x + " is denormal");
            assertEquals(0, Float.floatToRawIntBits(FastMath.flushDenormal(x)), "flushed to +0: " + x);
        }
        assertEquals(0, Float.floatToRawIntBits(FastMath.flushDenormal(-0f)), "-0 becomes +0 (equal as numbers)");
        float[] kept = {0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, Math.nextUp(Float.MIN_NORMAL), 1.5e-38f, -2e-38f,
                1e-30f, -1e-7f, 1f, -3.25f, 1e30f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float x : kept)
            assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(FastMath.flushDenormal(x)), "unchanged: " + x);
        Random r = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            float x = Float.intBitsToFloat(r.nextInt());
            int bits = Float.floatToRawIntBits(FastMath.flushDenormal(x));
            if (Math.abs(x) < Float.MIN_NORMAL) assertEquals(0, bits, "flushed: " + x);
            else assertEquals(Float.floatToRawIntBits(x), bits, "unchanged: " + x);
        }
    }

    @Test
    void setGradFlushesInFloatOnlyAndOnlyWhenOn() {
        Buf f = Buf.Precision.FLOAT.alloc(2), d = Buf.Precision.DOUBLE.alloc(2);
        boolean was = FastKernels.flushDenormals();
        try {
            FastKernels.setFlushDenormals(true);
            f.setGrad(0, 1e-39); f.setGrad(1, -2e-38);
            d.setGrad(0, 1e-39);
            assertEquals(0, Float.floatToRawIntBits((float) f.get(0)));
            assertEquals(-2e-38f, (float) f.get(1));
            assertEquals(1e-39, d.get(0), "double storage is never flushed");
            FastKernels.setFlushDenormals(false);
            f.setGrad(0, 1e-39);
            assertEquals(1e-39f, (float) f.get(0));
        } finally {
            FastKernels.setFlushDenormals(was);
        }
    }

    static int denormals(Buf b) {
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            float v = (float) b.get(i);
            if (v != 0 && Math.abs(v) < Float.MIN_NORMAL) n++;
        }
        return n;
    }

    /**
     * A float kernel on a long sequence with small recurrent weights, so that dL/dh_t vanishes
     * through BPTT and crosses the denormal range: without flushing some dL/dp_t are denormal
     * (checked, so that the test cannot pass trivially), with flushing none are, and the
     * gradients agree with each other and with double storage within SinglePrecisionTest's
     * tolerance (relative norm 1e-4).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh", "rnn_gamma_het", "arun", "lstm", "gru"})
    void flushingKeepsGradientsWithinFloatTolerance(String model) {
        int b = 3, t = model.equals("lstm") ? 160 : 60;
        FastKernels.Options o = FastKernels.Options.defaults().withThreads(1).withShards(1);
        boolean was = FastKernels.flushDenormals();
        try (FusedKernel d = ModelFactory.kernel(model, N, M, 6, 0.3, o);
             FusedKernel f = ModelFactory.kernel(model, N, M, 6, 0.3, o.withSinglePrecision(true))) {
            Map<String, double[]> p = params(d, I, C, 81);
            String rec = d.parameterNames().get(1);   // W or W_hh
            for (int i = 0; i < p.get(rec).length; i++) p.get(rec)[i] *= 0.02;
            if (model.equals("arun")) for (int i = 0; i < p.get(org.neuradapt.network.Parameters.W_GG).length; i++)
                p.get(org.neuradapt.network.Parameters.W_GG)[i] *= 0.05;
            double[] x = inputs(b, t, I, 82);
            int[] y = labels(b, C, 84);
            FusedKernel.Result rd = d.forwardBackward(x, b, t, I, null, y, p);

            FastKernels.setFlushDenormals(false);
            FusedKernel.Result off = f.forwardBackward(x, b, t, I, null, y, p);
            int before = denormals(((RecurrentKernel) f).bpttHistory());
            FastKernels.setFlushDenormals(true);
            FusedKernel.Result on = f.forwardBackward(x, b, t, I, null, y, p);
            int after = denormals(((RecurrentKernel) f).bpttHistory());

            assertTrue(before > 0, model + ": without flushing, dL/dp should pass through the denormal range");
            assertEquals(0, after, model + ": denormals left after flushing");
            assertEquals(off.loss(), on.loss(), 0.0, "the forward pass is not flushed");
            for (String name : d.parameterNames()) {
                double e = SinglePrecisionTest.relNorm(off.gradients().get(name), on.gradients().get(name));
                assertTrue(e < 1e-4, model + " " + name + ": flush on vs off, relative difference " + e);
                double ed = SinglePrecisionTest.relNorm(rd.gradients().get(name), on.gradients().get(name));
                assertTrue(ed < 1e-4, model + " " + name + ": float with flushing vs double, relative difference " + ed);
            }
        } finally {
            FastKernels.setFlushDenormals(was);
        }
    }
}
