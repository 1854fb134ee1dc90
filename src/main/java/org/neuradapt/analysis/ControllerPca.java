package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuradapt.UserError;

/**
 * The ARUN's controller on its own (docs/science.md section 5.9): g_t = tanh(a_t u_ag + g_{t-1}
 * W_gg + b_g) fed a scalar step a_t = 0 for t &lt;= onset and A for onset &lt; t &lt; steps, for each
 * amplitude A, from g_{-1} ~ N(0, I) redrawn for every repeat and amplitude; the states are
 * averaged over repeats and a 2-D PCA ({@link Pca}) is fitted on all averaged states of all
 * amplitudes. Its clock is the protocol's own, not the task's (section 5).
 *
 * <p>Pure: no I/O.
 */
public final class ControllerPca {
    private ControllerPca() {}

    /** The controller's weights: u_ag [M], W_gg [M][M] (row-vector convention, g W_gg), b_g [M]. */
    public record Controller(double[] uag, double[][] wgg, double[] bg) {
        public Controller {
            uag = uag.clone();
            wgg = Arrays.stream(wgg).map(double[]::clone).toArray(double[][]::new);
            bg = bg.clone();
            int m = uag.length;
            if (bg.length != m || wgg.length != m || Arrays.stream(wgg).anyMatch(r -> r.length != m))
                throw new IllegalArgumentException("controller of size " + m + " needs W_gg [" + m + "][" + m + "] and b_g [" + m + "]");
        }

        public int size() { return uag.length; }

        /** g' = tanh(a u_ag + g W_gg + b_g). */
        public double[] step(double a, double[] g) {
            int m = size();
            double[] out = new double[m];
            for (int j = 0; j < m; j++) {
                double z = a * uag[j] + bg[j];
                for (int i = 0; i < m; i++) z += g[i] * wgg[i][j];
                out[j] = Math.tanh(z);
            }
            return out;
        }

        /** The states g_0 .. g_{T-1} for the inputs a_0 .. a_{T-1}, from the state g0 before t = 0, [T][M]. */
        public double[][] run(double[] inputs, double[] g0) {
            double[][] out = new double[inputs.length][];
            double[] g = g0;
            for (int t = 0; t < inputs.length; t++) out[t] = g = step(inputs[t], g);
            return out;
        }
    }

    /**
     * Every number of the protocol.
     *
     * @param steps      steps of a run, t = 0 .. steps - 1
     * @param onset      the input is 0 for t &lt;= onset and A after it
     * @param amplitudes the step amplitudes A
     * @param repeats    runs per amplitude, each from its own g0 ~ N(0, I), averaged
     * @param seed       seed of the g0 draws
     */
    public record Protocol(int steps, int onset, List<Double> amplitudes, int repeats, long seed) {
        public Protocol {
            amplitudes = List.copyOf(amplitudes);
            if (steps < 2) throw new UserError("--steps must be at least 2, got " + steps);
            if (onset < 0 || onset >= steps - 1)
                throw new UserError("--onset " + onset + " does not fit --steps " + steps + "; give 0 <= onset <= " + (steps - 2) + " so the step lasts a step");
            if (amplitudes.isEmpty() || amplitudes.stream().anyMatch(a -> !Double.isFinite(a)))
                throw new UserError("--amplitudes must be finite numbers, got " + amplitudes);
            if (repeats < 1) throw new UserError("--repeats must be at least 1, got " + repeats);
        }

        /** The input a_t for amplitude A. */
        public double input(double a, int t) { return t > onset ? a : 0; }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("onset", onset);
            m.put("amplitudes", amplitudes);
            m.put("repeats", repeats);
            m.put("seed", seed);
            return m;
        }
    }

    /** exp of {@code count} evenly spaced values from {@code from} to {@code to} (the reference's exp(linspace(-2, 2, 10))). */
    public static List<Double> logSpaced(double from, double to, int count) {
        List<Double> out = new ArrayList<>();
        for (double v : new FractionalOrder.AlphaGrid(from, to, count).values()) out.add(Math.exp(v));
        return out;
    }

    /** One amplitude's repeat-averaged states [T][M] and their PCA coordinates [T][2]. */
    public record Trajectory(double amplitude, double[][] states, double[][] pcs) {}

    /** The PCA and every amplitude's trajectory. */
    public record Result(Source source, Protocol protocol, Pca pca, List<Trajectory> trajectories) {
        public Result {
            trajectories = List.copyOf(trajectories);
        }
    }

    /** The states of one amplitude averaged over the protocol's repeats, [T][M]. */
    static double[][] averaged(Controller c, Protocol p, double a, SplittableRandom rng) {
        double[] inputs = new double[p.steps()];
        for (int t = 0; t < inputs.length; t++) inputs[t] = p.input(a, t);
        double[][] mean = new double[p.steps()][c.size()];
        for (int r = 0; r < p.repeats(); r++) {
            double[] g0 = new double[c.size()];
            for (int j = 0; j < g0.length; j++) g0[j] = rng.nextGaussian();
            double[][] g = c.run(inputs, g0);
            for (int t = 0; t < g.length; t++) for (int j = 0; j < g0.length; j++) mean[t][j] += g[t][j] / p.repeats();
        }
        return mean;
    }

    /** The protocol: averaged runs per amplitude (g0 drawn amplitude by amplitude, repeat by repeat), a 2-D PCA of all of them. */
    public static Result analyse(Source source, Protocol p, Controller c, Progress progress) {
        if (c.size() < 2) throw new UserError("controller PCA needs a controller of at least 2 units (model.ctrl), got " + c.size());
        SplittableRandom rng = new SplittableRandom(p.seed());
        List<double[][]> states = new ArrayList<>();
        for (int i = 0; i < p.amplitudes().size(); i++) {
            progress.update("amplitudes", i, p.amplitudes().size());
            states.add(averaged(c, p, p.amplitudes().get(i), rng));
        }
        progress.update("amplitudes", p.amplitudes().size(), p.amplitudes().size());
        Pca pca = Pca.fit(states.stream().flatMap(Arrays::stream).toArray(double[][]::new), 2);
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < states.size(); i++)
            out.add(new Trajectory(p.amplitudes().get(i), states.get(i), Arrays.stream(states.get(i)).map(pca::project).toArray(double[][]::new)));
        return new Result(source, p, pca, out);
    }

    /** The trajectories' CSV: {@code amplitude,t,pc1,pc2}, every step of every amplitude. */
    public static String csv(Result r) {
        StringBuilder b = new StringBuilder("amplitude,t,pc1,pc2\n");
        for (Trajectory tr : r.trajectories())
            for (int t = 0; t < tr.pcs().length; t++)
                b.append(String.format(Locale.ROOT, "%.10g,%d,%.10g,%.10g%n", tr.amplitude(), t, tr.pcs()[t][0], tr.pcs()[t][1]));
        return b.toString();
    }

    /** The components' CSV: {@code component,variance,fraction} for PC1 and PC2, and the total. */
    public static String varianceCsv(Result r) {
        StringBuilder b = new StringBuilder("component,variance,fraction\n");
        double[] f = r.pca().fractions();
        for (int c = 0; c < f.length; c++) b.append(String.format(Locale.ROOT, "pc%d,%.10g,%.10g%n", c + 1, r.pca().variances()[c], f[c]));
        b.append(String.format(Locale.ROOT, "total,%.10g,1%n", r.pca().total()));
        return b.toString();
    }
}
