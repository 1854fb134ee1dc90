package org.neuradapt.network.fused;

import java.util.List;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.fused.FusedElmanCell.Slot;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.PointwiseActivation;
import org.neuradapt.neuron.StatefulNeuron;

/**
 * Factory of the fused kernels by model id (ModelConfig.type):
 * rnn_relu, rnn_tanh, rnn_softplus, rnn_gamma_fixed (fixed n, s), rnn_gamma_hom (n [1], s [1]),
 * rnn_gamma_het (n [N], s [N]), arun (controller size M), lstm, gru.
 */
public final class FastKernels {
    /**
     * Default byte budget of the stored ARUN controller history, all shards together, before
     * checkpointing kicks in. Measured at paper size (400/50/784/100, history 6.3 GB in float):
     * checkpointing every 28 steps took 16.3 s per batch at 1.5 GB peak RSS, the whole history
     * 15.8 s at 7.1 GB, so a small budget costs little.
     */
    public static final long DEFAULT_HISTORY_BUDGET = 1L << 30;

    /** Model ids that have a fused kernel. */
    public static final List<String> MODELS = org.neuradapt.neuron.ModelRegistry.fusedAndSameDiff();

    private FastKernels() {}

    /**
     * Options of a kernel.
     *
     * @param threads          worker threads for element-wise work and OpenBLAS (default: min(2, cores))
     * @param checkpointEvery  ARUN: keep every k-th controller state and recompute the rest in
     *                         BPTT; 0 = automatic (everything if it fits historyBudget, else k ~ sqrt(T))
     * @param historyBudget    ARUN: bytes allowed for the stored controller history when checkpointEvery = 0
     */
    public record Options(int threads, int checkpointEvery, long historyBudget, boolean singlePrecision, boolean vectorized) {
        public Options(int threads, int checkpointEvery, long historyBudget) {
            this(threads, checkpointEvery, historyBudget, false, true);
        }

        public static Options defaults() {
            return new Options(Math.min(2, Runtime.getRuntime().availableProcessors()), 0, DEFAULT_HISTORY_BUDGET, false, true);
        }

        public Options withThreads(int t) { return new Options(t, checkpointEvery, historyBudget, singlePrecision, vectorized); }

        public Options withHistoryBudget(long bytes) { return new Options(threads, checkpointEvery, bytes, singlePrecision, vectorized); }

        public Options withCheckpointEvery(int k) { return new Options(threads, k, historyBudget, singlePrecision, vectorized); }

        /** float storage and sgemm (element-wise arithmetic double, except the SIMD loops); false: double throughout. */
        public Options withSinglePrecision(boolean on) { return new Options(threads, checkpointEvery, historyBudget, on, vectorized); }

        /**
         * SIMD loops in float for the ARUN controller (default on; they run only with float
         * storage and when the JVM has the jdk.incubator.vector module, see {@link #simdAvailable()}).
         */
        public Options withVectorized(boolean on) { return new Options(threads, checkpointEvery, historyBudget, singlePrecision, on); }

        Buf.Precision precision() { return singlePrecision ? Buf.Precision.FLOAT : Buf.Precision.DOUBLE; }
    }

    /** Class indices of one-hot (or probability) rows [rows, cols]: the arg-max of each row. */
    public static int[] labelsFromOneHot(double[] oneHot, int rows, int cols) {
        if (oneHot.length != rows * cols) throw new IllegalArgumentException("expected " + rows + " x " + cols + " values");
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) if (oneHot[r * cols + c] > oneHot[r * cols + best]) best = c;
            y[r] = best;
        }
        return y;
    }

    /**
     * Flush float BPTT gradients below Float.MIN_NORMAL to 0 (default on, or as the system
     * property neuradapt.flushDenormals says): denormal operands slow OpenBLAS sgemm down ~80x
     * on many Intel CPUs (FastMath's comment; docs/performance.md, "Denormal floats"). Process-wide; off only
     * to measure. Double storage is never flushed.
     */
    public static void setFlushDenormals(boolean on) { FastMath.flushDenormals = on; }

    /** Whether float BPTT gradients are flushed to 0 below Float.MIN_NORMAL ({@link #setFlushDenormals}). */
    public static boolean flushDenormals() { return FastMath.flushDenormals; }

    /** Whether this JVM runs the SIMD loops (started with --add-modules jdk.incubator.vector, 4+ float lanes). */
    public static boolean simdAvailable() { return Simd.available(); }

    /** Float lanes of the SIMD loops in this JVM, 0 when they do not run. */
    public static int simdLanes() { return Simd.available() ? VectorControllerRows.lanes() : 0; }

    /** True when {@link #create} supports the model id. */
    public static boolean supports(String model) { return MODELS.contains(model); }

    /**
     * A kernel for the model with N hidden neurons; ctrl is the ARUN controller size M (ignored
     * otherwise), n and s the constants of rnn_gamma_fixed (ignored otherwise).
     *
     * <p>With threads &gt; 1 the batch is split into that many shards run on their own threads
     * ({@link ShardedKernel}) and OpenBLAS is set to one thread (process-wide: OpenBLAS has no
     * per-call setting), so that the shards do not oversubscribe the cores.
     */
    public static FusedKernel create(String model, int hidden, int ctrl, double n, double s, Options options) {
        if (hidden <= 0) throw new IllegalArgumentException("hidden size must be > 0");
        if (!supports(model)) throw new IllegalArgumentException("no fused kernel for model '" + model + "'; have " + MODELS);
        int threads = Math.max(1, options.threads());
        Blas.threads(1);
        if (threads == 1) return single(model, hidden, ctrl, n, s, options);
        RecurrentKernel[] shards = new RecurrentKernel[threads];
        Options perShard = new Options(threads, options.checkpointEvery(), options.historyBudget() / threads,
                options.singlePrecision(), options.vectorized());
        for (int i = 0; i < threads; i++) shards[i] = single(model, hidden, ctrl, n, s, perShard);
        return new ShardedKernel(shards);
    }

    private static RecurrentKernel single(String model, int hidden, int ctrl, double n, double s, Options options) {
        return switch (model) {
            case "rnn_relu" -> elman(model, hidden, BuiltinActivations.RELU, List.of(), options);
            case "rnn_tanh" -> elman(model, hidden, BuiltinActivations.TANH, List.of(), options);
            case "rnn_softplus" -> elman(model, hidden, BuiltinActivations.SOFTPLUS, List.of(), options);
            case "rnn_gamma_fixed" -> elman(model, hidden, BuiltinActivations.GAMMA,
                    List.of(Slot.fixed(Parameters.GAIN, n), Slot.fixed(Parameters.SATURATION, s)), options);
            case "rnn_gamma_hom" -> elman(model, hidden, BuiltinActivations.GAMMA, gammaSlots(false), options);
            case "rnn_gamma_het" -> elman(model, hidden, BuiltinActivations.GAMMA, gammaSlots(true), options);
            case "arun" -> new RecurrentKernel(model, hidden,
                    new FusedArunCell(ctrl, options.checkpointEvery(), options.historyBudget(), options.precision(),
                            options.vectorized()), 1, options.precision());
            case "lstm" -> new RecurrentKernel(model, hidden, new FusedLstmCell(options.precision(), options.vectorized()), 1, options.precision());
            case "gru" -> new RecurrentKernel(model, hidden, new FusedGruCell(options.precision(), options.vectorized()), 1, options.precision());
            default -> throw new IllegalArgumentException("no fused kernel for model '" + model + "'; have " + MODELS);
        };
    }

    private static List<Slot> gammaSlots(boolean perNeuron) {
        return List.of(Slot.learned(Parameters.GAIN, perNeuron), Slot.learned(Parameters.SATURATION, perNeuron));
    }

    /** {@link #create} with default options. */
    public static FusedKernel create(String model, int hidden, int ctrl, double n, double s) {
        return create(model, hidden, ctrl, n, s, Options.defaults());
    }

    /**
     * An Elman kernel for a user's element-wise activation (model id "rnn"): its parameters, in
     * the order of {@link PointwiseActivation#parameters}, each [1] (shared) or [hidden] (per
     * neuron), learned; the batch split over {@code options.threads()} shards as for the built-ins.
     *
     * @throws IllegalArgumentException naming the parameter when one has another shape
     */
    public static FusedKernel elman(String model, int hidden, PointwiseActivation phi, Options options) {
        if (hidden <= 0) throw new IllegalArgumentException("hidden size must be > 0");
        List<Slot> slots = slots(phi.parameters(hidden), phi.name(), hidden);
        Blas.threads(1);
        int threads = Math.max(1, options.threads());
        if (threads == 1) return elman(model, hidden, phi, slots, options);
        RecurrentKernel[] shards = new RecurrentKernel[threads];
        for (int i = 0; i < threads; i++) shards[i] = elman(model, hidden, phi, slots, options);
        return new ShardedKernel(shards);
    }

    /**
     * A kernel for neurons with their own state ({@link StatefulNeuron}, docs/science.md section
     * 10.1): a user's model (id "rnn") or the spiking layers lif and alif; its parameters as for
     * {@link #elman(String, int, PointwiseActivation, Options)}, the batch split over
     * {@code options.threads()} shards.
     */
    public static FusedKernel stateful(String model, int hidden, StatefulNeuron neuron, Options options) {
        if (hidden <= 0) throw new IllegalArgumentException("hidden size must be > 0");
        List<Slot> slots = slots(neuron.parameters(hidden), neuron.name(), hidden);
        Blas.threads(1);
        int threads = Math.max(1, options.threads());
        RecurrentKernel[] shards = new RecurrentKernel[threads];
        for (int i = 0; i < threads; i++)
            shards[i] = new RecurrentKernel(model, hidden, new FusedStatefulCell(neuron, slots, options.precision(), options.vectorized()), 1, options.precision());
        return threads == 1 ? shards[0] : new ShardedKernel(shards);
    }

    /**
     * An ARUN kernel (model id "arun") whose read-out of the controller is a user's psi
     * ({@link ControllerReadout}): the built-in cell, loops and checkpointing, the batch split over
     * {@code options.threads()} shards as for the built-ins.
     */
    public static FusedKernel arun(int hidden, int ctrl, ControllerReadout psi, Options options) {
        if (hidden <= 0 || ctrl <= 0) throw new IllegalArgumentException("hidden and controller sizes must be > 0");
        Blas.threads(1);
        int threads = Math.max(1, options.threads());
        Options perShard = options.withHistoryBudget(options.historyBudget() / threads);
        RecurrentKernel[] shards = new RecurrentKernel[threads];
        for (int i = 0; i < threads; i++)
            shards[i] = new RecurrentKernel("arun", hidden, new ReadoutArunCell(psi, ctrl, perShard.checkpointEvery(), perShard.historyBudget(),
                    perShard.precision(), perShard.vectorized()), 1, perShard.precision());
        return threads == 1 ? shards[0] : new ShardedKernel(shards);
    }

    /**
     * Refuses (IllegalArgumentException naming the parameter) a user activation whose parameters
     * do not fit a layer of {@code hidden} neurons: each must be [1] (shared) or [hidden].
     */
    public static void checkShapes(PointwiseActivation phi, int hidden) { slots(phi.parameters(hidden), phi.name(), hidden); }

    /** {@link #checkShapes(PointwiseActivation, int)} for a neuron with its own state. */
    public static void checkShapes(StatefulNeuron model, int hidden) { slots(model.parameters(hidden), model.name(), hidden); }

    /** The slots of a user neuron model's parameters: [1] shared, [hidden] per neuron, anything else refused. */
    private static List<Slot> slots(List<ParamSpec> specs, String name, int hidden) {
        List<Slot> slots = new java.util.ArrayList<>();
        for (ParamSpec p : specs) {
            long[] shape = p.shape();
            if (shape.length != 1 || (shape[0] != 1 && shape[0] != hidden))
                throw new IllegalArgumentException("parameter '" + p.name() + "' of " + name + " has shape "
                        + java.util.Arrays.toString(shape) + ", which does not fit a layer of " + hidden
                        + " neurons: a neuron model's parameter is [1] (shared) or [" + hidden + "] (one per neuron)");
            slots.add(Slot.learned(p.name(), shape[0] != 1));
        }
        return slots;
    }

    private static RecurrentKernel elman(String model, int hidden, PointwiseActivation phi, List<Slot> slots, Options options) {
        return new RecurrentKernel(model, hidden, new FusedElmanCell(phi, slots, options.precision(), options.vectorized()), 1, options.precision());
    }
}
