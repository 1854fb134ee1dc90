#!/usr/bin/env bash
# The paper's figure 5 (nonlinear regularization) at CPU scale, on the seed-200 networks: the
# maximal Lyapunov exponent of the reference map with adaptive and fixed shape parameters against
# time from drive onset and against xi (docs/science.md section 5.5), the trajectory and full-state
# spectra, the Jacobian norm along test trajectories (section 5.6), the controller's response to
# constant inputs in its first two principal components (section 5.9) and the eigenvalues of W at
# initialisation and after training for the ARUN and RNN+ReLU (section 5.8).
#
#   experiments/fig5_regularization.sh           # about 2 min once the runs exist
#
# Writes into figures/analysis_cpu/ (OUT): lyapunov_reference.*, lyapunov_trajectory*.*,
# lyapunov_full*.*, jacobian_norm.*, controller_pca*.*, eigenspectrum.*.
source "$(dirname "$0")/analysis_runs.sh"
a="$runs/arun_s200"
./neuradapt analyze lyapunov --variant reference --run "$a" --out "$out"
./neuradapt analyze lyapunov --variant trajectory --run "$a" --xi 0,5 --out "$out"
./neuradapt analyze lyapunov --variant full --run "$a" --xi 0,5 --out "$out"
./neuradapt analyze jacobian --run "$a" --xi 0,5 --out "$out"
./neuradapt analyze controller-pca --run "$a" --out "$out"
./neuradapt analyze eigenspectrum --run "$a" --compare "$runs/rnn_relu_s200" --out "$out"
