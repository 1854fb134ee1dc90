package org.neuradapt.network.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.neuradapt.network.GradientCheck;
import org.neuradapt.network.Parameters;
import org.neuradapt.neuron.Gamma;

/** Random instances, a plain reference forward and a finite-difference gradient check. */
final class KernelTestSupport {
    static final int B = 3, T = 5, I = 2, N = 4, M = 3, C = 3;

    private KernelTestSupport() {}

    static double[] normal(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian() * std;
        return v;
    }

    static double[] uniform(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
        return v;
    }

    /** Random parameters for every name of the kernel, with gamma-friendly n (~5-7) and s in (0.1, 0.9). */
    static Map<String, double[]> params(FusedKernel k, int inputSize, int classes, long seed) {
        Random r = new Random(seed);
        Map<String, double[]> p = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : k.parameterShapes(inputSize, classes).entrySet()) {
            int n = 1;
            for (int d : e.getValue()) n *= d;
            double[] v = switch (e.getKey()) {
                case Parameters.U -> normal(r, n, 1.0);
                case Parameters.W -> normal(r, n, 0.8 / Math.sqrt(k.hidden()));
                case Parameters.B, Parameters.B_G -> normal(r, n, 0.2);
                case Parameters.GAIN -> uniform(r, n, 4.0, 7.0);
                case Parameters.SATURATION -> uniform(r, n, 0.1, 0.9);
                case Parameters.U_AG -> normal(r, n, 0.5);
                case Parameters.W_GG -> normal(r, n, 0.7 / Math.sqrt(n == 0 ? 1 : Math.sqrt(n)));
                case Parameters.W_GN -> normal(r, n, 0.3);
                case Parameters.B_N -> new double[]{5.5};
                case Parameters.W_GS -> normal(r, n, 0.1);
                case Parameters.B_S -> new double[]{0.4};
                case Parameters.W_OUT -> normal(r, n, 0.7);
                default -> normal(r, n, 0.4);  // lstm/gru weights and biases
            };
            p.put(e.getKey(), v);
        }
        return p;
    }

    /** Inputs [B, T, I]: sample 0 has large inputs (|n a| well above 20), the rest N(0, 1). */
    static double[] inputs(int batch, int steps, int inputSize, long seed) {
        Random r = new Random(seed);
        double[] x = new double[batch * steps * inputSize];
        for (int b = 0; b < batch; b++) for (int j = 0; j < steps * inputSize; j++) {
            x[b * steps * inputSize + j] = r.nextGaussian() * (b == 0 ? 8.0 : 1.0);
        }
        return x;
    }

    static int[] labels(int batch, int classes, long seed) {
        Random r = new Random(seed);
        int[] y = new int[batch];
        for (int b = 0; b < batch; b++) y[b] = r.nextInt(classes);
        return y;
    }

    static Map<String, double[]> copy(Map<String, double[]> p) {
        Map<String, double[]> c = new LinkedHashMap<>();
        p.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    /**
     * Central finite differences of the kernel's loss for every element of every parameter
     * ({@link GradientCheck}, h = 1e-5 max(1, |v|)); returns a list of failures (empty when every
     * element agrees to relTol relative, 1e-9 absolute).
     */
    static List<String> gradientCheck(FusedKernel k, double[] x, int batch, int steps, int inputSize, double[] drive,
                                      int[] y, Map<String, double[]> params, Map<String, double[]> grads, double relTol) {
        List<String> failures = new ArrayList<>();
        Map<String, double[]> p = copy(params);
        GradientCheck.Tolerance tol = new GradientCheck.Tolerance(relTol, 1e-9 / relTol, 1e-5);
        for (String name : k.parameterNames()) {
            GradientCheck.Row r = GradientCheck.check(name, GradientCheck.Entries.of(p.get(name)), grads.get(name),
                    () -> k.forward(x, batch, steps, inputSize, drive, y, p, java.util.Set.of()).loss(), tol);
            if (!r.pass()) failures.add(String.format("%s: %d of %d entries fail, worst %s: abs err %.3g, rel err %.3g",
                    name, r.failures(), r.entries(), r.worst(), r.maxAbsErr(), r.maxRelErr()));
        }
        return failures;
    }

    static void assertClose(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= relTol * Math.max(Math.abs(expected[i]), 1e-3 * scale) + 1e-300,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    // ---------------------------------------------------------------- plain reference forward

    /** Reference result: logits [B, C], loss, and a/h/n/s [B, T, N], g [B, T, N, M] (null when not an ARUN). */
    record Ref(double[] logits, double loss, double[] a, double[] h, double[] n, double[] s, double[] g) {}

    static double phi(String model, double a, double n, double s) {
        return switch (model) {
            case "rnn_relu" -> Math.max(a, 0);
            case "rnn_tanh" -> Math.tanh(a);
            case "rnn_softplus" -> a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
            default -> Gamma.value(a, n, s);
        };
    }

    /**
     * Straightforward loops over samples, steps and neurons (docs/science.md section 2), batch-major,
     * with org.neuradapt.neuron.Gamma and Math.tanh. fixedN/fixedS for rnn_gamma_fixed.
     */
    static Ref reference(String model, int hidden, int ctrl, double fixedN, double fixedS, double[] x, int batch, int steps,
                         int inputSize, double[] drive, int[] y, Map<String, double[]> p) {
        int Nn = hidden, Mm = ctrl;
        double[] U = p.get(Parameters.U), W = p.get(Parameters.W), bb = p.get(Parameters.B);
        double[] Wo = p.get(Parameters.W_OUT), bo = p.get(Parameters.B_OUT);
        int classes = bo.length;
        double[] A = new double[batch * steps * Nn], H = new double[batch * steps * Nn];
        double[] NS = new double[batch * steps * Nn], SS = new double[batch * steps * Nn];
        boolean arun = model.equals("arun");
        double[] G = arun ? new double[batch * steps * Nn * Mm] : null;
        double[] logits = new double[batch * classes];
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            double[] h = new double[Nn];
            double[][] g = new double[Nn][Math.max(Mm, 1)];
            for (int t = 0; t < steps; t++) {
                double[] a = new double[Nn], hn = new double[Nn];
                for (int i = 0; i < Nn; i++) {
                    double v = bb[i];
                    for (int k = 0; k < inputSize; k++) v += x[(b * steps + t) * inputSize + k] * U[k * Nn + i];
                    for (int j = 0; j < Nn; j++) v += h[j] * W[j * Nn + i];
                    if (drive != null) v += drive[(b * steps + t) * Nn + i];
                    a[i] = v;
                }
                for (int i = 0; i < Nn; i++) {
                    double n, s;
                    if (arun) {
                        double[] gn = new double[Mm];
                        for (int m = 0; m < Mm; m++) {
                            double z = a[i] * p.get(Parameters.U_AG)[m] + p.get(Parameters.B_G)[m];
                            for (int kk = 0; kk < Mm; kk++) z += g[i][kk] * p.get(Parameters.W_GG)[kk * Mm + m];
                            gn[m] = Math.tanh(z);
                        }
                        g[i] = gn;
                        n = p.get(Parameters.B_N)[0];
                        s = p.get(Parameters.B_S)[0];
                        for (int m = 0; m < Mm; m++) {
                            n += gn[m] * p.get(Parameters.W_GN)[m];
                            s += gn[m] * p.get(Parameters.W_GS)[m];
                            G[((b * steps + t) * Nn + i) * Mm + m] = gn[m];
                        }
                    } else if (model.equals("rnn_gamma_fixed")) {
                        n = fixedN; s = fixedS;
                    } else if (model.equals("rnn_gamma_hom")) {
                        n = p.get(Parameters.GAIN)[0]; s = p.get(Parameters.SATURATION)[0];
                    } else if (model.equals("rnn_gamma_het")) {
                        n = p.get(Parameters.GAIN)[i]; s = p.get(Parameters.SATURATION)[i];
                    } else {
                        n = 1; s = 0;
                    }
                    hn[i] = arun ? Gamma.value(a[i], n, s) : phi(model, a[i], n, s);
                    int o = (b * steps + t) * Nn + i;
                    A[o] = a[i]; H[o] = hn[i]; NS[o] = n; SS[o] = s;
                }
                h = hn;
            }
            double ce = readout(h, Wo, bo, classes, logits, b, y == null ? -1 : y[b]);
            if (y != null) loss += ce;
        }
        return new Ref(logits, y == null ? Double.NaN : loss / batch, A, H, NS, SS, G);
    }

    /**
     * The plain read-out of sample b: logits[b] = h W_out + b_out, written into logits; returns
     * its cross-entropy -log softmax(logits[b])[label] (NaN when label &lt; 0).
     */
    static double readout(double[] h, double[] Wo, double[] bo, int classes, double[] logits, int b, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double v = bo[c];
            for (int j = 0; j < h.length; j++) v += h[j] * Wo[j * classes + c];
            logits[b * classes + c] = v;
            max = Math.max(max, v);
        }
        if (label < 0) return Double.NaN;
        double z = 0;
        for (int c = 0; c < classes; c++) z += Math.exp(logits[b * classes + c] - max);
        return max + Math.log(z) - logits[b * classes + label];
    }
}
