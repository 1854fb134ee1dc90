# Sourced by the analysis figure scripts (fig3_*.sh, fig4_*.sh, fig5_*.sh, edge_of_chaos.sh):
# the CPU-scale runs of the robustness experiment (seven models, seeds 200 to 1000;
# configs/sweep_robustness_cpu.yaml), trained if missing (a finished sweep is
# skipped in seconds), and the output folder. RUNS and OUT override the folders; a run folder
# trained elsewhere (a cluster's, the paper's scale) works the same.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${RUNS:-runs/robustness_cpu}
out=${OUT:-figures/analysis_cpu}
if [ -z "${RUNS:-}" ]; then
  ./neuradapt sweep --config configs/sweep_robustness_cpu.yaml --workers "${WORKERS:-1}"
fi
for r in arun_s200 arun_s400 arun_s600 arun_s800 arun_s1000 rnn_gamma_het_s200 rnn_relu_s200; do
  if [ ! -d "$runs/$r" ]; then echo "error: $runs/$r is missing; train it with ./neuradapt sweep --config configs/sweep_robustness_cpu.yaml, or set RUNS" >&2; exit 2; fi
done
mkdir -p "$out"
