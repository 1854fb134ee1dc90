package org.neuradapt.spiking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuradapt.analysis.FractionalDerivative;

/** Spike-frequency adaptation (docs/science.md section 8.6) on responses of known order and on neurons with and without adaptation. */
class AdaptationTest {
    /** A response D^beta of the step (in Hz, with an offset and a gain of 40 Hz) gives alpha* = -beta to 0.015 once the gain is fitted. */
    @Test
    void recoversTheOrderOfAFractionalResponseWhateverItsGain() {
        for (double beta : new double[] {0.05, 0.15, 0.3}) {
            double[] step = new double[Adaptation.STEPS];
            for (int t = 0; t < step.length; t++) step[t] = Adaptation.STEP.contains(t) ? 1 : 0;
            double[] r = new FractionalDerivative(step.length).apply(beta, step);
            for (int t = 0; t < r.length; t++) r[t] = 20 + 40 * r[t];
            Adaptation.Response resp = Adaptation.response(Lif.DEFAULT, Adaptation.Kind.CURRENT, r, Adaptation.Protocol.DEFAULT);
            assertEquals(-beta, resp.alphaStar(), 0.015, "beta " + beta);
        }
    }

    /**
     * The LIF has no adaptation: its rate follows the step at once (after the first ISI), the
     * exponential finds no decay of any size and alpha* is near 0; the AdEx "adapting" preset
     * (tau_w = 300 ms, b = 60 pA) overshoots and decays, a fractional differentiator (alpha* &lt; -0.1).
     */
    @Test
    void adaptationOnlyWhereTheModelAdapts() {
        Adaptation.Protocol p = new Adaptation.Protocol(10, 500, new double[] {1.5, 2.5}, 1.0, new double[] {0.2, 0.6}, 5, 4, 1,
                Adaptation.Protocol.DEFAULT.alphas());
        Integration s = Integration.DEFAULT;
        Adaptation.Result lif = Adaptation.measure(Lif.DEFAULT, Lif.DEFAULT.rheobase(), p, s);
        assertEquals(Lif.DEFAULT.rate(1.5 * 200), lif.current().before(), 1e-6);
        assertEquals(Lif.DEFAULT.rate(2.5 * 200), lif.current().after(), 1e-6);
        assertTrue(Math.abs(lif.current().alphaStar()) < 0.05, "LIF alpha* " + lif.current().alphaStar());
        Adaptation.Result adex = Adaptation.measure(AdEx.ADAPTING, 296.2, p, s);
        double peak = 0;
        for (int t = Adaptation.STEP.first(); t < Adaptation.STEP.end(Adaptation.STEPS); t++) peak = Math.max(peak, adex.current().rate()[t]);
        assertTrue(peak > 2 * adex.current().after(), "AdEx adapting overshoots: peak " + peak + " Hz, adapted " + adex.current().after());
        assertTrue(adex.current().tau() > 20 && adex.current().tau() < 300, "tau " + adex.current().tau());
        assertTrue(adex.current().alphaStar() < -0.1, "alpha* " + adex.current().alphaStar());
    }
}
