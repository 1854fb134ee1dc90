package org.neuradapt.network;

import org.neuradapt.network.ModelFactory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.network.GradientCheck.Row;
import org.neuradapt.network.GradientCheck.Tolerance;
import org.neuradapt.network.fused.FastKernels;
import org.neuradapt.network.fused.FusedNetwork;
import org.neuradapt.neuron.LsnnNeuron;
import org.neuradapt.neuron.StatefulNeuron;
import org.neuradapt.neuron.example.AdaptationCurrent;

/**
 * The contract of a neuron with its own state on the fused path (docs/science.md section 10.1),
 * for every such model here (the worked example, lif, alif with learned time constants and
 * refractoriness): the fused kernel equals a plain double loop over the model's own out and next
 * (the reference step), its recorded signals are that loop's values, its gradients match finite
 * differences (of the smooth twin for the spiking layers), one seed gives the same numbers, and
 * float on two threads agrees with double. Known answers: with b = 0 the adaptation-current
 * network is the softplus RNN; a LIF neuron under a constant current fires first at the step the
 * closed form gives.
 */
class StatefulNetworkTest {
    static final int B = 3, T = 6, I = 2, N = 4, C = 3;

    static Stream<ModelConfig> models() {
        // short membrane time constants, so that the T = 6 steps hold spikes, resets and refractory steps
        return Stream.of(config("rnn", Map.of()), config("lif", Map.of("tau_m", 2.0)), config("alif", Map.of("tau_m", 2.0, "tau_a", 5.0)),
                config("alif", Map.of("tau_m", 2.0, "learn_tau", 1.0, "refractory", 2.0, "tau_a", 5.0, "beta", 0.5, "readout_tau", 3.0)));
    }

    /** The contract covers every registered model that runs on the fused path only (the registry's list, not this file's). */
    @Test
    void everyFusedOnlyModelOfTheRegistryIsCovered() {
        Set<String> covered = new java.util.HashSet<>(models().map(ModelConfig::type).toList());
        for (org.neuradapt.neuron.ModelRegistry.Model m : org.neuradapt.neuron.ModelRegistry.MODELS)
            if (m.paths() == org.neuradapt.neuron.ModelRegistry.Paths.FUSED_ONLY) assertTrue(covered.contains(m.id()), m.id() + " is not in models()");
    }

    static ModelConfig config(String type, Map<String, Double> options) {
        return new ModelConfig(type, N, 0, 0, 0, type.equals("rnn") ? AdaptationCurrent.class.getName() : null, null, options, "auto");
    }

    static StatefulNeuron neuron(ModelConfig m) {
        return m.type().equals("rnn") ? new AdaptationCurrent(m.options()) : LsnnNeuron.of(m.type().equals("alif"), m.options());
    }

    /** Inputs large enough that the spiking layers fire (|x| up to 10 every 7th value). */
    static Batch batch(long seed) { return GradientCheck.batch(B, T, I, N, C, true, seed); }

    /** The reference: a double loop over out and next, the read-out's trace, the logits. Signals batch-major [B, T, N]. */
    record Reference(double[] logits, Map<String, double[]> signals) {}

    static Reference reference(StatefulNeuron z, Map<String, INDArray> p, Batch batch) {
        double[] x = batch.x().dup('c').data().asDouble(), d = batch.drive().dup('c').data().asDouble();
        double[] U = p.get(Parameters.U).dup('c').data().asDouble(), W = p.get(Parameters.W).dup('c').data().asDouble();
        double[] b = p.get(Parameters.B).dup('c').data().asDouble();
        double[] wo = p.get(Parameters.W_OUT).dup('c').data().asDouble(), bo = p.get(Parameters.B_OUT).dup('c').data().asDouble();
        List<String> names = z.stateNames();
        int S = names.size(), K = z.parameters(N).size();
        double[][] theta = new double[N][K];
        for (int k = 0; k < K; k++) {
            double[] v = p.get(z.parameters(N).get(k).name()).dup('c').data().asDouble();
            for (int i = 0; i < N; i++) theta[i][k] = v.length == 1 ? v[0] : v[i];
        }
        double kappa = z.readoutDecay();
        double[] logits = new double[B * C];
        Map<String, double[]> sig = new LinkedHashMap<>();
        sig.put(Signals.H, new double[B * T * N]);
        for (String n : names) sig.put(n, new double[B * T * N]);
        for (int s = 0; s < B; s++) {
            double[] h = new double[N], r = new double[N];
            double[][] st = new double[N][S];
            for (int t = 0; t < T; t++) {
                double[] hn = new double[N];
                for (int i = 0; i < N; i++) {
                    double a = b[i] + d[(s * T + t) * N + i];
                    for (int j = 0; j < I; j++) a += x[(s * T + t) * I + j] * U[j * N + i];
                    for (int j = 0; j < N; j++) a += h[j] * W[j * N + i];
                    hn[i] = z.output(a, st[i], theta[i]);
                    double[] next = new double[S];
                    z.next(a, st[i], hn[i], theta[i], next);
                    st[i] = next;
                    sig.get(Signals.H)[(s * T + t) * N + i] = hn[i];
                    for (int k = 0; k < S; k++) sig.get(names.get(k))[(s * T + t) * N + i] = next[k];
                }
                h = hn;
                for (int i = 0; i < N; i++) r[i] = kappa == 0 ? h[i] : kappa * r[i] + (1 - kappa) * h[i];
            }
            for (int c = 0; c < C; c++) {
                double v = bo[c];
                for (int i = 0; i < N; i++) v += r[i] * wo[i * C + c];
                logits[s * C + c] = v;
            }
        }
        return new Reference(logits, sig);
    }

    static double[] values(INDArray a) { return a.dup('c').data().asDouble(); }

    @ParameterizedTest
    @MethodSource("models")
    void fusedEqualsTheReferenceStepAndRecordsItsState(ModelConfig m) {
        Network net = ModelFactory.create(m, I, T, C, 5, DataType.DOUBLE);
        assertEquals("fused", net.backend());
        StatefulNeuron z = neuron(m);
        Batch batch = batch(9);
        Reference ref = reference(z, net.parameters(), batch);
        assertArrayEquals(ref.logits(), values(net.logits(batch)), 1e-12);
        Set<String> wanted = new java.util.HashSet<>(z.stateNames());
        wanted.add(Signals.H);
        Map<String, INDArray> rec = net.record(batch, wanted);
        for (String s : wanted) assertArrayEquals(ref.signals().get(s), values(rec.get(s)), 1e-12, s);
        if (!m.type().equals("rnn")) {   // spikes are 0 or 1, and some neurons fire
            double[] h = ref.signals().get(Signals.H);
            assertTrue(java.util.Arrays.stream(h).allMatch(v -> v == 0 || v == 1));
            assertTrue(java.util.Arrays.stream(h).sum() > 0, "no spike at all: the test would not test the reset");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientsMatchFiniteDifferencesOfTheSmoothTwin(ModelConfig m) {
        StatefulNeuron twin = neuron(m).smoothTwin();
        Network net = ModelFactory.create(m, new LayerModel.Stateful(twin), I, T, C, 5, DataType.DOUBLE);
        Batch batch = batch(9);
        List<Row> rows = new java.util.ArrayList<>(GradientCheck.parameters(net, batch, Tolerance.DOUBLE));
        rows.addAll(GradientCheck.inputs(net, batch, Tolerance.DOUBLE));
        for (Row r : rows) assertTrue(r.pass(), m.type() + " " + m.options() + ": " + r);
        assertTrue(rows.size() >= 7, rows.toString());
    }

    @ParameterizedTest
    @MethodSource("models")
    void oneSeedOneNetworkAndFloatOnTwoThreadsAgreesWithDouble(ModelConfig m) {
        Batch batch = batch(9);
        Network a = ModelFactory.create(m, I, T, C, 5, DataType.FLOAT), b = ModelFactory.create(m, I, T, C, 5, DataType.FLOAT);
        Network.Gradients ga = a.lossAndGradients(batch), gb = b.lossAndGradients(batch);
        assertEquals(ga.loss(), gb.loss());
        for (String k : a.parameters().keySet()) assertArrayEquals(values(ga.gradients().get(k)), values(gb.gradients().get(k)), 0.0, k);
        if (!m.type().equals("rnn")) return;   // float can move a spike by one step: only the smooth model is compared across precisions
        Network dbl = ModelFactory.create(m, I, T, C, 5, DataType.DOUBLE);
        Network.Gradients gd = dbl.lossAndGradients(batch);
        assertEquals(gd.loss(), ga.loss(), 1e-5 * Math.max(1, Math.abs(gd.loss())));
        for (String k : a.parameters().keySet()) {
            double[] f = values(ga.gradients().get(k)), dd = values(gd.gradients().get(k));
            for (int i = 0; i < f.length; i++) assertEquals(dd[i], f[i], 1e-4 * Math.max(1, Math.abs(dd[i])), k + "[" + i + "]");
        }
    }

    /** The lane forms (float, SIMD) point by point against their per-value form, and in a network against the per-value float kernel. */
    @ParameterizedTest
    @MethodSource("models")
    void theLaneFormAgreesWithThePerValueForm(ModelConfig m) {
        StatefulNeuron z = neuron(m);
        if (!(z instanceof org.neuradapt.neuron.StatefulLanes lanes) || !lanes.lanesApply()) return;   // learned time constants: per-value only
        assertTrue(FastKernels.simdAvailable(), "the tests run with jdk.incubator.vector: without it this test would compare the per-value form with itself");
        Network net = ModelFactory.create(m, I, T, C, 5, DataType.FLOAT);
        Map<String, double[]> values = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> values.put(k, values(v)));
        double[][] theta = PointwiseCheck.perNeuron(z.parameters(N), values, N);
        for (Row r : StatefulCheck.lanes(lanes, z.parameters(N), theta, 3)) assertTrue(r.pass(), m.options() + ": " + r);
        FastKernels.Options scalar = FastKernels.Options.defaults().withSinglePrecision(true).withVectorized(false);
        Map<String, INDArray> p = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> p.put(k, v.dup()));
        Network perValue = new FusedNetwork(FastKernels.stateful(m.type(), N, z, scalar), p, DataType.FLOAT);
        Batch batch = batch(9);
        Network.Gradients a = net.lossAndGradients(batch), b = perValue.lossAndGradients(batch);
        assertEquals(b.loss(), a.loss(), 1e-5);
        for (String k : p.keySet()) {
            double[] x = values(a.gradients().get(k)), y = values(b.gradients().get(k));
            for (int i = 0; i < x.length; i++) assertEquals(y[i], x[i], 1e-4 * Math.max(1, Math.abs(y[i])), k + "[" + i + "]");
        }
        boolean spiking = !m.type().equals("rnn");   // spikes are the same exactly; the rate model's h agrees to float rounding
        assertArrayEquals(values(perValue.record(batch, Set.of(Signals.H)).get(Signals.H)), values(net.record(batch, Set.of(Signals.H)).get(Signals.H)),
                spiking ? 0.0 : 1e-5, spiking ? "the same spikes" : "the same rates");
    }

    @Test
    void withoutAdaptationTheWorkedExampleIsTheSoftplusRnn() {
        ModelConfig m = config("rnn", Map.of("b0", 0.0));
        Network adapt = ModelFactory.create(m, I, T, C, 5, DataType.DOUBLE);
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String k : List.of(Parameters.U, Parameters.W, Parameters.B, Parameters.W_OUT, Parameters.B_OUT)) p.put(k, adapt.parameters().get(k).dup());
        Network softplus = new FusedNetwork(ModelFactory.kernel("rnn_softplus", N, 0, 0, 0, FastKernels.Options.defaults()), p, DataType.DOUBLE);
        Batch batch = batch(3);
        Network.Gradients ga = adapt.lossAndGradients(batch), gs = softplus.lossAndGradients(batch);
        assertEquals(gs.loss(), ga.loss(), 1e-12);
        for (String k : p.keySet()) assertArrayEquals(values(gs.gradients().get(k)), values(ga.gradients().get(k)), 1e-12, k);
        // the adaptation parameters still get a gradient: b through w, tau not at all while w stays 0
        assertTrue(java.util.Arrays.stream(values(ga.gradients().get(AdaptationCurrent.STRENGTH))).anyMatch(v -> v != 0));
        assertArrayEquals(new double[N], values(ga.gradients().get(AdaptationCurrent.TIME_CONSTANT)), 0.0);
    }

    @Test
    void aLifNeuronUnderAConstantCurrentFiresWhenTheClosedFormSays() {
        // one neuron, W = 0, a_t = c: v_t = c (1 - alpha^(t+1)) / (1 - alpha) until the first spike, at the first t with v_t > b0 = 1
        double tauM = 10, c = 0.15, alpha = Math.exp(-1 / tauM);
        int first = (int) Math.ceil(Math.log(1 - (1 - alpha) / c) / Math.log(alpha) - 1);
        assertTrue(first > 3, "the closed form is tested over several steps: " + first);
        int steps = first + 3;
        ModelConfig m = new ModelConfig("lif", 1, 0, 0, 0, null, null, Map.of("tau_m", tauM), "auto");
        Network net = ModelFactory.create(m, 1, steps, 2, 1, DataType.DOUBLE);
        net.parameters().get(Parameters.U).assign(1.0);
        net.parameters().get(Parameters.W).assign(0.0);
        net.parameters().get(Parameters.B).assign(0.0);
        double[] xs = new double[steps];
        java.util.Arrays.fill(xs, c);
        Batch batch = new Batch(Nd4j.createFromArray(xs).reshape(1, steps, 1), null, null);
        double[] h = values(net.record(batch, Set.of(Signals.H)).get(Signals.H));
        for (int t = 0; t < steps; t++) assertEquals(t == first ? 1.0 : 0.0, h[t], "step " + t + " (first spike expected at " + first + ")");
        double[] v = values(net.record(batch, Set.of(LsnnNeuron.V)).get(LsnnNeuron.V));
        assertEquals(c * (1 - Math.pow(alpha, first + 1)) / (1 - alpha), v[first], 1e-12);
        assertEquals(alpha * v[first] + c - 1.0, v[first + 1], 1e-12, "reset by subtraction of the threshold");
    }

    @Test
    void refusesWhatCannotRun() {
        UserError e = assertThrows(UserError.class, () -> ModelFactory.create(config("alif", Map.of("tau_x", 3.0)), I, T, C, 1, DataType.FLOAT));
        assertTrue(e.getMessage().startsWith("config key 'model.options': unknown option 'tau_x'"), e.getMessage());
        e = assertThrows(UserError.class, () -> ModelFactory.create(config("lif", Map.of("beta", 1.0)), I, T, C, 1, DataType.FLOAT));
        assertTrue(e.getMessage().contains("'beta' belongs to alif"), e.getMessage());
        ModelConfig sd = new ModelConfig("lif", N, 0, 0, 0, null, null, Map.of(), "samediff");
        e = assertThrows(UserError.class, () -> ModelFactory.create(sd, I, T, C, 1, DataType.FLOAT));
        assertTrue(e.getMessage().startsWith("config key 'model.backend': samediff has no form of lif"), e.getMessage());
    }
}
