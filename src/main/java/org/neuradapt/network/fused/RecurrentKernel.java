package org.neuradapt.network.fused;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Readout;
import org.neuradapt.network.Signals;
import org.neuradapt.network.Targets;

/**
 * One recurrent layer with a pluggable neuron model ({@link FusedCell}) and the linear read-out of
 * the last hidden state (docs/science.md section 2):
 *
 * <pre>
 *   p_t = x_t W_in + h_{t-1} W_rec + bias (+ drive_t on one N-block),   h_t = cell(p_t),   h_0 = 0
 *   logits = h_T W_out + b_out,   loss = mean_b CE(softmax(logits_b), y_b)
 * </pre>
 *
 * or, for a task with targets at every step (docs/tasks.md, "Targets"; {@link Readout}), the
 * read-out of every step, logits_t = h_t W_out + b_out, under the task's loss mask; its gradient
 * dL/dh_t is injected into the backward loop at every step, as the leaky read-out's trace is.
 *
 * For the Elman RNN and ARUN p_t = a_t (W_in = U [I, N], W_rec = W [N, N], bias = b); for the
 * LSTM p_t is the [4N] gate pre-activation (W_ih, W_hh, b); for the GRU the recurrent product
 * h_{t-1} W_hh is handed to the cell separately (W_ih, W_hh, b_ih; the cell owns b_hh).
 *
 * <p>The histories are time-major ([T, B, K]) so that the input products of all steps are one
 * GEMM, every step's p_t is one contiguous block, and after the backward loop
 * dW_rec = sum_t h_{t-1}^T dp_t and dW_in = sum_t x_t^T dp_t are each one GEMM over all steps.
 * Backward: dh_T from the read-out; for t = T..1: dp_t = cell'(dh_t) (in place of p_t),
 * dh_{t-1} = dp_t W_rec^T (+ the cell's direct term).
 *
 * <p>Single-threaded by design: {@link ShardedKernel} runs one instance per thread on a
 * shard of the batch.
 */
final class RecurrentKernel implements FusedKernel {
    private final String model;
    private final int N, K;
    private final FusedCell cell;
    private final Par par;
    private final Buf.Precision prec;
    private final boolean sep;

    private int B = -1, T = -1, I = -1, C = -1;
    private final double kappa;   // the read-out's leaky integration of h (0: h_T), docs/science.md section 10.5
    private Buf X, P, H, dH, dHprev, R, dR, dRall, ones, trace, dTrace;   // dRall: dr_t of every step (separate recurrent part)
    private Buf Win, Wrec, bias, wOut, bOut, logits, dLogits;
    private Buf stepLogits, dStepLogits, RH, dHout;   // per-step read-out: logits [T, B, C], its input r_t (leaky trace) and dL/dh_t from the read-out, time-major

    private Buf dWin, dWrec, dBias, dWOut, dBOut;

    RecurrentKernel(String model, int hidden, FusedCell cell, int threads, Buf.Precision precision) {
        this.prec = precision;
        this.model = model;
        this.N = hidden;
        this.K = cell.width() * hidden;
        this.cell = cell;
        this.sep = cell.separateRecurrent();
        this.kappa = cell.readoutDecay();
        if (!(kappa >= 0 && kappa < 1)) throw new IllegalArgumentException("read-out decay must be in [0, 1), got " + kappa);
        this.par = new Par(threads);
    }

    @Override public String model() { return model; }

    @Override public int hidden() { return N; }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>(List.of(cell.inputWeightName(), cell.recurrentWeightName(), cell.biasName()));
        names.addAll(cell.parameterNames());
        names.add(Parameters.W_OUT);
        names.add(Parameters.B_OUT);
        return names;
    }

    @Override
    public Map<String, int[]> parameterShapes(int inputSize, int classes) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(cell.inputWeightName(), new int[]{inputSize, K});
        m.put(cell.recurrentWeightName(), new int[]{N, K});
        m.put(cell.biasName(), new int[]{K});
        for (String p : cell.parameterNames()) m.put(p, cell.shape(p, N));
        m.put(Parameters.W_OUT, new int[]{N, classes});
        m.put(Parameters.B_OUT, new int[]{classes});
        return m;
    }

    @Override
    public Set<String> signals() {
        Set<String> s = new LinkedHashSet<>(List.of(Signals.H));   // ordered: h, a, then the cell's own
        if (cell.hasPreActivationSignal()) s.add(Signals.A);
        s.addAll(cell.signals());
        return s;
    }

    private void setup(double[] x, int batch, int steps, int inputSize, double[] drive, Map<String, double[]> params) {
        double[] pOut = KernelSupport.param(params, Parameters.B_OUT);
        int classes = pOut.length;
        KernelSupport.checkShapes(params, parameterShapes(inputSize, classes));
        if (x.length != batch * steps * inputSize) throw new IllegalArgumentException("x has " + x.length + " values, expected B*T*I = " + batch * steps * inputSize);
        if (drive != null && drive.length != batch * steps * N) throw new IllegalArgumentException("drive has " + drive.length + " values, expected B*T*N = " + batch * steps * N);
        if (batch != B || steps != T || inputSize != I || classes != C) {
            B = batch; T = steps; I = inputSize; C = classes;
            stepLogits = dStepLogits = RH = dHout = null;
            X = prec.alloc(T * B * I);
            P = prec.alloc(Math.multiplyExact(T * B, K));
            H = prec.alloc(Math.multiplyExact(T * B, N));
            dH = prec.alloc(B * N);
            dHprev = prec.alloc(B * N);
            R = sep ? prec.alloc(B * K) : null;
            dR = sep ? prec.alloc(B * K) : null;
            dRall = sep ? prec.alloc(Math.multiplyExact(T * B, K)) : null;
            trace = kappa > 0 ? prec.alloc(B * N) : null;
            dTrace = kappa > 0 ? prec.alloc(B * N) : null;
            ones = prec.alloc(T * B);
            for (int i = 0; i < T * B; i++) ones.set(i, 1.0);
            Win = prec.alloc(I * K); Wrec = prec.alloc(N * K); bias = prec.alloc(K);
            wOut = prec.alloc(N * C); bOut = prec.alloc(C);
            logits = prec.alloc(B * C); dLogits = prec.alloc(B * C);
            dWin = prec.alloc(I * K); dWrec = prec.alloc(N * K); dBias = prec.alloc(K);
            dWOut = prec.alloc(N * C); dBOut = prec.alloc(C);
        }
        Win.copyFrom(params.get(cell.inputWeightName()));
        Wrec.copyFrom(params.get(cell.recurrentWeightName()));
        bias.copyFrom(params.get(cell.biasName()));
        wOut.copyFrom(params.get(Parameters.W_OUT));
        bOut.copyFrom(pOut);
        // x [B, T, I] -> time-major X [T, B, I]
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) X.copyFrom(x, (b * T + t) * I, (t * B + b) * I, I);
    }

    /** The per-step read-out's buffers, [T * B] rows, made on first use. */
    private void stepBuffers() {
        if (stepLogits != null) return;   // setup drops them when B, T or C change
        stepLogits = prec.alloc(Math.multiplyExact(T * B, C));
        dStepLogits = prec.alloc(Math.multiplyExact(T * B, C));
        RH = kappa > 0 ? prec.alloc(Math.multiplyExact(T * B, N)) : null;
        dHout = prec.alloc(Math.multiplyExact(T * B, N));
    }

    /** What the per-step read-out reads: h_t, or with a leaky read-out its trace r_t (time-major [T, B, N]). */
    private Buf readoutInput() { return kappa > 0 ? RH : H; }

    private void forwardPass(double[] drive, Readout readout) {
        final int BN = B * N, BK = B * K;
        // P = X W_in + bias (+ drive on one block), all steps at once
        for (int r = 0; r < T * B; r++) for (int k = 0; k < K; k++) P.set(r * K + k, bias.get(k));
        Blas.gemm(false, false, T * B, K, I, 1.0, X, 0, I, Win, 0, K, 1.0, P, 0, K);
        if (drive != null) {
            int col = cell.driveBlock() * N;
            for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) {
                int src = (b * T + t) * N, dst = (t * B + b) * K + col;
                for (int i = 0; i < N; i++) P.add(dst + i, drive[src + i]);
            }
        }
        for (int t = 0; t < T; t++) {
            int pOff = t * BK, hOff = t * BN;
            if (sep) {
                if (t > 0) Blas.gemm(false, false, B, K, N, 1.0, H, hOff - BN, N, Wrec, 0, K, 0.0, R, 0, K);
                else R.zero();
            } else if (t > 0) {
                Blas.gemm(false, false, B, K, N, 1.0, H, hOff - BN, N, Wrec, 0, K, 1.0, P, pOff, K);
            }
            cell.forward(t, P, pOff, H, hOff, R);
        }
        if (readout.perStep()) {   // logits_t = r_t W_out + b_out for every t, one product; r_t = h_t, or the trace of docs/science.md section 10.5
            stepBuffers();
            if (kappa > 0)
                for (int t = 0; t < T; t++) for (int j = 0; j < BN; j++)
                    RH.set(t * BN + j, (t > 0 ? kappa * RH.get((t - 1) * BN + j) : 0) + (1 - kappa) * H.get(t * BN + j));
            FusedReadout.logits(T * B, N, C, readoutInput(), 0, wOut, bOut, stepLogits);
        } else if (kappa > 0) {   // r_T = sum_t (1 - kappa) kappa^(T-1-t) h_t
            trace.zero();
            for (int t = 0; t < T; t++) for (int j = 0; j < BN; j++) trace.set(j, kappa * trace.get(j) + (1 - kappa) * H.get(t * BN + j));
            FusedReadout.logits(B, N, C, trace, 0, wOut, bOut, logits);
        } else {
            FusedReadout.logits(B, N, C, H, (T - 1) * BN, wOut, bOut, logits);
        }
    }

    @Override
    public Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, Map<String, double[]> params,
                                  boolean inputGradients) {
        Blas.threads(1);   // the SameDiff path may have set more; the shards are the fused path's threads
        if (targets == null || !targets.present()) throw new IllegalArgumentException("need targets for the " + batch + " sequences");
        return forwardBackward(x, batch, steps, inputSize, drive, targets, params, inputGradients, KernelSupport.norm(targets, batch, steps, params));
    }

    /** forwardBackward of a shard of a batch: the loss and gradients are divided by norm (the full batch's, {@link Targets#norm}). */
    Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, Map<String, double[]> params,
                           boolean inputGradients, double norm) {
        setup(x, batch, steps, inputSize, drive, params);
        if (targets == null || !targets.present()) throw new IllegalArgumentException("need targets for the " + B + " sequences");
        targets.check(B, T, C);
        Readout readout = targets.readout();
        cell.prepare(B, T, N, params, true, false, par);
        forwardPass(drive, readout);
        final int BN = B * N, BK = B * K;
        double loss;
        if (readout.perStep()) {   // dL/dr_t = dlogits_t W_out^T for all t in one product; through the trace, dL/dh_t = (1 - kappa) sum_{u>=t} kappa^(u-t) dL/dr_u
            loss = FusedReadout.stepLoss(B, T, C, stepLogits, targets, dStepLogits, norm);
            FusedReadout.backward(T * B, N, C, readoutInput(), 0, wOut, dStepLogits, dWOut, dBOut, dHout, 0);
            if (kappa > 0) {
                for (int t = T - 2; t >= 0; t--) for (int j = 0; j < BN; j++) dHout.add(t * BN + j, kappa * dHout.get((t + 1) * BN + j));
                for (int j = 0; j < T * BN; j++) dHout.set(j, (1 - kappa) * dHout.get(j));
            }
            dH.copyFrom(dHout, (T - 1) * BN, 0, BN);
        } else if (kappa > 0) {   // dL/dh_t gets (1 - kappa) kappa^(T-1-t) dL/dr_T directly, besides its path through W_rec
            loss = FusedReadout.loss(B, C, logits, targets.classes(), dLogits, norm);
            FusedReadout.backward(B, N, C, trace, 0, wOut, dLogits, dWOut, dBOut, dTrace, 0);
            for (int j = 0; j < BN; j++) dH.set(j, (1 - kappa) * dTrace.get(j));
        } else {
            loss = FusedReadout.loss(B, C, logits, targets.classes(), dLogits, norm);
            FusedReadout.backward(B, N, C, H, (T - 1) * BN, wOut, dLogits, dWOut, dBOut, dH, 0);
        }
        cell.beginBackward();
        double readoutWeight = 1 - kappa;
        for (int t = T - 1; t >= 0; t--) {
            int pOff = t * BK, hOff = t * BN;
            boolean direct = cell.backward(t, P, pOff, H, hOff, dH, dHprev, dR);   // P block t now holds dp_t
            if (t > 0) {
                if (sep) {
                    dRall.copyFrom(dR, 0, pOff, BK);   // for dW_hh after the loop
                    Blas.gemm(false, true, B, N, K, 1.0, dR, 0, K, Wrec, 0, K, direct ? 1.0 : 0.0, dHprev, 0, N);
                } else {
                    Blas.gemm(false, true, B, N, K, 1.0, P, pOff, K, Wrec, 0, K, direct ? 1.0 : 0.0, dHprev, 0, N);
                }
                if (readout.perStep()) {
                    for (int j = 0; j < BN; j++) dHprev.add(j, dHout.get((t - 1) * BN + j));
                } else if (kappa > 0) {
                    readoutWeight *= kappa;
                    for (int j = 0; j < BN; j++) dHprev.add(j, readoutWeight * dTrace.get(j));
                }
                Buf tmp = dH; dH = dHprev; dHprev = tmp;
            }
        }
        // dW_rec = sum_{t>=1} h_{t-1}^T dp_t (dr_t for a separate recurrent part) as one product over all
        // steps: k = (T-1) B runs at the rate of a large GEMM, where per-step products with k = B do not
        // (docs/performance.md); dW_in = X^T dP; dbias = 1^T dP
        Blas.gemm(true, false, N, K, (T - 1) * B, 1.0, H, 0, N, sep ? dRall : P, BK, K, 0.0, dWrec, 0, K);
        Blas.gemm(true, false, I, K, T * B, 1.0, X, 0, I, P, 0, K, 0.0, dWin, 0, K);
        Blas.gemm(false, false, 1, K, T * B, 1.0, ones, 0, T * B, P, 0, K, 0.0, dBias, 0, K);
        Map<String, double[]> grads = new LinkedHashMap<>();
        grads.put(cell.inputWeightName(), dWin.toArray());
        grads.put(cell.recurrentWeightName(), dWrec.toArray());
        grads.put(cell.biasName(), dBias.toArray());
        cell.gradients(grads);
        grads.put(Parameters.W_OUT, dWOut.toArray());
        grads.put(Parameters.B_OUT, dBOut.toArray());
        Map<String, double[]> ordered = new LinkedHashMap<>();
        for (String p : parameterNames()) ordered.put(p, grads.get(p));
        return new Result(loss, logitsOut(readout), ordered, inputGradients ? inputGradients() : Map.of());
    }

    /**
     * After the backward loop (P holds dL/dp_t): dL/d drive_t is the drive block of dL/dp_t and
     * dL/dx_t = dL/dp_t W_in^T, both batch-major.
     */
    private Map<String, double[]> inputGradients() {
        double[] dx = new double[B * T * I], dd = new double[B * T * N];
        int col = cell.driveBlock() * N;
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) {
            int p = (t * B + b) * K;
            for (int i = 0; i < N; i++) dd[(b * T + t) * N + i] = P.get(p + col + i);
            for (int j = 0; j < I; j++) {
                double v = 0;
                for (int k = 0; k < K; k++) v += P.get(p + k) * Win.get(j * K + k);
                dx[(b * T + t) * I + j] = v;
            }
        }
        return Map.of(INPUT_GRADIENT, dx, DRIVE_GRADIENT, dd);
    }

    @Override
    public Result forward(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, Map<String, double[]> params, Set<String> record) {
        Blas.threads(1);   // the SameDiff path may have set more; the shards are the fused path's threads
        return forward(x, batch, steps, inputSize, drive, targets, params, record, KernelSupport.norm(targets, batch, steps, params));
    }

    /** forward of a shard of a batch: the loss is divided by norm (the full batch's, {@link Targets#norm}). */
    Result forward(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, Map<String, double[]> params, Set<String> record, double norm) {
        setup(x, batch, steps, inputSize, drive, params);
        targets.check(B, T, C);
        Set<String> wanted = record == null ? Set.of() : record;
        for (String s : wanted) if (!signals().contains(s)) throw new IllegalArgumentException("model " + model + " has no signal '" + s + "'; it has " + signals());
        cell.prepare(B, T, N, params, false, wanted.contains(Signals.G), par);
        Readout readout = targets.readout();
        forwardPass(drive, readout);
        double loss = !targets.present() ? Double.NaN
                : readout.perStep() ? FusedReadout.stepLoss(B, T, C, stepLogits, targets, null, norm)
                : FusedReadout.loss(B, C, logits, targets.classes(), null, norm);
        Map<String, double[]> out = new LinkedHashMap<>();
        if (wanted.contains(Signals.A)) out.put(Signals.A, KernelSupport.toBatchMajor(P, T, B, N));
        if (wanted.contains(Signals.H)) out.put(Signals.H, KernelSupport.toBatchMajor(H, T, B, N));
        cell.record(wanted, out);
        return new Result(loss, logitsOut(readout), Map.of(), out);
    }

    /** The read-out's output, batch-major: [B, C], or [B, T, C] for a per-step read-out. */
    private double[] logitsOut(Readout readout) {
        return readout.perStep() ? KernelSupport.toBatchMajor(stepLogits, T, B, C) : logits.toArray();
    }

    /** The time-major history P [T, B, K]: after forwardBackward it holds dL/dp_t of every step (for tests). */
    Buf bpttHistory() { return P; }

    @Override
    public void close() { par.close(); }

    @Override
    public String toString() { return "RecurrentKernel[" + model + ", N=" + N + ", cell=" + cell + "]"; }
}
