package org.neuradapt.cli;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.neuron.ArunReference;
import org.neuradapt.analysis.Lyapunov;
import org.neuradapt.network.Network;
import org.neuradapt.network.Signals;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;

/**
 * The signals a Jacobian along a trajectory needs (docs/science.md sections 5.5 and 5.6), recorded
 * from a test batch under a step drive and turned into plain arrays: a_t, h_t and, where the model
 * has them, n_t, s_t (constant in time for rnn_gamma_*) and the ARUN's g_t. Shared by
 * {@code analyze lyapunov} and {@code analyze jacobian}.
 *
 * @param a [B][T][N]; h, n, s likewise (n, s zero for models without them); g [B][T][N][M] or null
 */
record JacobianSignals(double[][][] a, double[][][] h, double[][][] n, double[][][] s, double[][][][] g) {

    /** Records the first {@code samples} test images under a step of amplitude xi in {@code window}. */
    static JacobianSignals record(AnalysisRun run, Network net, String input, int samples, double xi, Window window, long seed, boolean controller) {
        Set<String> names = new HashSet<>(Set.of(Signals.A, Signals.H));
        boolean shapes = net.signals().contains(Signals.N);
        if (shapes) names.addAll(Set.of(Signals.N, Signals.S));
        if (controller) names.add(Signals.G);
        Map<String, INDArray> rec = net.record(run.batch(input, samples, new StepDrive(xi, window), seed), names);
        double[][][] a = Doubles.array3(rec.get(Signals.A)), h = Doubles.array3(rec.get(Signals.H));
        double[][][] n = shapes ? Doubles.array3(rec.get(Signals.N)) : new double[a.length][a[0].length][a[0][0].length];
        double[][][] s = shapes ? Doubles.array3(rec.get(Signals.S)) : new double[a.length][a[0].length][a[0][0].length];
        return new JacobianSignals(a, h, n, s, controller ? Doubles.array4(rec.get(Signals.G)) : null);
    }

    int samples() { return a.length; }

    int steps() { return a[0].length; }

    /** phi'(a_t) per sample, step and neuron. */
    double[][][] slopes(org.neuradapt.neuron.ElementwiseSlope phi) {
        double[][][] out = new double[samples()][steps()][];
        for (int b = 0; b < samples(); b++)
            for (int t = 0; t < steps(); t++) {
                int nn = a[b][t].length;
                out[b][t] = new double[nn];
                for (int i = 0; i < nn; i++) out[b][t][i] = phi.at(a[b][t][i], n[b][t][i], s[b][t][i]);
            }
        return out;
    }

    /** The full-state ARUN tangent maps of sample b (needs g). */
    Lyapunov.TangentMaps full(ArunReference arun, int b) {
        ArunReference.State[] states = new ArunReference.State[steps()];
        for (int t = 0; t < steps(); t++) states[t] = new ArunReference.State(a[b][t], g[b][t], n[b][t], s[b][t], h[b][t]);
        return org.neuradapt.analysis.TrajectoryLyapunov.full(arun, states, 0);
    }
}
