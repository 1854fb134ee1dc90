package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.network.Batch;
import org.neuradapt.network.GradientCheck;
import org.neuradapt.network.GradientCheck.Row;
import org.neuradapt.network.GradientCheck.Tolerance;
import org.neuradapt.network.LayerModel;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.PointwiseCheck;
import org.neuradapt.network.StatefulCheck;
import org.neuradapt.neuron.ArunController;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.PointwiseActivation;
import org.neuradapt.neuron.StatefulNeuron;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a user runs after writing a neuron model (docs/science.md section 2.7; docs/extending.md): the
 * configured model at a tiny size in double precision, its gradients against central finite
 * differences ({@link GradientCheck}; a Java activation also point by point, {@link PointwiseCheck}),
 * and, for a model with both forms, the fused path against the SameDiff graph. Prints a table;
 * exit 0 when every check passes, 1 when one fails, 2 for bad input (a config or class that
 * cannot be loaded). Writes nothing.
 */
@Command(name = "check-model", description = "Check a neuron model's gradients against finite differences (and fused against SameDiff) at a tiny size, in double.",
        footer = {"", "Example:", "  ./neuradapt check-model --config configs/example_soft_threshold.yaml"})
final class CheckModelCommand implements Callable<Integer> {
    /** The tiny instance: batch, steps, inputs, neurons, controller size, classes; seeds of the parameters and the batch. */
    static final int B = 3, T = 4, I = 2, N = 3, M = 2, C = 4, SEED = 7, BATCH_SEED = 11;
    /** Fused against SameDiff, both in double: the two computations differ by rounding only. */
    static final Tolerance AGREEMENT = new Tolerance(1e-8, 1.0, 0.0);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "run config naming the model (its model section is used; hidden and ctrl are replaced by tiny sizes)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, as for train (repeatable)")
    List<String> overrides = new ArrayList<>();

    private record Section(String title, List<Row> rows) {}

    @Override
    public Integer call() {
        ModelConfig given = ConfigLoader.load(config, overrides).model();
        ModelConfig m = new ModelConfig(given.type(), N, given.type().equals("arun") ? M : given.ctrl(), given.n(), given.s(),
                given.activation(), given.controller(), given.options(), "auto", 0);
        LayerModel layer = ModelFactory.layer(m);                      // missing class, wrong interface, constructor: exit 2
        String what = m.type() + (m.activation() != null && m.type().equals("rnn") ? " with " + m.activation() : "")
                + (m.type().equals("arun") && m.controller() != null && !m.controller().equals("arun") ? " with " + m.controller() : "");
        System.out.printf(Locale.ROOT, "check-model: %s, hidden %d, T %d, batch %d, inputs %d, %d classes, double precision%n", what, N, T, B, I, C);
        System.out.printf(Locale.ROOT, "pass: |error| <= %.0e max(1, |reference|) against central differences (h = %.0e max(1, |v|)); fused vs SameDiff <= %.0e%n",
                Tolerance.DOUBLE.rel(), Tolerance.DOUBLE.step(), AGREEMENT.rel());
        List<Section> sections = new ArrayList<>();
        String problem = checks(m, layer, sections);
        int failed = 0, total = 0;
        List<String> failures = new ArrayList<>();
        for (Section s : sections) {
            System.out.printf(Locale.ROOT, "%n%s%n%-28s %8s %12s %12s  %-6s %s%n", s.title(), "quantity", "entries", "max abs err", "max rel err", "result", "worst at");
            for (Row r : s.rows()) {
                total++;
                if (!r.pass()) { failed++; failures.add(r.name() + (r.worst().isEmpty() ? "" : " at " + r.worst())); }
                System.out.printf(Locale.ROOT, "%-28s %8d %12.3e %12.3e  %-6s %s%n", r.name(), r.entries(), r.maxAbsErr(), r.maxRelErr(),
                        r.pass() ? "pass" : "FAIL", r.worst());
            }
        }
        if (problem != null) {
            System.out.println();
            System.out.println("FAIL: " + problem);
            return 1;
        }
        System.out.println();
        if (failed == 0) {
            System.out.printf(Locale.ROOT, "check-model: all %d checks passed%n", total);
            return 0;
        }
        System.out.printf(Locale.ROOT, "check-model: %d of %d checks FAILED: %s%n", failed, total, String.join("; ", failures));
        return 1;
    }

    /** Runs the checks into sections; returns a failure that stopped them (a shape that does not fit, an exception), else null. */
    private static String checks(ModelConfig m, LayerModel layer, List<Section> sections) {
        PointwiseActivation phi = layer instanceof LayerModel.Elementwise e && e.phi() instanceof PointwiseActivation p ? p : null;
        try {
            if (layer instanceof LayerModel.Stateful st) return stateful(m, st.neuron(), sections);
            if (phi != null) {
                try {
                    org.neuradapt.network.fused.FastKernels.checkShapes(phi, N);
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
                List<ParamSpec> specs = phi.parameters(N);
                double[][] init = initialTheta(specs);
                sections.add(new Section(String.format(Locale.ROOT, "%s, Java form, point by point over |a| <= %s at the initial parameters (%d inputs x %d neurons)",
                        phi.name(), phi.inputRange(), PointwiseCheck.GRID + 3, N),
                        PointwiseCheck.check(phi, specs, init, Tolerance.DOUBLE)));
                if (phi instanceof org.neuradapt.neuron.LaneActivation lanes)
                    sections.add(new Section(String.format(Locale.ROOT, "%s, lane form (float) against its Java form (double), %d inputs x %d neurons, %s relative",
                            phi.name(), PointwiseCheck.GRID + 3, N, PointwiseCheck.LANES.rel()),
                            PointwiseCheck.lanes(lanes, specs, init)));
            }
            if (layer instanceof LayerModel.Adaptive arun && arun.controller() instanceof ControllerReadout psi && !(psi instanceof ArunController))
                sections.add(new Section(String.format(Locale.ROOT, "%s, Java read-out, point by point over |n'| <= %s, |s'| <= %s (%d x %d points)",
                        psi.getClass().getSimpleName(), PointwiseCheck.N_RANGE, PointwiseCheck.S_RANGE, PointwiseCheck.READOUT_GRID, PointwiseCheck.READOUT_GRID),
                        PointwiseCheck.readout(psi, Tolerance.DOUBLE)));
            Network net = ModelFactory.create(m, I, T, C, SEED, DataType.DOUBLE);
            Batch batch = GradientCheck.batch(B, T, I, N, C, true, BATCH_SEED);
            List<Row> rows = new ArrayList<>(GradientCheck.parameters(net, batch, Tolerance.DOUBLE));
            rows.addAll(GradientCheck.inputs(net, batch, Tolerance.DOUBLE));
            sections.add(new Section("gradients on the " + net.backend() + " path against finite differences"
                    + (net.backend().equals("fused") ? "" : " (input and drive gradients: fused path only)"), rows));
            if (net.backend().equals("fused") && layer.hasGraphForm()) {
                Network sd = ModelFactory.create(new ModelConfig(m.type(), m.hidden(), m.ctrl(), m.n(), m.s(), m.activation(), m.controller(),
                        m.options(), "samediff", 0), I, T, C, SEED, DataType.DOUBLE);
                sections.add(new Section("fused path against the SameDiff graph", agreement(net, sd, batch)));
            }
            return null;
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            return "the model threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * A neuron with its own state (docs/science.md section 10.1): its partials point by point,
     * then the gradients of a tiny network of its smooth twin (section 10.4; the model itself
     * when it has no step) against finite differences, and the model's network against the twin's
     * where the two are the same function (no spiking step).
     */
    private static String stateful(ModelConfig m, StatefulNeuron z, List<Section> sections) {
        try {
            org.neuradapt.network.fused.FastKernels.checkShapes(z, N);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        List<ParamSpec> specs = z.parameters(N);
        double[][] theta = initialTheta(specs);
        StatefulNeuron twin = z.smoothTwin();
        sections.add(new Section(String.format(Locale.ROOT, "%s, state (%s), point by point at %d random inputs |a| <= %s and states x %d neurons%s",
                z.name(), String.join(", ", z.stateNames()), StatefulCheck.POINTS, z.inputRange(), N,
                twin == z ? "" : ", on its smooth twin (the spike's step replaced by the integral of its pseudo-derivative)"),
                StatefulCheck.check(z, specs, theta, Tolerance.DOUBLE, SEED)));
        if (z instanceof org.neuradapt.neuron.StatefulLanes lanes && lanes.lanesApply())
            sections.add(new Section(String.format(Locale.ROOT, "%s, lane form (float) against its per-value form (double), %d random points x %d neurons, %s relative",
                    z.name(), StatefulCheck.POINTS, N, PointwiseCheck.LANES.rel()), StatefulCheck.lanes(lanes, specs, theta, SEED)));
        Network net = ModelFactory.create(m, new LayerModel.Stateful(twin), I, T, C, SEED, DataType.DOUBLE);
        Batch batch = GradientCheck.batch(B, T, I, N, C, true, BATCH_SEED);
        List<Row> rows = new ArrayList<>(GradientCheck.parameters(net, batch, Tolerance.DOUBLE));
        rows.addAll(GradientCheck.inputs(net, batch, Tolerance.DOUBLE));
        sections.add(new Section("gradients on the fused path against finite differences" + (twin == z ? "" : ", network of the smooth twin"), rows));
        return null;
    }

    /** Each of the N neurons' initial parameter values (specs order), drawn from SEED as a network of the model draws them. */
    private static double[][] initialTheta(List<ParamSpec> specs) {
        Map<String, double[]> init = new LinkedHashMap<>();
        ModelFactory.initialParameters(specs, SEED, DataType.DOUBLE).forEach((k, v) -> init.put(k, v.data().asDouble()));
        return PointwiseCheck.perNeuron(specs, init, N);
    }

    /** Loss, logits and every gradient of the two networks (same initial parameters from the seed). */
    private static List<Row> agreement(Network fused, Network sd, Batch batch) {
        Network.Gradients a = fused.lossAndGradients(batch), b = sd.lossAndGradients(batch);
        List<Row> rows = new ArrayList<>();
        rows.add(GradientCheck.compare("loss", new double[] {a.loss()}, new double[] {b.loss()}, AGREEMENT));
        rows.add(GradientCheck.compare("logits", values(a.logits()), values(b.logits()), AGREEMENT));
        for (String k : fused.parameters().keySet()) {
            INDArray gb = b.gradients().get(k);
            rows.add(GradientCheck.compare("d loss/d " + k, values(a.gradients().get(k)), gb == null ? new double[0] : values(gb), AGREEMENT));
        }
        return rows;
    }

    private static double[] values(INDArray a) { return a.dup('c').data().asDouble(); }
}
