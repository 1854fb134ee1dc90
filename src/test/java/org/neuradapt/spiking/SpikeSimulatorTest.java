package org.neuradapt.spiking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Progress;

/** The simulator against closed forms, textbook values, an independent integrator and itself at tighter tolerances (docs/science.md section 8.5). */
class SpikeSimulatorTest {
    static final Integration ONE_SECOND = Integration.DEFAULT;

    /**
     * LIF with V_reset = E_L (reset to rest, the convention of the closed form measured from rest):
     * every ISI is t_ref + tau ln(R I / (R I - (V_th - E_L))), and the simulation starts at rest, so
     * the onset rate equals the steady rate. Below the rheobase g_L (V_th - E_L) = 200 pA: silent.
     */
    @Test
    void lifRatesMatchTheClosedForm() {
        Lif lif = Lif.DEFAULT;
        assertEquals(200, lif.rheobase(), 1e-12);
        for (double current : new double[] {150, 199, 205, 250, 400, 800, 2000}) {
            SpikeTrain t = SpikeSimulator.run(lif, Current.constant(current), ONE_SECOND);
            double expected = lif.rate(current);
            assertEquals(expected, t.steadyRate(), 1e-6 * Math.max(1, expected), "steady rate at " + current + " pA");
            assertEquals(expected, t.onsetRate(), 1e-6 * Math.max(1, expected), "onset rate at " + current + " pA");
        }
        // the refractory period enters: at 2000 pA the ISI is 2 ms + 20 ln(10/9) ms = 4.107 ms
        assertEquals(1000 / (2 + 20 * Math.log(10.0 / 9)), lif.rate(2000), 1e-9);
    }

    /**
     * Hodgkin-Huxley at 6.3 degC: repetitive firing from rest under a step starts near
     * 6.26 uA/cm^2 (the saddle-node of periodic orbits, Rinzel and Miller 1980; the resting state
     * loses stability only at 9.78), with a jump to about 50 Hz: a type II neuron.
     */
    @Test
    void hodgkinHuxleyRheobaseAndJump() {
        FiCurve.Result r = FiCurve.measure(HodgkinHuxley.SQUID, new FiCurve.Sweep(0, 15, 21), ONE_SECOND.withDuration(500), Progress.NONE);
        assertTrue(r.rheobase() > 6.0 && r.rheobase() < 6.6, "rheobase " + r.rheobase());
        assertTrue(r.jump() > 40 && r.jump() < 60, "rate just above the rheobase " + r.jump());
        assertEquals(FiCurve.Excitability.TYPE_II, r.type());
        // a single spike below it: the onset of repetitive firing, not of spiking
        assertTrue(SpikeSimulator.run(HodgkinHuxley.SQUID, Current.constant(5), ONE_SECOND).count() >= 1);
        assertEquals(0, SpikeSimulator.run(HodgkinHuxley.SQUID, Current.constant(5), ONE_SECOND).steadyRate());
    }

    @Test
    void lifIsTypeOneWithTheBisectedRheobase() {
        FiCurve.Result r = FiCurve.measure(Lif.DEFAULT, new FiCurve.Sweep(0, 600, 13), ONE_SECOND, Progress.NONE);
        assertEquals(FiCurve.Excitability.TYPE_I, r.type());
        // repetitive firing needs two spikes in the last 500 ms, an ISI <= 500 ms: I with tau ln(...) + t_ref = 500 is 200.0000... pA
        assertEquals(200, r.rheobase(), 200 * FiCurve.RHEOBASE_TOLERANCE * 2);
        assertTrue(r.jump() < 0.2 * r.maxRate());
    }

    /**
     * Izhikevich RS at I = 10 against an independent integrator: forward Euler with 0.5 us steps
     * (the adaptive Dormand-Prince and its event location are not involved) gives the same five
     * spikes in 200 ms, at the same times to 0.05 ms.
     */
    @Test
    void izhikevichRegularSpikingAgainstAFineEulerIntegration() {
        SpikeTrain t = SpikeSimulator.run(Izhikevich.RS, Current.constant(10), ONE_SECOND.withDuration(200));
        double[] euler = euler(Izhikevich.RS, 10, 200, 5e-4);
        assertEquals(5, t.count(), Arrays.toString(t.times()));
        assertEquals(euler.length, t.count(), Arrays.toString(euler));
        for (int i = 0; i < euler.length; i++) assertEquals(euler[i], t.times()[i], 0.05, "spike " + i);
    }

    /**
     * The tonic-spiking panel of Izhikevich's 2004 Fig. 1 (a = 0.02, b = 0.2, c = -65, d = 6; I = 14
     * from t = 10 ms; 100 ms), whose published protocol integrates by forward Euler with 0.25 ms
     * steps from v = -70, u updated from the new v. That scheme, recomputed here, fires 5 spikes;
     * the exact integration from rest (v = -65) fires the same 5, each within 1.1 ms of the figure's.
     */
    @Test
    void izhikevichTonicSpikingPanelOfThePublishedFigure() {
        Izhikevich tonic = new Izhikevich("tonic", 0.02, 0.2, -65, 6);
        java.util.List<Double> figure = new java.util.ArrayList<>();
        double v = -70, u = 0.2 * v, dt = 0.25;
        for (int k = 0; k * dt <= 100; k++) {
            double t = k * dt, current = t > 10 ? 14 : 0;
            v += dt * (0.04 * v * v + 5 * v + 140 - u + current);
            u += dt * 0.02 * (0.2 * v - u);
            if (v > 30) {
                figure.add(t);
                v = -65;
                u += 6;
            }
        }
        SpikeTrain t = SpikeSimulator.run(tonic, Current.step(0, 14, 10), ONE_SECOND.withDuration(100));
        assertEquals(5, figure.size(), figure.toString());
        assertEquals(5, t.count(), Arrays.toString(t.times()));
        for (int i = 0; i < 5; i++) assertEquals(figure.get(i), t.times()[i], 1.1, "spike " + i);
    }

    private static double[] euler(SpikingModel m, double current, double duration, double dt) {
        double[] y = m.rest(), dy = new double[m.dimension()];
        java.util.List<Double> spikes = new java.util.ArrayList<>();
        for (long k = 0; k * dt < duration; k++) {
            m.derivatives(y, current, dy);
            for (int i = 0; i < y.length; i++) y[i] += dt * dy[i];
            if (m.spikeFunction(y) >= 0) {
                spikes.add((k + 1) * dt);
                m.reset(y);
            }
        }
        return spikes.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The Izhikevich presets' patterns at I = 10 (Izhikevich 2003, Fig. 2), each in a spike-train statistic. */
    @Test
    void izhikevichPresetsShowTheirFiringPatterns() {
        Stats rs = stats(Izhikevich.RS), ib = stats(Izhikevich.IB), ch = stats(Izhikevich.CH), fs = stats(Izhikevich.FS);
        // RS: tonic, adapting: the first ISI about half the steady one, steady ISIs all equal
        assertTrue(rs.firstOverSteady > 0.3 && rs.firstOverSteady < 0.7, "RS adaptation " + rs);
        assertTrue(rs.isiSpread < 1.05, "RS tonic " + rs);
        // IB: an initial burst (first ISI < 0.1 of the steady ISI), then tonic spikes
        assertTrue(ib.firstOverSteady < 0.1 && ib.isiSpread < 1.05, "IB " + ib);
        // CH: repeated bursts: bimodal ISIs in the steady state, the longest > 5 times the shortest
        assertTrue(ch.isiSpread > 5, "CH " + ch);
        // FS: fast, tonic, and at its steady rate within 20 ms, where RS is still adapting
        assertTrue(fs.steadyRate > 100 && fs.steadyRate > 4 * rs.steadyRate && fs.isiSpread < 1.05, "FS " + fs);
        assertTrue(fs.adapted < 20 && rs.adapted > fs.adapted, "FS adapts at once " + fs + ", RS " + rs);
        // LTS: a low threshold, under a fifth of RS's rheobase
        Integration s = ONE_SECOND;
        assertTrue(FiCurve.steadyRate(Izhikevich.LTS, 1, s) > 0 && FiCurve.steadyRate(Izhikevich.RS, 1, s) == 0);
    }

    record Stats(double steadyRate, double firstOverSteady, double isiSpread, double adapted) {}

    private static Stats stats(Izhikevich m) {
        SpikeTrain t = SpikeSimulator.run(m, Current.constant(10), ONE_SECOND);
        double[] isi = t.isis(), late = Arrays.copyOfRange(isi, isi.length / 2, isi.length);
        double last = isi[isi.length - 1];
        int k = 0;
        while (Math.abs(isi[k] - last) > 0.05 * last) k++;
        return new Stats(t.steadyRate(), isi[0] * t.steadyRate() / 1000, Arrays.stream(late).max().getAsDouble() / Arrays.stream(late).min().getAsDouble(),
                t.times()[k]);
    }

    /** Halving both tolerances changes no model's rates by more than 1e-6 (relative; measured: at most 2e-10). */
    @Test
    void halvingTheTolerancesChangesRatesByLessThanOnePpm() {
        for (SpikingModel m : SpikingModels.all()) {
            double current = m.defaultMaxCurrent() / 2;
            SpikeTrain a = SpikeSimulator.run(m, Current.constant(current), ONE_SECOND), b = SpikeSimulator.run(m, Current.constant(current), ONE_SECOND.scaledTolerances(0.5));
            assertEquals(a.count(), b.count(), m.name());
            assertEquals(a.steadyRate(), b.steadyRate(), 1e-6 * a.steadyRate(), m.name());
            assertEquals(a.onsetRate(), b.onsetRate(), 1e-6 * a.onsetRate(), m.name());
        }
    }

    @Test
    void noisySimulationsAreSeededAndFireLikeTheDeterministicOneWithoutNoise() {
        Integration s = ONE_SECOND.withDuration(500);
        SpikeTrain a = SpikeSimulator.noisy(Lif.DEFAULT, Current.constant(150), Current.constant(100), 5, s, 7),
                b = SpikeSimulator.noisy(Lif.DEFAULT, Current.constant(150), Current.constant(100), 5, s, 7);
        assertEquals(a, b);
        assertTrue(a.count() > 0, "fluctuation-driven firing below the rheobase");
        // sd 0: Euler at 0.05 ms against the exact LIF rate, to the step's first-order error
        SpikeTrain quiet = SpikeSimulator.noisy(Lif.DEFAULT, Current.constant(400), Current.constant(0), 5, s, 1);
        assertEquals(Lif.DEFAULT.rate(400), quiet.steadyRate(), 0.005 * Lif.DEFAULT.rate(400));
    }

    @Test
    void registryParsesNamesAndListsTheKnownOnes() {
        assertEquals(Izhikevich.FS, SpikingModels.parse("--model", "izhikevich:fs"));
        assertEquals(AdEx.TONIC, SpikingModels.parse("--model", "adex"));
        assertEquals(11, SpikingModels.parseAll("--model", java.util.List.of("all", "lif")).size());
        UserError e = assertThrows(UserError.class, () -> SpikingModels.parse("--model", "izhikevich:XX"));
        assertTrue(e.getMessage().contains("RS|IB|CH|FS|LTS") && e.getMessage().contains("hh"), e.getMessage());
        assertThrows(UserError.class, () -> SpikingModels.parse("--model", "lifx"));
        assertThrows(UserError.class, () -> new Integration(-1, 0.5, 1e-8, 1e-8, 0.05));
        assertThrows(UserError.class, () -> new Integration(100, 0.5, 0, 1e-8, 0.05));
    }

    @Test
    void aSweepThatNeverFiresNamesTheRheobase() {
        UserError e = assertThrows(UserError.class, () -> FiCurve.measure(Lif.DEFAULT, new FiCurve.Sweep(0, 100, 5), ONE_SECOND, Progress.NONE));
        assertTrue(e.getMessage().contains("rheobase found: 200.0") && e.getMessage().contains("--currents"), e.getMessage());
    }
}
