#!/usr/bin/env bash
# The edge-of-chaos figure at CPU scale (docs/science.md section 5.7): contours of
# gamma'(x; n, s) = 1 in the (n, s) plane with the seed-200 ARUN's mean (n_t, s_t) path from drive
# onset to steady state under step drives, and the learned (n_i, s_i) of the seed-200 RNN+gamma.
#
#   experiments/edge_of_chaos.sh                 # under a minute once the runs exist
#
# Writes into figures/analysis_cpu/ (OUT): edge_of_chaos.*, edge_of_chaos_contours.*, and
# edge_of_chaos_rnn_gamma_het/.
source "$(dirname "$0")/analysis_runs.sh"
./neuradapt analyze edge-of-chaos --run "$runs/arun_s200" --out "$out"
./neuradapt analyze edge-of-chaos --run "$runs/rnn_gamma_het_s200" --out "$out/edge_of_chaos_rnn_gamma_het"
