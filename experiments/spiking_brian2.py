#!/usr/bin/env python3
"""f-I curves of the five spiking neuron models simulated in Brian2, the independent check of the
Java simulator (docs/science.md section 9.1).

    /usr/bin/python3 experiments/spiking_brian2.py                  # every model and preset -> figures/spiking/brian2_fi.csv
    /usr/bin/python3 experiments/spiking_brian2.py --currents-from figures/spiking/fi.csv   # at exactly the Java side's currents
    /usr/bin/python3 experiments/spiking_brian2.py --models izhikevich:RS,hh --out /tmp/fi.csv
    /usr/bin/python3 experiments/spiking_brian2.py --check          # LIF against its closed form; exit 1 if it disagrees

Needs Brian2 (Debian: apt-get install python3-brian; tested with 2.5.1). Writes the columns of the
Java side's fi.csv: model,preset,current,rate_onset_hz,rate_steady_hz, currents in the model's
native unit (CURRENT_UNIT), rates in Hz.

Protocol: each current of a curve is one neuron of a NeuronGroup, all starting from rest at
t = 0 with the constant current switched on, simulated for --duration ms (default 1000) with a
fixed step DT_MS. rate_onset_hz = 1000 / (first inter-spike interval in ms) (0 with fewer than two
spikes); rate_steady_hz = (k - 1) / (t_k - t_1) over the k spikes in the second half of the run
(0 with fewer than two there: rates under about 2 / duration are not resolved).

PARAMS below is the single table of every parameter value used (units in the key names); the
docs/spiking.md's "Brian2 comparison" and docs/science.md section 9.1 list the same values.
"""
import argparse
import csv
import math
import os
import sys
import time


def fail(message):
    """Bad input: one line on stderr, exit code 2 (the project's convention), nothing written."""
    print(message, file=sys.stderr)
    sys.exit(2)

# Every parameter value, one dict per model and preset. Potentials in mV, times in ms, capacitance in
# pF, conductance in nS, resistance in MOhm; Izhikevich's a, b, c, d and I are in its own units.
PARAMS = {
    # Leaky integrate-and-fire with a refractory period: tau dV/dt = -(V - E_L) + R I; V >= V_th -> V_reset,
    # clamped for t_ref. Rheobase V_th - E_L over R = 200 pA; tau = C / g_L = 200 pF / 10 nS, as spiking.Lif.
    "lif": {"": dict(tau_m_ms=20.0, R_MOhm=100.0, E_L_mV=-70.0, V_th_mV=-50.0, V_reset_mV=-70.0, t_ref_ms=2.0)},
    # Adaptive LIF: the LIF above plus a spike-triggered adaptation current w (R (I - w) drives V),
    # tau_w dw/dt = -w, w += b at each spike.
    "alif": {"": dict(tau_m_ms=20.0, R_MOhm=100.0, E_L_mV=-70.0, V_th_mV=-50.0, V_reset_mV=-70.0, t_ref_ms=2.0,
                      tau_w_ms=100.0, b_pA=20.0)},
    # Adaptive exponential IF (Brette and Gerstner 2005), presets of Naud et al. 2008 (table 1: tonic
    # spiking, adaptation, regular bursting): C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I,
    # tau_w dw/dt = a (V - E_L) - w; at V > V_peak = 0 mV (as spiking.AdEx): V -> V_r, w += b.
    "adex": {
        "tonic": dict(C_pF=200.0, g_L_nS=10.0, E_L_mV=-70.0, V_T_mV=-50.0, Delta_T_mV=2.0, a_nS=2.0, tau_w_ms=30.0,
                      b_pA=0.0, V_r_mV=-58.0, V_peak_mV=0.0),
        "adapting": dict(C_pF=200.0, g_L_nS=12.0, E_L_mV=-70.0, V_T_mV=-50.0, Delta_T_mV=2.0, a_nS=2.0, tau_w_ms=300.0,
                         b_pA=60.0, V_r_mV=-58.0, V_peak_mV=0.0),
        "bursting": dict(C_pF=200.0, g_L_nS=10.0, E_L_mV=-58.0, V_T_mV=-50.0, Delta_T_mV=2.0, a_nS=2.0, tau_w_ms=120.0,
                         b_pA=100.0, V_r_mV=-46.0, V_peak_mV=0.0),
    },
    # Izhikevich 2003: dv/dt = 0.04 v^2 + 5 v + 140 - u + I, du/dt = a (b v - u) (t in ms); v >= 30 -> v = c, u += d.
    # Start v = -65, u = b v.
    "izhikevich": {
        "RS": dict(a=0.02, b=0.2, c=-65.0, d=8.0),
        "IB": dict(a=0.02, b=0.2, c=-55.0, d=4.0),
        "CH": dict(a=0.02, b=0.2, c=-50.0, d=2.0),
        "FS": dict(a=0.1, b=0.2, c=-65.0, d=2.0),
        "LTS": dict(a=0.02, b=0.25, c=-65.0, d=2.0),
    },
    # Hodgkin-Huxley squid axon at 6.3 degC (rest -65 mV convention; temperature factor 3^((T - 6.3)/10) = 1):
    # C dV/dt = I - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L), with (V in mV, rates in 1/ms)
    # alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40)/10)), beta_m = 4 exp(-(V + 65)/18),
    # alpha_h = 0.07 exp(-(V + 65)/20),                 beta_h = 1 / (1 + exp(-(V + 35)/10)),
    # alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55)/10)), beta_n = 0.125 exp(-(V + 65)/80).
    # A spike is an upward crossing of V_spike (the neuron is refractory while V > V_spike). Per cm^2.
    "hh": {"": dict(C_uF_cm2=1.0, g_Na_mS_cm2=120.0, g_K_mS_cm2=36.0, g_L_mS_cm2=0.3, E_Na_mV=50.0, E_K_mV=-77.0,
                    E_L_mV=-54.387, T_degC=6.3, V_spike_mV=-20.0, V0_mV=-65.0)},
}

CURRENT_UNIT = {"lif": "pA", "alif": "pA", "adex": "pA", "izhikevich": "1", "hh": "uA/cm^2"}

# Default current grids (native units): start, stop (inclusive), step.
CURRENTS = {"lif": (0.0, 1000.0, 25.0), "alif": (0.0, 1000.0, 25.0), "adex": (0.0, 1000.0, 25.0),
            "izhikevich": (0.0, 20.0, 0.5), "hh": (0.0, 30.0, 0.5)}

# Integration step (ms) and Brian2 state updater per model.
DT_MS = 0.01
METHOD = {"lif": "exact", "alif": "exact", "adex": "euler", "izhikevich": "euler", "hh": "exponential_euler"}

HEADER = ["model", "preset", "current", "rate_onset_hz", "rate_steady_hz"]


def grid(model):
    lo, hi, step = CURRENTS[model]
    k = int(round((hi - lo) / step))
    return [round(lo + i * step, 10) for i in range(k + 1)]


def rates(spike_ms, duration_ms):
    """(onset, steady) rates in Hz from one neuron's spike times in ms (see the module docstring)."""
    onset = 1000.0 / (spike_ms[1] - spike_ms[0]) if len(spike_ms) >= 2 else 0.0
    late = [t for t in spike_ms if t >= duration_ms / 2]
    steady = 1000.0 * (len(late) - 1) / (late[-1] - late[0]) if len(late) >= 2 else 0.0
    return onset, steady


def group(b2, model, p, currents):
    """A NeuronGroup with one neuron per current, at rest, and its current variable set."""
    ms, mV, pA, nS, pF, Mohm = b2.ms, b2.mV, b2.pA, b2.nS, b2.pF, b2.Mohm
    n = len(currents)
    if model in ("lif", "alif"):
        eqs = """dv/dt = (-(v - E_L) + R * (I - w)) / tau_m : volt (unless refractory)
                 I : amp
                 """
        ns = dict(E_L=p["E_L_mV"] * mV, R=p["R_MOhm"] * Mohm, tau_m=p["tau_m_ms"] * ms)
        reset = "v = V_reset"
        ns["V_reset"] = p["V_reset_mV"] * mV
        ns["V_th"] = p["V_th_mV"] * mV
        if model == "alif":
            eqs += "dw/dt = -w / tau_w : amp"
            ns.update(tau_w=p["tau_w_ms"] * ms, b=p["b_pA"] * pA)
            reset += "\nw += b"
        else:
            eqs += "w : amp"
        g = b2.NeuronGroup(n, eqs, threshold="v >= V_th", reset=reset, refractory=p["t_ref_ms"] * ms,
                           method=METHOD[model], namespace=ns)
        g.v = p["E_L_mV"] * mV
        g.I = [c * pA for c in currents]
    elif model == "adex":
        eqs = """dv/dt = (-g_L * (v - E_L) + g_L * Delta_T * exp((v - V_T) / Delta_T) - w + I) / C : volt
                 dw/dt = (a * (v - E_L) - w) / tau_w : amp
                 I : amp
                 """
        ns = dict(C=p["C_pF"] * pF, g_L=p["g_L_nS"] * nS, E_L=p["E_L_mV"] * mV, V_T=p["V_T_mV"] * mV,
                  Delta_T=p["Delta_T_mV"] * mV, a=p["a_nS"] * nS, tau_w=p["tau_w_ms"] * ms, b=p["b_pA"] * pA,
                  V_r=p["V_r_mV"] * mV, V_cut=p["V_peak_mV"] * mV)
        g = b2.NeuronGroup(n, eqs, threshold="v > V_cut", reset="v = V_r\nw += b", method=METHOD[model], namespace=ns)
        g.v = p["E_L_mV"] * mV
        g.I = [c * pA for c in currents]
    elif model == "izhikevich":
        # v, u and I are dimensionless in Izhikevich's units; time in ms
        eqs = """dv/dt = (0.04 * v**2 + 5 * v + 140 - u + I) / ms : 1
                 du/dt = a * (b * v - u) / ms : 1
                 I : 1
                 """
        ns = dict(a=p["a"], b=p["b"], c=p["c"], d=p["d"])
        g = b2.NeuronGroup(n, eqs, threshold="v >= 30", reset="v = c\nu += d", method=METHOD[model], namespace=ns)
        g.v = -65.0
        g.u = p["b"] * -65.0
        g.I = currents
    elif model == "hh":
        # per cm^2: capacitance uF, conductances mS, current uA
        uF, mS, uA, cm2 = b2.ufarad, b2.msiemens, b2.uA, b2.cm ** 2
        phi = 3.0 ** ((p["T_degC"] - 6.3) / 10.0)
        eqs = """dv/dt = (I - g_Na * m**3 * h * (v - E_Na) - g_K * n**4 * (v - E_K) - g_L * (v - E_L)) / C : volt
                 dm/dt = phi * (alpha_m * (1 - m) - beta_m * m) : 1
                 dh/dt = phi * (alpha_h * (1 - h) - beta_h * h) : 1
                 dn/dt = phi * (alpha_n * (1 - n) - beta_n * n) : 1
                 alpha_m = 0.1 / mV * (v + 40 * mV) / (1 - exp(-(v + 40 * mV) / (10 * mV))) / ms : Hz
                 beta_m = 4 * exp(-(v + 65 * mV) / (18 * mV)) / ms : Hz
                 alpha_h = 0.07 * exp(-(v + 65 * mV) / (20 * mV)) / ms : Hz
                 beta_h = 1 / (1 + exp(-(v + 35 * mV) / (10 * mV))) / ms : Hz
                 alpha_n = 0.01 / mV * (v + 55 * mV) / (1 - exp(-(v + 55 * mV) / (10 * mV))) / ms : Hz
                 beta_n = 0.125 * exp(-(v + 65 * mV) / (80 * mV)) / ms : Hz
                 I : amp/meter**2
                 """
        ns = dict(C=p["C_uF_cm2"] * uF / cm2, g_Na=p["g_Na_mS_cm2"] * mS / cm2, g_K=p["g_K_mS_cm2"] * mS / cm2,
                  g_L=p["g_L_mS_cm2"] * mS / cm2, E_Na=p["E_Na_mV"] * mV, E_K=p["E_K_mV"] * mV, E_L=p["E_L_mV"] * mV,
                  phi=phi, V_spike=p["V_spike_mV"] * mV)
        g = b2.NeuronGroup(n, eqs, threshold="v > V_spike", refractory="v > V_spike", method=METHOD[model], namespace=ns)
        v0 = p["V0_mV"]
        am = 0.1 * (v0 + 40) / (1 - math.exp(-(v0 + 40) / 10)); bm = 4 * math.exp(-(v0 + 65) / 18)
        ah = 0.07 * math.exp(-(v0 + 65) / 20); bh = 1 / (1 + math.exp(-(v0 + 35) / 10))
        an = 0.01 * (v0 + 55) / (1 - math.exp(-(v0 + 55) / 10)); bn = 0.125 * math.exp(-(v0 + 65) / 80)
        g.v = v0 * mV
        g.m, g.h, g.n = am / (am + bm), ah / (ah + bh), an / (an + bn)   # steady state at V0
        g.I = [c * uA / cm2 for c in currents]
    else:
        raise ValueError(model)
    return g


def simulate(b2, model, preset, currents, duration_ms):
    """[(current, onset, steady)] for one model and preset."""
    b2.start_scope()
    b2.defaultclock.dt = DT_MS * b2.ms
    g = group(b2, model, PARAMS[model][preset], currents)
    mon = b2.SpikeMonitor(g)
    b2.run(duration_ms * b2.ms)
    trains = mon.spike_trains()
    out = []
    for i, c in enumerate(currents):
        spikes = [float(t / b2.ms) for t in trains[i]]
        out.append((c, *rates(spikes, duration_ms)))
    return out


def lif_closed_form(p, current_pA):
    """f = 1 / (t_ref + tau ln(R I / (R I - V_th))) with V_th measured from the reset (= rest) potential, in Hz."""
    ri = p["R_MOhm"] * current_pA * 1e-3          # MOhm * pA = 1e-6 V = 1e-3 mV
    vth = p["V_th_mV"] - p["V_reset_mV"]
    if ri <= vth:
        return 0.0
    return 1000.0 / (p["t_ref_ms"] + p["tau_m_ms"] * math.log(ri / (ri - vth)))


def check(b2, duration_ms):
    """Brian2's LIF f-I curve against the closed form: every rate within max(0.5%, 0.5 Hz) (one step dt per interval)."""
    p = PARAMS["lif"][""]
    currents = grid("lif")
    worst, bad = 0.0, []
    for c, onset, steady in simulate(b2, "lif", "", currents, duration_ms):
        f = lif_closed_form(p, c)
        for name, got in (("onset", onset), ("steady", steady)):
            err = abs(got - f)
            worst = max(worst, err)
            if err > max(0.005 * f, 0.5):
                bad.append(f"I = {c} pA: {name} {got:.3f} Hz, closed form {f:.3f} Hz")
    print(f"check: LIF f-I curve, {len(currents)} currents 0..{currents[-1]} pA, largest |Brian2 - closed form| = {worst:.3f} Hz")
    if bad:
        print("check FAILED:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    print("check passed")
    return 0


def parse_models(text):
    """'lif,izhikevich:RS,adex' -> [(model, preset)]; refuses unknown names in one line (exit 2)."""
    if not text:
        return [(m, p) for m in PARAMS for p in PARAMS[m]]
    out = []
    for item in text.split(","):
        model, _, preset = item.strip().partition(":")
        if model not in PARAMS:
            fail(f"error: --models: unknown model '{model}'; use one of {', '.join(PARAMS)}")
        presets = list(PARAMS[model]) if not preset else [preset]
        for pr in presets:
            if pr not in PARAMS[model]:
                fail(f"error: --models: unknown preset '{pr}' of {model}; use one of {', '.join(PARAMS[model])}")
            out.append((model, pr))
    return out


def currents_from(path, model, preset):
    """The currents the Java side's fi.csv used for one model (and preset, or its only preset)."""
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["model"] == model]
    presets = sorted({r["preset"] for r in rows})
    if preset not in presets and len(presets) == 1 and len(PARAMS[model]) == 1:
        preset = presets[0]          # a single-preset model may be named differently (e.g. '' and 'default')
    return sorted({float(r["current"]) for r in rows if r["preset"] == preset})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="figures/spiking/brian2_fi.csv")
    ap.add_argument("--models", default="", help="comma list of model or model:preset (default: all)")
    ap.add_argument("--duration", type=float, default=1000.0, help="simulated ms per current (default 1000)")
    ap.add_argument("--currents-from", default=None, help="fi.csv whose currents to simulate (default: the CURRENTS grids)")
    ap.add_argument("--check", action="store_true", help="compare the LIF with its closed form and exit")
    args = ap.parse_args()
    if args.duration <= 0:
        fail("error: --duration must be > 0 ms")
    if args.currents_from and not os.path.isfile(args.currents_from):
        fail(f"error: --currents-from: '{args.currents_from}' does not exist; run ./neuradapt spiking fi first or leave it out")
    import warnings
    warnings.filterwarnings("ignore", category=FutureWarning)   # Debian's pythran, imported by Brian2, warns about NumPy aliases
    try:
        import brian2 as b2
    except ImportError:
        fail("error: Brian2 is not installed; apt-get install python3-brian (and run this with /usr/bin/python3)")
    b2.prefs.codegen.target = "numpy"
    b2.BrianLogger.log_level_error()
    if args.check:
        return check(b2, args.duration)
    rows = []
    for model, preset in parse_models(args.models):
        currents = currents_from(args.currents_from, model, preset) if args.currents_from else grid(model)
        if not currents:
            print(f"{model}:{preset}: no currents in {args.currents_from}, skipped", file=sys.stderr)
            continue
        t0 = time.time()
        res = simulate(b2, model, preset, currents, args.duration)
        rows += [(model, preset, c, on, st) for c, on, st in res]
        fired = [c for c, on, st in res if st > 0]
        print(f"{model}:{preset or '-'}: {len(currents)} currents ({CURRENT_UNIT[model]}), steady rate up to "
              f"{max(st for _, _, st in res):.1f} Hz, first steady firing at {fired[0] if fired else 'none'}; "
              f"{time.time() - t0:.1f} s", flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for model, preset, c, on, st in rows:
            w.writerow([model, preset, repr(float(c)), f"{on:.6g}", f"{st:.6g}"])
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
