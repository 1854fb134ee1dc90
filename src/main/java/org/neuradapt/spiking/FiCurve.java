package org.neuradapt.spiking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Progress;
import org.neuradapt.analysis.Robustness;

/**
 * f-I curves (docs/science.md section 8.3): the onset rate (1 / first ISI) and the steady-state
 * rate ({@link SpikeTrain#steadyRate}, the inverse mean ISI over the second half of the simulation)
 * against a constant current switched on at t = 0 from rest; the rheobase of repetitive firing by
 * bisection; type I or II from the rate just above it. The currents are simulated in parallel
 * (each simulation is independent, so the result does not depend on the number of cores).
 */
public final class FiCurve {
    private FiCurve() {}

    /** Hodgkin's classes of excitability, read from the curve (see {@link #classify}). */
    public enum Excitability {
        /** The rate rises continuously from 0 at the rheobase. */
        TYPE_I("I"),
        /** Repetitive firing starts with a jump to a finite rate. */
        TYPE_II("II");

        public final String id;

        Excitability(String id) { this.id = id; }
    }

    /** A neuron is of type II when the rate just above its rheobase is at least this fraction of the curve's highest rate. */
    public static final double TYPE_II_JUMP = 0.2;

    /** The bisection stops when the bracket is narrower than this fraction of the rheobase (or 1e-9 absolute). */
    public static final double RHEOBASE_TOLERANCE = 1e-4;

    /** The currents swept: {@code count} evenly spaced from {@code from} to {@code to}, both included, in the model's unit. */
    public record Sweep(double from, double to, int count) {
        public Sweep {
            if (!Double.isFinite(from) || !Double.isFinite(to) || from >= to || count < 2)
                throw new UserError("--currents: give FROM:TO:COUNT with finite FROM < TO and COUNT >= 2, got " + from + ":" + to + ":" + count);
        }

        public double[] values() {
            double[] v = new double[count];
            for (int i = 0; i < count; i++) v[i] = from + (to - from) * i / (count - 1);
            return v;
        }

        /** The default sweep of a model: 0 to {@link SpikingModel#defaultMaxCurrent} in 41 points. */
        public static Sweep of(SpikingModel m) { return new Sweep(0, m.defaultMaxCurrent(), 41); }

        /**
         * Reads {@code FROM:TO:COUNT}.
         *
         * @throws UserError naming --currents
         */
        public static Sweep parse(String text) {
            String[] p = text.split(":", -1);
            try {
                if (p.length == 3) return new Sweep(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), Integer.parseInt(p[2].strip()));
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new UserError("--currents: cannot read '" + text + "'; give FROM:TO:COUNT in the model's current unit, e.g. 0:600:41");
        }

        @Override public String toString() { return Robustness.number(from) + ":" + Robustness.number(to) + ":" + count; }
    }

    /** One current: the rates in Hz. */
    public record Point(double current, double onsetRate, double steadyRate) {}

    /**
     * One model's curve.
     *
     * @param rheobase the least current of repetitive firing (a steady rate &gt; 0), by bisection
     * @param jump     the steady rate at the bisection's upper end, just above the rheobase, Hz
     */
    public record Result(SpikingModel model, Sweep sweep, Integration integration, List<Point> points, double rheobase, double jump,
                         Excitability type) {
        public Result {
            points = List.copyOf(points);
        }

        public double[] currents() { return points.stream().mapToDouble(Point::current).toArray(); }

        public double[] steadyRates() { return points.stream().mapToDouble(Point::steadyRate).toArray(); }

        public double maxRate() { return points.stream().mapToDouble(Point::steadyRate).max().orElse(0); }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.name());
            m.put("parameters", model.toString());
            m.put("current_unit", model.currentUnit());
            m.put("currents", sweep.toString());
            m.put("rheobase", rheobase);
            m.put("jump_hz", jump);
            m.put("type", type.id);
            return m;
        }
    }

    /** The steady rate under a constant current. */
    public static double steadyRate(SpikingModel m, double current, Integration s) {
        return SpikeSimulator.run(m, Current.constant(current), s).steadyRate();
    }

    /**
     * The curve of one model over the sweep, with its rheobase.
     *
     * @throws UserError when no current of the sweep fires repetitively (naming the rheobase found above it)
     */
    public static Result measure(SpikingModel m, Sweep sweep, Integration s, Progress progress) {
        double[] currents = sweep.values();
        Point[] points = new Point[currents.length];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, currents.length).parallel().forEach(i -> {
            SpikeTrain train = SpikeSimulator.run(m, Current.constant(currents[i]), s);
            points[i] = new Point(currents[i], train.onsetRate(), train.steadyRate());
            progress.update(m.name() + ": currents", done.incrementAndGet(), currents.length);
        });
        int first = -1;
        for (int i = 0; i < points.length; i++) if (points[i].steadyRate() > 0) { first = i; break; }
        if (first < 0) {
            double[] bracket = bracketAbove(m, sweep.to(), s);
            String found = bracket == null ? "none found up to " + Robustness.number(sweep.to() * 1024)
                    : "rheobase found: " + String.format(Locale.ROOT, "%.4g", bisect(m, bracket[0], bracket[1], s)[1]);
            throw new UserError("--currents " + sweep + " never makes " + m.name() + " fire repetitively within --duration " + Robustness.number(s.duration())
                    + " ms (" + found + " " + m.currentUnit() + "); extend TO above it");
        }
        double lo = first == 0 ? Math.min(0, sweep.from()) - Math.abs(sweep.to()) : points[first - 1].current();
        if (first == 0 && steadyRate(m, lo, s) > 0)
            return new Result(m, sweep, s, List.of(points), Double.NaN, Double.NaN, Excitability.TYPE_I);  // fires at every current tried: no rheobase
        double[] r = bisect(m, lo, points[first].current(), s);
        List<Point> list = List.of(points);
        double max = list.stream().mapToDouble(Point::steadyRate).max().orElse(0);
        return new Result(m, sweep, s, list, r[1], r[2], classify(r[2], max));
    }

    /** Type II when the rate just above the rheobase is at least {@link #TYPE_II_JUMP} of the highest rate. */
    public static Excitability classify(double jump, double maxRate) {
        return jump >= TYPE_II_JUMP * maxRate ? Excitability.TYPE_II : Excitability.TYPE_I;
    }

    /** A bracket [silent, firing] above {@code from}, doubling the current up to 10 times; null if none. */
    static double[] bracketAbove(SpikingModel m, double from, Integration s) {
        double lo = from, hi = Math.max(from, 1e-3) * 2;
        for (int k = 0; k < 10; k++, lo = hi, hi *= 2) if (steadyRate(m, hi, s) > 0) return new double[] {lo, hi};
        return null;
    }

    /** Bisection on repetitive firing between a silent {@code lo} and a firing {@code hi}: {lo, hi, rate at hi}. */
    static double[] bisect(SpikingModel m, double lo, double hi, Integration s) {
        double rate = steadyRate(m, hi, s);
        while (hi - lo > Math.max(1e-9, RHEOBASE_TOLERANCE * Math.abs(hi))) {
            double mid = (lo + hi) / 2, r = steadyRate(m, mid, s);
            if (r > 0) {
                hi = mid;
                rate = r;
            } else lo = mid;
        }
        return new double[] {lo, hi, rate};
    }

    public static final String HEADER = "model,preset,current,rate_onset_hz,rate_steady_hz";

    /** One row per model and current (the contract other tools read: model = lif|alif|adex|izhikevich|hh, preset or default). */
    public static String csv(List<Result> results) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Result r : results)
            for (Point p : r.points())
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.8g,%.8g%n", r.model().id(), r.model().preset(), Robustness.number(p.current()),
                        p.onsetRate(), p.steadyRate()));
        return sb.toString();
    }

    public static final String SUMMARY_HEADER = "model,preset,current_unit,rheobase,jump_hz,max_rate_hz,type";

    /** One row per model: rheobase, the rate just above it, the highest rate and the class. */
    public static String summaryCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Result r : results)
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.6g,%.6g,%.6g,%s%n", r.model().id(), r.model().preset(), r.model().currentUnit(), r.rheobase(),
                    r.jump(), r.maxRate(), r.type().id));
        return sb.toString();
    }

    /** The curves' parameters keyed by model name, for the JSON. */
    public static Map<String, Object> parameters(List<Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!results.isEmpty()) m.put("integration", results.get(0).integration().parameters());
        List<Map<String, Object>> models = new ArrayList<>();
        for (Result r : results) models.add(r.parameters());
        m.put("models", models);
        return m;
    }
}
