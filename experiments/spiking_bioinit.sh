#!/usr/bin/env bash
# Biologically initialised networks (docs/science.md section 9.3): an rnn_gamma_het whose neurons
# start from the gamma fits of spiking neuron types (configs/bioinit_rnn_gamma_het.yaml: 80%
# Izhikevich RS, 20% FS) against the paper's initialisation (configs/cpu_rnn_gamma_het.yaml),
# trained on the CPU robustness sweep's data and batch (configs/sweep_robustness_cpu.yaml: psMNIST,
# T = 196, 64 neurons, 20,000 training images, batch 32, lr 1e-3) but for 3 epochs, not the sweep's 15
# (EPOCHS=15 for those), seeds 200, 400, 600,
# then both under the step drive of the robustness experiment.
#
#   experiments/spiking_bioinit.sh                      # needs figures/spiking/fit.csv (./neuradapt spiking fit)
#   FIT=path/to/fit.csv SEEDS="200" EPOCHS=1 XI=0,5,30 RUNS=/tmp/runs OUT=/tmp/fig experiments/spiking_bioinit.sh
#
# Writes into $OUT (default figures/spiking/): bioinit_robustness.csv (the robustness command's tidy
# rows of both, the model column renamed rnn_gamma_het_default / rnn_gamma_het_bioinit),
# bioinit_robustness_summary.csv (init, then the robustness summary: mean, sd, min, max over seeds),
# bioinit_robustness.png/.svg (accuracy against xi, one curve per initialisation), and
# bioinit/heterogeneity.csv/.png (the trained (n_i, s_i) of the bio-initialised networks).
# Each run folder keeps init_shape.csv (neuron -> type, n, s) and config.yaml the fit table's SHA-256.
# Rerunning skips finished runs and reuses cached evaluations.
set -euo pipefail
cd "$(dirname "$0")/.."
fit=${FIT:-figures/spiking/fit.csv}
runs=${RUNS:-runs/spiking_bioinit}
out=${OUT:-figures/spiking}
seeds=${SEEDS:-200 400 600}
epochs=${EPOCHS:-3}
xi=${XI:-0,0.5,1,2.5,5,7.5,10,15,20,30}
# the settings of configs/sweep_robustness_cpu.yaml's `set:` section
common=(--set "out=$runs" --set data.train_subset=20000 --set "train.epochs=$epochs" --set train.batch_size=32)
[ -f "$fit" ] || { echo "error: fit table '$fit' does not exist; run ./neuradapt spiking fit first or set FIT=FILE" >&2; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT   # the two robustness calls' own outputs, merged below
for seed in $seeds; do
  for init in default bioinit; do
    name=${init}_s$seed
    if [ -s "$runs/$name/summary.json" ]; then echo "$name: trained already"; continue; fi
    if [ "$init" = default ]; then cfg=(--config configs/cpu_rnn_gamma_het.yaml)
    else cfg=(--config configs/bioinit_rnn_gamma_het.yaml --set "model.init_shape.from=$fit"); fi
    start=$(date +%s)
    ./neuradapt train "${cfg[@]}" "${common[@]}" --set "seed=$seed" --set "name=$name" --overwrite
    echo "$name: trained in $(( $(date +%s) - start )) s"
  done
done
for init in default bioinit; do
  start=$(date +%s)
  ./neuradapt robustness --runs "$runs"/${init}_s* --perturbation step --xi "$xi" --out "$tmp/$init"
  echo "robustness of $init: $(( $(date +%s) - start )) s"
done
{ head -n 1 "$tmp/default/robustness.csv"
  for init in default bioinit; do tail -n +2 "$tmp/$init/robustness.csv" | sed "s/^rnn_gamma_het,/rnn_gamma_het_$init,/"; done
} > "$out/bioinit_robustness.csv"
{ echo "init,$(head -n 1 "$tmp/default/robustness_summary.csv")"
  for init in default bioinit; do tail -n +2 "$tmp/$init/robustness_summary.csv" | sed "s/^/$init,/"; done
} > "$out/bioinit_robustness_summary.csv"
./neuradapt plot robustness "$out/bioinit_robustness.csv" --out "$out/bioinit_robustness" \
  --title "rnn_gamma_het: paper init vs biologically initialised (n_i, s_i), step drive"
./neuradapt analyze heterogeneity --runs "$runs"/bioinit_s* --out "$out/bioinit"
cat "$out/bioinit_robustness_summary.csv"
