package org.neuradapt.network;

import org.neuradapt.network.fused.FusedNetwork;
import org.neuradapt.network.graph.RecurrentCell;
import org.neuradapt.network.graph.SameDiffNetwork;
import org.neuradapt.network.graph.SteppedSameDiffNetwork;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigRules;
import org.neuradapt.config.InitShapes;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.config.RunConfig;
import org.neuradapt.neuron.Activation;
import org.neuradapt.neuron.ActivationFamily;
import org.neuradapt.neuron.PointwiseActivation;
import org.neuradapt.neuron.AdaptationController;
import org.neuradapt.neuron.ArunController;
import org.neuradapt.neuron.ClassicActivation;
import org.neuradapt.neuron.GammaActivation;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.ShapeAssignment;
import org.neuradapt.neuron.LsnnNeuron;
import org.neuradapt.neuron.StatefulNeuron;
import org.neuradapt.network.fused.FastKernels;
import org.neuradapt.network.fused.FusedKernel;

/**
 * The registry of models: turns a {@link ModelConfig} into a {@link RecurrentCell} and a
 * {@link Network}. Model ids are the same in configs, CLI and output files.
 */
public final class ModelFactory {

    /** The built-in model ids (docs/science.md section 2), plus "rnn" for an Elman RNN with a user activation. */
    public static final List<String> MODEL_IDS = ConfigRules.MODEL_TYPES;

    private ModelFactory() {}

    /**
     * The layer model a config names (docs/science.md sections 2 and 10): the one place where a
     * model id or a user's class name becomes a neuron model. Refuses an unknown id or an unusable
     * class (UserError, one line).
     */
    public static LayerModel layer(ModelConfig m) {
        return switch (m.type()) {
            case "arun" -> new LayerModel.Adaptive(controller(m));
            case "lstm", "gru" -> new LayerModel.Gated(m.type());
            case "lif", "alif" -> new LayerModel.Stateful(spiking(m));
            case "rnn" -> elementwiseOrStateful(activation(m.activation(), m));
            default -> {
                if (!m.type().startsWith("rnn_") || !MODEL_IDS.contains(m.type()))
                    throw new UserError("config key 'model.type': unknown model '" + m.type() + "'; use one of " + MODEL_IDS);
                yield new LayerModel.Elementwise(activation(m.type().substring(4), m));
            }
        };
    }

    private static LayerModel elementwiseOrStateful(ActivationFamily f) {
        return f instanceof StatefulNeuron z ? new LayerModel.Stateful(z) : new LayerModel.Elementwise(f);
    }

    /** The recurrent layer a config describes, as a SameDiff cell (its parameter list; its graph when the model has one). */
    public static RecurrentCell cell(ModelConfig m) { return layer(m).cell(m.hidden(), m.ctrl()); }

    /**
     * A built-in activation id (relu, tanh, softplus, gamma_fixed, gamma_hom, gamma_het) or the name
     * of a class implementing {@link Activation} (SameDiff form), {@link PointwiseActivation} (Java
     * form, fused path) or both.
     */
    static ActivationFamily activation(String id, ModelConfig m) {
        return switch (id) {
            case "relu" -> ClassicActivation.RELU;
            case "tanh" -> ClassicActivation.TANH;
            case "softplus" -> ClassicActivation.SOFTPLUS;
            case "gamma_fixed" -> GammaActivation.fixed(m.n(), m.s());
            case "gamma_hom" -> GammaActivation.learned(false);
            case "gamma_het" -> GammaActivation.learned(true);
            default -> instantiate(id, ActivationFamily.class, "model.activation", m.options());
        };
    }

    /** The spiking neuron of model.type lif or alif (docs/science.md section 10.3), from model.options. */
    static LsnnNeuron spiking(ModelConfig m) {
        try {
            return LsnnNeuron.of(m.type().equals("alif"), m.options());
        } catch (IllegalArgumentException e) {
            throw new UserError("config key 'model.options': " + e.getMessage());
        }
    }

    static AdaptationController controller(ModelConfig m) {
        if (m.controller() == null || m.controller().equals("arun")) return new ArunController();
        return instantiate(m.controller(), AdaptationController.class, "model.controller", m.options());
    }

    /** Loads a user neuron model by class name: constructor (Map<String, Double>) if present, else no-argument. */
    private static <T> T instantiate(String className, Class<T> type, String key, Map<String, Double> options) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            String extra = System.getenv("NEURADAPT_CLASSPATH");
            throw new UserError("config key '" + key + "': no built-in id or class named '" + className + "'; give a built-in id, or compile your class "
                    + "and name its folder or jar in NEURADAPT_CLASSPATH" + (extra == null || extra.isBlank() ? " (it is not set)" : " (now: " + extra + ")")
                    + ", e.g. NEURADAPT_CLASSPATH=mymodels/classes ./neuradapt ... (docs/extending.md)");
        }
        if (!type.isAssignableFrom(c))
            throw new UserError("config key '" + key + "': class " + className + " does not implement " + (type == ActivationFamily.class
                    ? Activation.class.getName() + ", " + PointwiseActivation.class.getName() + " or " + StatefulNeuron.class.getName() : type.getName()));
        try {
            try {
                Constructor<?> k = c.getConstructor(Map.class);
                return type.cast(k.newInstance(options == null ? Map.of() : options));
            } catch (NoSuchMethodException e) {
                return type.cast(c.getConstructor().newInstance());
            }
        } catch (NoSuchMethodException e) {
            throw new UserError("config key '" + key + "': class " + className + " needs a public no-argument constructor or one taking Map<String, Double>");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UserError("config key '" + key + "': could not create " + className + ": " + cause.getMessage());
        }
    }

    /**
     * Initial parameter values drawn from the seed, in spec order, so that one seed gives one model
     * whichever backend runs it (docs/science.md section 2 inits).
     */
    public static Map<String, INDArray> initialParameters(List<ParamSpec> specs, long seed, DataType dtype) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            if (values.containsKey(spec.name()))
                throw new IllegalStateException("two parameters named '" + spec.name() + "'");
            double[] v = spec.init().sample(spec.shape(), rng.split());
            values.put(spec.name(), Nd4j.createFromArray(v).reshape(spec.shape()).castTo(dtype));
        }
        return values;
    }

    /**
     * A freshly initialised network for the config: the fused kernel when the model has a Java form
     * and {@code model.backend} is auto, else the SameDiff graph (unrolled up to
     * {@link #MAX_UNROLLED_STEPS} steps, stepped above, or as the backend names it). All draw the
     * same initial parameters from the seed.
     */
    public static Network create(ModelConfig m, int inputSize, int steps, int classes, long seed, DataType dtype) {
        return create(m, layer(m), inputSize, steps, classes, seed, dtype, FastKernels.DEFAULT_SHARDS);
    }

    /**
     * The network of a run config: its model, seed and logical shards (train.shards), with the
     * read-out of its task (data.Tasks.readout; docs/tasks.md, "Targets"); classes is the read-out's
     * width (C classes, or K values per step).
     */
    public static Network create(RunConfig cfg, Readout readout, int inputSize, int steps, int classes, DataType dtype) {
        return create(cfg.model(), layer(cfg.model()), inputSize, steps, classes, cfg.seed(), dtype, cfg.train().shards(), readout);
    }

    /**
     * {@link #create} for a given layer model (check-model: a stateful neuron replaced by its smooth
     * twin, docs/science.md section 10.4, with the same parameters and initial values).
     */
    public static Network create(ModelConfig m, LayerModel layer, int inputSize, int steps, int classes, long seed, DataType dtype) {
        return create(m, layer, inputSize, steps, classes, seed, dtype, FastKernels.DEFAULT_SHARDS);
    }

    /**
     * {@link #create} with a number of logical shards of the batch (train.shards; docs/performance.md,
     * "Threads"): the fused kernels' results depend on it, never on the threads they run on.
     */
    public static Network create(ModelConfig m, LayerModel layer, int inputSize, int steps, int classes, long seed, DataType dtype, int shards) {
        return create(m, layer, inputSize, steps, classes, seed, dtype, shards, Readout.LAST);
    }

    /**
     * {@link #create} with a read-out (docs/tasks.md, "Targets"): a per-step read-out runs on the
     * fused path and on the unrolled SameDiff graph; the stepped graph reads out the last step
     * only and is refused for it ({@link #checkReadout}).
     */
    public static Network create(ModelConfig m, LayerModel layer, int inputSize, int steps, int classes, long seed, DataType dtype, int shards,
                                 Readout readout) {
        check(m, layer);
        checkReadout(m, layer, readout, steps);
        RecurrentCell cell = layer.cell(m.hidden(), m.ctrl());
        Map<String, INDArray> init = initialParameters(SameDiffNetwork.parameterSpecs(cell, inputSize, classes), seed, dtype);
        if (m.initShape().enabled()) initialShapes(init, InitShapes.assignment(m, seed), dtype);
        if (!m.backend().startsWith("samediff")) {
            FastKernels.Options options = FastKernels.Options.defaults().withSinglePrecision(dtype != DataType.DOUBLE)
                    .withCheckpointEvery(m.bpttCheckpoint()).withShards(shards);
            var fused = layer.fused(m.type(), m.hidden(), m.ctrl(), options);
            if (fused.isPresent()) return new FusedNetwork(fused.get(), init, dtype, readout);
        }
        FastKernels.setBlasThreads(FastKernels.threads());   // SameDiff's products in OpenBLAS on the run's threads (its OpenMP pool: the launcher's OMP_NUM_THREADS=1)
        return stepped(m.backend(), steps) ? new SteppedSameDiffNetwork(m.type(), cell, inputSize, steps, classes, dtype, init)
                : new SameDiffNetwork(m.type(), cell, inputSize, steps, classes, dtype, init, readout);
    }

    /** Whether a SameDiff network of T steps runs as the stepped graph (else unrolled). */
    private static boolean stepped(String backend, int steps) {
        return switch (backend) {
            case "samediff_stepped" -> true;
            case "samediff_unrolled" -> false;
            default -> steps > MAX_UNROLLED_STEPS;
        };
    }

    /** The fused kernel of a built-in model id (tests and benchmarks), with the fixed (n, s) of rnn_gamma_fixed. */
    public static FusedKernel kernel(String id, int hidden, int ctrl, double n, double s, FastKernels.Options options) {
        ModelConfig m = new ModelConfig(id, hidden, ctrl, n, s, null, null, Map.of(), "auto");
        return layer(m).fused(id, hidden, ctrl, options)
                .orElseThrow(() -> new IllegalArgumentException("no fused kernel for model '" + id + "'"));
    }

    /**
     * Replaces the paper's initial n and s of an rnn_gamma_het by a biological assignment
     * (docs/science.md section 9.2), before either backend sees them, so the fused and SameDiff
     * paths start from the same (n_i, s_i).
     */
    private static void initialShapes(Map<String, INDArray> init, ShapeAssignment shapes, DataType dtype) {
        for (String name : List.of(Parameters.GAIN, Parameters.SATURATION)) {
            INDArray old = init.get(name);
            if (old == null || old.length() != shapes.types().size())
                throw new IllegalStateException("model.init_shape needs a per-neuron '" + name + "' of length " + shapes.types().size());
        }
        init.put(Parameters.GAIN, Nd4j.createFromArray(shapes.n()).castTo(dtype));
        init.put(Parameters.SATURATION, Nd4j.createFromArray(shapes.s()).castTo(dtype));
    }

    /**
     * Refuses (UserError, one line) a config whose neuron model cannot run, before any data is
     * loaded or run folder made: a class that is missing, implements none of the interfaces, has no
     * usable constructor, declares parameters that do not fit the layer, or lacks the SameDiff
     * form a samediff backend needs.
     */
    public static LayerModel validate(ModelConfig m) {
        LayerModel layer = layer(m);
        check(m, layer);
        return layer;   // for checkReadout, once the task's read-out is known
    }

    /**
     * Refuses (UserError) a per-step read-out on the path that reads out the last step only: the
     * stepped SameDiff graph, which runs a model without a fused form, or backend samediff, at
     * T > {@link #MAX_UNROLLED_STEPS}, and backend samediff_stepped.
     */
    public static void checkReadout(ModelConfig m, LayerModel layer, Readout readout, int steps) {
        if (!readout.perStep()) return;
        boolean graph = m.backend().startsWith("samediff") || !layer.hasFusedForm();
        if (graph && stepped(m.backend(), steps))
            throw new UserError("config key 'model.backend': the stepped SameDiff graph (" + (m.backend().equals("samediff_stepped") ? "backend samediff_stepped"
                    : layer.name() + " at T = " + steps + " > " + MAX_UNROLLED_STEPS) + ") reads out the last step only, and the task has targets at every step ("
                    + readout.id() + "); use backend auto (the fused path) or samediff_unrolled");
    }


    private static void check(ModelConfig m, LayerModel layer) {
        layer.checkShapes(m.hidden(), m.type().equals("rnn") ? "model.activation" : "model.type");
        if (!m.backend().startsWith("samediff") || layer.hasGraphForm()) return;
        if (layer instanceof LayerModel.Stateful)
            throw new UserError("config key 'model.backend': " + m.backend() + " has no form of " + layer.name()
                    + ", a neuron with its own state, which runs on the fused path only; use backend auto");
        throw new UserError("config key 'model.backend': " + m.backend() + " needs a SameDiff form, and " + m.activation()
                + " implements only " + PointwiseActivation.class.getName() + "; use backend auto or implement " + Activation.class.getName());
    }

    /**
     * Longest sequence the generic path unrolls into one SameDiff graph; longer ones run a step
     * graph T times ({@link SteppedSameDiffNetwork}). Measured for rnn_gamma_het, hidden 64,
     * batch 32: unrolled 0.47 s per batch at T = 49 and 5.5 s at T = 98, stepped 0.58 s at T = 49
     * and 5.0 s at T = 784.
     */
    public static final int MAX_UNROLLED_STEPS = 64;
}
