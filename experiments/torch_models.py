#!/usr/bin/env python3
"""neuradapt's PyTorch implementation of the benchmarked models, for the side-by-side timings
of experiments/bench.sh (CPU, Debian's PyTorch on OpenBLAS).

Models (one recurrent layer, h_0 = 0, a linear read-out of the last hidden state to 10 classes,
softmax cross-entropy), each unrolled step by step over the T inputs of a [B, T, 1] sequence:

  rnn_relu        Elman: a_t = U x_t + W h_{t-1} + b (+ drive_t),  h_t = relu(a_t)
  rnn_gamma_het   Elman with h_t = gamma(a_t; n_i, s_i), n and s learned per neuron (alias rnn_gamma)
  arun            Elman pre-activation; per neuron i a controller state g^i of size M (weights common to all neurons):
                    g_t^i = tanh(u_ag a_t^i + W_gg g_{t-1}^i + b_g),  g_0 = 0
                    n_t^i = w_gn . g_t^i + b_n,   s_t^i = w_gs . g_t^i + b_s
                    h_t^i = gamma(a_t^i; n_t^i, s_t^i)
                  all B x N controllers form one [B*N, M] matrix: one [B*N, M] x [M, M] product per step
  lstm, gru       torch.nn.LSTM / torch.nn.GRU over the whole sequence (PyTorch's own loop)
  alif            spiking ALIF layer (LSNN; neuradapt docs/science.md section 10.3), written as snnTorch
                  and Norse users write it: a torch.autograd.Function for the spike whose backward is the
                  triangle pseudo-derivative, and a Python loop over steps:
                    v_t = alpha v_{t-1} + a_t - b0 z_{t-1},   B_t = b0 + beta q_{t-1}
                    z_t = H((v_t - B_t) / b0),   q_t = rho q_{t-1} + (1 - rho) z_t
                    a_t = U x_t + W z_{t-1} + b,  read-out of r_t = kappa r_{t-1} + (1 - kappa) z_t
                  tau_m 20, tau_a 200, beta 1.8, b0 1, pseudo-derivative 0.3 max(0, 1 - |u|), readout tau 20

  gamma(x; n, s) = (1 - s) softplus(n x) / n + s sigmoid(n x), with softplus(n x) / n = x where n x > 20

Init: U Kaiming-normal (fan_in), W Henaff (block-diagonal 2x2 rotations, angles U(-pi, 0)), b = 0,
n_0 = 5 + 2 U(0, 1) (one draw per parameter), s_0 = 0; ARUN: u_ag Kaiming-normal, W_gg Henaff,
b_g = 0, w_gn Xavier-normal gain 0.1, w_gs Xavier-normal gain 0.01, b_n = n_0, b_s = 0; LSTM,
GRU and the read-out keep PyTorch's defaults (U(-1/sqrt(N), 1/sqrt(N))).

usage:
  python3 torch_models.py MODEL HIDDEN CTRL T BATCH ITERS
      seconds per training batch (forward over T steps, backward, Adam step) on random inputs and
      labels, 2 threads: one warm-up batch, then ITERS timed; the last line carries
      median_s_per_batch=X.XXXX (the median taken as the Java bench takes it: sorted[ITERS // 2])
  python3 torch_models.py --info       one JSON line: torch version, BLAS in use, threads, denormals, CPU
  python3 torch_models.py --check      double-precision checks (gamma against its closed form, every
                                       model's gradient against central differences, ARUN loss falls);
                                       exit status 1 on a failure
"""
import ctypes
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MODELS = ("rnn_relu", "rnn_gamma_het", "arun", "lstm", "gru", "alif")
ALIASES = {"rnn_gamma": "rnn_gamma_het"}
LINEAR_CUTOFF = 20.0
THREADS = 2
LIBBLAS = "/usr/lib/x86_64-linux-gnu/libblas.so.3"


# ----------------------------------------------------------------------------- activation

def gamma(x, n, s):
    """gamma(x; n, s) = (1 - s) softplus(n x) / n + s sigmoid(n x); linear above n x = 20."""
    nx = n * x
    # F.softplus is itself linear above 20, so the unused branch never overflows
    sp = torch.where(nx > LINEAR_CUTOFF, x, F.softplus(nx) / n)
    return (1 - s) * sp + s * torch.sigmoid(nx)


# ----------------------------------------------------------------------------- initialisers

def kaiming_normal_(w, fan_in):
    with torch.no_grad():
        return w.normal_(0.0, math.sqrt(2.0 / fan_in))


def xavier_normal_(w, fan_in, fan_out, gain):
    with torch.no_grad():
        return w.normal_(0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)))


def henaff_(w):
    """Block-diagonal 2x2 rotations with angles U(-pi, 0); an odd last diagonal entry is 1."""
    n = w.shape[0]
    with torch.no_grad():
        w.zero_()
        for k in range(0, n - 1, 2):
            theta = -math.pi * torch.rand(()).item()
            c, s = math.cos(theta), math.sin(theta)
            w[k, k], w[k, k + 1], w[k + 1, k], w[k + 1, k + 1] = c, -s, s, c
        if n % 2 == 1:
            w[n - 1, n - 1] = 1.0
    return w


def initial_gain():
    return 5.0 + 2.0 * torch.rand(()).item()


# ----------------------------------------------------------------------------- models
# Row-vector convention as in the Java project: a_t = x_t U + h_{t-1} W + b, U [in, N], W [N, N].

def input_terms(x, U, b, drive):
    """x_t U + b (+ drive_t) for every t at once, as a tuple of T tensors [B, N]. unbind, not
    xin[:, t]: the backward of T slices would add T full-size [B, T, N] zero tensors."""
    xin = torch.matmul(x, U) + b
    if drive is not None:
        xin = xin + drive
    return xin.unbind(1)


class Elman(nn.Module):
    def __init__(self, hidden, phi, inputs=1, classes=10):
        super().__init__()
        self.hidden, self.phi = hidden, phi
        self.U = nn.Parameter(kaiming_normal_(torch.empty(inputs, hidden), fan_in=inputs))
        self.W = nn.Parameter(henaff_(torch.empty(hidden, hidden)))
        self.b = nn.Parameter(torch.zeros(hidden))
        if phi == "gamma":
            self.n = nn.Parameter(torch.full((hidden,), initial_gain()))
            self.s = nn.Parameter(torch.zeros(hidden))
        self.out = nn.Linear(hidden, classes)

    def act(self, a):
        return torch.relu(a) if self.phi == "relu" else gamma(a, self.n, self.s)

    def forward(self, x, drive=None):
        xin = input_terms(x, self.U, self.b, drive)
        h = self.act(xin[0])                            # h_0 = 0
        for t in range(1, len(xin)):
            h = self.act(torch.addmm(xin[t], h, self.W))
        return self.out(h)


class Arun(nn.Module):
    def __init__(self, hidden, ctrl, inputs=1, classes=10):
        super().__init__()
        self.hidden, self.ctrl = hidden, ctrl
        self.U = nn.Parameter(kaiming_normal_(torch.empty(inputs, hidden), fan_in=inputs))
        self.W = nn.Parameter(henaff_(torch.empty(hidden, hidden)))
        self.b = nn.Parameter(torch.zeros(hidden))
        self.u_ag = nn.Parameter(kaiming_normal_(torch.empty(ctrl), fan_in=1))
        self.W_gg = nn.Parameter(henaff_(torch.empty(ctrl, ctrl)))
        self.b_g = nn.Parameter(torch.zeros(ctrl))
        self.w_gn = nn.Parameter(xavier_normal_(torch.empty(ctrl, 1), ctrl, 1, 0.1))
        self.b_n = nn.Parameter(torch.full((1,), initial_gain()))
        self.w_gs = nn.Parameter(xavier_normal_(torch.empty(ctrl, 1), ctrl, 1, 0.01))
        self.b_s = nn.Parameter(torch.zeros(1))
        self.out = nn.Linear(hidden, classes)

    def forward(self, x, drive=None):
        B, N = x.shape[0], self.hidden
        xin = input_terms(x, self.U, self.b, drive)
        w_ns = torch.cat([self.w_gn, self.w_gs], dim=1)   # [M, 2]: n and s read out in one product
        b_ns = torch.cat([self.b_n, self.b_s])
        h, g = None, None
        for xt in xin:
            a = xt if h is None else torch.addmm(xt, h, self.W)
            pre = a.reshape(B * N, 1) * self.u_ag + self.b_g                 # [B*N, M]
            if g is not None:                                                 # g_0 = 0
                pre = pre + g @ self.W_gg
            g = torch.tanh(pre)
            ns = torch.addmm(b_ns, g, w_ns)                                   # [B*N, 2]
            h = gamma(a, ns[:, 0].reshape(B, N), ns[:, 1].reshape(B, N))
        return self.out(h)


class Gated(nn.Module):
    """torch.nn.LSTM / torch.nn.GRU over the whole sequence: the idiom a PyTorch user writes, and
    on this CPU at least as fast as stepping LSTMCell / GRUCell from Python (measured at
    400/-/196/100: lstm 3.8-4.3 s both ways, gru 2.5-3.4 s against 3.1-3.6 s)."""
    def __init__(self, kind, hidden, inputs=1, classes=10):
        super().__init__()
        self.kind, self.hidden = kind, hidden
        self.rnn = (nn.LSTM if kind == "lstm" else nn.GRU)(inputs, hidden, batch_first=True)
        self.out = nn.Linear(hidden, classes)

    def forward(self, x, drive=None):
        if drive is not None:
            raise ValueError("the gated baselines take no drive here")
        o, _ = self.rnn(x)
        return self.out(o[:, -1])


class SpikeFn(torch.autograd.Function):
    """z = H(u) forward; backward: the triangle pseudo-derivative scale max(0, 1 - |u| / width)."""
    scale, width = 0.3, 1.0

    @staticmethod
    def forward(ctx, u):
        ctx.save_for_backward(u)
        return (u > 0).to(u.dtype)

    @staticmethod
    def backward(ctx, grad):
        u, = ctx.saved_tensors
        return grad * SpikeFn.scale * torch.clamp(1 - u.abs() / SpikeFn.width, min=0)


def smooth_spike(u):
    """The integral of the pseudo-derivative (the smooth twin, for the gradient check): its true derivative is it."""
    sc, w = SpikeFn.scale, SpikeFn.width
    lo = sc * (u + w) ** 2 / (2 * w)
    hi = sc * (w - (w - u) ** 2 / (2 * w))
    return torch.where(u <= -w, torch.zeros_like(u), torch.where(u >= w, torch.full_like(u, sc * w), torch.where(u <= 0, lo, hi)))


class Alif(nn.Module):
    def __init__(self, hidden, inputs=1, classes=10, tau_m=20.0, tau_a=200.0, beta=1.8, b0=1.0, readout_tau=20.0, smooth=False):
        super().__init__()
        self.hidden, self.beta, self.b0 = hidden, beta, b0
        self.alpha, self.rho, self.kappa = math.exp(-1 / tau_m), math.exp(-1 / tau_a), math.exp(-1 / readout_tau)
        self.spike = smooth_spike if smooth else SpikeFn.apply
        self.U = nn.Parameter(kaiming_normal_(torch.empty(inputs, hidden), fan_in=inputs))
        self.W = nn.Parameter(henaff_(torch.empty(hidden, hidden)))
        self.b = nn.Parameter(torch.zeros(hidden))
        self.out = nn.Linear(hidden, classes)

    def forward(self, x, drive=None):
        xin = input_terms(x, self.U, self.b, drive)
        zero = torch.zeros(x.shape[0], self.hidden, dtype=x.dtype)
        v, q, z, r = zero, zero, zero, zero
        for t, xt in enumerate(xin):
            a = xt if t == 0 else torch.addmm(xt, z, self.W)
            v = self.alpha * v + a - self.b0 * z
            z = self.spike((v - self.b0 - self.beta * q) / self.b0)
            q = self.rho * q + (1 - self.rho) * z
            r = self.kappa * r + (1 - self.kappa) * z
        return self.out(r)


def build(model, hidden, ctrl):
    model = ALIASES.get(model, model)
    if model == "rnn_relu":
        return Elman(hidden, "relu")
    if model == "rnn_gamma_het":
        return Elman(hidden, "gamma")
    if model == "arun":
        if ctrl <= 0:
            raise SystemExit("error: arun needs CTRL (the controller size) > 0")
        return Arun(hidden, ctrl)
    if model in ("lstm", "gru"):
        return Gated(model, hidden)
    if model == "alif":
        return Alif(hidden)
    if model == "alif_smooth":
        return Alif(hidden, smooth=True)
    raise SystemExit(f"error: unknown model '{model}'; one of {', '.join(MODELS)} (alias rnn_gamma)")


# ----------------------------------------------------------------------------- environment

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def loaded_blas():
    """Paths of the BLAS libraries mapped into this process."""
    torch.ones(4, 4) @ torch.ones(4, 4)  # make sure the BLAS path has been touched
    libs = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                p = line.split()[-1] if len(line.split()) >= 6 else ""
                base = os.path.basename(p)
                if (base.startswith("libblas") or "openblas" in base or base.startswith("libmkl")
                        or base.startswith("libblis")) and p not in libs:
                    libs.append(p)
    except OSError:
        pass
    return libs


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def sgemm_provider():
    """The file whose sgemm_ libtorch_cpu calls: dlsym from its handle searches its dependencies
    in load order, as the dynamic linker does; None when that cannot be told."""
    try:
        with open("/proc/self/maps") as f:
            paths = [line.split()[-1] for line in f if "libtorch_cpu" in line]
        if not paths:
            return None
        addr = ctypes.cast(ctypes.CDLL(paths[0]).sgemm_, ctypes.c_void_p).value
        info = _DlInfo()
        if ctypes.CDLL(None).dladdr(ctypes.c_void_p(addr), ctypes.byref(info)) == 0:
            return None
        return os.path.realpath(info.dli_fname.decode())
    except (OSError, AttributeError, ValueError):
        return None


def gemm_gflops(n=512, reps=10):
    """Measured float GEMM rate of torch.mm at n x n (OpenBLAS on 2 cores: about 100 GFLOP/s or more,
    the reference BLAS: a few)."""
    a, b = torch.rand(n, n), torch.rand(n, n)
    a @ b
    t0 = time.perf_counter()
    for _ in range(reps):
        a @ b
    return round(2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9, 1)


def openblas(libs):
    """(config string, threads) from OpenBLAS's own functions, or (None, None) if none is mapped."""
    for p in libs:
        try:
            lib = ctypes.CDLL(p)  # already mapped: the same handle torch uses
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib.openblas_get_config().decode().strip(), lib
        except (OSError, AttributeError):
            continue
    return None, None


def setup():
    """2 threads for torch and for OpenBLAS, denormals flushed; returns the environment as a dict."""
    torch.set_num_threads(THREADS)
    flushed = bool(torch.set_flush_denormal(True))  # denormal BPTT gradients stall x86 CPUs
    libs = loaded_blas()
    config, lib = openblas(libs)
    blas_threads = None
    if lib is not None:
        try:
            lib.openblas_set_num_threads(THREADS)
            blas_threads = int(lib.openblas_get_num_threads())
        except AttributeError:
            pass
    return {
        "torch": torch.__version__,
        "libblas": os.path.realpath(os.environ.get("NEURADAPT_LIBBLAS", LIBBLAS)),
        "blas_loaded": ";".join(libs) or "none",
        "blas_sgemm": sgemm_provider(),
        "blas_config": config or "",
        "gemm_gflops": gemm_gflops(),
        "torch_threads": torch.get_num_threads(),
        "blas_threads": blas_threads,
        "flush_denormal": flushed,
        "cpu_model": cpu_model(),
    }


def describe(env):
    blas = (env["blas_sgemm"] or env["blas_loaded"]) + (f" ({env['blas_config']})" if env["blas_config"] else "")
    return (f"torch {env['torch']}, BLAS {blas}, libblas.so.3 -> {env['libblas']}, "
            f"sgemm {env['gemm_gflops']} GFLOP/s at 512, "
            f"torch threads {env['torch_threads']}, BLAS threads {env['blas_threads']}, "
            f"flush_denormal={env['flush_denormal']}, CPU {env['cpu_model']}")


# ----------------------------------------------------------------------------- timing

def train_step(net, opt, x, y):
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    opt.step()
    return loss


def bench(model, hidden, ctrl, T, B, iters):
    env = setup()
    print(describe(env), flush=True)
    torch.manual_seed(0)
    net = build(model, hidden, ctrl)
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    x = torch.rand(B, T, 1)
    y = torch.randint(0, 10, (B,))
    train_step(net, opt, x, y)  # warm-up
    times = []
    for _ in range(iters):
        t0 = time.perf_counter()
        loss = train_step(net, opt, x, y)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"{model} hid={hidden} ctrl={ctrl} T={T} B={B} threads={torch.get_num_threads()} "
          f"median_s_per_batch={times[iters // 2]:.4f} loss={loss.item():.4f}")


# ----------------------------------------------------------------------------- checks

def closed_form(x, n, s):
    z = n * x
    sg = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    if z > LINEAR_CUTOFF:  # the linear branch: sp = x, so d sp/dx = 1 and d sp/dn = 0
        sp, sp_x, sp_n = x, 1.0, 0.0
    else:
        sp = math.log1p(math.exp(z)) / n
        sp_x, sp_n = sg, (x * sg - sp) / n
    value = (1 - s) * sp + s * sg
    dx = (1 - s) * sp_x + s * n * sg * (1 - sg)
    dn = (1 - s) * sp_n + s * x * sg * (1 - sg)
    ds = sg - sp
    return value, dx, dn, ds


def check_gamma():
    worst = 0.0
    for n in (0.5, 1.0, 5.0, 6.3, 30.0):
        for s in (0.0, 0.3, 1.0):
            for x in (-3.0, -0.7, -0.01, 0.0, 0.02, 0.5, 0.69, 0.71, 2.5, 10.0):
                xt, nt, st = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (x, n, s))
                v = gamma(xt, nt, st)
                g = torch.autograd.grad(v, (xt, nt, st))
                want = closed_form(x, n, s)
                got = (v.item(),) + tuple(t.item() for t in g)
                for a, b in zip(got, want):
                    worst = max(worst, abs(a - b) / max(1.0, abs(b)))
    ok = worst < 1e-12
    print(f"gamma vs closed form (value, d/dx, d/dn, d/ds; 150 points): max rel. error {worst:.2e} "
          f"{'ok' if ok else 'FAIL'}")
    # torch's own gradcheck of the element-wise function, away from n x = 20 where it switches branches
    torch.manual_seed(1)
    xs = torch.randn(7, dtype=torch.float64, requires_grad=True)
    ns = (5 + 2 * torch.rand(7, dtype=torch.float64)).requires_grad_()
    ss = torch.rand(7, dtype=torch.float64, requires_grad=True)
    gc = torch.autograd.gradcheck(gamma, (xs, ns, ss), eps=1e-6, atol=1e-8, rtol=1e-6, raise_exception=False)
    print(f"gamma gradcheck: {'ok' if gc else 'FAIL'}")
    return ok and gc


def check_model(model, N=3, M=2, T=4, B=2, eps=1e-6):
    torch.manual_seed(2)
    net = build(model, N, M).double()
    x = torch.rand(B, T, 1, dtype=torch.float64)
    y = torch.randint(0, 10, (B,))
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    worst, count = 0.0, 0
    with torch.no_grad():
        for name, p in net.named_parameters():
            flat, grad = p.view(-1), p.grad.view(-1)
            for i in range(flat.numel()):
                old = flat[i].item()
                flat[i] = old + eps
                lp = F.cross_entropy(net(x), y).item()
                flat[i] = old - eps
                lm = F.cross_entropy(net(x), y).item()
                flat[i] = old
                fd = (lp - lm) / (2 * eps)
                worst = max(worst, abs(fd - grad[i].item()) / max(1e-3, abs(fd), abs(grad[i].item())))
                count += 1
    ok = worst < 1e-5
    print(f"{model} N={N} M={M} T={T} B={B}: autograd vs central differences over {count} parameters: "
          f"max rel. error {worst:.2e} {'ok' if ok else 'FAIL'}")
    return ok


def check_arun_learns(steps=30):
    torch.manual_seed(3)
    net = build("arun", 8, 4)
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)
    x, y = torch.rand(4, 10, 1), torch.randint(0, 10, (4,))
    losses = [train_step(net, opt, x, y).item() for _ in range(steps)]
    ok = all(math.isfinite(v) for v in losses) and losses[-1] < losses[0]
    print(f"arun N=8 M=4 T=10 B=4, Adam lr 1e-2 on one fixed batch: loss {losses[0]:.4f} -> "
          f"{losses[steps // 2]:.4f} -> {losses[-1]:.4f} after {steps} steps {'ok' if ok else 'FAIL'}")
    return ok


def check():
    env = setup()
    print(describe(env))
    results = [check_gamma()]
    results += [check_model(m) for m in MODELS if m != "alif"]
    results.append(check_model("alif_smooth", T=6))  # the spike's smooth twin: autograd through the pseudo-derivative's integral
    results.append(check_model("arun", N=3, M=3, T=5, B=3))  # odd M: the Henaff block with a 1
    results.append(check_arun_learns())
    print("check: all passed" if all(results) else "check: FAILED")
    return 0 if all(results) else 1


def main(argv):
    if argv[:1] == ["--check"]:
        return check()
    if argv[:1] == ["--info"]:
        print(json.dumps(setup()))
        return 0
    if len(argv) != 6 or argv[0] in ("-h", "--help"):
        print(__doc__.split("usage:")[1].rstrip(), file=sys.stderr)
        return 2
    try:
        hidden, ctrl, T, B, iters = (int(v) for v in argv[1:])
    except ValueError:
        print("error: HIDDEN CTRL T BATCH ITERS must be integers", file=sys.stderr)
        return 2
    if min(hidden, T, B, iters) <= 0:
        print("error: HIDDEN, T, BATCH and ITERS must be > 0", file=sys.stderr)
        return 2
    bench(argv[0], hidden, ctrl, T, B, iters)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
