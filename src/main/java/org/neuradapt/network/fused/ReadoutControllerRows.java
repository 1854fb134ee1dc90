package org.neuradapt.network.fused;

import org.neuradapt.neuron.ControllerReadout;

/**
 * A layer around the ARUN's {@link ControllerRows} (scalar or SIMD, unchanged) for a user's
 * read-out psi ({@link ControllerReadout}, docs/science.md section 2.7): after the rows wrote the
 * linear read-outs n', s' of neurons [r0, r1), forward replaces them by psi(n', s'); backward
 * turns dL/dn, dL/ds into dL/dn', dL/ds' through psi's Jacobian before the rows run, recomputing
 * n', s' from g_t (M multiply-adds per neuron; no history kept), and sums them for the gradients
 * of b_n and b_s ({@link #biasGradients}), which {@link ReadoutArunCell} reports in place of the
 * cell's sums of dL/dn, dL/ds.
 */
final class ReadoutControllerRows implements ControllerRows {
    private final ControllerRows inner;
    private final ControllerReadout psi;
    private final int M;
    private final double[] wgn, wgs, out = new double[6], dBias = new double[2];
    private double bn, bs;

    ReadoutControllerRows(ControllerRows inner, ControllerReadout psi, int M) {
        this.inner = inner;
        this.psi = psi;
        this.M = M;
        wgn = new double[M];
        wgs = new double[M];
    }

    @Override
    public void setParameters(double[] uag, double[] bg, double[] wgn, double[] wgs) {
        inner.setParameters(uag, bg, wgn, wgs);
        System.arraycopy(wgn, 0, this.wgn, 0, M);
        System.arraycopy(wgs, 0, this.wgs, 0, M);
    }

    @Override
    public void forward(Buf G, int R, int r0, int r1, Buf A, int aOff, Buf n, Buf s, int nOff, double bn, double bs) {
        inner.forward(G, R, r0, r1, A, aOff, n, s, nOff, bn, bs);
        this.bn = bn;
        this.bs = bs;
        for (int r = r0; r < r1; r++) {
            psi.readout(n.get(nOff + r), s.get(nOff + r), out);
            n.set(nOff + r, out[0]);
            s.set(nOff + r, out[1]);
        }
    }

    @Override
    public void beginBackward() {
        inner.beginBackward();
        dBias[0] = dBias[1] = 0;
    }

    @Override
    public void backward(Buf G, Buf carry, Buf dZ, int R, int r0, int r1, Buf A, int aOff, double[] dN, double[] dS, double[] dA) {
        for (int r = r0; r < r1; r++) {
            double nl = bn, sl = bs;
            for (int m = 0, i = r; m < M; m++, i += R) {
                double g = G.get(i);
                nl += g * wgn[m];
                sl += g * wgs[m];
            }
            psi.readout(nl, sl, out);
            double dn = dN[r], ds = dS[r];
            dN[r] = dn * out[2] + ds * out[4];
            dS[r] = dn * out[3] + ds * out[5];
            dBias[0] += dN[r];
            dBias[1] += dS[r];
        }
        inner.backward(G, carry, dZ, R, r0, r1, A, aOff, dN, dS, dA);
    }

    @Override
    public double[] gradients() { return inner.gradients(); }

    /** dL/db_n and dL/db_s accumulated since {@link #beginBackward}. */
    double[] biasGradients() { return dBias.clone(); }
}
