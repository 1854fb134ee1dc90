package org.neuradapt.network.fused;

import java.util.Arrays;
import java.util.Map;

/** Parameter validation and layout conversions shared by the kernels. */
final class KernelSupport {
    private KernelSupport() {}

    static double[] param(Map<String, double[]> params, String name) {
        double[] v = params.get(name);
        if (v == null) throw new IllegalArgumentException("missing parameter '" + name + "'");
        return v;
    }

    /** What a whole batch's summed loss is divided by ({@link org.neuradapt.network.Targets#norm}), the read-out's width taken from b_out. */
    static double norm(org.neuradapt.network.Targets targets, int batch, int steps, Map<String, double[]> params) {
        return targets.norm(batch, steps, param(params, org.neuradapt.network.Parameters.B_OUT).length);
    }

    static void checkShapes(Map<String, double[]> params, Map<String, int[]> shapes) {
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            double[] v = param(params, e.getKey());
            int n = 1;
            for (int d : e.getValue()) n *= d;
            if (v.length != n) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has " + v.length
                        + " values, expected shape " + Arrays.toString(e.getValue()));
            }
        }
    }

    /** Time-major [T, B, K] buffer to a batch-major [B, T, K] array. */
    static double[] toBatchMajor(Buf src, int T, int B, int K) {
        double[] out = new double[T * B * K];
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) src.copyTo((t * B + b) * K, out, (b * T + t) * K, K);
        return out;
    }
}
