package org.neuradapt.analysis;

import org.neuradapt.neuron.ArunReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;

/**
 * Finite-time Lyapunov exponents along the trajectories a trained network actually follows
 * (docs/science.md section 5.5, variants "trajectory" and "full"): for each sample of a test
 * batch under a step drive of amplitude xi, the Benettin estimate ({@link Lyapunov}) over the
 * task's T steps, a transient discarded; mean and standard deviation over samples.
 *
 * <ul>
 *   <li>{@link Variant#TRAJECTORY}: the h-only Jacobian J_t = diag(phi'(a_t)) W^T
 *       ({@link SlopeJacobian}); for the ARUN phi' = d gamma/dx at the recorded (n_t, s_t), taken
 *       as given (their dependence on h_{t-1} through the controller is left out).</li>
 *   <li>{@link Variant#FULL}: the ARUN's full state (h, g) through {@link ArunReference#jvp}.</li>
 * </ul>
 * Pure: the network runs are behind {@link Simulator}.
 */
public final class TrajectoryLyapunov {
    private TrajectoryLyapunov() {}

    public enum Variant {
        TRAJECTORY("trajectory"), FULL("full");

        public final String id;

        Variant(String id) { this.id = id; }
    }

    /**
     * @param variant   which Jacobian
     * @param k         exponents
     * @param transientSteps steps discarded before accumulation
     * @param steps     steps accumulated (transientSteps + steps &lt;= T)
     * @param xi        step-drive amplitudes, one spectrum each
     * @param samples   test samples (trajectories) per amplitude
     * @param unit      nats or bits in the figure and the printed summary (the CSVs hold both)
     * @param seed      seed of the random start Q_0
     */
    public record Protocol(Variant variant, int k, int transientSteps, int steps, List<Double> xi, int samples, Lyapunov.Unit unit, long seed) {
        public Protocol {
            xi = List.copyOf(xi);
            if (k < 1) throw new UserError("--k must be at least 1, got " + k);
            if (transientSteps < 0) throw new UserError("--transient must be >= 0, got " + transientSteps);
            if (steps < 1) throw new UserError("--steps must be at least 1, got " + steps);
            if (samples < 1) throw new UserError("--samples must be at least 1, got " + samples);
            if (xi.isEmpty() || xi.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--xi must be finite numbers, got " + xi);
        }

        public Protocol withSeed(long s) { return new Protocol(variant, k, transientSteps, steps, xi, samples, unit, s); }

        /** Checks that the protocol fits T steps and a tangent space of dimension d. */
        public void fits(int sequence, int dimension) {
            if ((long) transientSteps + steps > sequence)
                throw new UserError("--transient " + transientSteps + " plus --steps " + steps + " exceed the run's T = " + sequence
                        + "; give --transient + --steps <= " + sequence);
            if (k > dimension) throw new UserError("--k " + k + " exceeds the dimension " + dimension + " of the " + variant.id + " state; give --k <= " + dimension);
        }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", variant.id);
            m.put("k", k);
            m.put("transient", transientSteps);
            m.put("steps", steps);
            m.put("xi", xi);
            m.put("samples", samples);
            m.put("figure_unit", unit.id);
            m.put("seed", seed);
            return m;
        }
    }

    /** The tangent maps of each sample's trajectory under the step of amplitude xi (one entry per sample). */
    @FunctionalInterface
    public interface Simulator {
        List<Lyapunov.TangentMaps> run(double xi);
    }

    /**
     * The spectrum at one amplitude.
     *
     * @param mean     exponents (nats per step), mean over samples
     * @param sd       their standard deviation over samples (0 for one sample)
     * @param running  the finite-time maximal exponent after each kept step, mean over samples
     * @param runningSd its standard deviation
     */
    public record Spectrum(double xi, double[] mean, double[] sd, double[] running, double[] runningSd, int samples) {}

    public record Result(Source source, Protocol protocol, List<Spectrum> spectra) {
        public Result { spectra = List.copyOf(spectra); }
    }

    public static Result analyse(Source source, Protocol p, Simulator sim, Progress progress) {
        List<Spectrum> out = new ArrayList<>();
        int done = 0, total = p.xi().size() * p.samples();
        for (double xi : p.xi()) {
            List<Lyapunov.TangentMaps> maps = sim.run(xi);
            double[][] exps = new double[maps.size()][];
            double[][] run = new double[maps.size()][];
            for (int b = 0; b < maps.size(); b++) {
                Lyapunov.Spectrum s = Lyapunov.estimate(maps.get(b), p.k(), p.transientSteps(), p.steps(), p.seed() + b);
                exps[b] = s.exponents();
                run[b] = new double[p.steps()];
                for (int t = 0; t < p.steps(); t++) run[b][t] = s.running()[t][0];
                progress.update("xi = " + Robustness.number(xi) + " samples", ++done, total);
            }
            double[][] es = meanSd(exps), rs = meanSd(run);
            out.add(new Spectrum(xi, es[0], es[1], rs[0], rs[1], maps.size()));
        }
        return new Result(source, p, out);
    }

    /** Mean and sample standard deviation over the rows, column by column. */
    /**
     * The ARUN's full-state tangent maps along a recorded trajectory (variant {@link Variant#FULL}):
     * the products of its reference step ({@link ArunReference#jvp}); index t uses the signals of
     * the step at offset + t.
     */
    public static Lyapunov.TangentMaps full(ArunReference arun, ArunReference.State[] trajectory, int offset) {
        return new Lyapunov.TangentMaps() {
            @Override public int dimension() { return arun.dimension(); }

            @Override
            public void apply(int t, double[][] vectors) {
                for (int j = 0; j < vectors.length; j++) vectors[j] = arun.jvp(trajectory[offset + t], vectors[j]);
            }
        };
    }

    static double[][] meanSd(double[][] rows) {
        int c = rows[0].length;
        double[] mean = new double[c], sd = new double[c];
        for (double[] r : rows) for (int i = 0; i < c; i++) mean[i] += r[i] / rows.length;
        if (rows.length > 1) {
            for (double[] r : rows) for (int i = 0; i < c; i++) sd[i] += (r[i] - mean[i]) * (r[i] - mean[i]);
            for (int i = 0; i < c; i++) sd[i] = Math.sqrt(sd[i] / (rows.length - 1));
        }
        return new double[][] {mean, sd};
    }

    // ---- tidy CSVs ----

    public static final String SPECTRUM_HEADER = "variant,xi,index,lambda_mean_nats,lambda_sd_nats,samples,lambda_mean_bits,lambda_sd_bits";
    public static final String RUNNING_HEADER = "variant,xi,t,lambda1_mean_nats,lambda1_sd_nats,lambda1_mean_bits,lambda1_sd_bits";

    private static final double BITS = Lyapunov.Unit.BITS.factor;

    /** One row per amplitude and exponent index (1 = the largest), per step in nats and in bits (the reference's log2). */
    public static String spectrumCsv(Result r) {
        StringBuilder sb = new StringBuilder(SPECTRUM_HEADER).append('\n');
        for (Spectrum s : r.spectra())
            for (int i = 0; i < s.mean().length; i++)
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%d,%s,%s%n", r.protocol().variant().id, Robustness.number(s.xi()), i + 1,
                        s.mean()[i], s.sd()[i], s.samples(), s.mean()[i] * BITS, s.sd()[i] * BITS));
        return sb.toString();
    }

    /** The finite-time maximal exponent against the task step t (0-based, as recorded) whose map was the last one included (transientSteps .. transientSteps + steps - 1). */
    public static String runningCsv(Result r) {
        StringBuilder sb = new StringBuilder(RUNNING_HEADER).append('\n');
        for (Spectrum s : r.spectra())
            for (int t = 0; t < s.running().length; t++)
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s%n", r.protocol().variant().id, Robustness.number(s.xi()),
                        r.protocol().transientSteps() + t, s.running()[t], s.runningSd()[t], s.running()[t] * BITS, s.runningSd()[t] * BITS));
        return sb.toString();
    }
}
