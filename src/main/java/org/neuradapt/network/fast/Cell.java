package org.neuradapt.network.fast;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The neuron model of the {@link RecurrentKernel}: maps the pre-activation a_t (all B x N
 * neurons of one step, one contiguous block of the time-major history) to h_t, and back.
 * The Elman activation ({@link ActivationCell}) and the ARUN controller ({@link ArunCell})
 * are the two implementations.
 */
interface Cell {
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

    /** h_t = cell(a_t) for the B*N neurons of step t at offset off of A and H. */
    void forward(int t, Buf A, Buf H, int off);

    /** Zeroes the cell's gradient accumulators; called once before the backward loop. */
    void beginBackward();

    /**
     * Given dL/dh_t in dH[0, B*N) (total, from the read-out and from step t+1), replaces
     * A[off, off + B*N) (a_t) with dL/da_t and accumulates the cell's parameter gradients;
     * H[off, off + B*N) holds h_t. Called for t = T-1 down to 0.
     */
    void backward(int t, Buf A, Buf H, Buf dH, int off);

    /** Puts the gradients of the cell's parameters into out. */
    void gradients(Map<String, double[]> out);

    /** Puts the requested cell signals, batch-major [B, T, N] (g: [B, T, N, M]), into out. */
    void record(Set<String> wanted, Map<String, double[]> out);
}
