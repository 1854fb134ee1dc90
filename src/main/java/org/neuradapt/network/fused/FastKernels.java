package org.neuradapt.network.fused;

import java.util.List;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.fused.FusedElmanCell.Slot;
import org.neuradapt.neuron.ArunController;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.GammaActivation;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.PointwiseActivation;
import org.neuradapt.neuron.StatefulNeuron;
import org.neuradapt.util.Cores;

/**
 * The fused backend's compiler: a kernel for each kind of neuron model (docs/science.md sections 2
 * and 10): an element-wise activation ({@link #elman}), a neuron with its own state
 * ({@link #stateful}), the ARUN's controller ({@link #arun}), the LSTM and GRU ({@link #gated}).
 * Which model a config names is decided once, in {@link org.neuradapt.network.LayerModel}.
 */
public final class FastKernels {
    /**
     * Default byte budget of the stored ARUN controller history, all shards together, before
     * checkpointing kicks in. Measured at paper size (400/50/784/100, history 6.3 GB in float):
     * checkpointing every 28 steps took 16.3 s per batch at 1.5 GB peak RSS, the whole history
     * 15.8 s at 7.1 GB, so a small budget costs little.
     */
    public static final long DEFAULT_HISTORY_BUDGET = 1L << 30;

    private FastKernels() {}

    /**
     * The number of logical shards a batch is cut into unless a run says (train.shards,
     * docs/performance.md, "Threads"): fixed per run, so that the order in which per-sample
     * gradients are summed, and so a trained network's last bits, never depend on the number of
     * threads; a run uses at most this many threads.
     */
    public static final int DEFAULT_SHARDS = org.neuradapt.config.TrainConfig.DEFAULT_SHARDS;

    /** The process's thread count (0: the cores it may use, {@link Cores#available()}). */
    private static volatile int threads = 0;

    /**
     * Sets the number of threads every kernel made afterwards runs on (process-wide, as the
     * command line's --threads and run.threads give it); 0 restores the default, the cores this
     * process may use.
     */
    public static void setThreads(int n) {
        if (n < 0) throw new IllegalArgumentException("threads must be >= 1 (or 0 for the cores this process may use), got " + n);
        threads = n;
    }

    /** The threads kernels made now run on: as set, else the cores this process may use. */
    public static int threads() {
        int t = threads;
        return t > 0 ? t : Cores.available().count();
    }

    /**
     * Sets OpenBLAS's threads for the SameDiff path's matrix products (process-wide); every fused
     * kernel call sets 1 again for itself, since its logical shards are its threads.
     */
    public static void setBlasThreads(int n) { Blas.threads(Math.max(1, n)); }

    /** Where {@link #threads()} comes from: "set" (--threads or run.threads), or the source of {@link Cores#available()}. */
    public static String threadsSource() {
        return threads > 0 ? "set" : Cores.available().source();
    }

    /**
     * Options of a kernel.
     *
     * @param threads          threads the batch's logical shards run on (default: {@link #threads()})
     * @param checkpointEvery  ARUN: keep every k-th controller state and recompute the rest in
     *                         BPTT; 0 = automatic (everything if it fits historyBudget, else k ~ sqrt(T))
     * @param historyBudget    ARUN: bytes allowed for the stored controller history when checkpointEvery = 0
     * @param shards           logical shards of a batch ({@link #DEFAULT_SHARDS}, train.shards); results depend on it, never on threads
     */
    public record Options(int threads, int checkpointEvery, long historyBudget, boolean singlePrecision, boolean vectorized, int shards) {
        public Options(int threads, int checkpointEvery, long historyBudget) {
            this(threads, checkpointEvery, historyBudget, false, true, DEFAULT_SHARDS);
        }

        public static Options defaults() {
            return new Options(FastKernels.threads(), 0, DEFAULT_HISTORY_BUDGET, false, true, DEFAULT_SHARDS);
        }

        public Options withThreads(int t) { return new Options(t, checkpointEvery, historyBudget, singlePrecision, vectorized, shards); }

        public Options withHistoryBudget(long bytes) { return new Options(threads, checkpointEvery, bytes, singlePrecision, vectorized, shards); }

        public Options withCheckpointEvery(int k) { return new Options(threads, k, historyBudget, singlePrecision, vectorized, shards); }

        /** float storage and sgemm (element-wise arithmetic double, except the SIMD loops); false: double throughout. */
        public Options withSinglePrecision(boolean on) { return new Options(threads, checkpointEvery, historyBudget, on, vectorized, shards); }

        /**
         * SIMD loops in float for the ARUN controller (default on; they run only with float
         * storage and when the JVM has the jdk.incubator.vector module, see {@link #simdAvailable()}).
         */
        public Options withVectorized(boolean on) { return new Options(threads, checkpointEvery, historyBudget, singlePrecision, on, shards); }

        /** Another number of logical shards (train.shards; it changes the last bits of a run, the thread count does not). */
        public Options withShards(int k) { return new Options(threads, checkpointEvery, historyBudget, singlePrecision, vectorized, k); }

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

    /**
     * The kernel of a layer whose neurons apply one element-wise activation phi (docs/science.md
     * sections 2.1 and 2.7): the built-in relu, tanh, softplus and gamma
     * ({@link org.neuradapt.neuron.ClassicActivation}, {@link GammaActivation}) or a user's
     * {@link PointwiseActivation}, its parameters in the order of {@link PointwiseActivation#parameters},
     * each [1] (shared) or [hidden] (per neuron), learned. A fixed gamma's constants (n, s) are laid
     * out as fixed parameters, so that the kernel records them as the signals n and s and runs
     * gamma's SIMD loop with them.
     *
     * @throws IllegalArgumentException naming the parameter when one has another shape
     */
    public static FusedKernel elman(String model, int hidden, PointwiseActivation phi, Options options) {
        if (hidden <= 0) throw new IllegalArgumentException("hidden size must be > 0");
        List<Slot> slots = phi instanceof GammaActivation g && g.mode() == GammaActivation.Mode.FIXED
                ? List.of(Slot.fixed(Parameters.GAIN, g.fixedGain()), Slot.fixed(Parameters.SATURATION, g.fixedSaturation()))
                : slots(phi.parameters(hidden), phi.name(), hidden);
        return sharded(options, o -> new RecurrentKernel(model, hidden, new FusedElmanCell(phi, slots, o.precision(), o.vectorized()), 1, o.precision()));
    }

    /**
     * A kernel for neurons with their own state ({@link StatefulNeuron}, docs/science.md section
     * 10.1): a user's model (id "rnn") or the spiking layers lif and alif; its parameters as for
     * {@link #elman}.
     */
    public static FusedKernel stateful(String model, int hidden, StatefulNeuron neuron, Options options) {
        if (hidden <= 0) throw new IllegalArgumentException("hidden size must be > 0");
        List<Slot> slots = slots(neuron.parameters(hidden), neuron.name(), hidden);
        return sharded(options, o -> new RecurrentKernel(model, hidden, new FusedStatefulCell(neuron, slots, o.precision(), o.vectorized()), 1, o.precision()));
    }

    /**
     * An ARUN kernel (model id "arun", docs/science.md section 2.2) whose read-out of the controller
     * is psi ({@link ControllerReadout}, section 2.7): the built-in controller ({@link ArunController},
     * the identity read-out) runs its own cell without the read-out step, a user's psi the same loops
     * with it.
     */
    public static FusedKernel arun(int hidden, int ctrl, ControllerReadout psi, Options options) {
        if (hidden <= 0 || ctrl <= 0) throw new IllegalArgumentException("hidden and controller sizes must be > 0");
        return sharded(options, o -> new RecurrentKernel("arun", hidden, psi instanceof ArunController
                ? new FusedArunCell(ctrl, o.checkpointEvery(), o.historyBudget(), o.precision(), o.vectorized())
                : new ReadoutArunCell(psi, ctrl, o.checkpointEvery(), o.historyBudget(), o.precision(), o.vectorized()), 1, o.precision()));
    }

    /** The LSTM or GRU kernel (model id "lstm" or "gru", docs/science.md section 2.4). */
    public static FusedKernel gated(String model, int hidden, Options options) {
        if (hidden <= 0) throw new IllegalArgumentException("hidden size must be > 0");
        return sharded(options, o -> new RecurrentKernel(model, hidden, switch (model) {
            case "lstm" -> new FusedLstmCell(o.precision(), o.vectorized());
            case "gru" -> new FusedGruCell(o.precision(), o.vectorized());
            default -> throw new IllegalArgumentException("no gated kernel '" + model + "'; have lstm, gru");
        }, 1, o.precision()));
    }

    /**
     * One kernel per logical shard of the batch, each with its share of the history budget, run
     * on min(threads, shards) threads ({@link ShardedKernel}); the gradients are summed in shard
     * order, so the result is the same on any number of threads. Each kernel call sets OpenBLAS
     * to one thread (RecurrentKernel), so that the shards do not oversubscribe the cores.
     */
    private static FusedKernel sharded(Options options, java.util.function.Function<Options, RecurrentKernel> kernel) {
        int shards = Math.max(1, options.shards());
        Options perShard = options.withHistoryBudget(options.historyBudget() / shards);
        RecurrentKernel[] kernels = new RecurrentKernel[shards];
        for (int i = 0; i < shards; i++) kernels[i] = kernel.apply(perShard);
        return shards == 1 ? kernels[0] : new ShardedKernel(kernels, Math.max(1, Math.min(options.threads(), shards)));
    }

    /**
     * Refuses (IllegalArgumentException naming the parameter) a user activation whose parameters
     * do not fit a layer of {@code hidden} neurons: each must be [1] (shared) or [hidden].
     */
    public static void checkShapes(PointwiseActivation phi, int hidden) { slots(phi.parameters(hidden), phi.name(), hidden); }

    /** {@link #checkShapes(PointwiseActivation, int)} for a neuron with its own state. */
    public static void checkShapes(StatefulNeuron neuron, int hidden) { slots(neuron.parameters(hidden), neuron.name(), hidden); }

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
}
