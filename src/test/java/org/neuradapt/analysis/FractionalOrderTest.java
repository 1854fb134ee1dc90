package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuradapt.UserError;
import org.neuradapt.perturbation.Window;

/** The fractional-order protocol (docs/science.md section 5.4) on synthetic responses with a known order. */
class FractionalOrderTest {
    /** The reference protocol's numbers (appendix_fracdiff.py), with few trials. */
    static FractionalOrder.Protocol protocol(int trials) {
        return new FractionalOrder.Protocol(trials, 150, List.of(0.0, 1.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0), new Window.Steps(50, 51), new Window.Steps(50, 50),
                new FractionalOrder.Interval(40, 110), 25, 0.8, new FractionalOrder.AlphaGrid(0, 1, 1001), new FractionalOrder.AlphaGrid(-1, 1, 100),
                new FractionalOrder.Interval(100, 115), new FractionalOrder.Interval(134, 149), 0.8, 0.1, 0.1, 7);
    }

    /**
     * A response whose D^alpha0 is exactly the consistent target step of amplitude xi, mean removed:
     * r = D^-alpha0(step) + mean(step) + level, except at the Nyquist bin (L even), which D keeps only
     * the real part of (its filter pi^a cos(a pi/2) is not inverted by the order -a) and is therefore
     * divided by D^alpha0's own gain there.
     */
    static double[] integratedStep(FractionalOrder.Protocol p, double xi, double alpha0, double level) {
        int L = p.steps();
        double[] step = new double[L], nyq = new double[L];
        double mean = 0, xn = 0;
        for (int t = 0; t < L; t++) {
            mean += (step[t] = FractionalOrder.Target.FIXED_STEP.value(p, xi, t)) / L;
            xn += t % 2 == 0 ? step[t] : -step[t];
        }
        for (int t = 0; t < L; t++) step[t] -= (nyq[t] = (t % 2 == 0 ? xn : -xn) / L);
        double[] r = new FractionalDerivative(L).apply(-alpha0, step);
        double gain = Math.pow(Math.PI, alpha0) * Math.cos(alpha0 * Math.PI / 2);
        for (int t = 0; t < L; t++) r[t] += nyq[t] / gain + mean + level;
        return r;
    }

    /** Every trial and neuron i gets response(i), so the means are exactly those responses. */
    static FractionalOrder.Simulator simulator(FractionalOrder.Protocol p, int neurons, java.util.function.BiFunction<Double, Integer, double[]> response) {
        return xi -> {
            double[][][] h = new double[p.trials()][p.steps()][neurons];
            for (int i = 0; i < neurons; i++) {
                double[] r = response.apply(xi, i);
                for (double[][] trial : h) for (int t = 0; t < p.steps(); t++) trial[t][i] = r[t];
            }
            return h;
        };
    }

    @Test
    void recoversTheOrderOfASyntheticResponse() {
        FractionalOrder.Protocol p = protocol(2);
        double step = p.alphas().step() * (1 + 1e-9);  // within one grid step
        for (double alpha0 : new double[] {0.15, 0.4, 0.73}) {
            FractionalOrder.Result r = FractionalOrder.analyse(Source.synthetic("synthetic"), p, FractionalOrder.ISOLATED,
                    simulator(p, 3, (xi, i) -> integratedStep(p, xi, alpha0, 0.8 + 0.1 * i)), Progress.NONE);
            assertEquals(alpha0, r.alphaStar(FractionalOrder.Target.FIXED_STEP), step, "alpha* from the summed MSE, alpha0 = " + alpha0);
            for (FractionalOrder.Fit f : r.fits())
                if (!f.summed() && f.target() == FractionalOrder.Target.FIXED_STEP) assertEquals(alpha0, f.alpha(), step, "alpha at xi = " + f.xi());
            // the reference target sits on the baseline while y is referenced to 0: its error never vanishes
            FractionalOrder.Fit ref = r.fits().stream().filter(f -> f.summed() && f.target() == FractionalOrder.Target.REFERENCE).findFirst().orElseThrow();
            FractionalOrder.Fit con = r.fits().stream().filter(f -> f.summed() && f.headline()).findFirst().orElseThrow();
            assertEquals(FractionalOrder.Target.SHAPE, con.target(), "the headline is the shape target");
            assertEquals(alpha0, con.alpha(), step, "the shape fit recovers the order too");
            assertTrue(ref.mse() > 7 * 0.5 * 0.8 * 0.8, "reference target: at least the baseline's offset over half the window, per xi: " + ref.mse());
            assertTrue(con.mse() < 1e-6, "shape target: 0 at alpha0: " + con.mse());
            for (FractionalOrder.Fit f : r.fits())
                if (!f.summed() && f.target() == FractionalOrder.Target.SHAPE) assertEquals(1, f.size(), 1e-3, "a response of the drive's size, xi = " + f.xi());
            assertEquals(7 * 1001 * 3, r.curves().stream().mapToInt(c -> c.mse().length).sum(), "7 amplitudes > 0, three targets");
        }
    }

    /** The default protocol: the reference's numbers with the symmetric grid -1:1:2001. */
    static FractionalOrder.Protocol symmetric(int trials) {
        FractionalOrder.Protocol p = protocol(trials);
        return new FractionalOrder.Protocol(trials, p.steps(), p.xi(), p.drive(), p.target(), p.mse(), p.referenceStep(), p.baseline(),
                new FractionalOrder.AlphaGrid(-1, 1, 2001), p.neuronAlphas(), p.early(), p.late(), p.inputMean(), p.inputSd(), p.noiseSd(), p.seed());
    }

    /**
     * docs/science.md section 5.4: a response D^beta(g step) plus small noise has alpha* = -beta
     * within 0.02 at every gain g, while a fixed-height target misses as g moves away from 1.
     */
    @Test
    void theShapeFitRecoversTheOrderAtAnyGain() {
        FractionalOrder.Protocol p = symmetric(1);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        double worstFixed = 0;
        for (double g : new double[] {0.5, 1, 2.3, 3.4, 4})
            for (double beta : new double[] {-0.5, -0.3, -0.15, 0, 0.15, 0.3, 0.5}) {
                double[][] noise = new double[p.steps()][1];
                for (double[] row : noise) row[0] = 0.01 * rng.nextGaussian();
                FractionalOrder.Result r = FractionalOrder.analyse(Source.synthetic("synthetic"), p, FractionalOrder.ISOLATED,
                        simulator(p, 1, (xi, i) -> {
                            double[] h = integratedStep(p, g * xi, -beta, 0.3);
                            for (int t = 0; t < h.length; t++) h[t] += g * xi * noise[t][0];  // 1% of the step's height
                            return h;
                        }), Progress.NONE);
                String at = "g = " + g + ", beta = " + beta;
                assertEquals(-beta, r.alphaStar(FractionalOrder.HEADLINE), 0.02, "shape alpha*, " + at);
                for (FractionalOrder.Fit f : r.fits())
                    if (!f.summed() && f.target() == FractionalOrder.Target.SHAPE) {
                        assertEquals(-beta, f.alpha(), 0.02, "per-xi shape alpha at xi = " + f.xi() + ", " + at);
                        assertEquals(g, f.size(), 0.05 * g, "the response's size in units of xi, " + at);
                    }
                worstFixed = Math.max(worstFixed, Math.abs(r.alphaStar(FractionalOrder.Target.FIXED_STEP) + beta));
            }
        assertTrue(worstFixed > 0.2, "the fixed target is biased by the gain (the defect the shape fit removes): worst miss " + worstFixed);
    }

    /** A pure step c times the target, no dynamics at all: the shape fit gives 0 whatever c; the fixed target gives an order that grows with c. */
    @Test
    void aPureScaledStepHasOrderZero() {
        FractionalOrder.Protocol p = symmetric(1);
        double previousFixed = Double.NEGATIVE_INFINITY;
        for (double c : new double[] {0.5, 1, 2.3, 3.4, 10}) {
            FractionalOrder.Result r = FractionalOrder.analyse(Source.synthetic("step"), p, FractionalOrder.ISOLATED, simulator(p, 2, (xi, i) -> {
                double[] h = new double[p.steps()];
                for (int t = 0; t < h.length; t++) h[t] = 0.8 + (p.target().contains(t) ? c * xi : 0);
                return h;
            }), Progress.NONE);
            assertEquals(0, r.alphaStar(FractionalOrder.HEADLINE), 1e-9, "shape alpha* of a pure step of gain " + c);
            for (FractionalOrder.Neuron n : r.neurons()) assertEquals(0, n.alpha(FractionalOrder.HEADLINE), p.neuronAlphas().step(), "per neuron, c = " + c);
            double fixed = r.alphaStar(FractionalOrder.Target.FIXED_STEP);
            assertTrue(fixed >= previousFixed, "the fixed target's alpha* grows with the response's size: " + fixed + " at c = " + c);
            if (c > 1) assertTrue(fixed > 0.1, "fixed target at c = " + c + ": " + fixed);
            previousFixed = fixed;
        }
    }

    /** A neuron whose response does not move has no order: NaN, not the grid's first point. */
    @Test
    void aSilentNeuronHasNoOrder() {
        FractionalOrder.Protocol p = symmetric(1);
        FractionalOrder.Result r = FractionalOrder.analyse(Source.synthetic("silent"), p, FractionalOrder.ISOLATED,
                simulator(p, 2, (xi, i) -> i == 0 ? new double[p.steps()] : integratedStep(p, xi, 0.2, 0)), Progress.NONE);
        for (FractionalOrder.Target t : FractionalOrder.Target.values()) assertTrue(Double.isNaN(r.neurons().get(0).alpha(t)), t.id);
        assertEquals(0.2, r.neurons().get(1).alpha(FractionalOrder.HEADLINE), p.neuronAlphas().step());
        assertTrue(FractionalOrder.neuronsCsv(List.of(r)).contains("\nisolated,0,30,,,,"), "empty cells for the silent neuron");
    }

    /** A table of recorded responses: parsed per amplitude, and refused in one line naming the file and what is wrong. */
    @Test
    void recordedResponsesAreReadAndBadTablesRefused() {
        RecordedResponse r = RecordedResponse.parse("rates.csv", "t,xi,a,b\n0,1,0.5,1\n1,1,0.6,2\n2,1,0.7,3\n0,2,1,4\n1,2,1,5\n2,2,1,6\n");
        assertEquals(List.of(1.0, 2.0), r.xi());
        assertEquals(List.of("a", "b"), r.columns());
        assertEquals(3, r.steps());
        assertEquals(5.0, r.trialMeans().get(1)[1][1]);
        RecordedResponse noXi = RecordedResponse.parse("r.csv", "response,t\n3,0.5\n4,1.0\n");
        assertEquals(List.of(1.0), noXi.xi());
        assertEquals(4.0, noXi.trialMeans().get(0)[1][0]);
        for (String[] bad : new String[][] {
                {"", "empty"}, {"xi,r\n1,2\n", "no column 't'"}, {"t,xi\n0,1\n1,1\n", "no response column"},
                {"t,r\n0,1\n1,x\n", "line 3, column r"}, {"t,r\n0,1\n1,NaN\n", "not a finite number"}, {"t,r\n0,1\n1\n", "line 3 has 1 fields"},
                {"t,r\n0,1\n1,1\n3,1\n", "even steps"}, {"t,xi,r\n0,1,1\n1,1,1\n0,2,1\n", "rows at xi = 2"}, {"t,xi,r\n0,-1,1\n1,-1,1\n", "xi > 0"},
                {"t,r,r\n0,1,1\n", "appears twice"}, {"t,r\n", "no rows"}}) {
            UserError e = assertThrows(UserError.class, () -> RecordedResponse.parse("f.csv", bad[0]), bad[1]);
            assertTrue(e.getMessage().startsWith("f.csv: ") && e.getMessage().contains(bad[1]) && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void perNeuronOrdersAtTheLargestAmplitude() {
        FractionalOrder.Protocol p = protocol(1);
        double[] orders = {-0.6, -0.1, 0.25, 0.8};
        FractionalOrder.Result r = FractionalOrder.analyse(Source.synthetic("synthetic"), p, FractionalOrder.INTERACTING,
                simulator(p, orders.length, (xi, i) -> integratedStep(p, xi, orders[i], 1)), Progress.NONE);
        assertEquals(orders.length, r.neurons().size());
        for (FractionalOrder.Neuron n : r.neurons())
            assertEquals(orders[n.neuron()], n.alpha(FractionalOrder.Target.FIXED_STEP), p.neuronAlphas().step() * (1 + 1e-9), "neuron " + n.neuron());
    }

    @Test
    void adaptationIndex() {
        FractionalOrder.Interval early = new FractionalOrder.Interval(2, 4), late = new FractionalOrder.Interval(6, 8);
        double[] r = {9, 9, 3, 3, 5, 5, 1, 1, 9};
        assertEquals((3.0 - 1) / (3 + 1), FractionalOrder.adaptationIndex(r, early, late), 1e-15);
        assertEquals(0, FractionalOrder.adaptationIndex(new double[9], early, late), "0 when r_early + r_late < 1e-10");
        double[] sustained = {0, 0, 2, 2, 2, 2, 2, 2, 0};
        assertEquals(0, FractionalOrder.adaptationIndex(sustained, early, late), 1e-15);
    }

    @Test
    void inputsAreConstantPerTrialAndTheStepIsStrict() {
        FractionalOrder.Protocol p = protocol(400);
        double[][] x = FractionalOrder.inputs(p, 50);
        double mean = 0, sq = 0;
        for (double[] row : x) for (double v : row) { mean += v; sq += v * v; }
        int n = 400 * 50;
        mean /= n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(0.8, mean, 0.005, "x ~ N(0.8, 0.1^2) plus eps ~ N(0, 0.1^2)");
        assertEquals(Math.sqrt(0.02), sd, 0.005);
        assertEquals(x[3][7], FractionalOrder.inputs(p, 50)[3][7], "drawn from the protocol's seed");
        double[] w = new double[50];
        for (int i = 0; i < 50; i++) w[i] = 0.5 + i;
        double[] d = FractionalOrder.drive(p, x, w, 10);
        int T = p.steps();
        assertEquals(w[7] * x[3][7], d[(3 * T + 50) * 50 + 7], 1e-15, "t = 50 is outside 50 < t < 101");
        assertEquals(w[7] * x[3][7] + 10, d[(3 * T + 51) * 50 + 7], 1e-15);
        assertEquals(w[7] * x[3][7] + 10, d[(3 * T + 100) * 50 + 7], 1e-15);
        assertEquals(w[7] * x[3][7], d[(3 * T + 101) * 50 + 7], 1e-15);
        assertEquals(w[7] * x[3][7], d[(3 * T + 149) * 50 + 7], 1e-15, "the same input at every step");
    }

    @Test
    void theReferenceTargetIsTheReferenceScriptsStep() {
        FractionalOrder.Protocol p = protocol(1);
        // np.where(np.abs(t - 75) < 25, 0.8 + xi, 0.8): t = 51 .. 99
        for (int t = 0; t < 150; t++)
            assertEquals(Math.abs(t - 75) < 25 ? 5.8 : 0.8, FractionalOrder.Target.REFERENCE.value(p, 5, t), 1e-15, "t = " + t);
    }

    @Test
    void gridsAndWindowsThatDoNotFitAreRefusedNamingTheOption() {
        FractionalOrder.Protocol ok = protocol(1);
        assertThrowsNaming("--mse-window", () -> new FractionalOrder.Protocol(1, 105, ok.xi(), ok.drive(), ok.target(), ok.mse(), 25, 0.8, ok.alphas(),
                ok.neuronAlphas(), new FractionalOrder.Interval(10, 20), new FractionalOrder.Interval(30, 40), 0.8, 0.1, 0.1, 1));
        assertThrowsNaming("--window", () -> new FractionalOrder.Protocol(1, 150, ok.xi(), new Window.Steps(120, 40), ok.target(), ok.mse(), 25, 0.8,
                ok.alphas(), ok.neuronAlphas(), ok.early(), ok.late(), 0.8, 0.1, 0.1, 1));
        assertThrowsNaming("--late", () -> new FractionalOrder.Protocol(1, 140, ok.xi(), ok.drive(), ok.target(), ok.mse(), 25, 0.8,
                ok.alphas(), ok.neuronAlphas(), ok.early(), ok.late(), 0.8, 0.1, 0.1, 1));
        assertThrowsNaming("--reference-step", () -> new FractionalOrder.Protocol(1, 150, ok.xi(), ok.drive(), ok.target(), ok.mse(), 150, 0.8,
                ok.alphas(), ok.neuronAlphas(), ok.early(), ok.late(), 0.8, 0.1, 0.1, 1));
        assertThrowsNaming("--xi", () -> new FractionalOrder.Protocol(1, 150, List.of(0.0, -1.0), ok.drive(), ok.target(), ok.mse(), 25, 0.8,
                ok.alphas(), ok.neuronAlphas(), ok.early(), ok.late(), 0.8, 0.1, 0.1, 1));
        assertThrowsNaming("--alpha-grid", () -> FractionalOrder.AlphaGrid.parse("--alpha-grid", "1:0:10"));
        assertThrowsNaming("--alpha-grid", () -> FractionalOrder.AlphaGrid.parse("--alpha-grid", "0:1"));
        assertThrowsNaming("--early", () -> FractionalOrder.Interval.parse("--early", "a:b"));
        assertEquals(1001, FractionalOrder.AlphaGrid.parse("--alpha-grid", "0:1:1001").values().length);
        assertEquals(0.001, FractionalOrder.AlphaGrid.parse("--alpha-grid", "0:1:1001").values()[1], 1e-15);
    }

    static void assertThrowsNaming(String option, org.junit.jupiter.api.function.Executable e) {
        UserError err = assertThrows(UserError.class, e);
        assertTrue(err.getMessage().startsWith(option), "should name " + option + ": " + err.getMessage());
    }
}
