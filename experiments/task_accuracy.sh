#!/usr/bin/env bash
# Test accuracy of RNN+ReLU, RNN+gamma (heterogeneous) and the ARUN on the four cognitive tasks
# (docs/tasks.md, "What the models reach"), each config as it is, and on perceptual_decision with a
# fixation output (data.options.fixation=1: accuracy on the decision steps), 5 seeds each: 75 runs,
# about 17 minutes on 2 cores. Runs already complete are kept. Writes figures/tasks/accuracy.csv
# (one row per run) and accuracy_summary.csv (mean and 95% Student-t interval over seeds), then
# the figure accuracy_summary.png/.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-runs/tasks}"
for task in perceptual_decision context_integration delayed_match interval_discrimination perceptual_decision_fixation; do
  config="configs/task_${task%_fixation}.yaml"
  extra=()
  [[ "$task" == *_fixation ]] && extra=(--set data.options.fixation=1)
  for model in rnn_relu rnn_gamma_het arun; do
    for seed in 200 400 600 800 1000; do
      name="${task}_${model}_s${seed}"
      [[ -f "$out/$name/summary.json" ]] && continue
      ./neuradapt train --config "$config" "${extra[@]}" --set model.type="$model" --set seed="$seed" --set name="$name" --set out="$out" --overwrite
    done
  done
done
mkdir -p figures/tasks
python3 - "$out" <<'PY'
import csv, json, math, os, statistics, sys
out = sys.argv[1]
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}   # Student t, 97.5%
rows = []
for task in ("perceptual_decision", "context_integration", "delayed_match", "interval_discrimination", "perceptual_decision_fixation"):
    for model in ("rnn_relu", "rnn_gamma_het", "arun"):
        for seed in (200, 400, 600, 800, 1000):
            s = json.load(open(os.path.join(out, f"{task}_{model}_s{seed}", "summary.json")))
            rows.append({"task": task, "model": model, "seed": seed, "test_accuracy": s["testAcc"], "best_epoch": s["bestEpoch"], "wall_seconds": s["wallSeconds"]})
with open("figures/tasks/accuracy.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0])); w.writeheader(); w.writerows(rows)
with open("figures/tasks/accuracy_summary.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["task", "model", "seeds", "mean", "ci95_low", "ci95_high", "min", "max"])
    for task in dict.fromkeys(r["task"] for r in rows):
        for model in dict.fromkeys(r["model"] for r in rows):
            a = [r["test_accuracy"] for r in rows if r["task"] == task and r["model"] == model]
            m, sd = statistics.mean(a), statistics.stdev(a)
            h = T975[len(a) - 1] * sd / math.sqrt(len(a))
            w.writerow([task, model, len(a), f"{m:.4f}", f"{m - h:.4f}", f"{m + h:.4f}", f"{min(a):.4f}", f"{max(a):.4f}"])
print(open("figures/tasks/accuracy_summary.csv").read())
PY
./neuradapt plot tasks figures/tasks/accuracy_summary.csv
