#!/usr/bin/env bash
# f-I curves of every spiking model and preset (docs/science.md section 8.3): onset and
# steady-state rates against a constant current, the rheobase of repetitive firing and type I/II.
#
#   experiments/spiking_fi.sh          # about 20 s on 2 cores
#
# Writes into figures/spiking/ (OUT): fi.csv, fi_summary.csv, their .json, fi.png (and fi.svg, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-figures/spiking}
./neuradapt spiking fi --model all --out "$out"
