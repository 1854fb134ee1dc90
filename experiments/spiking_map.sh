#!/usr/bin/env bash
# The (n, s) map (docs/science.md section 8.7): every spiking model's fitted gamma parameters with
# the learned (n_i, s_i) of the seed-200 RNN+gamma quickstart run overlaid.
#
#   experiments/spiking_map.sh         # about 20 s on 2 cores, once the run exists (./neuradapt quickstart)
#   RUN=path/to/rnn_gamma_het_run experiments/spiking_map.sh
#
# Writes into figures/spiking/ (OUT): spiking_map.csv, spiking_map.json, spiking_map.png (and .svg, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-figures/spiking}
run=${RUN:-runs/quickstart_rnn_gamma_het}
./neuradapt spiking map --model all --run "$run" --out "$out"
