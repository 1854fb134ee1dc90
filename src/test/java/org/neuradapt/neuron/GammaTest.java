package org.neuradapt.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.util.Quiet;

/** gamma (docs/science.md section 1): closed forms, finite differences, limits and the SameDiff expression. */
class GammaTest {
    static final double[] XS = {-1e4, -300, -30, -5, -1, -0.1, 0, 0.05, 0.3, 1, 3.9, 4.1, 7, 30, 300, 1e4};
    static final double[] NS = {0.1, 0.5, 1, 2.5, 5, 6, 10, 50};
    static final double[] SS = {0, 0.1, 0.5, 0.9, 1};

    /** Central difference, step scaled to the argument. */
    static double fd(java.util.function.DoubleUnaryOperator f, double at) {
        double h = 1e-6 * Math.max(1, Math.abs(at));
        return (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
    }

    @Test
    void derivativesMatchCentralDifferences() {
        for (double x : XS) for (double n : NS) for (double s : SS) {
            // skip points within one FD step of the guard's kink at n x = 20 (gamma is C^0 there by a 2e-9 jump)
            if (Math.abs(n * x - Gamma.LINEAR_CUTOFF) < 1e-3) continue;
            double dx = fd(v -> Gamma.value(v, n, s), x), dn = fd(v -> Gamma.value(x, v, s), n), ds = fd(v -> Gamma.value(x, n, v), s);
            String at = " at x=" + x + " n=" + n + " s=" + s;
            assertEquals(dx, Gamma.dx(x, n, s), 1e-6 * Math.max(1, Math.abs(dx)), "d/dx" + at);
            assertEquals(dn, Gamma.dn(x, n, s), 1e-5 * Math.max(1, Math.abs(dn)), "d/dn" + at);
            assertEquals(ds, Gamma.ds(x, n, s), 1e-6 * Math.max(1, Math.abs(ds)), "d/ds" + at);
        }
    }

    @Test
    void limitsAreSoftplusAndSigmoid() {
        for (double x : new double[] {-3, -0.5, 0, 0.7, 2}) {
            assertEquals(Math.log1p(Math.exp(x)), Gamma.value(x, 1, 0), 1e-12, "s = 0, n = 1 is softplus");
            assertEquals(1 / (1 + Math.exp(-x)), Gamma.value(x, 1, 1), 1e-12, "s = 1, n = 1 is sigmoid");
            assertEquals(Math.max(x, 0), Gamma.value(x, 1e3, 0), 1e-3, "s = 0, large n tends to relu");
        }
        assertEquals(0.5, Gamma.value(0, 7, 1), 1e-15);
        assertEquals(Math.log(2) / 7, Gamma.value(0, 7, 0), 1e-15);
    }

    @Test
    void maxSlopeIsTheSupremumOfTheDerivative() {
        for (double n : NS) for (double s : SS) {
            double best = 0;
            for (int i = -200000; i <= 200000; i++) best = Math.max(best, Gamma.dx(i * 3e-4 / n, n, s)); // x in [-60/n, 60/n]
            assertEquals(best, Gamma.maxSlope(n, s), 1e-4 * Math.max(1, best), "n=" + n + " s=" + s);
        }
    }

    @Test
    void sameDiffExpressionMatchesClosedFormsAndStaysFinite() {
        int k = XS.length * NS.length * SS.length;
        double[] x = new double[k], n = new double[k], s = new double[k];
        int i = 0;
        for (double xv : XS) for (double nv : NS) for (double sv : SS) { x[i] = xv; n[i] = nv; s[i] = sv; i++; }
        SameDiff sd = SameDiff.create();
        SDVariable vx = sd.var("x", Nd4j.createFromArray(x)), vn = sd.var("n", Nd4j.createFromArray(n)), vs = sd.var("s", Nd4j.createFromArray(s));
        SDVariable g = GammaActivation.expression(sd, vx, vn, vs).rename("g");
        g.sum("total");
        sd.setLossVariables("total");
        Quiet.run(sd::createGradFunction);
        INDArray value = sd.output(new HashMap<>(), "g").get("g");
        Map<String, INDArray> grad = sd.calculateGradients(new HashMap<>(), "x", "n", "s");
        for (int j = 0; j < k; j++) {
            String at = " at x=" + x[j] + " n=" + n[j] + " s=" + s[j];
            assertEquals(Gamma.value(x[j], n[j], s[j]), value.getDouble(j), 1e-12 * Math.max(1, Math.abs(x[j])), "value" + at);
            for (String v : new String[] {"x", "n", "s"}) assertTrue(Double.isFinite(grad.get(v).getDouble(j)), "finite d/d" + v + at);
            // the guarded expression is exactly linear above n x = 20, where the closed forms differ by O(e^-20)
            double tol = 1e-8 * Math.max(1, Math.abs(x[j]));
            assertEquals(Gamma.dx(x[j], n[j], s[j]), grad.get("x").getDouble(j), tol, "d/dx" + at);
            assertEquals(Gamma.dn(x[j], n[j], s[j]), grad.get("n").getDouble(j), tol, "d/dn" + at);
            assertEquals(Gamma.ds(x[j], n[j], s[j]), grad.get("s").getDouble(j), tol, "d/ds" + at);
        }
        assertEquals(DataType.DOUBLE, value.dataType());
    }
}
