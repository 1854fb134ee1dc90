package org.neuradapt.network.graph;

import org.neuradapt.network.Batch;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

import org.neuradapt.network.Network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neuradapt.util.Quiet;

/**
 * The generic SameDiff path for long sequences: instead of one graph unrolled over T steps
 * ({@link SameDiffNetwork}), two one-step graphs of the same {@link RecurrentCell} (the first
 * step, from the zero state, and every later step, from placeholders holding the previous
 * state), run T times forward, and back-propagation through time driven from Java: at step t
 * the step graph's gradient function takes the upstream gradients dL/dh_t and dL/d(state_t) as
 * placeholders (through the surrogate loss sum(h_t * gH) + sum(state_t * gS)) and returns the
 * parameter gradients and dL/dh_{t-1}, dL/d(state_{t-1}). The read-out and the loss
 * (docs/science.md section 2) are plain ND4J operations.
 *
 * <p>Why: SameDiff 1.0.0-M2.1 re-initialises its execution subgraph on every call at a cost that
 * grows faster than linearly with the graph, so the unrolled graph becomes unusable above about
 * T = 100 (measured: 0.47 s per batch at T = 49, 5.5 s at T = 98), while a step graph costs the
 * same at every step. It computes exactly what the unrolled graph computes (tested).
 */
public final class SteppedSameDiffNetwork implements Network {
    private static final String X = "x", DRIVE = "drive", PREV = "prev_", GRAD = "upstream_", SURROGATE = "surrogate";

    private final String modelType;
    private final RecurrentCell cell;
    private final int inputSize, steps, classes;
    private final DataType dtype;
    private final Map<String, INDArray> params = new LinkedHashMap<>();

    private Step first, later;   // built at the first batch (the state's shapes come from the first step)
    private final Map<String, long[]> stateShapes = new HashMap<>();
    /** What a step hands to the next: "h" and the signals the step graph reads from its previous state. */
    private final List<String> carried = new ArrayList<>();

    /** One step graph: its outputs (h and the state signals) and what its gradient function returns. */
    private static final class Step {
        final SameDiff sd = SameDiff.create();
        String h;
        final Map<String, String> signals = new LinkedHashMap<>();   // signal name -> variable
        final List<String> paramsWithGradient = new ArrayList<>();
        boolean gradientsBuilt;
    }

    public SteppedSameDiffNetwork(String modelType, RecurrentCell cell, int inputSize, int steps, int classes,
                                  DataType dtype, Map<String, INDArray> initial) {
        this.modelType = modelType;
        this.cell = cell;
        this.inputSize = inputSize;
        this.steps = steps;
        this.classes = classes;
        this.dtype = dtype;
        for (Map.Entry<String, INDArray> e : initial.entrySet())
            params.put(e.getKey(), e.getValue().dataType() == dtype ? e.getValue() : e.getValue().castTo(dtype));
    }

    @Override public String modelType() { return modelType; }

    @Override public String backend() { return "samediff_stepped"; }

    @Override public Map<String, INDArray> parameters() { return Collections.unmodifiableMap(params); }

    @Override public Set<String> signals() { return cell.signals(); }

    /** Builds the two step graphs; the previous-state placeholders take the shapes of the first step's outputs. */
    private void build(INDArray x0, INDArray d0) {
        if (first != null) return;
        first = new Step();
        Map<String, SDVariable> p = variables(first.sd);
        SDVariable x = first.sd.placeHolder(X, dtype, -1, inputSize);
        SDVariable d = first.sd.placeHolder(DRIVE, dtype, -1, cell.hidden());
        RecurrentCell.State s0 = cell.step(first.sd, x, d, null, p);
        first.h = s0.h().name();
        for (Map.Entry<String, SDVariable> e : s0.signals().entrySet()) first.signals.put(e.getKey(), e.getValue().name());
        List<String> outs = new ArrayList<>(first.signals.values());
        outs.add(first.h);
        Map<String, INDArray> shapes = first.sd.output(Map.of(X, x0, DRIVE, d0), outs.toArray(new String[0]));
        stateShapes.put(Signals.H, new long[]{-1, cell.hidden()});
        for (Map.Entry<String, String> e : first.signals.entrySet()) {
            long[] shape = shapes.get(e.getValue()).shape().clone();
            shape[0] = -1;   // the batch (or batch x neurons) dimension
            stateShapes.putIfAbsent(e.getKey(), shape);
        }

        later = new Step();
        Map<String, SDVariable> q = variables(later.sd);
        SDVariable xl = later.sd.placeHolder(X, dtype, -1, inputSize);
        SDVariable dl = later.sd.placeHolder(DRIVE, dtype, -1, cell.hidden());
        SDVariable prevH = later.sd.placeHolder(PREV + "h", dtype, -1, cell.hidden());
        Map<String, SDVariable> prevSignals = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : first.signals.entrySet()) {
            if (e.getKey().equals(Signals.H)) { prevSignals.put(Signals.H, prevH); continue; }
            prevSignals.put(e.getKey(), later.sd.placeHolder(PREV + e.getKey(), dtype, stateShapes.get(e.getKey())));
        }
        RecurrentCell.State s1 = cell.step(later.sd, xl, dl, new RecurrentCell.State(prevH, prevSignals), q);
        later.h = s1.h().name();
        for (Map.Entry<String, SDVariable> e : s1.signals().entrySet()) later.signals.put(e.getKey(), e.getValue().name());
        // the state a step hands on: h and the signals the next step reads (ARUN's g, LSTM's c)
        for (String name : prevSignals.keySet()) {
            String ph = name.equals(Signals.H) ? PREV + "h" : PREV + name;
            if (consumed(later.sd, ph)) carried.add(name);
        }
        if (!carried.contains(Signals.H)) carried.add(0, Signals.H);
        for (Step st : List.of(first, later)) {
            surrogate(st, carried);
            for (String name : params.keySet()) if (consumed(st.sd, name)) st.paramsWithGradient.add(name);
        }
    }

    private Map<String, SDVariable> variables(SameDiff sd) {
        Map<String, SDVariable> p = new HashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) p.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        return p;
    }

    private static boolean consumed(SameDiff sd, String name) {
        List<String> ops = sd.getVariables().get(name).getInputsForOp();
        return ops != null && !ops.isEmpty();
    }

    /** loss = sum(h * gH) + sum over state signals of sum(s * gS): its gradients are the chain rule's products. */
    private void surrogate(Step st, List<String> state) {
        SameDiff sd = st.sd;
        SDVariable loss = null;
        for (String name : state) {
            SDVariable out = sd.getVariable(name.equals(Signals.H) ? st.h : st.signals.get(name));
            SDVariable g = sd.placeHolder(GRAD + name, dtype, stateShapes.get(name));
            SDVariable term = out.mul(g).sum();
            loss = loss == null ? term : loss.add(term);
        }
        sd.identity(SURROGATE, loss);
        sd.setLossVariables(SURROGATE);
    }

    /** Forward over all steps: per step, h and the state signals (and every signal when record). */
    private List<Map<String, INDArray>> forward(Batch batch, boolean allSignals) {
        if (batch.steps() != steps)
            throw new IllegalArgumentException("this network runs T = " + steps + " steps, the batch has " + batch.steps());
        INDArray xs = batch.x().castTo(dtype);
        INDArray ds = batch.drive() != null ? batch.drive().castTo(dtype) : null;
        build(at(xs, 0), drive(ds, 0, batch.size()));
        List<Map<String, INDArray>> states = new ArrayList<>(steps);
        Map<String, INDArray> prev = null;
        for (int t = 0; t < steps; t++) {
            Step st = t == 0 ? first : later;
            Map<String, INDArray> feed = new HashMap<>();
            feed.put(X, at(xs, t));
            feed.put(DRIVE, drive(ds, t, batch.size()));
            if (t > 0) for (String name : carried) feed.put(PREV + name, prev.get(name));
            List<String> outs = new ArrayList<>();
            outs.add(st.h);
            for (String name : carried) if (!name.equals(Signals.H)) outs.add(st.signals.get(name));
            if (allSignals) outs.addAll(st.signals.values());
            Map<String, INDArray> out = st.sd.output(feed, new ArrayList<>(new LinkedHashSet<>(outs)));
            Map<String, INDArray> state = new LinkedHashMap<>();
            state.put(Signals.H, out.get(st.h));
            for (Map.Entry<String, String> e : st.signals.entrySet())
                if (out.containsKey(e.getValue())) state.put(e.getKey(), out.get(e.getValue()));
            states.add(state);
            prev = state;
        }
        return states;
    }

    private static INDArray at(INDArray xs, int t) {
        return xs.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).dup();
    }

    private INDArray drive(INDArray ds, int t, long batch) {
        return ds == null ? Nd4j.zeros(dtype, batch, cell.hidden()) : at(ds, t);
    }

    @Override
    public Gradients lossAndGradients(Batch batch) {
        List<Map<String, INDArray>> states = forward(batch, false);
        INDArray hT = states.get(steps - 1).get(Signals.H);
        INDArray wOut = params.get(Parameters.W_OUT), bOut = params.get(Parameters.B_OUT);
        INDArray logits = hT.mmul(wOut).addRowVector(bOut);
        INDArray y = batch.labels().castTo(dtype);
        // mean over the batch of -sum_c y_c log softmax(logits)_c, and its gradient (softmax - y) / B
        INDArray logp = Nd4j.exec(new LogSoftMax(logits, 1))[0];
        double loss = -y.mul(logp).sum().getDouble(0) / batch.size();
        INDArray dLogits = Transforms.exp(logp).subi(y).divi(batch.size());
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) grads.put(e.getKey(), Nd4j.zeros(dtype, e.getValue().shape()));
        grads.get(Parameters.W_OUT).addi(hT.transpose().mmul(dLogits));
        grads.get(Parameters.B_OUT).addi(dLogits.sum(0).reshape(bOut.shape()));
        Map<String, INDArray> upstream = new HashMap<>();
        upstream.put(Signals.H, dLogits.mmul(wOut.transpose()));
        for (String name : carried)
            if (!name.equals(Signals.H)) upstream.put(name, Nd4j.zeros(dtype, states.get(steps - 1).get(name).shape()));
        INDArray xs = batch.x().castTo(dtype);
        INDArray ds = batch.drive() != null ? batch.drive().castTo(dtype) : null;
        for (int t = steps - 1; t >= 0; t--) {
            Step st = t == 0 ? first : later;
            if (!st.gradientsBuilt) {
                // SameDiff prints one line per op while it builds the gradient graph: keep the console clean
                Quiet.run(st.sd::createGradFunction);
                st.gradientsBuilt = true;
            }
            Map<String, INDArray> feed = new HashMap<>();
            feed.put(X, at(xs, t));
            feed.put(DRIVE, drive(ds, t, batch.size()));
            for (String name : carried) {
                feed.put(GRAD + name, upstream.get(name));
                if (t > 0) feed.put(PREV + name, states.get(t - 1).get(name));
            }
            List<String> wanted = new ArrayList<>(st.paramsWithGradient);
            if (t > 0) for (String name : carried) wanted.add(PREV + name);
            Map<String, INDArray> g = st.sd.calculateGradients(feed, wanted);
            for (String name : st.paramsWithGradient) grads.get(name).addi(g.get(name));
            if (t > 0) for (String name : carried) upstream.put(name, g.get(PREV + name));
        }
        return new Gradients(loss, logits, grads);
    }

    @Override
    public INDArray logits(Batch batch) {
        INDArray hT = forward(batch, false).get(steps - 1).get(Signals.H);
        return hT.mmul(params.get(Parameters.W_OUT)).addRowVector(params.get(Parameters.B_OUT));
    }

    @Override
    public Map<String, INDArray> record(Batch batch, Set<String> names) {
        for (String name : names)
            if (!cell.signals().contains(name)) throw new IllegalArgumentException(modelType + " has no signal '" + name + "'; it has " + signals());
        List<Map<String, INDArray>> states = forward(batch, true);
        Map<String, INDArray> recorded = new LinkedHashMap<>();
        long b = batch.size(), n = cell.hidden();
        for (String name : names) {
            INDArray[] perStep = new INDArray[steps];
            for (int t = 0; t < steps; t++) perStep[t] = states.get(t).get(name);
            recorded.put(name, SameDiffNetwork.stackSteps(name, perStep, b, n));
        }
        return recorded;
    }
}
