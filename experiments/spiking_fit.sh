#!/usr/bin/env bash
# The gamma family fitted to every spiking model's steady-state f-I curve (docs/science.md section
# 8.4): f(I) ~ A gamma(I / I_rh - I0; n, s) by Levenberg-Marquardt, with standard errors and R^2;
# docs/spiking.md's table of fitted (n, s) comes from fit.csv.
#
#   experiments/spiking_fit.sh         # about 20 s on 2 cores
#
# Writes into figures/spiking/ (OUT): fit.csv, fit.json, fit.png (and fit.svg, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-figures/spiking}
./neuradapt spiking fit --model all --out "$out"
