package org.neuradapt.network.fused;

import org.neuradapt.neuron.ClassicActivation;
import java.util.Arrays;

/** {@link ControllerRows} in double arithmetic over any storage: the reference implementation. */
final class ScalarControllerRows implements ControllerRows {
    private final int M;
    private final double[] uag, bg, wgn, wgs;
    private final double[] acc;   // du_ag, db_g, dw_gn, dw_gs

    ScalarControllerRows(int M) {
        this.M = M;
        uag = new double[M]; bg = new double[M]; wgn = new double[M]; wgs = new double[M];
        this.acc = new double[4 * M];
    }

    @Override
    public void setParameters(double[] uag, double[] bg, double[] wgn, double[] wgs) {
        System.arraycopy(uag, 0, this.uag, 0, M);
        System.arraycopy(bg, 0, this.bg, 0, M);
        System.arraycopy(wgn, 0, this.wgn, 0, M);
        System.arraycopy(wgs, 0, this.wgs, 0, M);
    }

    @Override
    public void forward(Buf G, int R, int r0, int r1, Buf A, int aOff, Buf n, Buf s, int nOff, double bn, double bs) {
        for (int r = r0; r < r1; r++) {
            double a = A.get(aOff + r), ns = bn, ss = bs;
            for (int m = 0, i = r; m < M; m++, i += R) {
                double g = ClassicActivation.tanh(G.get(i) + a * uag[m] + bg[m]);
                G.set(i, g);
                ns += g * wgn[m];
                ss += g * wgs[m];
            }
            n.set(nOff + r, ns);
            s.set(nOff + r, ss);
        }
    }

    @Override
    public void beginBackward() {
        Arrays.fill(acc, 0.0);
    }

    @Override
    public void backward(Buf G, Buf carry, Buf dZ, int R, int r0, int r1, Buf A, int aOff, double[] dN, double[] dS, double[] dA) {
        final double[] ac = acc;
        final int oB = M, oN = 2 * M, oS = 3 * M;
        for (int r = r0; r < r1; r++) {
            double a = A.get(aOff + r), dn = dN[r], ds = dS[r], da = dA[r];
            for (int m = 0, i = r; m < M; m++, i += R) {
                double g = G.get(i);
                double dg = carry.get(i) + dn * wgn[m] + ds * wgs[m];
                ac[oN + m] += dn * g;
                ac[oS + m] += ds * g;
                double dz = dg * (1 - g * g);
                dZ.setGrad(i, dz);
                da += dz * uag[m];
                ac[m] += dz * a;
                ac[oB + m] += dz;
            }
            A.setGrad(aOff + r, da);
        }
    }

    @Override
    public double[] gradients() { return acc.clone(); }
}
