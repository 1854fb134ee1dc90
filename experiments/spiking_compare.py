#!/usr/bin/env python3
"""Compares the Java f-I curves (./neuradapt spiking fi -> figures/spiking/fi.csv) with Brian2's
(experiments/spiking_brian2.py -> figures/spiking/brian2_fi.csv), per model and preset
(docs/science.md section 9.1).

    python3 experiments/spiking_compare.py                                   # the default paths below
    python3 experiments/spiking_compare.py --java fi.csv --brian2 brian2_fi.csv --out comparison.csv

Writes figures/spiking/brian2_comparison.csv, one row per model and preset:
  model,preset,currents,matched,max_abs_diff_steady_hz,mean_abs_diff_steady_hz,rel_max_diff_steady,
  max_abs_diff_onset_hz,mean_abs_diff_onset_hz,rel_max_diff_onset,rheobase_java,rheobase_brian2,rheobase_diff
and prints it as a table. Currents are compared where both files have them (matched = exact); where
they share fewer than three, the Java curve is interpolated linearly at Brian2's currents inside its
range (matched = interpolated; near a jump, as HH's at rheobase, that overstates the difference).
rel_max_diff = max |difference| / max Brian2 rate of the curve. The rheobase of a curve is the first
current with a steady rate > 0 (so it is known to one grid step); rheobase_diff = Java - Brian2.
A model with a single preset matches whatever the other file calls its preset ('' or 'default').
Only the standard library is used.
"""
import argparse
import csv
import os
import sys


def fail(message):
    """Bad input: one line on stderr, exit code 2 (the project's convention), nothing written."""
    print(message, file=sys.stderr)
    sys.exit(2)

COLUMNS = ["model", "preset", "current", "rate_onset_hz", "rate_steady_hz"]
OUT = ["model", "preset", "currents", "matched", "max_abs_diff_steady_hz", "mean_abs_diff_steady_hz",
       "rel_max_diff_steady", "max_abs_diff_onset_hz", "mean_abs_diff_onset_hz", "rel_max_diff_onset",
       "rheobase_java", "rheobase_brian2", "rheobase_diff"]


def read(path, what):
    """{(model, preset): [(current, onset, steady)] sorted by current}; one-line exit 2 for a missing or wrong file."""
    if not os.path.isfile(path):
        fail(f"error: {what} '{path}' does not exist; " + ("run ./neuradapt spiking fi first" if what == "--java"
                                                              else "run experiments/spiking_brian2.py first"))
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (r.fieldnames or [])]
        if missing:
            fail(f"error: {what} '{path}' lacks the columns {', '.join(missing)}; give an fi.csv ({','.join(COLUMNS)})")
        curves = {}
        for row in r:
            curves.setdefault((row["model"], row["preset"]), []).append(
                (float(row["current"]), float(row["rate_onset_hz"]), float(row["rate_steady_hz"])))
    return {k: sorted(v) for k, v in curves.items()}


def pair(java, brian):
    """[(key, java curve, brian curve)]: same (model, preset), or a model's only preset on each side."""
    out = []
    for key, b in sorted(brian.items()):
        j = java.get(key)
        if j is None:
            jp = [k for k in java if k[0] == key[0]]
            bp = [k for k in brian if k[0] == key[0]]
            if len(jp) == 1 and len(bp) == 1:
                j = java[jp[0]]
        if j is not None:
            out.append((key, j, b))
    return out


def interp(xs, ys, x):
    if x <= xs[0]:
        return ys[0]
    for i in range(1, len(xs)):
        if x <= xs[i]:
            w = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
            return ys[i - 1] + w * (ys[i] - ys[i - 1])
    return ys[-1]


def rheobase(curve):
    return next((c for c, _, st in curve if st > 0), float("nan"))


def compare(j, b):
    """Differences (Java - Brian2) at common currents, as one output row (without model, preset)."""
    jc = {round(c, 9): (on, st) for c, on, st in j}
    common = [(c, jc[round(c, 9)], (on, st)) for c, on, st in b if round(c, 9) in jc]
    matched = "exact"
    if len(common) < 3:
        xs = [c for c, _, _ in j]
        matched = "interpolated"
        common = [(c, (interp(xs, [on for _, on, _ in j], c), interp(xs, [st for _, _, st in j], c)), (on, st))
                  for c, on, st in b if xs[0] <= c <= xs[-1]]
    if not common:
        return None
    d_on = [abs(jv[0] - bv[0]) for _, jv, bv in common]
    d_st = [abs(jv[1] - bv[1]) for _, jv, bv in common]
    top_on = max(max(bv[0] for _, _, bv in common), 1e-12)
    top_st = max(max(bv[1] for _, _, bv in common), 1e-12)
    rj, rb = rheobase(j), rheobase(b)
    return [len(common), matched, max(d_st), sum(d_st) / len(d_st), max(d_st) / top_st,
            max(d_on), sum(d_on) / len(d_on), max(d_on) / top_on, rj, rb, rj - rb]


def fmt(v):
    return f"{v:.4g}" if isinstance(v, float) else str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--java", default="figures/spiking/fi.csv")
    ap.add_argument("--brian2", default="figures/spiking/brian2_fi.csv")
    ap.add_argument("--out", default="figures/spiking/brian2_comparison.csv")
    args = ap.parse_args()
    java, brian = read(args.java, "--java"), read(args.brian2, "--brian2")
    rows = []
    for (model, preset), j, b in pair(java, brian):
        r = compare(j, b)
        if r is None:
            print(f"{model}:{preset}: no currents in common, skipped", file=sys.stderr)
            continue
        rows.append([model, preset] + r)
    if not rows:
        fail(f"error: '{args.java}' and '{args.brian2}' share no model; simulate the same models on both sides")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(OUT)
        w.writerows([[fmt(v) for v in r] for r in rows])
    widths = [max(len(OUT[k]), *(len(fmt(r[k])) for r in rows)) for k in range(len(OUT))]
    print("  ".join(h.ljust(wd) for h, wd in zip(OUT, widths)))
    for r in rows:
        print("  ".join(fmt(v).ljust(wd) for v, wd in zip(r, widths)))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
