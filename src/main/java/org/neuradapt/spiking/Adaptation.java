package org.neuradapt.spiking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.neuradapt.UserError;
import org.neuradapt.analysis.FractionalOrder;
import org.neuradapt.analysis.GainScaling;
import org.neuradapt.analysis.Source;
import org.neuradapt.perturbation.Window;

/**
 * Spike-frequency adaptation (docs/science.md section 8.6): a neuron's rate response to a step of
 * its current, and to a step of the standard deviation of a noisy current (the networks'
 * gain-scaling drive, section 5.3, applied to one neuron), on the clock of the networks'
 * fractional-order protocol (section 5.4): 150 bins, the step on bins 51..100, after a warm-up
 * that lets the neuron adapt to the level before the step.
 *
 * <p>Per response: the adaptation time constant, the exponential a exp(-t / tau) + c fitted to
 * the rate over the step from its extreme on ({@link GainScaling#fit} with its exponential form, t
 * from the step's onset), and the fractional order alpha* of {@link FractionalOrder#fit}, the networks' estimator
 * unchanged, on the rate minus its level before the step, divided by the change of level over the
 * second half of the step. The estimator's headline (shape) target rescales the differentiated
 * response by its least-squares gain, so the rate's units do not bias alpha* (a fixed target
 * would: a response D^0.15 of the step, scaled to its late level, gives alpha* = +0.02 instead of
 * -0.15); the normalised response is then divided by the fitted step height, so that its
 * D^alpha* matches a unit step. On responses D^beta of the step this recovers -beta to 0.015
 * ({@code AdaptationTest}). A
 * response that is a fractional derivative of order beta of the step has alpha* = -beta in the
 * networks' convention (D^alpha turns the response back into the step), so the number to set
 * beside Lundstrom et al.'s 0.15 is -alpha*.
 *
 * <p>Currents are in multiples of the neuron's rheobase, found first.
 */
public final class Adaptation {
    private Adaptation() {}

    /** The clock: the networks' fractional-order protocol (docs/science.md section 5.4). */
    public static final int STEPS = 150;
    /** The step is on bins pos &lt; t &lt; pos + len: 51..100. */
    public static final Window.Steps STEP = new Window.Steps(50, 51);
    /** The level before the step is the mean over these bins, the level after over the second half of the step. */
    public static final FractionalOrder.Interval BEFORE = new FractionalOrder.Interval(25, 51), AFTER = new FractionalOrder.Interval(76, 101);

    /**
     * The protocol's numbers.
     *
     * @param bin        width of a bin, ms
     * @param warmup     ms simulated at the level before the step before the first bin
     * @param current    the current step's levels, in rheobase units
     * @param noiseMean  the noisy current's mean, in rheobase units
     * @param noiseSd    the noise's standard deviation before and during the step, in rheobase units
     * @param tauNoise   the noise's correlation time, ms
     * @param trials     noisy trials averaged
     * @param seed       seed of the noise (trial k uses the k-th split of it)
     * @param alphas     the alpha grid of the mean-response fit
     */
    public record Protocol(double bin, double warmup, double[] current, double noiseMean, double[] noiseSd, double tauNoise, int trials, long seed,
                           FractionalOrder.AlphaGrid alphas) {
        public Protocol {
            if (!(bin > 0) || !(warmup >= 0) || Double.isInfinite(bin) || Double.isInfinite(warmup))
                throw new UserError("--bin must be > 0 and --warmup >= 0 (ms), got " + bin + " and " + warmup);
            if (current.length != 2 || noiseSd.length != 2) throw new UserError("--current and --noise-sd take BEFORE:AFTER");
            if (noiseSd[0] < 0 || noiseSd[1] < 0) throw new UserError("--noise-sd must be >= 0, got " + noiseSd[0] + ":" + noiseSd[1]);
            if (!(tauNoise > 0)) throw new UserError("--tau-noise must be > 0 ms, got " + tauNoise);
            if (trials < 1) throw new UserError("--trials must be at least 1, got " + trials);
            current = current.clone();
            noiseSd = noiseSd.clone();
        }

        /** 10 ms bins, 1 s warm-up, current 1.5 to 2.5 rheobase, noise of mean 1 rheobase with sd 0.2 to 0.6, tau 5 ms, 100 trials. */
        public static final Protocol DEFAULT = new Protocol(10, 1000, new double[] {1.5, 2.5}, 1.0, new double[] {0.2, 0.6}, 5, 100, 1,
                new FractionalOrder.AlphaGrid(-1, 1, 2001));

        /** Simulated time: the warm-up and the 150 bins. */
        public double duration() { return warmup + STEPS * bin; }

        /** When the step starts and ends, ms from the start of the simulation. */
        public double stepOn() { return warmup + STEP.first() * bin; }

        public double stepOff() { return warmup + STEP.end(STEPS) * bin; }

        /**
         * The networks' fractional-order protocol on this clock: one trial, a unit step, no inputs
         * (the response is fed as it is), and a one-point per-neuron grid (one neuron: the mean fit is the neuron's).
         */
        public FractionalOrder.Protocol fractional() {
            return new FractionalOrder.Protocol(1, STEPS, List.of(1.0), STEP, STEP, new FractionalOrder.Interval(40, 110), 25, 0, alphas,
                    new FractionalOrder.AlphaGrid(0, 0, 1), new FractionalOrder.Interval(100, 115), new FractionalOrder.Interval(134, 149), 0, 0, 0, seed);
        }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bins", STEPS);
            m.put("bin_ms", bin);
            m.put("warmup_ms", warmup);
            m.put("step_bins", STEP.toString());
            m.put("current_rheobase", List.of(current[0], current[1]));
            m.put("noise_mean_rheobase", noiseMean);
            m.put("noise_sd_rheobase", List.of(noiseSd[0], noiseSd[1]));
            m.put("tau_noise_ms", tauNoise);
            m.put("trials", trials);
            m.put("seed", seed);
            m.put("alpha_grid", alphas.toString());
            m.put("level_before_bins", BEFORE.toString());
            m.put("level_after_bins", AFTER.toString());
            return m;
        }
    }

    /** The two steps. */
    public enum Kind {
        CURRENT("current"), NOISE("noise");

        public final String id;

        Kind(String id) { this.id = id; }
    }

    /**
     * One rate response on the 150 bins.
     *
     * @param rate       Hz per bin (the causal instantaneous 1/ISI at the bin's centre for the current step, {@link SpikeTrain#instantaneousRate};
     *                   the trial-averaged spike count per bin for the noise step)
     * @param normalised (rate - before) / g, g the fitted gain in Hz (see the class comment)
     * @param tau        the fitted adaptation time constant, ms (NaN when the response does not overshoot and decay:
     *                   b &lt;= 0, a not of the step's sign, or |a| &lt; 1% of |c|)
     * @param tauSe      its standard error, se_b / b^2
     * @param alpha      the fractional-order fit of the normalised response
     */
    public record Response(Kind kind, double[] rate, double[] normalised, double before, double after, GainScaling.Fit decay, double tau, double tauSe,
                           FractionalOrder.Result alpha) {
        public double alphaStar() { return alpha.alphaStar(FractionalOrder.HEADLINE); }
    }

    /** Both responses of one model. */
    public record Result(SpikingModel model, Protocol protocol, Integration integration, double rheobase, Response current, Response noise) {
        public List<Response> responses() { return List.of(current, noise); }
    }

    /** Both steps for one model whose rheobase is known. */
    public static Result measure(SpikingModel m, double rheobase, Protocol p, Integration s) {
        Integration whole = s.withDuration(p.duration());
        double[] centres = new double[STEPS];
        for (int t = 0; t < STEPS; t++) centres[t] = p.warmup() + (t + 0.5) * p.bin();
        Current step = new Current(new double[] {0, p.stepOn(), p.stepOff()}, new double[] {p.current()[0] * rheobase, p.current()[1] * rheobase, p.current()[0] * rheobase});
        double[] rate = SpikeSimulator.run(m, step, whole).instantaneousRate(centres);

        Current mean = Current.constant(p.noiseMean() * rheobase);
        Current sd = new Current(new double[] {0, p.stepOn(), p.stepOff()}, new double[] {p.noiseSd()[0] * rheobase, p.noiseSd()[1] * rheobase, p.noiseSd()[0] * rheobase});
        long[] seeds = new long[p.trials()];
        SplittableRandom root = new SplittableRandom(p.seed());
        for (int k = 0; k < seeds.length; k++) seeds[k] = root.nextLong();
        double[][] binned = new double[p.trials()][];
        IntStream.range(0, p.trials()).parallel().forEach(k -> {
            double[] r = SpikeSimulator.noisy(m, mean, sd, p.tauNoise(), whole, seeds[k]).binnedRate(p.bin());
            binned[k] = java.util.Arrays.copyOfRange(r, r.length - STEPS, r.length);
        });
        double[] psth = new double[STEPS];
        for (double[] r : binned) for (int t = 0; t < STEPS; t++) psth[t] += r[t] / p.trials();
        return new Result(m, p, s, rheobase, response(m, Kind.CURRENT, rate, p), response(m, Kind.NOISE, psth, p));
    }

    /** The fits of one response. */
    static Response response(SpikingModel m, Kind kind, double[] rate, Protocol p) {
        double before = mean(rate, BEFORE), after = mean(rate, AFTER), change = after - before;
        if (!(Math.abs(change) > 1e-9))
            throw new UserError(m.name() + ": its rate does not change under the " + kind.id + " step (" + String.format(Locale.ROOT, "%.3g", before)
                    + " Hz before and after); choose other --" + (kind == Kind.CURRENT ? "current" : "noise-sd") + " levels");
        double[] normalised = new double[STEPS];
        for (int t = 0; t < STEPS; t++) normalised[t] = (rate[t] - before) / change;
        // the decay is fitted from the response's extreme in the step's direction (its peak for a rate that rises) onwards
        int from = STEP.first(), to = STEP.end(STEPS);
        double sign = Math.signum(change);
        for (int t = STEP.first(); t < to - 3; t++) if ((rate[t] - after) * sign > (rate[from] - after) * sign) from = t;
        double[] x = new double[to - from], y = new double[to - from];
        for (int t = from; t < to; t++) {
            x[t - from] = (t - STEP.first() + 0.5) * p.bin();
            y[t - from] = rate[t];
        }
        GainScaling.Fit decay = GainScaling.fit("rate", GainScaling.Form.EXPONENTIAL, x, y);
        // adaptation: an overshoot in the direction of the step (a of the step's sign) that decays (b > 0) by at least 1% of the level
        boolean decays = decay.b() > 0 && decay.a() * sign > 0 && Math.abs(decay.a()) >= 0.01 * Math.abs(decay.c());
        double tau = decays ? 1 / decay.b() : Double.NaN, tauSe = decays ? decay.seB() / (decay.b() * decay.b()) : Double.NaN;
        // the networks' estimator as it is: its headline shape target rescales the response by its
        // least-squares gain, so the rate's units (Hz, not the drive's) do not bias alpha*
        double[][] column = new double[STEPS][1];
        for (int t = 0; t < STEPS; t++) column[t][0] = normalised[t];
        FractionalOrder.Result alpha = FractionalOrder.fit(Source.synthetic(m.name()), p.fractional(), kind.id, List.<double[][]>of(column),
                org.neuradapt.analysis.Progress.NONE);
        double size = alpha.fits().stream().filter(f -> !f.summed() && f.target() == FractionalOrder.HEADLINE).findFirst().orElseThrow().size();
        if (size > 0 && Double.isFinite(size)) for (int t = 0; t < STEPS; t++) normalised[t] /= size;
        return new Response(kind, rate, normalised, before, after, decay, tau, tauSe, alpha);
    }

    private static double mean(double[] r, FractionalOrder.Interval w) {
        double acc = 0;
        for (int t = w.from(); t < w.to(); t++) acc += r[t];
        return acc / w.length();
    }

    public static final String HEADER = "model,preset,kind,bin,t_ms,rate_hz,normalised";

    /** One row per model, step kind and bin; t_ms from the step's onset (bin centres). */
    public static String csv(List<Result> results) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Result r : results)
            for (Response resp : r.responses())
                for (int t = 0; t < STEPS; t++)
                    sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6g,%.8g,%.8g%n", r.model().id(), r.model().preset(), resp.kind().id, t,
                            (t + 0.5 - STEP.first()) * r.protocol().bin(), resp.rate()[t], resp.normalised()[t]));
        return sb.toString();
    }

    public static final String SUMMARY_HEADER = "model,preset,kind,rheobase,level_before,level_after,rate_before_hz,rate_after_hz,tau_ms,tau_se_ms,"
            + "decay_r2,alpha_star,differentiator_order";

    /** One row per model and step kind: levels (native units), rates, tau and alpha* (differentiator_order = -alpha*, Lundstrom's sign). */
    public static String summaryCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Result r : results)
            for (Response resp : r.responses()) {
                double[] levels = resp.kind() == Kind.CURRENT ? r.protocol().current() : r.protocol().noiseSd();
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.4g,%.6f,%.4f,%.4f%n", r.model().id(), r.model().preset(),
                        resp.kind().id, r.rheobase(), levels[0] * r.rheobase(), levels[1] * r.rheobase(), resp.before(), resp.after(), resp.tau(), resp.tauSe(),
                        resp.decay().r2(), resp.alphaStar(), -resp.alphaStar()));
            }
        return sb.toString();
    }

    /** The models' parameters for the JSON. */
    public static Map<String, Object> parameters(List<Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!results.isEmpty()) {
            m.put("protocol", results.get(0).protocol().parameters());
            m.put("integration", results.get(0).integration().parameters());
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model", r.model().name());
            e.put("parameters", r.model().toString());
            e.put("rheobase", r.rheobase());
            e.put("current_unit", r.model().currentUnit());
            models.add(e);
        }
        m.put("models", models);
        return m;
    }
}
