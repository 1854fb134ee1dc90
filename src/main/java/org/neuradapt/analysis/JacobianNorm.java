package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;

/**
 * The spectral norm ||J_t||_2 of the h-only Jacobian J_t = diag(phi'(a_t)) W^T per step and
 * sample (docs/science.md section 5.6), by power iteration on J^T J ({@link SlopeJacobian}), each
 * step warm-started from the previous step's singular vector; mean and standard deviation over
 * samples against t, under step drives of amplitude xi. For the ARUN phi' is d gamma/dx at the
 * recorded (n_t, s_t), taken as given.
 *
 * <p>Pure: the network runs are behind {@link Simulator}.
 */
public final class JacobianNorm {
    private JacobianNorm() {}

    /** Relative change of the power iteration's estimate at which it stops, and its iteration cap. */
    public static final double TOLERANCE = 1e-10;
    public static final int MAX_ITERATIONS = 5000;

    public record Protocol(List<Double> xi, int samples, long seed) {
        public Protocol {
            xi = List.copyOf(xi);
            if (samples < 1) throw new UserError("--samples must be at least 1, got " + samples);
            if (xi.isEmpty() || xi.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--xi must be finite numbers, got " + xi);
        }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("xi", xi);
            m.put("samples", samples);
            m.put("norm", "spectral (largest singular value), power iteration on J^T J");
            m.put("tolerance", TOLERANCE);
            m.put("seed", seed);
            return m;
        }
    }

    /** The slopes phi'(a_t) [samples][T][N] of a test batch under the step of amplitude xi. */
    @FunctionalInterface
    public interface Simulator {
        double[][][] slopes(double xi);
    }

    /** ||J_t|| per step t: mean and sd over samples; {@code overall} is the mean over steps and samples. */
    public record Curve(double xi, double[] mean, double[] sd, double overall, int samples) {}

    public record Result(Source source, Protocol protocol, List<Curve> curves) {
        public Result { curves = List.copyOf(curves); }
    }

    public static Result analyse(Source source, Protocol p, double[][] w, Simulator sim, Progress progress) {
        List<Curve> curves = new ArrayList<>();
        int done = 0;
        for (double xi : p.xi()) {
            double[][][] slopes = sim.slopes(xi);
            int B = slopes.length, T = slopes[0].length;
            double[][] norms = new double[B][T];
            for (int b = 0; b < B; b++) {
                double[] v = SlopeJacobian.randomUnit(w.length, new java.util.SplittableRandom(p.seed() + b));
                for (int t = 0; t < T; t++) norms[b][t] = new SlopeJacobian(slopes[b][t], w).spectralNorm(v, TOLERANCE, MAX_ITERATIONS);
                progress.update("xi = " + Robustness.number(xi) + " samples", ++done, p.xi().size() * B);
            }
            double[][] ms = TrajectoryLyapunov.meanSd(norms);
            curves.add(new Curve(xi, ms[0], ms[1], ReferenceLyapunov.mean(ms[0]), B));
        }
        return new Result(source, p, curves);
    }

    public static final String HEADER = "xi,t,norm_mean,norm_sd,samples";

    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Curve c : r.curves())
            for (int t = 0; t < c.mean().length; t++)
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%d%n", Robustness.number(c.xi()), t, c.mean()[t], c.sd()[t], c.samples()));
        return sb.toString();
    }
}
