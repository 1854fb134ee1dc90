#!/usr/bin/env bash
# Spiking RNNs trained end to end (docs/spiking.md, docs/science.md section 10): the lif and alif
# layers, and the worked stateful rate neuron with an adaptation current (rnn:AdaptationCurrent),
# under the CPU robustness protocol (configs/sweep_robustness_spiking.yaml: psMNIST at
# T = 196, 64 neurons, 20,000 training images, batch 32, lr 1e-3, 15 epochs, seeds 200 .. 1000),
# then the step-drive robustness experiment drawn beside the seven rate models of the committed
# campaign (figures/robustness_cpu/robustness.csv, read with --results: their run folders are not
# needed), their training curves, and the fractional order of one ALIF's population rate.
#
#   experiments/spiking_rnn.sh              # 1 to 2 minutes of training per run on 2 cores, 15 runs
#   SEEDS_DONE_ONLY=1 experiments/spiking_rnn.sh   # skip the sweep: figures from the runs that exist
#
# Writes figures/spiking_rnn/: robustness.csv (every model, tidy), robustness_summary.csv,
# robustness_comparisons.csv (Welch's test for every pair at every xi), robustness.png/.svg,
# robustness_focus.csv and .png/.svg (lif, alif, rnn:AdaptationCurrent, arun, rnn_relu, rnn_gamma_het),
# training_curves.csv and .png/.svg, alif_fractional_order/ (the fractional-order analysis of
# alif_s200) and alif_trajectories/ (its state under the drive xi = 30). Rerunning resumes the sweep and reuses cached evaluations.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-runs/robustness_cpu}
out=${OUT:-figures/spiking_rnn}
if [[ "${SEEDS_DONE_ONLY:-}" != 1 ]]; then
  ./neuradapt sweep --config configs/sweep_robustness_spiking.yaml --workers "${WORKERS:-1}"
  # the worked stateful rate neuron (an adaptation current, docs/extending.md) under the same protocol and seeds
  for seed in 200 400 600 800 1000; do
    name=adaptation_current_s$seed
    [[ -s "$runs/$name/summary.json" ]] && continue
    ./neuradapt train --config configs/example_adaptation_current_cpu.yaml --set "out=$runs" --set data.train_subset=20000 \
      --set train.epochs=15 --set train.batch_size=32 --set train.checkpoint_every=5 --set "seed=$seed" --set "name=$name" --overwrite
  done
fi
spiking=()
for d in "$runs"/lif_s* "$runs"/alif_s* "$runs"/adaptation_current_s*; do [[ -s "$d/summary.json" ]] && spiking+=("$d"); done
[[ ${#spiking[@]} -gt 0 ]] || { echo "error: no finished lif or alif run in $runs; run the sweep first" >&2; exit 2; }
./neuradapt robustness --runs "${spiking[@]}" --results figures/robustness_cpu/robustness.csv --perturbation step \
  --xi 0,0.5,1,2.5,5,7.5,10,15,20,30 --out "$out" --compare alif,arun --at 30
# the comparison the spiking layers are here for: the two spiking layers against the ARUN and the rate RNNs
awk -F, 'NR == 1 || $1 == "lif" || $1 == "alif" || $1 == "rnn:AdaptationCurrent" || $1 == "arun" || $1 == "rnn_relu" || $1 == "rnn_gamma_het"' \
  "$out/robustness.csv" > "$out/robustness_focus.csv"
./neuradapt plot robustness "$out/robustness_focus.csv"
./neuradapt analyze training-curves --runs "${spiking[@]}" --out "$out"
if [[ -s "$runs/alif_s200/summary.json" ]]; then
  ./neuradapt analyze fractional-order --run "$runs/alif_s200" --out "$out/alif_fractional_order"
  # the mechanism of the collapse: v, the adaptation and the threshold of one test sequence under xi = 30
  ./neuradapt analyze trajectories --run "$runs/alif_s200" --perturbation step --xi 30 --samples 1 --out "$out/alif_trajectories"
fi
