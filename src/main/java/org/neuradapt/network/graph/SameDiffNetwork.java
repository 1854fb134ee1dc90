package org.neuradapt.network.graph;

import org.neuradapt.network.Batch;
import org.neuradapt.network.Signals;

import org.neuradapt.network.Network;
import org.neuradapt.network.Readout;
import org.neuradapt.network.Targets;

import static org.neuradapt.network.Parameters.B_OUT;
import static org.neuradapt.network.Parameters.W_OUT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.util.Quiet;

/**
 * The generic execution path: a {@link RecurrentCell} statically unrolled over T steps into one
 * SameDiff graph (SameDiff 1.0.0-M2.1 cannot differentiate {@code whileLoop}), followed by the
 * linear read-out of h_T and the mean softmax cross-entropy (docs/science.md section 2). Works for
 * every cell, including user neuron models; gradients come from SameDiff's autodiff.
 *
 * <p>Graph inputs (placeholders): {@code x} [B, T, I], {@code drive} [B, T, N] (zeros when the
 * batch has none), {@code labels} [B, C]. Outputs: {@code logits}, {@code loss}.
 *
 * <p>With a per-step read-out (docs/tasks.md, "Targets"; docs/science.md section 2.4) every h_t is
 * read out, logits [B, T, C], and the loss is the masked mean over steps: placeholders
 * {@code targets} [B T, C] (one-hot classes, or values), {@code weights} [B T] (the mask) and
 * {@code scale} (1 / the batch's total weight, times K for values; a product, since SameDiff's
 * div back-propagates wrongly when the divisor broadcasts).
 */
public final class SameDiffNetwork implements Network {
    public static final String X = "x", DRIVE = "drive", LABELS = "labels", LOGITS = "logits", LOSS = "loss",
            TARGETS = "targets", WEIGHTS = "weights", SCALE = "scale";

    private final String modelType;
    private final RecurrentCell cell;
    private final int steps;
    private final DataType dtype;
    private final Readout readout;
    private final int classes;
    private final SameDiff sd;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    /** signal name -> the graph variable of that signal at each step */
    private final Map<String, String[]> signalVars = new HashMap<>();
    private boolean gradientsBuilt;

    /**
     * Builds the unrolled graph.
     *
     * @param initial parameter values by name (see {@link ModelFactory#initialParameters}); used as the
     *                graph's variables directly (not copied)
     */
    public SameDiffNetwork(String modelType, RecurrentCell cell, int inputSize, int steps, int classes,
                           DataType dtype, Map<String, INDArray> initial) {
        this(modelType, cell, inputSize, steps, classes, dtype, initial, Readout.LAST);
    }

    /** The unrolled graph with a read-out of the last step or of every step (docs/tasks.md, "Targets"). */
    public SameDiffNetwork(String modelType, RecurrentCell cell, int inputSize, int steps, int classes,
                           DataType dtype, Map<String, INDArray> initial, Readout readout) {
        this.modelType = modelType;
        this.readout = readout;
        this.classes = classes;
        this.cell = cell;
        this.steps = steps;
        this.dtype = dtype;
        this.sd = SameDiff.create();
        int n = cell.hidden();
        Map<String, SDVariable> p = new HashMap<>();
        for (Map.Entry<String, INDArray> e : initial.entrySet()) {
            INDArray arr = e.getValue().dataType() == dtype ? e.getValue() : e.getValue().castTo(dtype);
            SDVariable v = sd.var(e.getKey(), arr);
            p.put(e.getKey(), v);
            params.put(e.getKey(), v.getArr()); // the graph's own array: updates to it change the model
        }
        SDVariable x = sd.placeHolder(X, dtype, -1, steps, inputSize);
        SDVariable drive = sd.placeHolder(DRIVE, dtype, -1, steps, n);
        SDVariable[] xs = sd.unstack(x, 1, steps);
        SDVariable[] ds = sd.unstack(drive, 1, steps);
        for (String s : cell.signals()) signalVars.put(s, new String[steps]);
        RecurrentCell.State state = null;
        SDVariable[] hs = new SDVariable[steps];
        for (int t = 0; t < steps; t++) {
            state = cell.step(sd, xs[t], ds[t], state, p);
            hs[t] = state.h();
            for (Map.Entry<String, SDVariable> e : state.signals().entrySet())
                signalVars.get(e.getKey())[t] = e.getValue().name();
        }
        if (!readout.perStep()) {
            SDVariable labels = sd.placeHolder(LABELS, dtype, -1, classes);
            SDVariable logits = state.h().mmul(p.get(W_OUT)).add(LOGITS, p.get(B_OUT));
            // mean over the batch of -sum_c y_c log softmax(logits)_c
            sd.math.neg(LOSS, labels.mul(sd.nn.logSoftmax(logits)).sum(1).mean());
        } else {
            // every step's h_t read out as one [B T, N] x [N, C] product; rows b T + t (batch-major)
            SDVariable z = sd.stack(1, hs).reshape(-1, n).mmul(p.get(W_OUT)).add(p.get(B_OUT));
            sd.identity(LOGITS, z.reshape(-1, steps, classes));
            SDVariable targets = sd.placeHolder(TARGETS, dtype, -1, classes), weights = sd.placeHolder(WEIGHTS, dtype, -1);
            SDVariable scale = sd.placeHolder(SCALE, dtype);
            SDVariable perStep = readout == Readout.STEP_CLASSES ? sd.math.neg(targets.mul(sd.nn.logSoftmax(z)).sum(1))
                    : sd.math.square(z.sub(targets)).sum(1);
            perStep.mul(weights).sum().mul(LOSS, scale);
        }
        sd.setLossVariables(LOSS);
    }

    @Override public Readout readout() { return readout; }

    /** Parameter specs of the whole network: the cell's, then the read-out's. */
    public static List<ParamSpec> parameterSpecs(RecurrentCell cell, int inputSize, int classes) {
        List<ParamSpec> specs = new ArrayList<>(cell.parameters(inputSize));
        specs.addAll(GraphReadout.parameters(cell.hidden(), classes));
        return specs;
    }

    @Override public String modelType() { return modelType; }

    @Override public String backend() { return "samediff"; }

    @Override public Map<String, INDArray> parameters() { return Collections.unmodifiableMap(params); }

    public RecurrentCell cell() { return cell; }

    public int steps() { return steps; }

    public DataType dataType() { return dtype; }

    public SameDiff graph() { return sd; }

    @Override
    public Gradients lossAndGradients(Batch batch) {
        if (!gradientsBuilt) {
            // SameDiff prints one line per op while it builds the gradient graph: keep the console clean
            Quiet.run(sd::createGradFunction);
            gradientsBuilt = true;
        }
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed(batch, true), List.of(LOSS, LOGITS), List.copyOf(params.keySet()));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String name : params.keySet()) grads.put(name, og.getGradients().get(name));
        return new Gradients(og.getOutputs().get(LOSS).getDouble(0), og.getOutputs().get(LOGITS), grads);
    }

    @Override
    public INDArray logits(Batch batch) {
        return sd.output(feed(batch, false), LOGITS).get(LOGITS);
    }

    @Override public Set<String> signals() { return cell.signals(); }

    @Override
    public Map<String, INDArray> record(Batch batch, Set<String> names) {
        List<String> outputs = new ArrayList<>();
        for (String name : names) {
            String[] vars = signalVars.get(name);
            if (vars == null) throw new IllegalArgumentException(modelType + " has no signal '" + name + "'; it has " + signals());
            Collections.addAll(outputs, vars);
        }
        Map<String, INDArray> out = sd.output(feed(batch, false), outputs);
        Map<String, INDArray> recorded = new LinkedHashMap<>();
        long b = batch.size(), n = cell.hidden();
        for (String name : names) {
            INDArray[] perStep = new INDArray[steps];
            for (int t = 0; t < steps; t++) perStep[t] = out.get(signalVars.get(name)[t]);
            recorded.put(name, stackSteps(name, perStep, b, n));
        }
        return recorded;
    }

    /** One signal's per-step values stacked to [B, T, N] (controller states, [B*N, M] per step: [B, T, N, M]). */
    static INDArray stackSteps(String name, INDArray[] perStep, long b, long n) {
        INDArray[] grouped = new INDArray[perStep.length];
        for (int t = 0; t < perStep.length; t++) {
            INDArray v = perStep[t];
            grouped[t] = name.equals(Signals.G) && v.length() % (b * n) == 0 ? v.reshape(b, n, v.length() / (b * n)) : v;
        }
        return Nd4j.stack(1, grouped);
    }

    private Map<String, INDArray> feed(Batch batch, boolean withLabels) {
        if (batch.steps() != steps)
            throw new IllegalArgumentException("this graph is unrolled over T = " + steps + " steps, the batch has " + batch.steps());
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(X, batch.x().castTo(dtype));
        ph.put(DRIVE, batch.drive() != null ? batch.drive().castTo(dtype)
                : Nd4j.zeros(dtype, batch.size(), steps, cell.hidden()));
        if (withLabels && !readout.perStep()) ph.put(LABELS, batch.labels().castTo(dtype));
        if (withLabels && readout.perStep()) stepTargets(batch, ph);
        return ph;
    }

    /** The placeholders of a per-step loss: targets [B T, C] (one-hot classes, or values), weights [B T], scale. */
    private void stepTargets(Batch batch, Map<String, INDArray> ph) {
        Targets y = batch.stepTargets(readout);
        int rows = batch.size() * steps;
        y.check(batch.size(), steps, classes);
        double[] t = y.values() != null ? y.values().clone() : new double[rows * classes], w = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = y.mask() == null ? 1 : y.mask()[r];
            if (y.classes() != null && w[r] > 0) t[r * classes + y.classes()[r]] = 1;
        }
        double norm = y.norm(batch.size(), steps, classes);
        ph.put(TARGETS, Nd4j.createFromArray(t).reshape(rows, classes).castTo(dtype));
        ph.put(WEIGHTS, Nd4j.createFromArray(w).castTo(dtype));
        ph.put(SCALE, Nd4j.scalar(dtype, norm > 0 ? 1 / norm : 1));
    }
}
