package org.neuradapt.network.fast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/**
 * Elman-type recurrence with a pluggable neuron model (SCIENCE.md section 2):
 *
 * <pre>
 *   a_t = x_t U + h_{t-1} W + b (+ drive_t),   h_t = cell(a_t),   h_0 = 0
 *   logits = h_T W_out + b_out,   loss = mean_b CE(softmax(logits_b), y_b)
 * </pre>
 *
 * The histories are time-major ([T, B, N]) so that the input products of all steps are one
 * GEMM, every step's a_t is one contiguous block, and after the backward loop
 * dW = sum_t h_{t-1}^T da_t and dU = sum_t x_t^T da_t are each one GEMM over all steps.
 * Backward: dh_T from the read-out; for t = T..1: da_t = cell'(dh_t) (in place of a_t),
 * dh_{t-1} = da_t W^T.
 */
final class RecurrentKernel implements FusedKernel {
    private final String model;
    private final int N;
    private final Cell cell;
    private final Par par;
    private final Buf.Precision prec;

    private int B = -1, T = -1, I = -1, C = -1;
    private Buf X, A, H, dH, ones;
    private Buf U, W, bias, wOut, bOut, logits, dLogits;
    private Buf dU, dW, dBias, dWOut, dBOut;

    RecurrentKernel(String model, int hidden, Cell cell, int threads, Buf.Precision precision) {
        this.prec = precision;
        this.model = model;
        this.N = hidden;
        this.cell = cell;
        this.par = new Par(threads);
    }

    @Override public String model() { return model; }

    @Override public int hidden() { return N; }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>(List.of(Parameters.U, Parameters.W, Parameters.B));
        names.addAll(cell.parameterNames());
        names.add(Parameters.W_OUT);
        names.add(Parameters.B_OUT);
        return names;
    }

    @Override
    public Map<String, int[]> parameterShapes(int inputSize, int classes) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(Parameters.U, new int[]{inputSize, N});
        m.put(Parameters.W, new int[]{N, N});
        m.put(Parameters.B, new int[]{N});
        for (String p : cell.parameterNames()) m.put(p, cell.shape(p, N));
        m.put(Parameters.W_OUT, new int[]{N, classes});
        m.put(Parameters.B_OUT, new int[]{classes});
        return m;
    }

    @Override
    public Set<String> signals() {
        Set<String> s = new HashSet<>(Set.of(Signals.A, Signals.H));
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
            X = prec.alloc(T * B * I);
            A = prec.alloc(Math.multiplyExact(T * B, N));
            H = prec.alloc(T * B * N);
            dH = prec.alloc(B * N);
            ones = prec.alloc(T * B);
            for (int i = 0; i < T * B; i++) ones.set(i, 1.0);
            U = prec.alloc(I * N); W = prec.alloc(N * N); bias = prec.alloc(N);
            wOut = prec.alloc(N * C); bOut = prec.alloc(C);
            logits = prec.alloc(B * C); dLogits = prec.alloc(B * C);
            dU = prec.alloc(I * N); dW = prec.alloc(N * N); dBias = prec.alloc(N);
            dWOut = prec.alloc(N * C); dBOut = prec.alloc(C);
        }
        U.copyFrom(params.get(Parameters.U));
        W.copyFrom(params.get(Parameters.W));
        bias.copyFrom(params.get(Parameters.B));
        wOut.copyFrom(params.get(Parameters.W_OUT));
        bOut.copyFrom(pOut);
        // x [B, T, I] -> time-major X [T, B, I]
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) X.copyFrom(x, (b * T + t) * I, (t * B + b) * I, I);
    }

    private void forwardPass(double[] drive) {
        final int BN = B * N;
        // A = X U + b (+ drive), all steps at once
        for (int r = 0; r < T * B; r++) for (int i = 0; i < N; i++) A.set(r * N + i, bias.get(i));
        Blas.gemm(false, false, T * B, N, I, 1.0, X, 0, I, U, 0, N, 1.0, A, 0, N);
        if (drive != null) {
            for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) {
                int src = (b * T + t) * N, dst = (t * B + b) * N;
                for (int i = 0; i < N; i++) A.add(dst + i, drive[src + i]);
            }
        }
        for (int t = 0; t < T; t++) {
            int off = t * BN;
            if (t > 0) Blas.gemm(false, false, B, N, N, 1.0, H, off - BN, N, W, 0, N, 1.0, A, off, N);
            cell.forward(t, A, H, off);
        }
        Readout.logits(B, N, C, H, (T - 1) * BN, wOut, bOut, logits);
    }

    @Override
    public Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] drive, int[] labels, Map<String, double[]> params) {
        return forwardBackward(x, batch, steps, inputSize, drive, labels, params, batch);
    }

    /** forwardBackward of a shard of a batch: the loss and gradients are divided by norm (the full batch size). */
    Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] drive, int[] labels, Map<String, double[]> params, int norm) {
        setup(x, batch, steps, inputSize, drive, params);
        if (labels == null || labels.length != B) throw new IllegalArgumentException("need " + B + " labels");
        cell.prepare(B, T, N, params, true, false, par);
        forwardPass(drive);
        double loss = Readout.loss(B, C, logits, labels, dLogits, norm);
        final int BN = B * N;
        Readout.backward(B, N, C, H, (T - 1) * BN, wOut, dLogits, dWOut, dBOut, dH, 0);
        cell.beginBackward();
        for (int t = T - 1; t >= 0; t--) {
            int off = t * BN;
            cell.backward(t, A, H, dH, off);       // A block t now holds da_t
            if (t > 0) Blas.gemm(false, true, B, N, N, 1.0, A, off, N, W, 0, N, 0.0, dH, 0, N);
        }
        // dW = sum_{t>=1} h_{t-1}^T da_t ; dU = X^T dA ; db = 1^T dA
        Blas.gemm(true, false, N, N, (T - 1) * B, 1.0, H, 0, N, A, BN, N, 0.0, dW, 0, N);
        Blas.gemm(true, false, I, N, T * B, 1.0, X, 0, I, A, 0, N, 0.0, dU, 0, N);
        Blas.gemm(false, false, 1, N, T * B, 1.0, ones, 0, T * B, A, 0, N, 0.0, dBias, 0, N);
        Map<String, double[]> grads = new LinkedHashMap<>();
        grads.put(Parameters.U, dU.toArray());
        grads.put(Parameters.W, dW.toArray());
        grads.put(Parameters.B, dBias.toArray());
        cell.gradients(grads);
        grads.put(Parameters.W_OUT, dWOut.toArray());
        grads.put(Parameters.B_OUT, dBOut.toArray());
        Map<String, double[]> ordered = new LinkedHashMap<>();
        for (String p : parameterNames()) ordered.put(p, grads.get(p));
        return new Result(loss, logits.toArray(), ordered, Map.of());
    }

    @Override
    public Result forward(double[] x, int batch, int steps, int inputSize, double[] drive, int[] labels, Map<String, double[]> params, Set<String> record) {
        return forward(x, batch, steps, inputSize, drive, labels, params, record, batch);
    }

    /** forward of a shard of a batch: the loss is divided by norm (the full batch size). */
    Result forward(double[] x, int batch, int steps, int inputSize, double[] drive, int[] labels, Map<String, double[]> params, Set<String> record, int norm) {
        setup(x, batch, steps, inputSize, drive, params);
        Set<String> wanted = record == null ? Set.of() : record;
        for (String s : wanted) if (!signals().contains(s)) throw new IllegalArgumentException("model " + model + " has no signal '" + s + "'; it has " + signals());
        cell.prepare(B, T, N, params, false, wanted.contains(Signals.G), par);
        forwardPass(drive);
        double loss = labels == null ? Double.NaN : Readout.loss(B, C, logits, labels, null, norm);
        Map<String, double[]> out = new LinkedHashMap<>();
        if (wanted.contains(Signals.A)) out.put(Signals.A, KernelSupport.toBatchMajor(A, T, B, N));
        if (wanted.contains(Signals.H)) out.put(Signals.H, KernelSupport.toBatchMajor(H, T, B, N));
        cell.record(wanted, out);
        return new Result(loss, logits.toArray(), Map.of(), out);
    }

    @Override
    public void close() { par.close(); }

    @Override
    public String toString() { return "RecurrentKernel[" + model + ", N=" + N + ", cell=" + cell + "]"; }

    static int[] shape(int... dims) { return Arrays.copyOf(dims, dims.length); }
}
