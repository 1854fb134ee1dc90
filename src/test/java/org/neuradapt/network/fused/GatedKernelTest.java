package org.neuradapt.network.fused;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.fused.KernelTestSupport.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/** LSTM and GRU kernels: forward against plain loops, gradients against finite differences. */
class GatedKernelTest {

    static Stream<Arguments> cases() {
        return Stream.of("lstm", "gru").flatMap(m -> Stream.of(Arguments.of(m, false), Arguments.of(m, true)));
    }

    static double sig(double z) { return 1 / (1 + Math.exp(-z)); }

    /** Plain LSTM / GRU forward (Parameters javadoc): logits [B, C], loss, h and c [B, T, N]. */
    static Ref reference(String model, double[] x, int b0, int steps, int in, double[] drive, int[] y, Map<String, double[]> p) {
        double[] Wih = p.get(Parameters.W_IH), Whh = p.get(Parameters.W_HH), Wo = p.get(Parameters.W_OUT), bo = p.get(Parameters.B_OUT);
        int G = model.equals("lstm") ? 4 : 3, classes = bo.length;
        double[] logits = new double[b0 * classes], Hs = new double[b0 * steps * N], Cs = new double[b0 * steps * N];
        double loss = 0;
        for (int b = 0; b < b0; b++) {
            double[] h = new double[N], c = new double[N];
            for (int t = 0; t < steps; t++) {
                double[] xp = new double[G * N], hp = new double[G * N];
                for (int k = 0; k < G * N; k++) {
                    for (int q = 0; q < in; q++) xp[k] += x[(b * steps + t) * in + q] * Wih[q * G * N + k];
                    for (int j = 0; j < N; j++) hp[k] += h[j] * Whh[j * G * N + k];
                }
                double[] hn = new double[N];
                for (int j = 0; j < N; j++) {
                    double d = drive == null ? 0 : drive[(b * steps + t) * N + j];
                    if (G == 4) {
                        double[] bb = p.get(Parameters.B);
                        double i = sig(xp[j] + hp[j] + bb[j]), f = sig(xp[N + j] + hp[N + j] + bb[N + j]);
                        double g = Math.tanh(xp[2 * N + j] + hp[2 * N + j] + bb[2 * N + j]);
                        double o = sig(xp[3 * N + j] + hp[3 * N + j] + bb[3 * N + j] + d);
                        c[j] = f * c[j] + i * g;
                        hn[j] = o * Math.tanh(c[j]);
                    } else {
                        double[] bi = p.get(Parameters.B_IH), bh = p.get(Parameters.B_HH);
                        double r = sig(xp[j] + bi[j] + hp[j] + bh[j]), z = sig(xp[N + j] + bi[N + j] + hp[N + j] + bh[N + j]);
                        double cand = Math.tanh(xp[2 * N + j] + bi[2 * N + j] + r * (hp[2 * N + j] + bh[2 * N + j]) + d);
                        hn[j] = (1 - z) * cand + z * h[j];
                    }
                    Hs[(b * steps + t) * N + j] = hn[j];
                    Cs[(b * steps + t) * N + j] = c[j];
                }
                h = hn;
            }
            loss += KernelTestSupport.readout(h, Wo, bo, classes, logits, b, y[b]);
        }
        return new Ref(logits, loss / b0, null, Hs, null, null, Cs);
    }

    @ParameterizedTest(name = "{0} drive={1}")
    @MethodSource("cases")
    void forwardMatchesPlainReferenceAndGradientsMatchFiniteDifferences(String model, boolean withDrive) {
        for (int threads : new int[]{1, 2}) {
            try (FusedKernel k = ModelFactory.kernel(model, N, 0, 0, 0, FastKernels.Options.defaults().withThreads(threads))) {
                Map<String, double[]> p = params(k, I, C, 81);
                double[] x = inputs(B, T, I, 82), d = withDrive ? normal(new Random(83), B * T * N, 1.5) : null;
                int[] y = labels(B, C, 84);
                Ref ref = reference(model, x, B, T, I, d, y, p);
                Set<String> rec = model.equals("lstm") ? Set.of(Signals.H, Signals.C) : Set.of(Signals.H);
                assertEquals(rec, k.signals());
                FusedKernel.Result r = k.forward(x, B, T, I, d, y, p, rec);
                assertClose(ref.logits(), r.logits(), 1e-12, "logits");
                assertEquals(ref.loss(), r.loss(), 1e-12 * ref.loss());
                assertClose(ref.h(), r.signals().get(Signals.H), 1e-12, "h");
                if (model.equals("lstm")) assertClose(ref.g(), r.signals().get(Signals.C), 1e-12, "c");
                FusedKernel.Result fb = k.forwardBackward(x, B, T, I, d, y, p);
                assertEquals(k.parameterNames(), List.copyOf(fb.gradients().keySet()));
                List<String> failures = gradientCheck(k, x, B, T, I, d, y, p, fb.gradients(), 1e-6);
                assertTrue(failures.isEmpty(), model + ": " + failures);
            }
        }
    }
}
