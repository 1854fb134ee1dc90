#!/usr/bin/env bash
# Benchmarks, measured side by side in one session (the machines are noisy: compare ratios).
#
#   experiments/bench.sh torch [ROUNDS] [REGEX]
#                                         neuradapt vs the project's PyTorch implementation of the same
#                                         models (experiments/torch_models.py), alternating the two programs
#                                         ROUNDS times per case -> figures/bench.csv + bench.png/.svg; with
#                                         REGEX only the cases it matches are rerun (their rows replaced), e.g.
#                                         'rnn_gamma_het 64/0/784' or 'arun 64 8 196' (case label or case line)
#   experiments/bench.sh quick            one small case (rnn_gamma_het 64/0/784/32), one round of each
#                                         program, printed only: nothing in figures/ changes
#   experiments/bench.sh models           every model, fused and SameDiff paths, at the quickstart size and
#                                         at T = 784 -> figures/bench_models.csv
#
# Needs: ./neuradapt (builds itself) and, for `torch` and `quick`, Debian's PyTorch on OpenBLAS:
#
#   apt-get install -y python3-torch libopenblas0-pthread     # run with /usr/bin/python3
#   /usr/bin/python3 experiments/torch_models.py --check      # optional: the PyTorch models' own checks
#
# How the comparison is run: the same model, hidden size, controller size, T and batch on both sides;
# a training batch is forward over T steps, BPTT and one Adam step on random inputs [B, T, 1] and
# random labels; PyTorch gets 2 threads (torch and OpenBLAS), flushes denormals, warms up on one batch
# and reports the median of the next ITERS. Before any case runs, the PyTorch side must be on OpenBLAS
# (libblas.so.3 resolving to openblas, and the sgemm_ torch calls coming from it) with denormals flushed:
# on the reference BLAS PyTorch runs the large cases several times slower and every ratio would look
# better than it is, so the script stops there (exit 2, one line on stderr). Each row of bench.csv
# also records the CPU, the float lanes of the Java SIMD loops, the OpenBLAS core ND4J picked and the
# BLAS PyTorch ran on. NEURADAPT_LIBBLAS overrides the libblas.so.3 path checked (for testing the check).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
mode="${1:-torch}"
rounds="${2:-3}"
only="${3:-}"
py=/usr/bin/python3
torch_py="$here/torch_models.py"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p figures

jbench() { # model hidden ctrl T batch iters backend -> JSON line; ND4J's OpenBLAS names its core on stderr
  OPENBLAS_VERBOSE=2 ./neuradapt bench --model "$1" --hidden "$2" --ctrl "$3" --steps "$4" --batch "$5" --iters "$6" \
    --backend "$7" --json 2>"$work/jbench.err" | tail -1
}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
field_or() { python3 -c "import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print(sys.argv[3] if v is None else v)" "$1" "$2" "$3"; }
median() { python3 -c "import sys,statistics; v=[float(x) for x in sys.argv[1:] if x]; print(statistics.median(v) if v else '')" "$@"; }
csv_safe() { tr ',\n' '; ' <<< "$1" | sed 's/ *$//'; }

cpu_model=$(csv_safe "$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')")
simd_lanes() { # JSON line -> float lanes of the Java SIMD loops
  local lanes; lanes=$(field_or "$1" simd_lanes "")
  if [[ -n "$lanes" ]]; then echo "$lanes"; return; fi
  if [[ $(field_or "$1" simd "") == False ]]; then echo 0; return; fi
  local flags; flags=$(lscpu | sed -n 's/^Flags: *//p')
  if [[ " $flags " == *" avx512f "* ]]; then echo 16; elif [[ " $flags " == *" avx2 "* ]]; then echo 8; else echo ""; fi
}
java_blas_core() { # JSON line -> the OpenBLAS core ND4J uses (JSON, else its OPENBLAS_VERBOSE line)
  local core; core=$(field_or "$1" openblas_core "")
  [[ -z "$core" && -f "$work/jbench.err" ]] && core=$(sed -n 's/^Core: *//p' "$work/jbench.err" | sort -u | paste -sd';' -)
  csv_safe "$core"
}

torch_ready() { # checks PyTorch and its BLAS; sets torch_blas; one line on stderr and exit 2 when unfit
  [[ -x "$py" ]] && "$py" -c "import torch" 2>/dev/null \
    || { echo "error: PyTorch not found for $py; apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 2; }
  local info libblas loaded
  info=$("$py" "$torch_py" --info 2>/dev/null | tail -1) \
    || { echo "error: $torch_py --info failed; run /usr/bin/python3 $torch_py --info to see why" >&2; exit 2; }
  local path="${NEURADAPT_LIBBLAS:-/usr/lib/x86_64-linux-gnu/libblas.so.3}"
  libblas=$(readlink -f "$path" 2>/dev/null) || libblas="$path: missing"
  loaded=$(field "$info" blas_sgemm)   # the library whose sgemm_ torch calls
  [[ "$loaded" == None ]] && loaded=$(field "$info" blas_loaded)
  for lib in "$libblas" "$loaded"; do
    if [[ "$lib" != *openblas* ]]; then
      local what="$lib"; [[ "$lib" == */blas/* ]] && what="the reference BLAS ($lib)"
      echo "error: PyTorch uses $what, not OpenBLAS: its timings would flatter neuradapt; apt-get install -y libopenblas0-pthread" >&2
      exit 2
    fi
  done
  if [[ $(field "$info" flush_denormal) != True ]]; then
    echo "error: PyTorch cannot flush denormals on this CPU (torch.set_flush_denormal(True) returned False): denormal gradients would slow it down" >&2
    exit 2
  fi
  local config; config=$(field "$info" blas_config)
  torch_blas=$(csv_safe "$(basename "$(dirname "$loaded")"): ${config:-$loaded}")
  echo "PyTorch $(field "$info" torch): BLAS $torch_blas (sgemm from $loaded, $(field "$info" gemm_gflops) GFLOP/s at 512)," \
    "$(field "$info" torch_threads) torch threads, $(field "$info" blas_threads) BLAS threads, denormals flushed; CPU $cpu_model" >&2
}

header="case,model,hidden,ctrl,steps,batch,backend,java_s,torch_s,ratio,target,peak_rss_mb,build_s,first_iter_s,rounds"
header="$header,cpu_model,simd_lanes,openblas_core_java,torch_blas"
columns=$(awk -F, '{print NF}' <<< "$header")

run_case() { # case line -> one CSV row on stdout, each round on stderr
  local m h k t b ji ti backend target
  read -r m h k t b ji ti backend target <<< "$1"
  local js=() ts=() last="" tl r
  local r_here=$rounds; [[ $ti == 0 || ($h == 400 && $t == 784) ]] && r_here=1   # the T = 784 cases at 400 take minutes
  for ((r = 1; r <= r_here; r++)); do
    last=$(jbench "$m" "$h" "$k" "$t" "$b" "$ji" "$backend")
    js+=("$(field "$last" median_s_per_batch)")
    if [[ $ti != 0 ]]; then
      tl=$("$py" "$torch_py" "$m" "$h" "$k" "$t" "$b" "$ti" | tail -1)
      ts+=("$(sed -E 's/.*median_s_per_batch=([0-9.]+).*/\1/' <<< "$tl")")
    fi
    local tlast="n/a"; [[ ${#ts[@]} -gt 0 ]] && tlast="${ts[-1]}"
    echo "  $m $h/$k/$t/$b $backend round $r: java ${js[-1]} s, torch $tlast s" >&2
  done
  local jm tmed="" ratio=""
  jm=$(median "${js[@]}"); [[ ${#ts[@]} -gt 0 ]] && tmed=$(median "${ts[@]}")
  [[ -n "$tmed" ]] && ratio=$(python3 -c "print(round($jm/$tmed, 4))")
  echo "$(label "$1"),$m,$h,$k,$t,$b,$(field "$last" backend),$jm,$tmed,$ratio,$target,$(field "$last" peak_rss_mb),$(field "$last" build_s),$(field "$last" first_iter_s),$r_here,$cpu_model,$(simd_lanes "$last"),$(java_blas_core "$last"),$torch_blas"
}
label() { # case line -> its label in bench.csv
  local m h k t b ji ti backend target
  read -r m h k t b ji ti backend target <<< "$1"
  local l="$m $h/$k/$t/$b"; [[ $backend == samediff ]] && l="$l samediff"
  echo "$l"
}

if [[ "$mode" == torch ]]; then
  torch_ready
  out=figures/bench.csv
  echo "$header" > "$out.tmp"
  # case: model hidden ctrl T batch java_iters torch_iters backend target
  cases=(
    "rnn_gamma_het 64 0 784 32 10 3 auto 0.15"
    "arun 64 8 196 32 30 3 auto 0.15"
    "rnn_gamma_het 400 0 784 100 3 2 auto 0.15"
    "arun 400 50 50 100 6 2 auto 0.05"
    "lstm 400 0 784 100 3 1 auto 0.25"
    "gru 400 0 784 100 3 1 auto 0.25"
    "rnn_gamma_het 64 0 49 32 3 3 samediff 2.0"
    "rnn_gamma_het 64 0 784 32 3 3 samediff 2.0"
    "arun 400 50 784 100 2 0 auto -"
    "alif 64 0 784 32 10 3 auto 0.25"
    "alif 400 0 196 100 5 2 auto 0.25"
  )
  for c in "${cases[@]}"; do
    l=$(label "$c")
    if [[ -n "$only" && ! "$c" =~ $only && ! "$l" =~ $only ]]; then
      # not rerun: keep its row from the previous table (padded to the current columns)
      [[ -f "$out" ]] && awk -F, -v l="$l" -v n="$columns" \
        'NR > 1 && $1 == l { s = $0; for (i = NF + 1; i <= n; i++) s = s ","; print s }' "$out" >> "$out.tmp"
      continue
    fi
    run_case "$c" >> "$out.tmp"
  done
  mv "$out.tmp" "$out"
  ./neuradapt plot bench "$out" --out figures/bench
  column -s, -t < "$out"
elif [[ "$mode" == quick ]]; then
  torch_ready
  rounds=1
  row=$(run_case "rnn_gamma_het 64 0 784 32 10 3 auto 0.25")
  printf '%s\n%s\n' "$header" "$row" | column -s, -t
elif [[ "$mode" == models ]]; then
  out=figures/bench_models.csv
  echo "model,backend,hidden,ctrl,steps,batch,median_s_per_batch,build_s,first_iter_s,peak_rss_mb" > "$out.tmp"
  for t in 49 784; do
    backends="auto samediff"
    # at T = 784 the samediff backend runs the stepped graph (about 5 s per batch; the unrolled one
    # needs more than 10 minutes for its first batches, see docs/performance.md): only the fused path is tabled here
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
  echo "usage: experiments/bench.sh torch [ROUNDS] [REGEX] | quick | models" >&2; exit 2
fi
