#!/usr/bin/env bash
# Spike-frequency adaptation of every spiking model and preset (docs/science.md section 8.6): rate
# responses to a current step (1.5 -> 2.5 rheobase) and to a step of a noisy current's standard
# deviation (0.2 -> 0.6 rheobase, 1000 trials), the adaptation time constant, and the fractional
# order alpha* by the networks' estimator, against Lundstrom et al. 2008 (about 0.15).
#
#   experiments/spiking_adaptation.sh  # about 6 min on 2 cores
#
# Writes into figures/spiking/ (OUT): adaptation.csv, adaptation_summary.csv, their .json,
# adaptation.png (and adaptation.svg, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-figures/spiking}
./neuradapt spiking adaptation --model all --trials 1000 --seed 1 --out "$out"
