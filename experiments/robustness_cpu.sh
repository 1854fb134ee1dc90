#!/usr/bin/env bash
# The paper's central figure at CPU scale (docs/science.md section 4.6): test accuracy of the seven
# built-in models (rnn_relu, rnn_tanh, rnn_gamma_hom, rnn_gamma_het, arun, lstm, gru) under a step
# drive on the paper's window, against its amplitude xi: mean and 95% interval over seeds 200, 400,
# 600, 800 and 1000, psMNIST at T = 196, 15 epochs (docs/science.md section 3.5).
#
#   experiments/robustness_cpu.sh            # about 1.5 h of training and 20 min of evaluation on 2 cores
#
# Writes figures/robustness_cpu/: robustness.csv (tidy, one row per run and xi),
# robustness_summary.csv (mean, sd, 95% interval, min, max over seeds), robustness_comparisons.csv
# (every pair of models at every xi: Welch's test), robustness.png/.svg, the training curves
# (training_curves.csv, training_curves_loss/_accuracy.png/.svg) and the learned (n_i, s_i) of the
# gamma networks (heterogeneity.csv, heterogeneity.png/.svg). Rerunning skips finished runs and
# reuses cached evaluations; an interrupted run resumes, so the script can be stopped and rerun
# across sessions.
#
# Paper scale (T = 784, N = 400, 100 epochs) is cluster work: the same steps with
# configs/sweep_robustness_paper.yaml (docs/cluster.md).
set -euo pipefail
cd "$(dirname "$0")/.."
sweep=${SWEEP:-configs/sweep_robustness_cpu.yaml}
runs=${RUNS:-runs/robustness_cpu}
out=${OUT:-figures/robustness_cpu}
./neuradapt sweep --config "$sweep" --workers "${WORKERS:-1}"
./neuradapt robustness --runs "$runs"/*_s* --perturbation step --xi 0,0.5,1,2.5,5,7.5,10,15,20,30 --out "$out"
./neuradapt analyze training-curves --runs "$runs"/*_s* --out "$out"
./neuradapt analyze heterogeneity --runs "$runs"/rnn_gamma_het_s* --out "$out"
