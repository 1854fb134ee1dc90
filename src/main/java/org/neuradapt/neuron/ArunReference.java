package org.neuradapt.neuron;

/**
 * The ARUN's reference step (docs/science.md section 2.2): one step on its full state (h, g), in
 * double precision, written as the equations below, and its Jacobian-vector product. It is the
 * ARUN's single double-precision statement: the fused kernel and the SameDiff graph are held to
 * it (ArunReferenceTest), and the full-state Lyapunov exponents (docs/science.md section 5.5,
 * variant "full") use its products:
 *
 * <pre>
 *   a_t   = h_{t-1} W + c_t                       c_t = x_t U + b + drive_t (given)
 *   g_t^i = tanh(a_t^i u_ag + g_{t-1}^i W_gg + b_g)
 *   n_t^i = g_t^i . w_gn + b_n,   s_t^i = g_t^i . w_gs + b_s
 *   h_t^i = gamma(a_t^i; n_t^i, s_t^i)
 * </pre>
 *
 * A tangent vector is laid out as [dh (N), dg^0 (M), ..., dg^{N-1} (M)], dimension N (M + 1). The
 * product needs only a_t, g_t, n_t, s_t of the step (the tanh's derivative is 1 - g_t^2), so a
 * recorded trajectory is enough and no N(M+1)-square matrix is formed.
 *
 * @param w    W [N][N]
 * @param uAg  u_ag [M]
 * @param wGg  W_gg [M][M]
 * @param bG   b_g [M]
 * @param wGn  w_gn [M]
 * @param bN   b_n
 * @param wGs  w_gs [M]
 * @param bS   b_s
 */
public record ArunReference(double[][] w, double[] uAg, double[][] wGg, double[] bG, double[] wGn, double bN, double[] wGs, double bS) {

    /**
     * The step of a network: W [N][N] and the controller's parameters as flat double arrays by the
     * names of {@link ArunController} (W_gg [M, M] row-major, the rest vectors).
     */
    public static ArunReference of(double[][] w, java.util.Map<String, double[]> p) {
        double[] uAg = p.get(ArunController.U_AG);
        int m = uAg.length;
        double[] wgg = p.get(ArunController.W_GG);
        double[][] wGg = new double[m][m];
        for (int r = 0; r < m; r++) System.arraycopy(wgg, r * m, wGg[r], 0, m);
        return new ArunReference(w, uAg.clone(), wGg, p.get(ArunController.B_G).clone(), p.get(ArunController.W_GN).clone(),
                p.get(ArunController.B_N)[0], p.get(ArunController.W_GS).clone(), p.get(ArunController.B_S)[0]);
    }

    public int neurons() { return w.length; }

    public int controller() { return uAg.length; }

    /** Dimension N (M + 1) of the full state. */
    public int dimension() { return neurons() * (controller() + 1); }

    /**
     * The signals of one step.
     *
     * @param a [N], g [N][M], n [N], s [N], h [N]
     */
    public record State(double[] a, double[][] g, double[] n, double[] s, double[] h) {}

    /** One step from (h, g) with the input current c = x U + b + drive. */
    public State forward(double[] h, double[][] g, double[] c) {
        int nn = neurons(), m = controller();
        double[] a = c.clone();
        for (int j = 0; j < nn; j++) for (int i = 0; i < nn; i++) a[i] += h[j] * w[j][i];
        double[][] g2 = new double[nn][m];
        double[] n = new double[nn], s = new double[nn], h2 = new double[nn];
        for (int i = 0; i < nn; i++) {
            for (int k = 0; k < m; k++) {
                double z = a[i] * uAg[k] + bG[k];
                for (int l = 0; l < m; l++) z += g[i][l] * wGg[l][k];
                g2[i][k] = Math.tanh(z);
            }
            n[i] = bN + dot(g2[i], wGn);
            s[i] = bS + dot(g2[i], wGs);
            h2[i] = Gamma.value(a[i], n[i], s[i]);
        }
        return new State(a, g2, n, s, h2);
    }

    /** J_t v for the step whose signals are {@code at} (its a_t, g_t, n_t, s_t), v laid out as the class comment says. */
    public double[] jvp(State at, double[] v) {
        int nn = neurons(), m = controller();
        double[] out = new double[dimension()];
        double[] da = new double[nn];
        for (int j = 0; j < nn; j++) {
            double vj = v[j];
            if (vj != 0) for (int i = 0; i < nn; i++) da[i] += w[j][i] * vj;
        }
        for (int i = 0; i < nn; i++) {
            int base = nn + i * m;
            double dn = 0, ds = 0;
            double[] gi = at.g()[i];
            for (int k = 0; k < m; k++) {
                double z = da[i] * uAg[k];
                for (int l = 0; l < m; l++) z += v[base + l] * wGg[l][k];
                double dg = (1 - gi[k] * gi[k]) * z;
                out[base + k] = dg;
                dn += dg * wGn[k];
                ds += dg * wGs[k];
            }
            double a = at.a()[i], n = at.n()[i], s = at.s()[i];
            out[i] = Gamma.dx(a, n, s) * da[i] + Gamma.dn(a, n, s) * dn + Gamma.ds(a, n, s) * ds;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
