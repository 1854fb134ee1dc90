#!/usr/bin/env bash
# The 3-bit flip-flop (docs/tasks.md, "flip_flop"), a task with continuous targets at every step:
# RNN+ReLU, RNN+gamma (heterogeneous) and the ARUN trained with configs/task_flip_flop.yaml as it
# is, 5 seeds each (15 runs, about 8 minutes on 2 cores; runs already complete are kept), then
# evaluated on the test split. The reference is what outputs held at 0 score: one run's export
# with W_out and b_out set to 0, imported and evaluated. Writes figures/tasks/flip_flop.csv (one
# row per run) and flip_flop_summary.csv (mean and 95% Student-t interval of the test mean squared
# error over seeds), then the robustness experiment under the paper's step drive into
# figures/tasks/flip_flop_robustness/.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-runs/flip_flop}"
for model in rnn_relu rnn_gamma_het arun; do
  for seed in 200 400 600 800 1000; do
    name="ff_${model}_s${seed}"
    [[ -f "$out/$name/summary.json" ]] && continue
    ./neuradapt train --config configs/task_flip_flop.yaml --set model.type="$model" --set seed="$seed" --set name="$name" --set out="$out" --overwrite
  done
done
# outputs held at 0: the read-out of one run zeroed, through export and import
./neuradapt export --run "$out/ff_rnn_relu_s200" --no-init --file "$out/zero.npz" > /dev/null
python3 - "$out/zero.npz" <<'PY'
import sys, numpy as np
z = dict(np.load(sys.argv[1]))
z["W_out"][:] = 0; z["b_out"][:] = 0
np.savez(sys.argv[1], **z)
PY
./neuradapt import --npz "$out/zero.npz" --set name=ff_zero_output --set out="$out" --overwrite > /dev/null
zero=$(./neuradapt eval --run "$out/ff_zero_output" --json | python3 -c "import json, sys; print(json.load(sys.stdin)['loss'])")
mkdir -p figures/tasks
python3 - "$out" "$zero" <<'PY'
import csv, json, math, os, statistics, sys
out, zero = sys.argv[1], float(sys.argv[2])
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776}   # Student t, 97.5%
rows = []
for model in ("rnn_relu", "rnn_gamma_het", "arun"):
    for seed in (200, 400, 600, 800, 1000):
        s = json.load(open(os.path.join(out, f"ff_{model}_s{seed}", "summary.json")))
        rows.append({"task": "flip_flop", "model": model, "seed": seed, "test_mse": s["testLoss"], "zero_output_mse": zero,
                     "variance_explained": 1 - s["testLoss"] / zero, "best_epoch": s["bestEpoch"], "wall_seconds": s["wallSeconds"]})
with open("figures/tasks/flip_flop.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0])); w.writeheader(); w.writerows(rows)
with open("figures/tasks/flip_flop_summary.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["task", "model", "seeds", "mean_mse", "ci95_low", "ci95_high", "min", "max", "zero_output_mse"])
    for model in dict.fromkeys(r["model"] for r in rows):
        a = [r["test_mse"] for r in rows if r["model"] == model]
        m, sd = statistics.mean(a), statistics.stdev(a)
        h = T975[len(a) - 1] * sd / math.sqrt(len(a))
        w.writerow(["flip_flop", model, len(a), f"{m:.5f}", f"{m - h:.5f}", f"{m + h:.5f}", f"{min(a):.5f}", f"{max(a):.5f}", f"{zero:.5f}"])
print(open("figures/tasks/flip_flop_summary.csv").read())
PY
./neuradapt robustness --runs "$out"/ff_rnn_relu_s* "$out"/ff_rnn_gamma_het_s* "$out"/ff_arun_s* --xi 0,0.5,1,2,3,5 --window 0.3:0.3 \
  --out figures/tasks/flip_flop_robustness --compare arun,rnn_relu --at 2
