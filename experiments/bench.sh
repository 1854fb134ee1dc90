#!/usr/bin/env bash
# Benchmarks, measured side by side in one session (the machines are noisy: compare ratios).
#
#   experiments/bench.sh torch [ROUNDS] [REGEX]
#                                         neuradapt vs the PyTorch reference (../shared/bench), alternating
#                                         the two programs ROUNDS times per case -> figures/bench.csv + bench.png/.svg;
#                                         with REGEX only the matching cases are rerun (their rows replaced)
#   experiments/bench.sh models           every model, fused and SameDiff paths, at the quickstart size and
#                                         at T = 784 -> figures/bench_models.csv
#
# Needs: ./neuradapt (builds itself) and, for `torch`, Debian's PyTorch: apt-get install -y python3-torch.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-torch}"
rounds="${2:-3}"
only="${3:-}"
shared="${NEURADAPT_SHARED:-../shared}"
py=/usr/bin/python3
mkdir -p figures

jbench() { # model hidden ctrl T batch iters backend -> JSON line
  ./neuradapt bench --model "$1" --hidden "$2" --ctrl "$3" --steps "$4" --batch "$5" --iters "$6" --backend "$7" --json 2>/dev/null | tail -1
}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
median() { python3 -c "import sys,statistics; v=[float(x) for x in sys.argv[1:] if x]; print(statistics.median(v) if v else '')" "$@"; }

if [[ "$mode" == torch ]]; then
  [[ -x "$py" ]] && "$py" -c "import torch" 2>/dev/null || { echo "error: PyTorch not found for $py; apt-get install -y python3-torch" >&2; exit 2; }
  out=figures/bench.csv
  header="case,model,hidden,ctrl,steps,batch,backend,java_s,torch_s,ratio,target,peak_rss_mb,build_s,first_iter_s,rounds"
  echo "$header" > "$out.tmp"
  # case: model hidden ctrl T batch java_iters torch_iters backend target
  cases=(
    "rnn_gamma_het 64 0 784 32 10 3 auto 0.25"
    "rnn_gamma_het 400 0 784 100 3 2 auto 0.2"
    "arun 64 8 196 32 30 3 auto 0.2"
    "arun 400 50 50 100 6 2 auto 0.05"
    "lstm 400 0 784 100 3 1 auto 0.5"
    "rnn_gamma_het 64 0 49 32 3 3 samediff 2.0"
    "rnn_gamma_het 64 0 784 32 3 3 samediff 2.0"
    "arun 400 50 784 100 2 0 auto -"
  )
  for c in "${cases[@]}"; do
    read -r m h k t b ji ti backend target <<< "$c"
    if [[ -n "$only" && ! "$c" =~ $only ]]; then
      # not rerun: keep its row from the previous table
      label="$m $h/$k/$t/$b"; [[ $backend == samediff ]] && label="$label samediff"
      [[ -f "$out" ]] && awk -F, -v l="$label" '$1 == l' "$out" >> "$out.tmp"
      continue
    fi
    tm=$m; [[ $m == rnn_gamma_het ]] && tm=rnn_gamma
    js=(); ts=(); last=""
    r_here=$rounds; [[ $ti == 0 || ($h == 400 && $t == 784) ]] && r_here=1   # the T = 784 cases at 400 take minutes
    for ((r = 1; r <= r_here; r++)); do
      last=$(jbench "$m" "$h" "$k" "$t" "$b" "$ji" "$backend")
      js+=("$(field "$last" median_s_per_batch)")
      if [[ $ti != 0 ]]; then
        tl=$("$py" "$shared/bench/torch_reference.py" "$tm" "$h" "$k" "$t" "$b" "$ti" | tail -1)
        ts+=("$(sed -E 's/.*median_s_per_batch=([0-9.]+).*/\1/' <<< "$tl")")
      fi
      tlast="n/a"; [[ ${#ts[@]} -gt 0 ]] && tlast="${ts[-1]}"
      echo "  $m $h/$k/$t/$b $backend round $r: java ${js[-1]} s, torch $tlast s" >&2
    done
    jm=$(median "${js[@]}"); tmed=""; [[ ${#ts[@]} -gt 0 ]] && tmed=$(median "${ts[@]}")
    ratio=""; [[ -n "$tmed" ]] && ratio=$(python3 -c "print(round($jm/$tmed, 4))")
    label="$m $h/$k/$t/$b"; [[ $backend == samediff ]] && label="$label samediff"
    echo "$label,$m,$h,$k,$t,$b,$(field "$last" backend),$jm,$tmed,$ratio,$target,$(field "$last" peak_rss_mb),$(field "$last" build_s),$(field "$last" first_iter_s),$r_here" >> "$out.tmp"
  done
  mv "$out.tmp" "$out"
  ./neuradapt plot bench "$out" --out figures/bench
  column -s, -t < "$out"
elif [[ "$mode" == models ]]; then
  out=figures/bench_models.csv
  echo "model,backend,hidden,ctrl,steps,batch,median_s_per_batch,build_s,first_iter_s,peak_rss_mb" > "$out.tmp"
  for t in 49 784; do
    backends="auto samediff"
    # at T = 784 the samediff backend runs the stepped graph (about 5 s per batch; the unrolled one
    # needs more than 10 minutes for its first batches, see README): only the fused path is tabled here
    [[ $t == 784 ]] && backends="auto"
    for backend in $backends; do
      for m in rnn_relu rnn_tanh rnn_softplus rnn_gamma_fixed rnn_gamma_hom rnn_gamma_het arun lstm gru; do
        iters=5; [[ $m == arun && $backend == auto ]] && iters=30   # the SIMD loops reach full speed after the JIT warm-up
        j=$(jbench "$m" 64 8 "$t" 32 "$iters" "$backend")
        echo "$m,$(field "$j" backend),64,8,$t,32,$(field "$j" median_s_per_batch),$(field "$j" build_s),$(field "$j" first_iter_s),$(field "$j" peak_rss_mb)" | tee -a "$out.tmp" >&2
      done
    done
  done
  mv "$out.tmp" "$out"
  column -s, -t < "$out"
else
  echo "usage: experiments/bench.sh torch [ROUNDS] | models" >&2; exit 2
fi
