package org.neuradapt.network;

/**
 * Names and layouts of the parameters of the built-in models: the contract shared by the
 * SameDiff graphs, the fused kernels, checkpoints and analyses. Row-vector convention
 * (batch-major): a_t = x_t U + h_{t-1} W + b, so U is [I, N] and W is [N, N].
 *
 * <pre>
 * Elman RNN (all rnn_*):  U [I, N], W [N, N], b [N]
 *   rnn_gamma_hom:        n [1], s [1]          (one gain and saturation shared by all neurons)
 *   rnn_gamma_het:        n [N], s [N]          (per neuron)
 * ARUN:                   U [I, N], W [N, N], b [N]          a_t, as the Elman RNN
 *   controller:           u_ag [M], W_gg [M, M], b_g [M]     g_t = tanh(a_t u_ag + g_{t-1} W_gg + b_g)
 *                         w_gn [M, 1], b_n [1], w_gs [M, 1], b_s [1]  n_t = g_t . w_gn + b_n, s_t = g_t . w_gs + b_s
 * LSTM:                   W_ih [I, 4N], W_hh [N, 4N], b [4N]  gate blocks in the order i, f, g, o;
 *                         the drive is added to the output gate's pre-activation (docs/science.md section 4)
 * GRU:                    W_ih [I, 3N], W_hh [N, 3N], b_ih [3N], b_hh [3N]  blocks r, z, c (candidate);
 *                         c = tanh(x W_ic + b_ic + r * (h W_hc + b_hc)), h' = (1 - z) c + z h;
 *                         the drive is added to the candidate's pre-activation
 * Read-out (all models):  W_out [N, C], b_out [C]   logits = h_T W_out + b_out
 * </pre>
 */
public final class Parameters {
    public static final String U = "U", W = "W", B = "b", GAIN = "n", SATURATION = "s";
    public static final String U_AG = "u_ag", W_GG = "W_gg", B_G = "b_g", W_GN = "w_gn", B_N = "b_n", W_GS = "w_gs", B_S = "b_s";
    public static final String W_IH = "W_ih", W_HH = "W_hh", B_IH = "b_ih", B_HH = "b_hh";
    public static final String W_OUT = "W_out", B_OUT = "b_out";

    private Parameters() {}

    /** A row-major flat parameter (W [N, N], W_gg [M, M]) as rows x (length / rows). */
    public static double[][] matrix(double[] flat, int rows) {
        int cols = flat.length / rows;
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, m[r], 0, cols);
        return m;
    }
}
