#!/usr/bin/env bash
# The paper's figure 3 (steady-state coding) at CPU scale: the learned (n_i, s_i) of the
# heterogeneous gamma networks (docs/science.md section 5.1), gain scaling of the ARUN under a
# Gaussian drive over the five seeds (averaged, and each seed fitted alone) with its fits (section 5.3). The figure's
# step responses h_t and their fractional derivatives (section 5.4) are fig4_fractional_order.sh's.
#
#   experiments/fig3_steady_state_coding.sh      # under a minute once the runs exist (experiments/analysis_runs.sh)
#
# Writes into figures/analysis_cpu/ (OUT): heterogeneity.*, gain_scaling.*, gain_scaling_fits.csv, gain_scaling_seeds.csv
# (each CSV with its .json of source, parameters and provenance).
source "$(dirname "$0")/analysis_runs.sh"
./neuradapt analyze heterogeneity --runs "$runs"/rnn_gamma_het_s* --out "$out"
./neuradapt analyze gain-scaling --run "$runs/arun_s200" --runs "$runs/arun_s400" "$runs/arun_s600" "$runs/arun_s800" "$runs/arun_s1000" --out "$out"
