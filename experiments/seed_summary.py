#!/usr/bin/env python3
"""Mean, sample sd and 95% t interval over seeds of the per-run numbers of
experiments/analysis_seeds.sh (docs/science.md section 4.6 states the interval).

    python3 experiments/seed_summary.py shape_signals_seeds.csv fractional_order_seeds.csv > seeds_summary.csv

Rows: the shape signals' n and s changes at the largest xi (during_rel, late_rel, after_rel), and
the fractional order's summed alpha* per condition and target. Standard library only.
"""
import csv, math, re, sys
from collections import defaultdict

# two-sided 95% quantiles of Student's t, df = 1 .. 10 (more seeds than 11 are not expected here)
T975 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281]

def model(run):
    return re.sub(r"_s\d+$", "", run)

values = defaultdict(list)  # (model, quantity) -> values over runs
shape, frac = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(shape)))
top = max(float(r["xi"]) for r in rows)
for r in rows:
    if float(r["xi"]) == top:
        for k in ("during_rel", "late_rel", "after_rel"):
            values[(model(r["run"]), f"{r['signal']}_{k}_xi{r['xi']}")].append(float(r[k]))
for r in csv.DictReader(open(frac)):
    if r["fit"] == "sum" and r["alpha_star"] != "":
        values[(model(r["run"]), f"alpha_star_{r['condition']}_{r['target']}")].append(float(r["alpha_star"]))

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["model", "quantity", "seeds", "mean", "sd", "ci95_low", "ci95_high", "min", "max"])
for (m, q), v in values.items():
    n = len(v)
    mean = sum(v) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in v) / (n - 1)) if n > 1 else float("nan")
    half = T975[n - 2] * sd / math.sqrt(n) if 1 < n <= len(T975) + 1 else float("nan")
    w.writerow([m, q, n, f"{mean:.4f}", f"{sd:.4f}", f"{mean - half:.4f}", f"{mean + half:.4f}", f"{min(v):.4f}", f"{max(v):.4f}"])
