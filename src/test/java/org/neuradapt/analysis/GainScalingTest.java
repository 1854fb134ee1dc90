package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuradapt.perturbation.Window;

/** The gain-scaling fits (docs/science.md section 5.3) on synthetic data with known (a, b, c), and the averaging of a run. */
class GainScalingTest {
    static final double[] PROTOCOL_XI = {1, 2.5, 5, 10, 15, 20, 30};

    static double[] linspace(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = from + (to - from) * i / (n - 1);
        return v;
    }

    static double[] data(GainScaling.Form f, double[] x, double a, double b, double c, double noise, SplittableRandom rng) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = f.value(x[i], a, b, c) + (noise == 0 ? 0 : noise * normal(rng));
        return y;
    }

    static double normal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void noiseFreeDataOnTheProtocolsSevenAmplitudesAreFittedExactly() {
        // both signs of a: the paper's falling gain and the rising one of the CPU-scale ARUN (docs/science.md section 5.3)
        double[][] power = {{0.8, 0.6, 5.2}, {-0.06, 0.55, 5.84}, {2.0, 1.5, 0.0}};
        for (double[] p : power) {
            GainScaling.Fit f = GainScaling.fit("n", GainScaling.Form.POWER, PROTOCOL_XI, data(GainScaling.Form.POWER, PROTOCOL_XI, p[0], p[1], p[2], 0, null));
            assertEquals(p[0], f.a(), 1e-7 * Math.max(1, Math.abs(p[0])), "a of " + java.util.Arrays.toString(p));
            assertEquals(p[1], f.b(), 1e-6, "b");
            assertEquals(p[2], f.c(), 1e-7, "c");
            assertEquals(1, f.r2(), 1e-12);
            assertEquals(7, f.points());
        }
        double[][] exp = {{-0.004, 0.2, 0.036}, {0.05, 0.08, -0.01}};
        for (double[] p : exp) {
            GainScaling.Fit f = GainScaling.fit("s", GainScaling.Form.EXPONENTIAL, PROTOCOL_XI,
                    data(GainScaling.Form.EXPONENTIAL, PROTOCOL_XI, p[0], p[1], p[2], 0, null));
            assertEquals(p[0], f.a(), 1e-8);
            assertEquals(p[1], f.b(), 1e-6);
            assertEquals(p[2], f.c(), 1e-8);
        }
    }

    /** With noise, the true values lie within 3 standard errors, and the standard errors match the spread of the estimates over noise draws. */
    @Test
    void noisyDataGiveTheTrueParametersWithinThreeStandardErrorsOfTheRightSize() {
        check(GainScaling.Form.POWER, 0.8, 0.6, 5.2, 0.004);
        check(GainScaling.Form.EXPONENTIAL, -0.004, 0.2, 0.036, 0.0001);
    }

    private static void check(GainScaling.Form form, double a, double b, double c, double noise) {
        double[] x = linspace(1, 30, 20);
        SplittableRandom rng = new SplittableRandom(42);
        int reps = 400, within = 0;
        double sumB = 0, sumB2 = 0, sumSe2 = 0;
        for (int r = 0; r < reps; r++) {
            GainScaling.Fit f = GainScaling.fit("y", form, x, data(form, x, a, b, c, noise, rng));
            if (Math.abs(f.a() - a) < 3 * f.seA() && Math.abs(f.b() - b) < 3 * f.seB() && Math.abs(f.c() - c) < 3 * f.seC()) within++;
            sumB += f.b();
            sumB2 += f.b() * f.b();
            sumSe2 += f.seB() * f.seB();
            assertTrue(f.r2() > 0.9, "R^2 " + f.r2());
        }
        double sdB = Math.sqrt(sumB2 / reps - (sumB / reps) * (sumB / reps)), rmsSe = Math.sqrt(sumSe2 / reps);
        assertTrue(within >= 0.95 * reps, form + ": all three within 3 SE in " + within + " of " + reps);
        assertEquals(b, sumB / reps, 0.2 * sdB, form + ": b unbiased to within a fifth of its spread");
        assertTrue(rmsSe > 0.8 * sdB && rmsSe < 1.25 * sdB, form + ": SE of b " + rmsSe + " against the spread of b over noise draws " + sdB);
    }

    @Test
    void tooFewPointsHaveNoStandardErrorsOrNoFit() {
        double[] x = {1, 2, 4}, y = {3, 2, 1.5};
        GainScaling.Fit f = GainScaling.fit("n", GainScaling.Form.POWER, x, y);
        assertTrue(Double.isNaN(f.seB()), "3 points, 3 parameters: no residual variance");
        assertEquals(0, f.rss(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GainScaling.fit("n", GainScaling.Form.POWER, new double[] {0, 1, 2}, new double[] {1, 2, 3}),
                "xi = 0 is left out: two points remain");
    }

    @Test
    void pointAveragesNeuronsThenTheMeasuredStepsThenSamples() {
        int B = 3, T = 10, N = 4;
        double[] n = new double[B * T * N], s = new double[B * T * N];
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
                for (int i = 0; i < N; i++) {
                    n[(b * T + t) * N + i] = 100 * b + t + 0.5 * i;
                    s[(b * T + t) * N + i] = -b;
                }
        GainScaling.Point p = GainScaling.point(2.5, List.of(new ShapeSignals.Recorded(B, T, N, n, s)), new FractionalOrder.Interval(6, 10));
        // per sample: 100 b + mean(6..9) + 0.5 mean(0..3) = 100 b + 7.5 + 0.75
        assertEquals(100 + 8.25, p.meanN(), 1e-12);
        assertEquals(100, p.sdN(), 1e-12, "sd over samples of 8.25, 108.25, 208.25");
        assertEquals(-1, p.meanS(), 1e-12);
        assertEquals(1, p.sdS(), 1e-12);
        assertEquals(2.5, p.xi());
    }

    /** Several runs (seeds) are averaged before the fit: with curves of known form the fit recovers their mean's parameters. */
    @Test
    void runsAreAveragedBeforeTheFit() {
        int T = 10, N = 2;
        FractionalOrder.Interval measure = new FractionalOrder.Interval(5, 10);
        GainScaling.Protocol p = new GainScaling.Protocol(List.of(1.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0), new Window.Steps(2, 8), measure, T, 1, "test", 1);
        // run k has n(xi) = 0.4 (k + 1) xi^-0.7 + 5 and s(xi) = 0.02 exp(-0.1 xi) + 0.01 k on every sample, neuron and step
        List<ShapeSignals.Simulator> sims = List.of(sim(0, T, N), sim(1, T, N));
        GainScaling.Result r = GainScaling.analyse(List.of(Source.synthetic("a"), Source.synthetic("b")), p, sims, Progress.NONE);
        assertEquals(0.6, r.n().a(), 1e-7, "mean of 0.4 and 0.8");
        assertEquals(0.7, r.n().b(), 1e-6);
        assertEquals(5, r.n().c(), 1e-7);
        assertEquals(0.02, r.s().a(), 1e-8);
        assertEquals(0.1, r.s().b(), 1e-6);
        assertEquals(0.005, r.s().c(), 1e-9);
        assertEquals(0.2 * Math.sqrt(2), r.points().get(0).sdN(), 1e-9, "spread over the two runs' samples, 5.4 and 5.8");
        assertEquals(2, r.sources().size());
    }

    private static ShapeSignals.Simulator sim(int k, int T, int N) {
        return xi -> {
            double[] n = new double[T * N], s = new double[T * N];
            java.util.Arrays.fill(n, 0.4 * (k + 1) * Math.pow(xi, -0.7) + 5);
            java.util.Arrays.fill(s, 0.02 * Math.exp(-0.1 * xi) + 0.01 * k);
            return new ShapeSignals.Recorded(1, T, N, n, s);
        };
    }

    @Test
    void theMeasuredStepsDefaultToTheWindowsSecondHalf() {
        assertEquals(new FractionalOrder.Interval(300, 400), GainScaling.Protocol.secondHalf(Window.PAPER.resolve(784), 784));
        assertEquals(new FractionalOrder.Interval(75, 100), GainScaling.Protocol.secondHalf(Window.PAPER.resolve(196), 196));
        assertEquals(new FractionalOrder.Interval(20, 25), GainScaling.Protocol.secondHalf(new Window.Steps(15, 20), 25), "cut at T");
        assertThrows(org.neuradapt.UserError.class, () -> new GainScaling.Protocol(List.of(0.0, 1.0, 2.0), new Window.Steps(5, 5), new FractionalOrder.Interval(7, 10),
                20, 4, "test", 1), "two amplitudes > 0 cannot fit three parameters");
    }

    /** docs/science.md section 5.3, "Effect size": the fitted change over the xi range against the per-sample spread. */
    @Test
    void effectSizeIsTheFittedChangeOverTheSpread() {
        List<GainScaling.Point> pts = new java.util.ArrayList<>();
        for (double xi : new double[] {1, 2.5, 5, 10, 15, 20, 30}) pts.add(new GainScaling.Point(xi, 2 * Math.pow(xi, -0.5) + 3, xi == 1 ? 0.3 : 0.5, 0.1, 0.01));
        GainScaling.Fit n = GainScaling.fit("n", GainScaling.Form.POWER, pts.stream().mapToDouble(GainScaling.Point::xi).toArray(),
                pts.stream().mapToDouble(GainScaling.Point::meanN).toArray());
        GainScaling.Effect e = GainScaling.Effect.of(n, pts, "n");
        assertEquals(2 / Math.sqrt(30) - 2, e.change(), 1e-6);
        assertEquals((0.3 + 6 * 0.5) / 7, e.spread(), 1e-12);
        assertEquals(e.change() / e.spread(), e.size(), 1e-12);
    }
}
