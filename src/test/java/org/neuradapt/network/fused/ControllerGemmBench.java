package org.neuradapt.network.fused;

import java.util.Locale;
import java.util.Random;

/**
 * Not a test: a profile of one ARUN controller step as one shard of the fused kernel runs it
 * on one thread (docs/performance.md, "What limits each case"; "Where the ARUN's time goes"; issue 10's "skinny GEMMs"):
 * the forward product Z = W_gg^T G_{t-1} ([M, M] x [M, R] through OpenBLAS), the element-wise
 * forward (tanh and read-outs, {@link VectorControllerRows}), the two backward products
 * (dW_gg += G_{t-1} dZ^T, carry = W_gg dZ) and the element-wise backward; and, as the
 * yardstick, the same OpenBLAS sgemm on a square 1000^3 product. Rounds alternate the parts so
 * that a drift of the machine hits them alike; prints each round.
 *
 * <pre>
 *   mvn -o -q test-compile && java --add-modules jdk.incubator.vector \
 *       -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *       org.neuradapt.network.fused.ControllerGemmBench [M R [seconds per part]]
 * </pre>
 * Defaults: M = 50, R = 20000 (the paper's ARUN, N = 400, batch 100, one of two shards).
 */
public final class ControllerGemmBench {
    private ControllerGemmBench() {}

    public static void main(String[] args) {
        int M = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int R = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Blas.threads(1);
        Random rnd = new Random(1);
        Buf prev = fill(M * R, rnd, 0.5), next = Buf.Precision.FLOAT.alloc(M * R);
        Buf A = fill(R, rnd, 1), n = Buf.Precision.FLOAT.alloc(R), s = Buf.Precision.FLOAT.alloc(R);
        Buf wgg = fill(M * M, rnd, 1.0 / Math.sqrt(M)), dZ = Buf.Precision.FLOAT.alloc(M * R);
        Buf dW = Buf.Precision.FLOAT.alloc(M * M), carry = fill(M * R, rnd, 1e-3);
        double[] dN = normal(rnd, R, 1e-3), dS = normal(rnd, R, 1e-3), dA = normal(rnd, R, 1e-3);
        int big = 1000;
        Buf ba = fill(big * big, rnd, 1), bb = fill(big * big, rnd, 1), bc = Buf.Precision.FLOAT.alloc(big * big);
        VectorControllerRows rows = new VectorControllerRows(M);
        double[] p = normal(rnd, M, 0.1);
        rows.setParameters(p, p, p, p);
        double fl = 2.0 * M * M * R;
        System.out.printf(Locale.ROOT, "ARUN controller step, M = %d, R = %d neurons, %s, %d float lanes, 1 thread%n",
                M, R, org.neuradapt.training.Provenance.cpuModel(), VectorControllerRows.lanes());
        Runnable fwdGemm = () -> Blas.gemm(true, false, M, R, M, 1.0, wgg, 0, M, prev, 0, R, 0.0, next, 0, R);
        Runnable fwdRows = () -> rows.forward(next, R, 0, R, A, 0, n, s, 0, 0.1, 0.0);
        Runnable bwdRows = () -> {
            rows.beginBackward();
            rows.backward(next, carry, dZ, R, 0, R, A, 0, dN, dS, dA);
        };
        Runnable bwdGemm = () -> {
            Blas.gemm(false, true, M, M, R, 1.0, prev, 0, R, dZ, 0, R, 1.0, dW, 0, M);
            Blas.gemm(false, false, M, R, M, 1.0, wgg, 0, M, dZ, 0, R, 0.0, carry, 0, R);
        };
        Runnable square = () -> Blas.gemm(false, false, big, big, big, 1.0, ba, 0, big, bb, 0, big, 0.0, bc, 0, big);
        for (int round = 0; round < 3; round++) {
            double a = time(fwdGemm, seconds), b = time(fwdRows, seconds), c = time(bwdGemm, seconds), d = time(bwdRows, seconds),
                    e = time(square, seconds);
            double step = a + b + c + d;
            System.out.printf(Locale.ROOT, "round %d: forward sgemm %.2f ms (%.1f GFLOP/s), element-wise %.2f ms; backward sgemms %.2f ms"
                            + " (%.1f GFLOP/s), element-wise %.2f ms; products %.0f%% of %.2f ms; square 1000^3 sgemm %.1f GFLOP/s%n",
                    round, a * 1e3, fl / a / 1e9, b * 1e3, c * 1e3, 2 * fl / c / 1e9, d * 1e3, 100 * (a + c) / step, step * 1e3,
                    2.0 * big * big * big / e / 1e9);
        }
    }

    private static Buf fill(int len, Random rnd, double scale) {
        Buf b = Buf.Precision.FLOAT.alloc(len);
        for (int i = 0; i < len; i++) b.set(i, scale * rnd.nextGaussian());
        return b;
    }

    private static double[] normal(Random rnd, int len, double scale) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) v[i] = scale * rnd.nextGaussian();
        return v;
    }

    private static double time(Runnable r, double seconds) {
        r.run();
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        int calls = 0;
        long now;
        do { r.run(); calls++; now = System.nanoTime(); } while (now < end);
        return (now - t0) / 1e9 / calls;
    }
}
