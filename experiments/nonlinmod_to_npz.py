#!/usr/bin/env python3
"""The authors' trained networks (vgeadah/NonlinMod, sMNIST_task.py's Model) as a neuradapt .npz
(docs/export.md, "From the authors' NonlinMod").

python3 experiments/nonlinmod_to_npz.py CHECKPOINT.pt OUT.npz
    CHECKPOINT: what sMNIST_task.py saves, {'state_dict': Model.state_dict(), ...}, or a bare state dict.
python3 experiments/nonlinmod_to_npz.py --check OUT_DIR
    random weights under NonlinMod's names, their forward pass written from their equations, the
    sequences as a neuradapt .npz dataset and the converted weights; prints the float32 test loss
    and accuracy as JSON, for experiments/torch_import.sh to compare with ./neuradapt eval.

Mapping (their nn.Linear computes x A^T + c; neuradapt's row-vector convention x U + b):
  ARUN  U = Uxh.weight^T, W = Whh.weight^T, b = Uxh.bias + Whh.bias (both are added every step),
        u_ag = Uag.weight[:, 0], W_gg = Wgg.weight^T, b_g = Uag.bias + Wgg.bias,
        w_gn = Wgn.weight^T, b_n = Wgn.bias, w_gs = Wgs.weight^T, b_s = Wgs.bias
  RNN   U = U.weight^T, W = V.weight^T, b = U.bias + V.bias (zeros when bias=False),
        n, s = rnn.n, rnn.s when learned (shape [1]: model rnn_gamma_hom); fixed ones are not in
        the state dict: give them as model.n, model.s with rnn_gamma_fixed
  read-out  W_out = lin.weight^T, b_out = lin.bias
"""
import json
import os
import sys

import numpy


def convert(sd):
    """neuradapt arrays from a NonlinMod Model state dict (numpy arrays by name), and the model id they fit."""
    sd = {k[len("rnn."):] if k.startswith("rnn.") else k: numpy.asarray(v, dtype=numpy.float32) for k, v in sd.items()}
    out = {"W_out": sd["lin.weight"].T.copy(), "b_out": sd["lin.bias"]}
    if "Uxh.weight" in sd:
        n = sd["Whh.weight"].shape[0]
        out.update(U=sd["Uxh.weight"].T.copy(), W=sd["Whh.weight"].T.copy(), b=sd["Uxh.bias"] + sd["Whh.bias"],
                   u_ag=sd["Uag.weight"][:, 0].copy(), W_gg=sd["Wgg.weight"].T.copy(), b_g=sd["Uag.bias"] + sd["Wgg.bias"],
                   w_gn=sd["Wgn.weight"].T.copy(), b_n=sd["Wgn.bias"], w_gs=sd["Wgs.weight"].T.copy(), b_s=sd["Wgs.bias"])
        return out, "arun"
    if "V.weight" in sd:
        n = sd["V.weight"].shape[0]
        zeros = numpy.zeros(n, dtype=numpy.float32)
        out.update(U=sd["U.weight"].T.copy(), W=sd["V.weight"].T.copy(), b=sd.get("U.bias", zeros) + sd.get("V.bias", zeros))
        if "n" in sd:
            out.update(n=sd["n"].reshape(1), s=sd["s"].reshape(1))
            return out, "rnn_gamma_hom"
        return out, "rnn_relu, rnn_tanh or rnn_gamma_fixed (their nonlinearity is not in the state dict)"
    raise SystemExit("error: not a NonlinMod Model state dict: no rnn.Uxh.weight (ARUN) or rnn.V.weight (RNN); keys: " + ", ".join(sorted(sd)))


def check(out_dir):
    """Random NonlinMod-named ARUN weights, their forward pass from their equations, and the converted weights."""
    import torch
    import torch.nn.functional as F
    torch.manual_seed(1)
    torch.set_flush_denormal(True)
    N, M, I, C, S, T = 6, 3, 1, 10, 200, 12
    r = lambda *s: torch.randn(*s) * 0.5
    sd = {"rnn.Uxh.weight": r(N, I), "rnn.Uxh.bias": r(N), "rnn.Whh.weight": r(N, N), "rnn.Whh.bias": r(N),
          "rnn.Uag.weight": r(M, 1), "rnn.Uag.bias": r(M), "rnn.Wgg.weight": r(M, M), "rnn.Wgg.bias": r(M),
          "rnn.Wgn.weight": r(1, M), "rnn.Wgn.bias": torch.tensor([5.5]), "rnn.Wgs.weight": r(1, M) * 0.1, "rnn.Wgs.bias": torch.tensor([0.2]),
          "lin.weight": r(C, N), "lin.bias": r(C)}
    x = torch.rand(S, T, I)
    y = torch.randint(0, C, (S,))
    # their step: a_t = Uxh(x_t) + Whh(h_{t-1}); g_t = tanh(Uag(a_t) + Wgg(g_{t-1})); n_t = Wgn(g_t), s_t = Wgs(g_t);
    # h_t = (1 - s) softplus(a; beta = n, threshold 20) + s sigmoid(n a); h_0 = g_0 = 0; logits = lin(h_T)
    h, g = torch.zeros(S, N), torch.zeros(S, N, M)
    for t in range(T):
        a = F.linear(x[:, t], sd["rnn.Uxh.weight"], sd["rnn.Uxh.bias"]) + F.linear(h, sd["rnn.Whh.weight"], sd["rnn.Whh.bias"])
        g = torch.tanh(F.linear(a.unsqueeze(-1), sd["rnn.Uag.weight"], sd["rnn.Uag.bias"]) + F.linear(g, sd["rnn.Wgg.weight"], sd["rnn.Wgg.bias"]))
        n = F.linear(g, sd["rnn.Wgn.weight"], sd["rnn.Wgn.bias"]).squeeze(-1)
        s = F.linear(g, sd["rnn.Wgs.weight"], sd["rnn.Wgs.bias"]).squeeze(-1)
        z = n * a
        sp = torch.where(z > 20, a, torch.log1p(torch.exp(torch.clamp(z, max=20))) / n)
        h = (1 - s) * sp + s * torch.sigmoid(z)
    logits = F.linear(h, sd["lin.weight"], sd["lin.bias"])
    os.makedirs(out_dir, exist_ok=True)
    # all S sequences are the test split: data.options val 0, test 0.999 (the loader keeps one to train on)
    numpy.savez(os.path.join(out_dir, "nonlinmod_sequences.npz"), inputs=x.numpy(), targets=y.numpy())
    weights, model = convert({k: v.numpy() for k, v in sd.items()})
    numpy.savez(os.path.join(out_dir, "nonlinmod_arun.npz"), **weights)
    n_test = round(0.999 * S)
    tail_logits, tail_y = logits[S - n_test:], y[S - n_test:]
    print(json.dumps({"model": model, "hidden": N, "ctrl": M, "steps": T, "test_count": n_test,
                      "test_loss": F.cross_entropy(tail_logits, tail_y).item(),
                      "test_accuracy": (tail_logits.argmax(1) == tail_y).float().mean().item()}))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        return check(sys.argv[2])
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    import torch
    state = torch.load(sys.argv[1], map_location="cpu")
    sd = state.get("state_dict", state)
    weights, model = convert({k: v.numpy() for k, v in sd.items()})
    numpy.savez(sys.argv[2], **weights)
    print(f"wrote {sys.argv[2]}: {', '.join(weights)}; import it with model.type {model}")


if __name__ == "__main__":
    main()
