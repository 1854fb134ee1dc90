package org.neuradapt.analysis;

/**
 * The spectral fractional derivative of order alpha of a signal of L samples at unit spacing
 * (docs/science.md section 5.4):
 *
 * <pre>
 *   D^alpha y = Re IFFT[ H(f) FFT(y) ],   H(f) = (i 2 pi f)^alpha (principal power),   H(0) = 0
 * </pre>
 *
 * with f the FFT frequencies in numpy's {@code fftfreq(L, d=1)} order: k/L for k &lt; L/2 and
 * (k - L)/L above, so for even L the Nyquist bin k = L/2 has f = -1/2. For f &gt; 0,
 * H = (2 pi f)^alpha e^{i alpha pi/2}; for f &lt; 0 the principal power is
 * |2 pi f|^alpha e^{-i alpha pi/2}, the complex conjugate, so every pair (k, L - k) gives a real
 * contribution.
 *
 * <p><b>The Nyquist bin (even L).</b> It has no partner: H = pi^alpha e^{-i alpha pi/2} times a
 * real X_{L/2}, so the inverse transform has an imaginary part there, and the real part that the
 * definition (and the reference's {@code frac_diff(...).real}) keeps amounts to using
 * Re H = pi^alpha cos(alpha pi/2) at that bin. Consequences, both checked in the tests: D^1 of the
 * alternating signal (-1)^t is 0, and D^a D^b = D^(a+b) holds only for signals without Nyquist
 * content. Values agree with numpy's {@code np.fft.ifft((1j*2*np.pi*f)**alpha * np.fft.fft(y)).real}
 * to 1e-12.
 *
 * <p><b>How it is computed.</b> y is real, so D^alpha is a real circulant operator:
 * (D^alpha y)_t = sum_s c[(t - s) mod L] y_s with the kernel
 *
 * <pre>
 *   c[m] = (1/L) [ sum_{k=1}^{ceil(L/2)-1} 2 w_k^alpha cos(2 pi k m / L + alpha pi/2)  +  [L even] pi^alpha cos(alpha pi/2) (-1)^m ],
 *   w_k = 2 pi k / L
 * </pre>
 *
 * The cosine and sine tables and the log w_k do not depend on alpha and are built once by the
 * constructor; {@link #at} builds the kernel of one alpha in O(L^2 / 2) and the {@link Operator}
 * applies it to any number of signals in O(L^2) each. A plain DFT was chosen over Bluestein's
 * algorithm on Commons Math's power-of-two {@code FastFourierTransformer} by measurement at the
 * protocol's L = 150 (zero-padded to 512 for Bluestein; the forward FFT of each signal
 * precomputed for it): per signal and alpha, all 150 outputs took 9-11 us here against 10-16 us,
 * and the 71 steps the fit needs (its MSE window and reference step, {@link Operator#apply(double[],
 * int, int, double[])}) about 4 us against 10 us, which Bluestein cannot save. The kernel itself is
 * built once per alpha and shared by the amplitudes and every neuron.
 *
 * <p>Immutable and thread-safe.
 */
public final class FractionalDerivative {
    private final int length;
    private final int pairs;            // the bins k = 1 .. pairs, each with its conjugate L - k
    private final boolean nyquist;      // L even: the bin L/2 stands alone
    private final double[] logOmega;    // log(2 pi k / L), k = 1 .. pairs
    private final double[][] cos, sin;  // cos(2 pi k m / L), sin(...), [pairs][L]

    /** The derivative for signals of {@code length} samples (length &gt;= 1). */
    public FractionalDerivative(int length) {
        if (length < 1) throw new IllegalArgumentException("a signal needs at least one sample, got length " + length);
        this.length = length;
        this.pairs = (length - 1) / 2;
        this.nyquist = length % 2 == 0;
        this.logOmega = new double[pairs];
        this.cos = new double[pairs][length];
        this.sin = new double[pairs][length];
        for (int k = 1; k <= pairs; k++) {
            logOmega[k - 1] = Math.log(2 * Math.PI * k / length);
            for (int m = 0; m < length; m++) {
                // reduce k m mod L first: the angle stays in [0, 2 pi) and the tables exact to rounding
                double angle = 2 * Math.PI * (((long) k * m) % length) / length;
                cos[k - 1][m] = Math.cos(angle);
                sin[k - 1][m] = Math.sin(angle);
            }
        }
    }

    /** The number of samples L of the signals this derivative takes. */
    public int length() { return length; }

    /** D^alpha of one signal of {@link #length} samples. */
    public double[] apply(double alpha, double[] y) { return at(alpha).apply(y); }

    /** The operator D^alpha, to apply to many signals. */
    public Operator at(double alpha) {
        if (!Double.isFinite(alpha)) throw new IllegalArgumentException("alpha must be finite, got " + alpha);
        double ca = Math.cos(alpha * Math.PI / 2), sa = Math.sin(alpha * Math.PI / 2);
        double[] kernel = new double[length];
        for (int k = 0; k < pairs; k++) {
            double w = 2 * Math.exp(alpha * logOmega[k]) / length;
            double wc = w * ca, ws = w * sa;
            double[] c = cos[k], s = sin[k];
            for (int m = 0; m < length; m++) kernel[m] += wc * c[m] - ws * s[m];
        }
        if (nyquist) {
            double v = Math.pow(Math.PI, alpha) * ca / length;
            for (int m = 0; m < length; m++) kernel[m] += (m % 2 == 0) ? v : -v;
        }
        return new Operator(alpha, kernel);
    }

    /** D^alpha for one alpha: a circulant kernel of L values. */
    public static final class Operator {
        private final double alpha;
        private final double[] kernel;

        private Operator(double alpha, double[] kernel) {
            this.alpha = alpha;
            this.kernel = kernel;
        }

        public double alpha() { return alpha; }

        /** The kernel c[m] (a copy): (D^alpha y)_t = sum_s c[(t - s) mod L] y_s. */
        public double[] kernel() { return kernel.clone(); }

        /** D^alpha y at every step. */
        public double[] apply(double[] y) {
            double[] out = new double[kernel.length];
            apply(y, 0, kernel.length, out);
            return out;
        }

        /**
         * D^alpha y at the steps {@code from <= t < to} only, written to {@code out[t]} (the
         * protocol needs a window and one reference step, not all L).
         */
        public void apply(double[] y, int from, int to, double[] out) {
            int L = kernel.length;
            if (y.length != L) throw new IllegalArgumentException("signal of " + y.length + " samples, the derivative was built for " + L);
            for (int t = from; t < to; t++) {
                double acc = 0;
                // c[(t - s) mod L] for s = 0 .. t is c[t] .. c[0], then c[L-1] .. c[t+1]
                for (int s = 0; s <= t; s++) acc += kernel[t - s] * y[s];
                for (int s = t + 1; s < L; s++) acc += kernel[L + t - s] * y[s];
                out[t] = acc;
            }
        }

        /** D^alpha y at step t. */
        public double at(double[] y, int t) {
            double[] out = new double[kernel.length];
            apply(y, t, t + 1, out);
            return out[t];
        }
    }
}
