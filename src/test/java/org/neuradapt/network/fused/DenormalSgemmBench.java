package org.neuradapt.network.fused;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: a micro-measurement of whether this CPU slows OpenBLAS sgemm down on denormal
 * operands (docs/performance.md, "Denormal floats"; measured 40.6 vs 0.5 GFLOP/s on an
 * Intel CPU with AVX-512). Times C [m, n] = A [m, k] B [k, n] (default the 50 x 1600 x
 * 400) with normal operands, with A denormal (about 1e-39), with B denormal, and with normal
 * operands whose products are denormal (1e-20 x 1e-20), through the kernels' path (Blas.gemm,
 * OpenBLAS on one thread, as the fused kernels run it) and through ND4J's INDArray.mmuli (into a preallocated result; ND4J's own thread count).
 *
 * <pre>
 *   mvn -o -q test-compile && java -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *       org.neuradapt.network.fused.DenormalSgemmBench [m k n [seconds per case]]
 * </pre>
 */
public final class DenormalSgemmBench {
    private DenormalSgemmBench() {}

    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 1600;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 2.0;
        Blas.threads(1);
        System.out.printf(Locale.ROOT, "sgemm [%d, %d] x [%d, %d], %s, OpenBLAS 1 thread (kernel path) / ND4J mmuli%n",
                m, k, k, n, org.neuradapt.training.Provenance.cpuModel());
        String[] cases = {"normal x normal", "denormal A x normal B", "normal A x denormal B", "tiny x tiny (denormal products)"};
        double[] scaleA = {1, 1e-39, 1, 1e-20}, scaleB = {1, 1, 1e-39, 1e-20};
        // rounds alternate the cases so that drifts of the machine hit them alike
        int rounds = 5;
        double[][] blas = new double[cases.length][rounds], nd = new double[cases.length][rounds];
        Buf[] a = new Buf[cases.length], b = new Buf[cases.length];
        INDArray[] na = new INDArray[cases.length], nb = new INDArray[cases.length];
        Buf c = Buf.Precision.FLOAT.alloc(m * n);
        for (int q = 0; q < cases.length; q++) {
            Random r = new Random(q);
            a[q] = fill(m * k, scaleA[q], r);
            b[q] = fill(k * n, scaleB[q], r);
            na[q] = Nd4j.create(toFloat(a[q]), new long[]{m, k}, DataType.FLOAT);
            nb[q] = Nd4j.create(toFloat(b[q]), new long[]{k, n}, DataType.FLOAT);
            if (q > 0 && (scaleA[q] < 1e-30 || scaleB[q] < 1e-30)) {
                float v = (float) (scaleA[q] < 1e-30 ? a[q] : b[q]).get(1);
                if (v == 0 || Math.abs(v) >= Float.MIN_NORMAL) throw new IllegalStateException("not denormal: " + v);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int q = 0; q < cases.length; q++) {
                blas[q][round] = gflops(m, n, k, seconds / 2 / rounds, a[q], b[q], c, null, null);
                nd[q][round] = gflops(m, n, k, seconds / 2 / rounds, null, null, null, na[q], nb[q]);
            }
        }
        double base = median(blas[0]), baseNd = median(nd[0]);
        for (int q = 0; q < cases.length; q++) {
            System.out.printf(Locale.ROOT, "%-34s kernel path %7.2f GFLOP/s (x%.3f)   ND4J mmuli %7.2f GFLOP/s (x%.3f)%n",
                    cases[q], median(blas[q]), median(blas[q]) / base, median(nd[q]), median(nd[q]) / baseNd);
        }
    }

    private static Buf fill(int len, double scale, Random r) {
        Buf x = Buf.Precision.FLOAT.alloc(len);
        for (int i = 0; i < len; i++) x.set(i, scale * (1 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1));
        return x;
    }

    private static float[] toFloat(Buf x) {
        float[] f = new float[x.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) x.get(i);
        return f;
    }

    /** Median GFLOP/s of calls over about the given seconds. */
    private static double gflops(int m, int n, int k, double seconds, Buf a, Buf b, Buf c, INDArray na, INDArray nb) {
        double flop = 2.0 * m * n * k;
        double[] t = new double[4096];
        int calls = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime();
            if (a != null) Blas.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
            else na.mmuli(nb, ndOut(na, nb));
            t[calls++] = (System.nanoTime() - t0) / 1e9;
        } while (System.nanoTime() < end && calls < t.length);
        return flop / median(Arrays.copyOf(t, calls)) / 1e9;
    }

    private static INDArray out;

    private static INDArray ndOut(INDArray a, INDArray b) {
        if (out == null) out = Nd4j.create(DataType.FLOAT, a.rows(), b.columns());
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
