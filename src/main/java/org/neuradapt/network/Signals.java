package org.neuradapt.network;

import java.util.List;

/** Names of the internal signals a forward pass can record (docs/science.md sections 2 and 5). */
public final class Signals {
    /** pre-activation a_t = U x_t + W h_{t-1} + b (+ drive_t) */
    public static final String A = "a";
    /** hidden state h_t */
    public static final String H = "h";
    /** gain n_t (adaptive models; constant in time for learned or fixed gamma) */
    public static final String N = "n";
    /** saturation s_t */
    public static final String S = "s";
    /** ARUN controller state g_t, [B, T, N, M] */
    public static final String G = "g";
    /** LSTM cell state c_t */
    public static final String C = "c";

    public static final List<String> NAMES = List.of(A, H, N, S, G, C);

    private Signals() {}
}
