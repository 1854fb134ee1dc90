package org.neuradapt.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's defaults (beta1 0.9, beta2 0.999, eps 1e-8, bias
 * correction), updating the network's parameter arrays in place. Its moments are part of the
 * checkpoint so that a resumed run continues exactly where it stopped.
 *
 * <p>The update runs in plain Java loops over one bulk copy of each array: as a dozen ND4J ops
 * per parameter it cost 16 ms per batch for a small ARUN (each op pays ND4J's call overhead),
 * about a fifth of the whole training step.
 */
public final class Adam {
    public static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    private final Map<String, double[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private long step;

    public Adam(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            int n = Math.toIntExact(e.getValue().length());
            m.put(e.getKey(), new double[n]);
            v.put(e.getKey(), new double[n]);
        }
    }

    /** One update: p -= lr mhat / (sqrt(vhat) + eps). */
    public void update(Map<String, INDArray> params, Map<String, INDArray> grads, double lr) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step), c2 = 1 - Math.pow(BETA2, step);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray p = e.getValue();
            double[] w = values(p), g = values(grads.get(e.getKey()));
            double[] mi = m.get(e.getKey()), vi = v.get(e.getKey());
            for (int i = 0; i < w.length; i++) {
                mi[i] = BETA1 * mi[i] + (1 - BETA1) * g[i];
                vi[i] = BETA2 * vi[i] + (1 - BETA2) * g[i] * g[i];
                w[i] -= lr * (mi[i] / c1) / (Math.sqrt(vi[i] / c2) + EPS);
            }
            if (plain(p)) p.data().setData(w);
            else p.assign(Nd4j.createFromArray(w).reshape(p.shape()).castTo(p.dataType()));
        }
    }

    /** A contiguous, row-major array that owns its whole buffer: its data can be read and written in bulk. */
    private static boolean plain(INDArray a) {
        return !a.isView() && a.ordering() == 'c' && a.data().length() == a.length();
    }

    private static double[] values(INDArray a) {
        return plain(a) ? a.data().asDouble() : a.dup('c').data().asDouble();
    }

    public long step() { return step; }

    /** First moments by parameter name, shaped like the parameters (double precision). */
    public Map<String, INDArray> firstMoments() { return asArrays(m); }

    /** Second moments by parameter name. */
    public Map<String, INDArray> secondMoments() { return asArrays(v); }

    private static Map<String, INDArray> asArrays(Map<String, double[]> moments) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        moments.forEach((k, a) -> out.put(k, Nd4j.createFromArray(a.clone())));
        return out;
    }

    /** Restores the state saved in a checkpoint. */
    public void restore(long step, Map<String, INDArray> first, Map<String, INDArray> second) {
        this.step = step;
        first.forEach((k, a) -> System.arraycopy(a.castTo(DataType.DOUBLE).data().asDouble(), 0, m.get(k), 0, m.get(k).length));
        second.forEach((k, a) -> System.arraycopy(a.castTo(DataType.DOUBLE).data().asDouble(), 0, v.get(k), 0, v.get(k).length));
    }
}
