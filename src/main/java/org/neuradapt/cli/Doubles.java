package org.neuradapt.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recorded signals and checkpoint parameters (INDArrays of any precision and order) as plain
 * double arrays in C order: the one way the analysis commands hand ND4J data to the pure
 * functions of {@code org.neuradapt.analysis}, which take Java arrays.
 */
final class Doubles {
    private Doubles() {}

    /** Every value of x, row-major, in double precision (a copy). */
    static double[] flat(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** x [B, T, N] as [B][T][N]. */
    static double[][][] array3(INDArray x) {
        int B = (int) x.size(0), T = (int) x.size(1), N = (int) x.size(2);
        double[] flat = flat(x);
        double[][][] out = new double[B][T][N];
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) System.arraycopy(flat, (b * T + t) * N, out[b][t], 0, N);
        return out;
    }

    /** x [B, T, N, M] as [B][T][N][M]. */
    static double[][][][] array4(INDArray x) {
        int B = (int) x.size(0), T = (int) x.size(1), N = (int) x.size(2), M = (int) x.size(3);
        double[] flat = flat(x);
        double[][][][] out = new double[B][T][N][M];
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
                for (int i = 0; i < N; i++) System.arraycopy(flat, ((b * T + t) * N + i) * M, out[b][t][i], 0, M);
        return out;
    }
}
