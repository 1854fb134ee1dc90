#!/usr/bin/env bash
# CI: a tiny sweep trained as a SLURM job array on a real one-node cluster on this machine.
# Starts the cluster (experiments/slurm/local-cluster.sh), writes the array with
# `./neuradapt sweep --slurm`, submits it with `sbatch --wait`, checks that every run folder is
# complete (`sweep --status`, summary.json, last checkpoint) and that the robustness CSV and figure
# can be built from them, and always stops the daemons it started.
#
#   experiments/slurm/ci-sweep.sh [WORK_DIR]     # default target/ci-slurm
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(realpath -m "${1:-target/ci-slurm}")"
state="$work/cluster"
cluster=experiments/slurm/local-cluster.sh
rm -rf "$work"; mkdir -p "$work"

# the sweep: configs/sweep_smoke.yaml's four points, with their runs under the work folder
sed "s#^out: .*#out: $work/runs#" configs/sweep_smoke.yaml > "$work/sweep.yaml"
grep -q "^out: $work/runs" "$work/sweep.yaml"

trap '"$cluster" down "$state" || true' EXIT
"$cluster" up "$state"
export SLURM_CONF="$state/slurm.conf"

./neuradapt sweep --config "$work/sweep.yaml" --slurm --cpus-per-task 1 --time 00:15:00
script="$work/runs/.sweep/sweep.sbatch"
test -s "$script"
grep -q '^#SBATCH --array=0-3' "$script"
start=$(date +%s)
sbatch --wait "$script"
echo "== the job array ran in $(( $(date +%s) - start )) s"

./neuradapt sweep --config "$work/sweep.yaml" --status | tee "$work/status.txt"
test "$(grep -c ' complete' "$work/status.txt")" -ge 4
for d in "$work"/runs/*_s*; do
  test -s "$d/summary.json" || { echo "error: $d has no summary.json" >&2; exit 1; }
  test -s "$d/checkpoints/last.ckpt" || { echo "error: $d has no last checkpoint" >&2; exit 1; }
done
test "$(ls -d "$work"/runs/*_s* | wc -l)" -eq 4

./neuradapt robustness --runs "$work"/runs/*_s* --xi 0,5,30 --out "$work/robustness"
test "$(wc -l < "$work/robustness/robustness.csv")" -eq 13   # header + 4 runs x 3 amplitudes
test -s "$work/robustness/robustness.png" && test -s "$work/robustness/robustness.svg"
echo "SLURM sweep passed"
