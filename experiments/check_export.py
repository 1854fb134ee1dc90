#!/usr/bin/env python3
"""Loads a `./neuradapt export` archive with NumPy alone and checks it against docs/export.md.

    python3 experiments/check_export.py runs/quickstart_arun/export.npz [--model arun] [--trajectories]

Checks: every array is float32 in C order; the weights of the model have the documented names and
mutually consistent shapes (N neurons, M controller size, I inputs, C classes); every weight has its
`init.` twin of the same shape; with --trajectories, the recorded signals have the shapes their index
arrays (samples, steps, neurons) say. Prints one line per array and exits 1 on the first mismatch.
"""
import argparse
import sys

import json
import numpy as np

ELMAN = {"U", "W", "b", "W_out", "b_out"}
ARUN = ELMAN | {"u_ag", "W_gg", "b_g", "w_gn", "b_n", "w_gs", "b_s"}
WEIGHTS = {
    "rnn_relu": ELMAN, "rnn_tanh": ELMAN, "rnn_softplus": ELMAN, "rnn_gamma_fixed": ELMAN,
    "rnn_gamma_hom": ELMAN | {"n", "s"}, "rnn_gamma_het": ELMAN | {"n", "s"}, "arun": ARUN,
    "lstm": {"W_ih", "W_hh", "b", "W_out", "b_out"}, "gru": {"W_ih", "W_hh", "b_ih", "b_hh", "W_out", "b_out"},
}


def fail(msg):
    print("check_export: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("npz")
    ap.add_argument("--model", choices=sorted(WEIGHTS), help="the run's model id: check its weight names")
    ap.add_argument("--trajectories", action="store_true", help="require trajectory.* arrays")
    a = ap.parse_args()
    z = np.load(a.npz)  # NumPy alone: no pickle, no neuradapt code
    arrays = {k: z[k] for k in z.files}
    for k, v in arrays.items():
        print(f"{k:24s} {str(v.shape):20s} {v.dtype}")
        if k == "config":
            if v.dtype != np.uint8 or v.ndim != 1:
                fail(f"config is {v.dtype} {v.shape}, docs/export.md says uint8 text")
            text = bytes(v).decode("utf-8")
            if "\nmodel:" not in text or "\ndata:" not in text:
                fail("config does not hold a run config (no model: or data: section)")
            continue
        if k.startswith("trajectory") and k.endswith(".perturbation"):
            if v.dtype != np.uint8 or v.ndim != 1 or "type" not in json.loads(bytes(v).decode("utf-8")):
                fail(f"{k} is {v.dtype} {v.shape}, docs/export.md says uint8 JSON text naming the perturbation's type")
            continue
        if k.startswith("trajectory") and k.endswith(".seed"):
            if v.dtype != np.int64 or v.shape != (1,):
                fail(f"{k} is {v.dtype} {v.shape}, docs/export.md says int64 (1,)")
            continue
        if v.dtype != np.float32:
            fail(f"{k} is {v.dtype}, docs/export.md says float32")
        if not v.flags.c_contiguous:
            fail(f"{k} is not C order")
    if "config" not in arrays or "task.permutation" not in arrays:
        fail("config and task.permutation are missing: an export is self-describing (docs/export.md)")
    perm = arrays["task.permutation"]
    if perm.ndim != 1 or sorted(perm.astype(int).tolist()) != list(range(len(perm))):
        fail("task.permutation is not a permutation of 0..T-1")
    weights = {k for k in arrays if not k.startswith(("init.", "trajectory", "task.")) and k != "config"}
    if a.model and weights != WEIGHTS[a.model]:
        fail(f"weights {sorted(weights)} differ from the {a.model} weights {sorted(WEIGHTS[a.model])}")
    for k in weights:
        if "init." + k in arrays and arrays["init." + k].shape != arrays[k].shape:
            fail(f"init.{k} has shape {arrays['init.' + k].shape}, {k} has {arrays[k].shape}")
    if "W" in arrays:
        n = arrays["W"].shape[0]
        if arrays["W"].shape != (n, n) or arrays["b"].shape != (n,) or arrays["U"].shape[1] != n or arrays["W_out"].shape[0] != n:
            fail("U, W, b and W_out do not agree on the number of neurons N")
        if "W_gg" in arrays:
            m = arrays["W_gg"].shape[0]
            if arrays["u_ag"].shape != (m,) or arrays["w_gn"].shape != (m, 1) or arrays["w_gs"].shape != (m, 1):
                fail("u_ag, W_gg, w_gn and w_gs do not agree on the controller size M")
    if a.trajectories:
        prefixes = sorted({k.split(".")[0] for k in arrays if k.startswith("trajectory")})
        if not prefixes:
            fail("no trajectory.* arrays; record them with ./neuradapt analyze trajectories and export with --trajectories")
        for p in prefixes:
            idx = [arrays.get(f"{p}.{name}") for name in ("samples", "steps", "neurons")]
            if any(i is None for i in idx):
                fail(f"{p}: samples, steps and neurons index arrays are required")
            expect = tuple(len(i) for i in idx)
            for sig in ("a", "h", "n", "s", "g", "c"):
                v = arrays.get(f"{p}.{sig}")
                if v is not None and v.shape[:3] != expect:
                    fail(f"{p}.{sig} has shape {v.shape}, its index arrays say {expect}")
            k_samples, steps = len(idx[0]), arrays[f"{p}.inputs"].shape[1] if f"{p}.inputs" in arrays else None
            for name in ("inputs", "logits", "perturbation", "seed"):
                if f"{p}.{name}" not in arrays:
                    fail(f"{p}.{name} is missing: a recording carries what it was recorded under (docs/export.md)")
            if arrays[f"{p}.inputs"].ndim != 3 or arrays[f"{p}.inputs"].shape[0] != k_samples:
                fail(f"{p}.inputs has shape {arrays[f'{p}.inputs'].shape}, expected [K = {k_samples}, T, I]")
            if arrays[f"{p}.logits"].shape[0] != k_samples or arrays[f"{p}.logits"].ndim not in (2, 3):
                fail(f"{p}.logits has shape {arrays[f'{p}.logits'].shape}, expected [K, C] or [K, T, C]")
            if f"{p}.labels" in arrays and arrays[f"{p}.labels"].shape != (k_samples,):
                fail(f"{p}.labels has shape {arrays[f'{p}.labels'].shape}, expected [K = {k_samples}]")
            if not all(np.all(i == np.round(i)) and np.all(i >= 0) for i in idx):
                fail(f"{p}: index arrays must hold non-negative whole numbers")
    print(f"check_export: {a.npz}: {len(arrays)} arrays, float32 C order (config: uint8 text), names and shapes as docs/export.md says")


if __name__ == "__main__":
    main()
