package org.neuradapt.network.fused;

/**
 * The element-wise part of the ARUN controller (docs/science.md section 2) for the neurons
 * r in [r0, r1) of one step. {@link FusedArunCell} owns the buffers, the controller GEMMs, the
 * checkpointing and gamma; this interface owns the loops over the controller units m and the
 * accumulators of the controller's parameter gradients.
 *
 * <p>Layout: a controller state is unit-major, [M, R] with R = B N neurons: g^r_m at
 * {@code m R + r}. So the loops run along neurons, contiguous, M times, with no reduction
 * across lanes (n_t and s_t are sums over m, accumulated per neuron), and the GEMMs are
 * [M, M] x [M, R] products.
 *
 * <p>Implementations (one instance per single-threaded kernel): {@link ScalarControllerRows}
 * (double arithmetic, any storage; the reference) and {@link VectorControllerRows} (float
 * storage, SIMD lanes through the Vector API).
 */
interface ControllerRows {
    /** Copies the controller's parameters u_ag, b_g, w_gn, w_gs (each of size M) for the next pass. */
    void setParameters(double[] uag, double[] bg, double[] wgn, double[] wgs);

    /**
     * Forward for neurons [r0, r1), in place on G ([M, R], holding W_gg^T g_{t-1} on entry):
     * g = tanh(G + a u_ag + b_g) with a = A[aOff + r]; n_t = g . w_gn + bn into
     * n[nOff + r] and s_t = g . w_gs + bs into s[nOff + r].
     */
    void forward(Buf G, int R, int r0, int r1, Buf A, int aOff, Buf n, Buf s, int nOff, double bn, double bs);

    /** Zeroes the gradient accumulators. */
    void beginBackward();

    /**
     * Backward for neurons [r0, r1) with g_t in G and the carry dL/dg_t (from step t+1) in
     * carry (both [M, R]), dn = dL/dn_t in dN[r], ds = dL/ds_t in dS[r]:
     * dg = carry + dn w_gn + ds w_gs, dz = dg (1 - g^2) into dZ; accumulates
     * du_ag += dz a, db_g += dz, dw_gn += dn g, dw_gs += ds g (a = A[aOff + r]); then
     * replaces A[aOff + r] by dA[r] + dz . u_ag (the whole dL/da when dA holds gamma's part).
     */
    void backward(Buf G, Buf carry, Buf dZ, int R, int r0, int r1, Buf A, int aOff, double[] dN, double[] dS, double[] dA);

    /** The accumulated gradients: [du_ag (M), db_g (M), dw_gn (M), dw_gs (M)]. */
    double[] gradients();
}
