#!/usr/bin/env bash
# The analyses that give one number per network, on every seed (docs/science.md sections 5.2 and
# 5.4): shape signals of the five ARUNs (how far the controller moves n_t and s_t) and the
# fractional order of the ARUN, RNN+gamma (het.) and RNN+ReLU networks, then their mean and 95% t
# interval over seeds (experiments/seed_summary.py).
#
#   experiments/analysis_seeds.sh      # about 2 minutes once the runs exist (experiments/analysis_runs.sh)
#
# Writes into figures/analysis_cpu/seeds/ (OUT/seeds): one folder per run with its CSVs and JSONs
# (figures not kept), shape_signals_seeds.csv and fractional_order_seeds.csv (one row per run),
# and seeds_summary.csv (mean, sd, 95% interval per model and quantity).
source "$(dirname "$0")/analysis_runs.sh"
seeds=(200 400 600 800 1000)
dir="$out/seeds"
mkdir -p "$dir"
for s in "${seeds[@]}"; do
  ./neuradapt analyze shape-signals --run "$runs/arun_s$s" --out "$dir/arun_s$s"
done
for m in arun rnn_gamma_het rnn_relu; do
  for s in "${seeds[@]}"; do
    ./neuradapt analyze fractional-order --run "$runs/${m}_s$s" --out "$dir/${m}_s$s"
  done
done
# one tidy table per analysis, the run's name in front of each row
{
  echo "run,$(head -1 "$dir/arun_s200/shape_signals_summary.csv")"
  for s in "${seeds[@]}"; do tail -n +2 "$dir/arun_s$s/shape_signals_summary.csv" | sed "s/^/arun_s$s,/"; done
} > "$dir/shape_signals_seeds.csv"
{
  echo "run,$(head -1 "$dir/arun_s200/fractional_order_summary.csv")"
  for m in arun rnn_gamma_het rnn_relu; do
    for s in "${seeds[@]}"; do tail -n +2 "$dir/${m}_s$s/fractional_order_summary.csv" | sed "s/^/${m}_s$s,/"; done
  done
} > "$dir/fractional_order_seeds.csv"
find "$dir" -name '*.png' -o -name '*.svg' | xargs rm -f
python3 experiments/seed_summary.py "$dir/shape_signals_seeds.csv" "$dir/fractional_order_seeds.csv" > "$dir/seeds_summary.csv"
cat "$dir/seeds_summary.csv"
