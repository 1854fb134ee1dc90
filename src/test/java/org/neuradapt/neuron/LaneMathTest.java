package org.neuradapt.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** LaneMath's exp(-x) and log1p against Math in double, over their whole ranges. */
class LaneMathTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Test
    void expNegWithinFourUlpAndClampedBeyondTheNormalRange() {
        float[] x = new float[S.length()], y = new float[S.length()];
        for (int k = 0; k < 200_000; k += S.length()) {
            for (int l = 0; l < x.length; l++) x[l] = (k + l) * (87f / 200_000);
            LaneMath.expNeg(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
            for (int l = 0; l < x.length; l++) {
                double ref = Math.exp(-(double) x[l]);
                assertEquals(ref, y[l], 4 * Math.ulp((float) ref), "exp(-" + x[l] + ")");
            }
        }
        x[0] = 200f;
        LaneMath.expNeg(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
        assertEquals(0.0, y[0], 2e-38, "beyond the clamp: below the normal range");
    }

    @Test
    void log1pWithinFourUlpOnZeroToOne() {
        float[] e = new float[S.length()], y = new float[S.length()];
        for (int k = 0; k < 200_000; k += S.length()) {
            for (int l = 0; l < e.length; l++) e[l] = k + l == 0 ? 0f : (float) Math.pow(10, -30 + 30.0 * (k + l) / 200_000);
            LaneMath.log1p(FloatVector.fromArray(S, e, 0)).intoArray(y, 0);
            for (int l = 0; l < e.length; l++) {
                double ref = Math.log1p(e[l]);
                assertEquals(ref, y[l], 4 * Math.ulp((float) ref) + 1e-45, "log1p(" + e[l] + ")");
            }
        }
    }
}
