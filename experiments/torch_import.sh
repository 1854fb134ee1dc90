#!/usr/bin/env bash
# Networks trained in PyTorch (experiments/torch_models.py) imported into neuradapt and evaluated
# there (docs/export.md, "Importing"): for RNN+ReLU, RNN+gamma (heterogeneous) and the ARUN,
# PyTorch's own test accuracy and loss against neuradapt's on the same test sequences; then an
# ARUN under the authors' NonlinMod names (experiments/nonlinmod_to_npz.py --check: random weights,
# their forward pass) converted and compared the same way.
# Needs PyTorch: apt-get install -y python3-torch libopenblas0-pthread. About a minute.
# Writes figures/torch_import/comparison.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-runs/torch_import}"
mkdir -p "$work" figures/torch_import
echo "model,torch_accuracy,neuradapt_accuracy,torch_loss,neuradapt_loss,test_count" > figures/torch_import/comparison.csv.tmp
for model in rnn_relu rnn_gamma_het arun; do
  t=$(/usr/bin/python3 experiments/torch_import.py "$model" "$work")
  hidden=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['hidden'])" "$t")
  ctrl=$(python3 -c "import json,sys; print(max(1, json.loads(sys.argv[1])['ctrl']))" "$t")
  ./neuradapt import --npz "$work/$model.npz" --config configs/smoke.yaml --set model.type="$model" --set model.hidden="$hidden" \
    --set model.ctrl="$ctrl" --set data.task=npz --set data.file="$work/sequences.npz" --set data.steps=30 \
    --set data.train_subset=0 --set data.val_subset=0 --set data.test_subset=0 --set name="torch_$model" --set out="$work" --overwrite > /dev/null
  j=$(./neuradapt eval --run "$work/torch_$model" --json 2>/dev/null | tail -1)
  python3 - "$t" "$j" >> figures/torch_import/comparison.csv.tmp <<'PY'
import json, sys
t, j = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert j["count"] == t["test_count"], (j, t)
print("%s,%.6f,%.6f,%.8f,%.8f,%d" % (t["model"], t["test_accuracy"], j["accuracy"], t["test_loss"], j["loss"], j["count"]))
PY
done
# the authors' NonlinMod ARUN: random weights under their names, their forward pass from their equations, converted
t=$(/usr/bin/python3 experiments/nonlinmod_to_npz.py --check "$work")
./neuradapt import --npz "$work/nonlinmod_arun.npz" --config configs/smoke.yaml --set model.type=arun --set model.hidden=6 --set model.ctrl=3 \
  --set data.task=npz --set data.file="$work/nonlinmod_sequences.npz" --set data.steps=12 --set data.options.val=0 --set data.options.test=0.999 \
  --set data.train_subset=0 --set data.val_subset=0 --set data.test_subset=0 --set name=nonlinmod_arun --set out="$work" --overwrite > /dev/null
j=$(./neuradapt eval --run "$work/nonlinmod_arun" --json 2>/dev/null | tail -1)
python3 - "$t" "$j" >> figures/torch_import/comparison.csv.tmp <<'PY'
import json, sys
t, j = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert j["count"] == t["test_count"], (j, t)
print("nonlinmod_arun,%.6f,%.6f,%.8f,%.8f,%d" % (t["test_accuracy"], j["accuracy"], t["test_loss"], j["loss"], j["count"]))
PY
mv figures/torch_import/comparison.csv.tmp figures/torch_import/comparison.csv
cat figures/torch_import/comparison.csv
