package org.neuradapt.neuron;

/**
 * The pseudo-derivative of a spike z = H(u) (docs/science.md section 10.4): the forward pass
 * emits the step, back-propagation uses psi(u) in place of H'(u) = delta(u). This one is the
 * triangle of Bellec et al. (2018), psi(u) = scale max(0, 1 - |u| / width), with u the distance
 * to threshold in units of the threshold. {@link #smooth} is its integral, the function whose true
 * derivative psi is: check-model differentiates networks built with it in place of H.
 *
 * @param scale psi(0), the "dampening factor" (Bellec et al.: 0.3)
 * @param width the half-width of the triangle in units of u (Bellec et al.: 1)
 */
public record Surrogate(double scale, double width) {
    /** Bellec et al. (2018): scale 0.3, width 1. */
    public static final Surrogate BELLEC = new Surrogate(0.3, 1.0);

    public Surrogate {
        if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("surrogate_scale must be > 0, got " + scale);
        if (!(width > 0) || !Double.isFinite(width)) throw new IllegalArgumentException("surrogate_width must be > 0, got " + width);
    }

    /** psi(u), used as dz/du in BPTT. */
    public double derivative(double u) {
        return scale * Math.max(0.0, 1.0 - Math.abs(u) / width);
    }

    /** The integral of psi from -infinity to u: 0 below -width, scale * width above width, C^1 in between. */
    public double smooth(double u) {
        double w = width;
        if (u <= -w) return 0;
        if (u >= w) return scale * w;
        if (u <= 0) return scale * (u + w) * (u + w) / (2 * w);
        return scale * (w - (w - u) * (w - u) / (2 * w));
    }
}
