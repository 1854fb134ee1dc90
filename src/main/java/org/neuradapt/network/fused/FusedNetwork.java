package org.neuradapt.network.fused;

import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.neuradapt.network.Readout;
import org.neuradapt.network.Targets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.network.fused.FastKernels;
import org.neuradapt.network.fused.FusedKernel;

/**
 * The fast path: a built-in model executed by a {@link FusedKernel} (hand-written BPTT over
 * OpenBLAS) behind the same {@link Network} contract as {@link SameDiffNetwork}: the same
 * parameter names, layouts and initial values, the same loss, logits and gradients (checked by
 * {@code FusedNetworkEqualityTest}).
 */
public final class FusedNetwork implements Network {
    private final FusedKernel kernel;
    private final Map<String, INDArray> params;
    private final DataType dtype;
    private final Readout readout;

    /** @param initial parameter values (as {@link ModelFactory#initialParameters} draws them), held as the live parameters */
    public FusedNetwork(FusedKernel kernel, Map<String, INDArray> initial, DataType dtype) {
        this(kernel, initial, dtype, Readout.LAST);
    }

    /** A network with the read-out of its task (docs/tasks.md, "Targets"). */
    public FusedNetwork(FusedKernel kernel, Map<String, INDArray> initial, DataType dtype, Readout readout) {
        this.kernel = kernel;
        this.dtype = dtype;
        this.readout = readout;
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String name : kernel.parameterNames()) {
            INDArray v = initial.get(name);
            if (v == null) throw new IllegalArgumentException("no initial value for parameter '" + name + "' of " + kernel.model());
            p.put(name, v.castTo(dtype));
        }
        if (p.size() != initial.size())
            throw new IllegalArgumentException(kernel.model() + ": parameters " + initial.keySet() + " do not match the kernel's " + kernel.parameterNames());
        this.params = Collections.unmodifiableMap(p);
    }

    @Override public String modelType() { return kernel.model(); }

    @Override public String backend() { return "fused"; }

    @Override public Readout readout() { return readout; }

    @Override public Map<String, INDArray> parameters() { return params; }

    @Override
    public Gradients lossAndGradients(Batch batch) {
        FusedKernel.Result r = kernel.forwardBackward(doubles(batch.x()), batch.size(), batch.steps(), (int) batch.x().size(2),
                batch.drive() == null ? null : doubles(batch.drive()), targets(batch), paramArrays(), false);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet())
            grads.put(e.getKey(), Nd4j.createFromArray(r.gradients().get(e.getKey())).reshape(e.getValue().shape()).castTo(dtype));
        return new Gradients(r.loss(), logits(r, batch), grads);
    }

    @Override
    public InputGradients inputGradients(Batch batch) {
        int b = batch.size(), t = batch.steps(), i = (int) batch.x().size(2), n = kernel.hidden();
        FusedKernel.Result r = kernel.forwardBackward(doubles(batch.x()), b, t, i,
                batch.drive() == null ? null : doubles(batch.drive()), targets(batch), paramArrays(), true);
        return new InputGradients(Nd4j.createFromArray(r.signals().get(FusedKernel.INPUT_GRADIENT)).reshape(b, t, i).castTo(dtype),
                Nd4j.createFromArray(r.signals().get(FusedKernel.DRIVE_GRADIENT)).reshape(b, t, n).castTo(dtype));
    }

    @Override
    public INDArray logits(Batch batch) {
        return logits(forward(batch, Set.of()), batch);
    }

    @Override public Set<String> signals() { return kernel.signals(); }

    @Override
    public Map<String, INDArray> record(Batch batch, Set<String> names) {
        for (String n : names)
            if (!kernel.signals().contains(n)) throw new IllegalArgumentException(modelType() + " has no signal '" + n + "'; it has " + signals());
        FusedKernel.Result r = forward(batch, names);
        Map<String, INDArray> out = new LinkedHashMap<>();
        long b = batch.size(), t = batch.steps(), n = kernel.hidden();
        for (String name : names) {
            double[] v = r.signals().get(name);
            long per = v.length / (b * t * n);
            out.put(name, per == 1 ? Nd4j.createFromArray(v).reshape(b, t, n).castTo(dtype)
                    : Nd4j.createFromArray(v).reshape(b, t, n, per).castTo(dtype));
        }
        return out;
    }

    private FusedKernel.Result forward(Batch batch, Set<String> record) {
        return kernel.forward(doubles(batch.x()), batch.size(), batch.steps(), (int) batch.x().size(2),
                batch.drive() == null ? null : doubles(batch.drive()), Targets.none(readout), paramArrays(), record);
    }

    private INDArray logits(FusedKernel.Result r, Batch batch) {
        int b = batch.size(), t = batch.steps();
        return readout.perStep() ? Nd4j.createFromArray(r.logits()).reshape(b, t, r.logits().length / (b * t)).castTo(dtype)
                : Nd4j.createFromArray(r.logits()).reshape(b, r.logits().length / b).castTo(dtype);
    }

    private Map<String, double[]> paramArrays() {
        Map<String, double[]> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, doubles(v)));
        return m;
    }

    private static double[] doubles(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /** The batch's targets for this network's read-out; a batch made for another read-out is refused. */
    private Targets targets(Batch batch) {
        if (readout.perStep()) return batch.stepTargets(readout);
        INDArray y = batch.labels();
        if (y == null) throw new IllegalArgumentException("this network reads out the last step, and the batch carries no labels");
        return Targets.last(FastKernels.labelsFromOneHot(doubles(y), (int) y.size(0), (int) y.size(1)));
    }
}
