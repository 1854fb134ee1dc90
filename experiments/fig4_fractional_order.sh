#!/usr/bin/env bash
# The paper's figure 4 (fractional-order differentiation) at CPU scale: the shape signals n_t and
# s_t of the seed-200 ARUN under step drives (docs/science.md section 5.2), and the fractional
# order alpha* of its mean step response, isolated and interacting, with the per-neuron alpha and
# adaptation index (section 5.4; the appendix figure's panels are in the same figure); then alpha*
# of the RNN+gamma and RNN+ReLU networks of the same seed, for comparison.
#
#   experiments/fig4_fractional_order.sh         # about 1 min once the runs exist
#
# Writes into figures/analysis_cpu/ (OUT): shape_signals.*, fractional_order*.*, and
# fractional_order_<model>/ for the comparison networks.
source "$(dirname "$0")/analysis_runs.sh"
./neuradapt analyze shape-signals --run "$runs/arun_s200" --out "$out"
./neuradapt analyze fractional-order --run "$runs/arun_s200" --out "$out"
for m in rnn_gamma_het rnn_relu; do
  ./neuradapt analyze fractional-order --run "$runs/${m}_s200" --out "$out/fractional_order_$m"
done
