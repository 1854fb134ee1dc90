package org.neuradapt.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's defaults (beta1 0.9, beta2 0.999, eps 1e-8, bias
 * correction), updating the network's parameter arrays in place. Its moments are part of the
 * checkpoint so that a resumed run continues exactly where it stopped.
 */
public final class Adam {
    public static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    private final Map<String, INDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private long step;

    public Adam(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            m.put(e.getKey(), e.getValue().ulike());
            v.put(e.getKey(), e.getValue().ulike());
        }
        m.values().forEach(a -> a.assign(0));
        v.values().forEach(a -> a.assign(0));
    }

    /** One update: p -= lr mhat / (sqrt(vhat) + eps). */
    public void update(Map<String, INDArray> params, Map<String, INDArray> grads, double lr) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step), c2 = 1 - Math.pow(BETA2, step);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = grads.get(e.getKey()).castTo(e.getValue().dataType());
            INDArray mi = m.get(e.getKey()).muli(BETA1).addi(g.mul(1 - BETA1));
            INDArray vi = v.get(e.getKey()).muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
            INDArray denom = Transforms.sqrt(vi.div(c2), false).addi(EPS);
            e.getValue().subi(mi.mul(lr / c1).divi(denom));
        }
    }

    public long step() { return step; }

    public Map<String, INDArray> firstMoments() { return m; }

    public Map<String, INDArray> secondMoments() { return v; }

    /** Restores the state saved in a checkpoint. */
    public void restore(long step, Map<String, INDArray> first, Map<String, INDArray> second) {
        this.step = step;
        first.forEach((k, a) -> m.get(k).assign(a));
        second.forEach((k, a) -> v.get(k).assign(a));
    }
}
