#!/usr/bin/env bash
# The robustness experiment on a cognitive task (docs/tasks.md, "Robustness on a cognitive task"):
# RNN+ReLU, RNN+gamma (heterogeneous) and the ARUN trained on perceptual decision making
# (configs/task_perceptual_decision.yaml) with 5 seeds each, then evaluated under the paper's step
# drive on the pre-activations (window 0.255:0.255 of T, inside the stimulus period) at 8 amplitudes.
# About 3 minutes of training and 1 of evaluation on 2 cores. Runs already complete are kept.
# Writes runs/cognitive/ and figures/cognitive/ (robustness.csv, _summary.csv, _comparisons.csv, .png, .svg).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-runs/cognitive}"
for seed in 200 400 600 800 1000; do
  for model in rnn_relu rnn_gamma_het arun; do
    name="pdm_${model}_s${seed}"
    [[ -f "$out/$name/summary.json" ]] && continue
    ./neuradapt train --config configs/task_perceptual_decision.yaml --set model.type="$model" --set seed="$seed" \
      --set name="$name" --set out="$out" --overwrite
  done
done
./neuradapt robustness --runs "$out"/pdm_* --xi 0,0.5,1,2,3,5,10,30 --out figures/cognitive --compare arun,rnn_relu --at 5
