#!/usr/bin/env python3
"""A network of experiments/torch_models.py trained in PyTorch, then imported into neuradapt
(docs/export.md, "Importing"; run by experiments/torch_import.sh).

python3 experiments/torch_import.py MODEL OUT_DIR   (MODEL: rnn_relu, rnn_gamma_het or arun)

Writes OUT_DIR/sequences.npz (a neuradapt .npz dataset: inputs [S, T, D], targets [S]; the
last 10% of the sequences are the test split, the 10% before them validation, as data.task npz
reads them), trains the model on the first 80% in PyTorch (float32, Adam, full BPTT), writes
its weights as OUT_DIR/MODEL.npz under the names of docs/export.md (the only change of layout:
W_out = out.weight transposed, b_out = out.bias), and prints PyTorch's own test accuracy and
mean cross-entropy as one JSON line.
"""
import json
import os
import sys

import numpy
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_models  # noqa: E402

S, T, D, HIDDEN, CTRL, EPOCHS, BATCH = 800, 30, 2, 16, 4, 5, 32


def sequences(rng):
    """Two noisy channels; class 1: channel 0 drifts up for steps 5-24, class 0: down."""
    y = rng.integers(0, 2, S)
    x = rng.normal(0, 1, (S, T, D)).astype(numpy.float32)
    x[:, 5:25, 0] += numpy.where(y == 1, 0.5, -0.5)[:, None]
    return x, y


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("rnn_relu", "rnn_gamma_het", "arun"):
        raise SystemExit("usage: torch_import.py rnn_relu|rnn_gamma_het|arun OUT_DIR")
    model, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    torch.set_flush_denormal(True)
    x, y = sequences(numpy.random.default_rng(0))
    numpy.savez(os.path.join(out, "sequences.npz"), inputs=x, targets=y)
    n_test, n_val = round(0.1 * S), round(0.1 * S)
    n_train = S - n_val - n_test
    xt, yt = torch.from_numpy(x), torch.from_numpy(y).long()
    net = (torch_models.Arun(HIDDEN, CTRL, inputs=D, classes=2) if model == "arun"
           else torch_models.Elman(HIDDEN, "relu" if model == "rnn_relu" else "gamma", inputs=D, classes=2))
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)
    for _ in range(EPOCHS):
        for i in range(0, n_train, BATCH):
            opt.zero_grad()
            F.cross_entropy(net(xt[i:min(i + BATCH, n_train)]), yt[i:min(i + BATCH, n_train)]).backward()
            opt.step()
    with torch.no_grad():
        logits = net(xt[S - n_test:])
        loss = F.cross_entropy(logits, yt[S - n_test:]).item()
        acc = (logits.argmax(1) == yt[S - n_test:]).float().mean().item()
    weights = {k: v.detach().numpy() for k, v in net.state_dict().items() if not k.startswith("out.")}
    weights["W_out"] = net.out.weight.detach().numpy().T.copy()
    weights["b_out"] = net.out.bias.detach().numpy()
    numpy.savez(os.path.join(out, model + ".npz"), **weights)
    print(json.dumps({"model": model, "torch": torch.__version__, "test_accuracy": acc, "test_loss": loss, "test_count": n_test,
                      "hidden": HIDDEN, "ctrl": CTRL if model == "arun" else 0, "steps": T}))


if __name__ == "__main__":
    main()
