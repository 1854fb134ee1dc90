package org.neuradapt.network.fused;

import org.neuradapt.network.Parameters;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The neuron model of the {@link RecurrentKernel}: maps the pre-activation p_t = x_t W_in +
 * h_{t-1} W_rec + bias (+ drive) of one step, width K = width() N per sample, one contiguous
 * [B, K] block of the time-major history, to h_t, and back. Implementations: the Elman
 * activation ({@link FusedElmanCell}), the ARUN controller ({@link FusedArunCell}), the LSTM
 * ({@link FusedLstmCell}, K = 4N) and the GRU ({@link FusedGruCell}, K = 3N, whose recurrent product
 * is kept apart from p_t: {@link #separateRecurrent()}).
 */
interface FusedCell {
    /** K / N: 1 for Elman and ARUN, 4 for the LSTM, 3 for the GRU. */
    default int width() { return 1; }

    /** The N-wide block of p_t that receives the drive (LSTM: 3, the output gate; GRU: 2, the candidate). */
    default int driveBlock() { return 0; }

    /** Parameter names of W_in [I, K], W_rec [N, K] and the bias [K] that the kernel owns. */
    default String inputWeightName() { return org.neuradapt.network.Parameters.U; }

    default String recurrentWeightName() { return org.neuradapt.network.Parameters.W; }

    default String biasName() { return org.neuradapt.network.Parameters.B; }

    /**
     * True when h_{t-1} W_rec is handed to the cell separately (buffer R [B, K]) instead of
     * being added to p_t, and the cell returns its gradient dR (GRU).
     */
    default boolean separateRecurrent() { return false; }

    /**
     * kappa of the read-out's leaky integration of h_t (docs/science.md section 10.5): the logits
     * read r_T, r_t = kappa r_{t-1} + (1 - kappa) h_t. 0 (default): h_T itself.
     */
    default double readoutDecay() { return 0; }

    /** Whether p_t is the per-neuron pre-activation a_t (signal "a"); false for gated cells. */
    default boolean hasPreActivationSignal() { return true; }

    /** Names of the cell's own parameters (beyond U, W, b and the read-out). */
    List<String> parameterNames();

    /** Shape of one of the cell's parameters for hidden size N. */
    int[] shape(String name, int N);

    /** Signals the cell can record beyond a and h. */
    Set<String> signals();

    /**
     * Allocates for (B, T, N) and copies the cell's parameters. backward: a backward pass
     * follows; keepAll: keep every per-step internal state (to record it).
     */
    void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par);

    /**
     * h_t = cell(p_t) for step t: p_t at P[pOff, pOff + B*K), h_t to H[hOff, hOff + B*N)
     * (h_{t-1} is at hOff - B*N when t &gt; 0); R holds h_{t-1} W_rec when separateRecurrent().
     */
    void forward(int t, Buf P, int pOff, Buf H, int hOff, Buf R);

    /** Zeroes the cell's gradient accumulators; called once before the backward loop. */
    void beginBackward();

    /**
     * Given dL/dh_t in dH[0, B*N) (total: from the read-out or through W_rec from step t+1,
     * plus the cell's own direct term), replaces p_t in P with dL/dp_t and accumulates the
     * cell's parameter gradients. When separateRecurrent(), also writes dL/dR into dR.
     * A cell whose h_t depends on h_{t-1} other than through W_rec (GRU) writes that part of
     * dL/dh_{t-1} into dHprev and returns true; otherwise returns false and leaves dHprev.
     * Called for t = T-1 down to 0.
     */
    boolean backward(int t, Buf P, int pOff, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR);

    /** Puts the gradients of the cell's parameters into out. */
    void gradients(Map<String, double[]> out);

    /** Puts the requested cell signals, batch-major [B, T, N] (g: [B, T, N, M]), into out; P holds p_t or the cell's values after forward. */
    void record(Set<String> wanted, Map<String, double[]> out);
}
