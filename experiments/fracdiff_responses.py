#!/usr/bin/env python3
"""Synthetic step responses of known fractional order, for `analyze fractional-order --response`
(docs/science.md section 5.4): r = D^beta(g * step) + level, the step on t = 51..100 of 150 steps,
D^beta the spectral derivative of section 5.4 (numpy's FFT, f = 0 term 0). One CSV per (g, beta)
with columns t, xi, response (xi in {1, 5, 30}, the response scaled with xi). The estimator should
return alpha* = -beta whatever g: .ci/run checks it.

    python3 experiments/fracdiff_responses.py OUT_DIR
"""
import os, sys
import numpy as np

def frac_diff(y, alpha):
    f = np.fft.fftfreq(len(y), d=1.0)
    h = np.zeros(len(y), dtype=complex)
    nz = f != 0
    h[nz] = (1j * 2 * np.pi * f[nz]) ** alpha
    return np.fft.ifft(h * np.fft.fft(y)).real

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
t = np.arange(150)
step = ((t > 50) & (t < 101)).astype(float)
for g in (0.5, 2.3, 4.0):
    for beta in (-0.3, 0.0, 0.3):
        with open(os.path.join(out, f"g{g}_beta{beta}.csv"), "w") as fh:
            fh.write("t,xi,response\n")
            for xi in (1.0, 5.0, 30.0):
                r = frac_diff(g * xi * step, beta) + 0.8
                for k in t:
                    fh.write(f"{k},{xi},{r[k]:.10g}\n")
