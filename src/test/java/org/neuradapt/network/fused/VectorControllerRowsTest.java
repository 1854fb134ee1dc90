package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SIMD controller loops compute what the scalar (double) ones compute, to float accuracy. */
class VectorControllerRowsTest {

    @Test
    void simdRunsUnderTheTests() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector (pom.xml): if this
        // fails, the SIMD path below would silently not be the one tested
        assertTrue(FastKernels.simdAvailable(), "SIMD path not available: JVM started without jdk.incubator.vector?");
        assertTrue(VectorControllerRows.lanes() >= 4);
    }

    /** M units, R neurons: R chosen to leave a scalar tail and to span several blocks and flushes. */
    @ParameterizedTest(name = "M={0} R={1}")
    @CsvSource({"1, 7", "3, 13", "8, 2048", "11, 1045", "50, 300", "50, 2600"})
    void forwardAndBackwardMatchScalar(int M, int R) {
        Random rnd = new Random(M * 1000L + R);
        double[] uag = normal(rnd, M, 1.0), bg = normal(rnd, M, 0.3), wgn = normal(rnd, M, 0.5), wgs = normal(rnd, M, 0.2);
        ControllerRows scalar = new ScalarControllerRows(M), simd = new VectorControllerRows(M);
        scalar.setParameters(uag, bg, wgn, wgs);
        simd.setParameters(uag, bg, wgn, wgs);
        // values spread enough to saturate some units (|z| up to about 10)
        // inputs representable in float, so both see the same numbers
        double[] z = f(normal(rnd, M * R, 3.0)), a = f(normal(rnd, R, 2.0)), carry = f(normal(rnd, M * R, 1.0));
        double[] dn = f(normal(rnd, R, 1.0)), ds = f(normal(rnd, R, 1.0)), dA = f(normal(rnd, R, 1.0));
        Buf gD = buf(Buf.Precision.DOUBLE, z), gF = buf(Buf.Precision.FLOAT, z);
        Buf aD = buf(Buf.Precision.DOUBLE, a), aF = buf(Buf.Precision.FLOAT, a);
        Buf nD = Buf.Precision.DOUBLE.alloc(R + 5), sD = Buf.Precision.DOUBLE.alloc(R + 5);
        Buf nF = Buf.Precision.FLOAT.alloc(R + 5), sF = Buf.Precision.FLOAT.alloc(R + 5);
        // a sub-range, to check the [r0, r1) bounds: rows outside it stay as they were
        int r0 = R > 8 ? 3 : 0, r1 = R;
        scalar.forward(gD, R, r0, r1, aD, 0, nD, sD, 5, 0.7, -0.2);
        simd.forward(gF, R, r0, r1, aF, 0, nF, sF, 5, 0.7, -0.2);
        for (int i = 0; i < M * R; i++) {
            if (i % R < r0) {
                assertEquals(z[i], gD.get(i), 0.0, "outside the range");
                assertEquals(z[i], gF.get(i), 0.0, "outside the range");
            } else {
                // z = G + a u_ag + b_g is summed in float: its rounding (1.2e-7 of the terms) passes through tanh
                int m = i / R, r = i % R;
                double terms = Math.abs(z[i]) + Math.abs(a[r] * uag[m]) + Math.abs(bg[m]);
                assertEquals(gD.get(i), gF.get(i), 1.2e-7 + 1.2e-7 * terms, "g at " + i);
            }
        }
        for (int r = r0; r < r1; r++) {
            assertEquals(nD.get(5 + r), nF.get(5 + r), 1e-6 * (1 + Math.abs(nD.get(5 + r))), "n at " + r);
            assertEquals(sD.get(5 + r), sF.get(5 + r), 1e-6 * (1 + Math.abs(sD.get(5 + r))), "s at " + r);
        }
        // backward from the (float) forward states, so both see the same g
        Buf gBoth = buf(Buf.Precision.DOUBLE, gF.toArray()), gBothF = buf(Buf.Precision.FLOAT, gF.toArray());
        Buf cD = buf(Buf.Precision.DOUBLE, carry), cF = buf(Buf.Precision.FLOAT, carry);
        Buf zD = Buf.Precision.DOUBLE.alloc(M * R), zF = Buf.Precision.FLOAT.alloc(M * R);
        scalar.beginBackward();
        simd.beginBackward();
        for (int pass = 0; pass < 2; pass++) {   // two steps accumulate
            Buf aD2 = buf(Buf.Precision.DOUBLE, a), aF2 = buf(Buf.Precision.FLOAT, a);
            scalar.backward(gBoth, cD, zD, R, 0, R, aD2, 0, dn, ds, dA);
            simd.backward(gBothF, cF, zF, R, 0, R, aF2, 0, dn, ds, dA);
            for (int i = 0; i < M * R; i++) assertEquals(zD.get(i), zF.get(i), 1e-6 * (1 + Math.abs(zD.get(i))), "dz at " + i);
            for (int r = 0; r < R; r++) {
                // a float sum of M terms: its rounding scales with the terms, not with the result
                double terms = Math.abs(dA[r]);
                for (int m = 0; m < M; m++) terms += Math.abs(zD.get(m * R + r) * uag[m]);
                assertEquals(aD2.get(r), aF2.get(r), 1e-7 + 4e-7 * terms, "da at " + r);
            }
        }
        double[] gs = scalar.gradients(), gv = simd.gradients();
        assertEquals(4 * M, gv.length);
        for (int i = 0; i < gs.length; i++) {
            double scale = 1 + Math.sqrt(R);   // sums of R terms of size ~1
            assertEquals(gs[i], gv[i], 2e-6 * scale + 1e-6 * Math.abs(gs[i]), "gradient " + i);
        }
        assertTrue(Math.abs(gs[0]) > 1e-3, "a test instance with non-trivial gradients");
    }

    /** The whole ARUN kernel with SIMD loops against the double kernel: M a multiple of the lanes and not, several blocks. */
    @ParameterizedTest(name = "N={0} M={1} B={2}")
    @CsvSource({"64, 8, 6", "40, 11, 9", "300, 3, 2"})
    void simdKernelMatchesDoubleKernel(int n, int m, int b) {
        FastKernels.Options o = FastKernels.Options.defaults().withThreads(2);
        try (FusedKernel d = ModelFactory.kernel("arun", n, m, 0, 0, o);
             FusedKernel f = ModelFactory.kernel("arun", n, m, 0, 0, o.withSinglePrecision(true));
             FusedKernel fs = ModelFactory.kernel("arun", n, m, 0, 0, o.withSinglePrecision(true).withVectorized(false))) {
            assertTrue(f.toString().contains("simd") && !fs.toString().contains("simd") && !d.toString().contains("simd"), f + " / " + fs);
            int t = 7;
            Map<String, double[]> p = params(d, I, C, 91);
            double[] x = inputs(b, t, I, 92), dr = normal(new Random(93), b * t * n, 1.0);
            int[] y = labels(b, C, 94);
            FusedKernel.Result rd = d.forwardBackward(x, b, t, I, dr, y, p), rf = f.forwardBackward(x, b, t, I, dr, y, p),
                    rs = fs.forwardBackward(x, b, t, I, dr, y, p);
            assertEquals(rd.loss(), rf.loss(), 1e-5 * Math.abs(rd.loss()));
            assertTrue(SinglePrecisionTest.relNorm(rd.logits(), rf.logits()) < 1e-5, "logits");
            for (String name : d.parameterNames()) {
                double e = SinglePrecisionTest.relNorm(rd.gradients().get(name), rf.gradients().get(name));
                double es = SinglePrecisionTest.relNorm(rd.gradients().get(name), rs.gradients().get(name));
                assertTrue(e < 1e-4, name + ": SIMD relative difference " + e + " (scalar float: " + es + ")");
            }
        }
    }

    static double[] f(double[] v) {
        for (int i = 0; i < v.length; i++) v[i] = (float) v[i];
        return v;
    }

    static Buf buf(Buf.Precision p, double[] v) {
        Buf b = p.alloc(v.length);
        b.copyFrom(v);
        return b;
    }
}
