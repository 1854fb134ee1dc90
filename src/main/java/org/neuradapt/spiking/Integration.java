package org.neuradapt.spiking;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neuradapt.UserError;

/**
 * How a simulation is integrated (docs/science.md section 8.2): simulated time, the adaptive
 * Dormand-Prince 8(5,3) step's upper bound and tolerances, and the fixed step of the noisy
 * (Euler-Maruyama) simulations. The constructor refuses values naming the command-line option.
 *
 * @param duration simulated time, ms
 * @param maxStep  the adaptive integrator's largest step, ms (also the event search's check interval)
 * @param absTol   absolute tolerance (mV, and the gating variables' units)
 * @param relTol   relative tolerance
 * @param dt       the fixed step of the noisy simulations, ms
 */
public record Integration(double duration, double maxStep, double absTol, double relTol, double dt) {
    /** 1 s, steps up to 0.5 ms, tolerances 1e-8, noisy steps of 0.05 ms. */
    public static final Integration DEFAULT = new Integration(1000, 0.5, 1e-8, 1e-8, 0.05);

    public Integration {
        positive("--duration", duration);
        positive("--max-step", maxStep);
        positive("--atol", absTol);
        positive("--rtol", relTol);
        positive("--dt", dt);
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new UserError(option + " must be a finite number > 0, got " + v);
    }

    public Integration withDuration(double ms) { return new Integration(ms, maxStep, absTol, relTol, dt); }

    /** Both tolerances multiplied by {@code factor}. */
    public Integration scaledTolerances(double factor) { return new Integration(duration, maxStep, absTol * factor, relTol * factor, dt); }

    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration_ms", duration);
        m.put("integrator", "DormandPrince853");
        m.put("max_step_ms", maxStep);
        m.put("atol", absTol);
        m.put("rtol", relTol);
        m.put("noisy_dt_ms", dt);
        return m;
    }
}
