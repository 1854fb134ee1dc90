package org.neuradapt.network.fast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.neuradapt.network.Parameters;

/**
 * Micro-benchmark of one forward + backward batch of a fused kernel, to set beside
 * shared/bench/torch_reference.py (same sizes; input size 1, 10 classes).
 *
 * <pre>
 *   java -cp ... org.neuradapt.network.fast.KernelBench MODEL HIDDEN CTRL T BATCH ITERS [THREADS] [CHECKPOINT_EVERY] [double|float]
 *   MODEL: a model id (rnn_gamma_het, arun, lstm, ...) or rnn_gamma (= rnn_gamma_het)
 * </pre>
 *
 * Prints the median wall seconds per batch over ITERS timed iterations after one warm-up, and
 * the median process CPU seconds per batch (steadier than wall time on a shared machine).
 */
public final class KernelBench {
    private KernelBench() {}

    public static void main(String[] args) {
        if (args.length < 6) {
            System.err.println("usage: KernelBench MODEL HIDDEN CTRL T BATCH ITERS [THREADS] [CHECKPOINT_EVERY] [double|float]");
            System.exit(2);
        }
        String model = args[0].equals("rnn_gamma") ? "rnn_gamma_het" : args[0];
        int hidden = Integer.parseInt(args[1]), ctrl = Integer.parseInt(args[2]), T = Integer.parseInt(args[3]);
        int B = Integer.parseInt(args[4]), iters = Integer.parseInt(args[5]);
        FastKernels.Options o = FastKernels.Options.defaults();
        if (args.length > 6) o = o.withThreads(Integer.parseInt(args[6]));
        if (args.length > 7) o = o.withCheckpointEvery(Integer.parseInt(args[7]));
        if (args.length > 8) o = o.withSinglePrecision(args[8].startsWith("f"));
        int I = 1, C = 10;
        try (FusedKernel k = FastKernels.create(model, hidden, ctrl, 6.0, 0.0, o)) {
            Random r = new Random(0);
            Map<String, double[]> p = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : k.parameterShapes(I, C).entrySet()) {
                int n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
                int fanIn = e.getValue().length > 1 ? e.getValue()[0] : 1;
                double[] v = new double[n];
                // roughly the paper's init (SCIENCE.md section 2): n = 6, s = 0, small read-outs of the controller
                switch (e.getKey()) {
                    case Parameters.GAIN, Parameters.B_N -> Arrays.fill(v, 6.0);
                    case Parameters.SATURATION, Parameters.B_S, Parameters.B, Parameters.B_G, Parameters.B_OUT,
                         Parameters.B_IH, Parameters.B_HH -> { }
                    case Parameters.W_GN -> { for (int i = 0; i < n; i++) v[i] = 0.1 * r.nextGaussian() / Math.sqrt(n); }
                    case Parameters.W_GS -> { for (int i = 0; i < n; i++) v[i] = 0.01 * r.nextGaussian() / Math.sqrt(n); }
                    case Parameters.U_AG -> { for (int i = 0; i < n; i++) v[i] = r.nextGaussian(); }
                    default -> { for (int i = 0; i < n; i++) v[i] = r.nextGaussian() / Math.sqrt(fanIn); }
                }
                p.put(e.getKey(), v);
            }
            double[] x = new double[B * T * I];
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
            int[] y = new int[B];
            for (int b = 0; b < B; b++) y[b] = r.nextInt(C);
            double[] times = new double[iters], cpu = new double[iters];
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            double loss = k.forwardBackward(x, B, T, I, null, y, p).loss();
            for (int it = 0; it < iters; it++) {
                long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                loss = k.forwardBackward(x, B, T, I, null, y, p).loss();
                times[it] = (System.nanoTime() - t0) * 1e-9;
                cpu[it] = (os.getProcessCpuTime() - c0) * 1e-9;
            }
            Arrays.sort(times);
            Arrays.sort(cpu);
            System.out.printf("%s hid=%d ctrl=%d T=%d B=%d threads=%d %s kernel=%s median_s_per_batch=%.4f cpu_s_per_batch=%.4f loss=%.4f%n",
                    model, hidden, ctrl, T, B, o.threads(), o.singlePrecision() ? "float" : "double", k, times[iters / 2], cpu[iters / 2], loss);
        }
    }
}
