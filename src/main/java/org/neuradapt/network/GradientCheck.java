package org.neuradapt.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients against central finite differences (docs/science.md section 2.7), the check a user runs after writing a neuron
 * model ({@code check-model}) and the tests run on every model (docs/extending.md). Pure: it
 * perturbs the values it is handed, restores them, and returns records.
 *
 * <p>Criterion: an entry passes when |analytic - numeric| &lt;= rel max(floor, |numeric|,
 * |analytic|) ({@link Tolerance}); numeric = (L(v + h) - L(v - h)) / 2h with h = step max(1, |v|).
 * Why a floor: entries whose gradient is near 0 are judged on the absolute error, which the
 * difference quotient's rounding (about 1e-10 in double) dominates.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** Pass when the error is at most rel * max(floor, |numeric|, |analytic|); h = step * max(1, |v|). */
    public record Tolerance(double rel, double floor, double step) {
        /** Double precision, loss of a tiny network: 1e-6 relative (absolute below 1), h = 1e-6. */
        public static final Tolerance DOUBLE = new Tolerance(1e-6, 1.0, 1e-6);

        double scale(double numeric, double analytic) { return Math.max(floor, Math.max(Math.abs(numeric), Math.abs(analytic))); }
    }

    /**
     * One checked quantity: its name, entries, max |error|, max error / max(floor, |numeric|,
     * |analytic|), where the worst entry is ("[i]", or the input of a pointwise check; "" when
     * none) and how many entries failed (a value that is not finite fails).
     */
    public record Row(String name, int entries, double maxAbsErr, double maxRelErr, String worst, int failures) {
        public boolean pass() { return failures == 0 && entries > 0; }
    }

    /** Values that can be perturbed in place: a double[] or a live INDArray. */
    public interface Entries {
        int size();

        double get(int i);

        void set(int i, double v);

        static Entries of(double[] v) {
            return new Entries() {
                public int size() { return v.length; }
                public double get(int i) { return v[i]; }
                public void set(int i, double x) { v[i] = x; }
            };
        }

        static Entries of(INDArray v) {
            return new Entries() {
                public int size() { return (int) v.length(); }
                public double get(int i) { return v.getDouble(i); }
                public void set(int i, double x) { v.putScalar(i, x); }
            };
        }
    }

    /** Every entry of values: the analytic gradient against central differences of loss, which reads values. */
    public static Row check(String name, Entries values, double[] analytic, DoubleSupplier loss, Tolerance tol) {
        if (analytic == null || analytic.length != values.size())
            return new Row(name, values.size(), Double.NaN, Double.NaN, "gradient missing or of length " + (analytic == null ? 0 : analytic.length), Math.max(1, values.size()));
        Acc acc = new Acc();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i), h = tol.step() * Math.max(1, Math.abs(v));
            values.set(i, v + h);
            double up = loss.getAsDouble();
            values.set(i, v - h);
            double down = loss.getAsDouble();
            values.set(i, v);
            acc.add(i, analytic[i], (up - down) / (2 * h), tol);
        }
        return acc.row(name, values.size(), i -> "[" + i + "]");
    }

    /** Two computations of the same array (fused and SameDiff): |a - b| relative to max(floor, |a|, |b|). */
    public static Row compare(String name, double[] a, double[] b, Tolerance tol) {
        if (a.length != b.length) return new Row(name, Math.max(a.length, b.length), Double.NaN, Double.NaN, "lengths " + a.length + " and " + b.length, 1);
        Acc acc = new Acc();
        for (int i = 0; i < a.length; i++) acc.add(i, a[i], b[i], tol);
        return acc.row(name, a.length, i -> "[" + i + "]");
    }

    /** Running maxima of one row; the first non-finite error makes both maxima NaN and is the worst entry. */
    static final class Acc {
        double maxAbs, maxRel;
        int worst = -1, failures;

        void add(int i, double x, double reference, Tolerance tol) {
            double err = Math.abs(x - reference), rel = err / tol.scale(reference, x);
            boolean finite = Double.isFinite(err);
            if (!finite || rel > tol.rel()) failures++;
            if (Double.isNaN(maxAbs)) return;
            if (!finite) { maxAbs = maxRel = Double.NaN; worst = i; return; }
            if (worst < 0 || err > maxAbs) { maxAbs = err; worst = i; }
            maxRel = Math.max(maxRel, rel);
        }

        Row row(String name, int entries, java.util.function.IntFunction<String> where) {
            return new Row(name, entries, maxAbs, maxRel, worst < 0 ? "" : where.apply(worst), failures);
        }
    }

    /**
     * The loss of the network's read-out on the batch, computed here in double from its logits (the
     * loss the checks differentiate): mean cross-entropy, or for a per-step read-out the mean over
     * the counted steps ({@link Score}).
     */
    public static double loss(Network net, Batch batch) {
        return Score.of(net.logits(batch), batch).meanLoss();
    }

    /** Every parameter of the network (live arrays, perturbed in place and restored), in its order. */
    public static List<Row> parameters(Network net, Batch batch, Tolerance tol) {
        Network.Gradients g = net.lossAndGradients(batch);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, INDArray> p : net.parameters().entrySet()) {
            INDArray grad = g.gradients().get(p.getKey());
            rows.add(check(p.getKey(), Entries.of(p.getValue()), grad == null ? null : grad.dup().data().asDouble(),
                    () -> loss(net, batch), tol));
        }
        return rows;
    }

    /**
     * The input x [B, T, I] and the drive [B, T, N] (the batch must carry one), or no rows when the
     * network's backend does not compute these gradients ({@link Network#inputGradients}).
     */
    public static List<Row> inputs(Network net, Batch batch, Tolerance tol) {
        Network.InputGradients g = net.inputGradients(batch);
        if (g == null) return List.of();
        if (batch.drive() == null) throw new IllegalArgumentException("the batch needs a drive");
        return List.of(
                check("input x", Entries.of(batch.x()), g.x().dup().data().asDouble(), () -> loss(net, batch), tol),
                check("drive", Entries.of(batch.drive()), g.drive().dup().data().asDouble(), () -> loss(net, batch), tol));
    }

    /**
     * A small double batch [B, T, I] with one-hot labels of C classes and (withDrive) a drive [B, T, N]:
     * inputs U(-1, 1), every 7th U(-10, 10), so that gamma's guard n a &gt; 20 and its far negative tail are reached.
     */
    public static Batch batch(int B, int T, int I, int N, int C, boolean withDrive, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[B * T * I], d = new double[B * T * N], y = new double[B * C];
        for (int i = 0; i < x.length; i++) x[i] = (r.nextDouble() - 0.5) * (i % 7 == 0 ? 20 : 2);
        for (int i = 0; i < d.length; i++) d[i] = (r.nextDouble() - 0.5) * 3;
        for (int b = 0; b < B; b++) y[b * C + r.nextInt(C)] = 1;
        return new Batch(Nd4j.createFromArray(x).reshape(B, T, I), withDrive ? Nd4j.createFromArray(d).reshape(B, T, N) : null,
                Nd4j.createFromArray(y).reshape(B, C));
    }
}
