package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.network.Signals;

/**
 * Recorded trajectories (docs/science.md section 5.10): the per-step signals of a network kept at
 * a subset of samples, steps and neurons, so that a recording of a paper-scale network fits in
 * memory, stored with the indices kept (the entries of docs/export.md).
 *
 * <p>The recording runs sample chunk by sample chunk ({@link Recorder}): each chunk's full
 * recording is cut to the selected steps and neurons before the next chunk runs, so the working
 * set is one chunk, not the whole batch. Pure: the network runs are behind {@link Recorder}.
 */
public final class Trajectories {
    private Trajectories() {}

    /** The names of the index entries stored with the signals (docs/export.md). */
    public static final String SAMPLES = "samples", STEPS = "steps", NEURONS = "neurons";

    /**
     * Which samples, steps and neurons are kept: 0-based, strictly ascending, non-empty.
     *
     * @param samples indices into the test set
     * @param steps   steps t, 0 the first input
     * @param neurons neuron indices i
     */
    public record Selection(int[] samples, int[] steps, int[] neurons) {
        public Selection {
            samples = ascending("samples", samples);
            steps = ascending("steps", steps);
            neurons = ascending("neurons", neurons);
        }

        @Override public int[] samples() { return samples.clone(); }

        @Override public int[] steps() { return steps.clone(); }

        @Override public int[] neurons() { return neurons.clone(); }

        /** The stored shape of a signal with {@code per} values per neuron (the controller size M for g, else 1). */
        public long[] shape(int per) {
            return per == 1 ? new long[] {samples.length, steps.length, neurons.length}
                    : new long[] {samples.length, steps.length, neurons.length, per};
        }

        /** Values of one stored signal with {@code per} values per neuron. */
        public long values(int per) { return (long) samples.length * steps.length * neurons.length * per; }

        private static int[] ascending(String what, int[] v) {
            if (v == null || v.length == 0) throw new IllegalArgumentException("a selection keeps at least one of the " + what);
            for (int i = 0; i < v.length; i++)
                if (v[i] < 0 || (i > 0 && v[i] <= v[i - 1]))
                    throw new IllegalArgumentException(what + " must be distinct, ascending and >= 0: " + Arrays.toString(v));
            return v.clone();
        }
    }

    /**
     * Reads an index selection out of {@code limit} (0 .. limit-1): {@code K} (the first K),
     * {@code I,J,...} (those, in any order, distinct; sorted here) or {@code FROM:TO[:STRIDE]}
     * (FROM &lt;= i &lt; TO every STRIDE-th).
     *
     * @param what what the indices count, for the message ("steps", "neurons", ...)
     * @throws UserError naming {@code option} for unreadable text or an index outside [0, limit)
     */
    public static int[] parseIndices(String option, String text, int limit, String what) {
        String form = "; give K (the first K), a comma list I,J,... or FROM:TO[:STRIDE] (FROM <= i < TO), with " + what + " in [0, " + limit + ")";
        String s = text == null ? "" : text.strip();
        int[] out;
        try {
            if (s.contains(":")) {
                String[] p = s.split(":", -1);
                if (p.length < 2 || p.length > 3) throw new NumberFormatException();
                int from = Integer.parseInt(p[0].strip()), to = Integer.parseInt(p[1].strip()), stride = p.length == 3 ? Integer.parseInt(p[2].strip()) : 1;
                if (stride < 1 || from < 0 || from >= to || to > limit)
                    throw new UserError(option + " " + s + " does not fit " + limit + " " + what + form);
                out = range(from, to, stride);
            } else if (s.contains(",")) {
                String[] p = s.split(",", -1);
                out = new int[p.length];
                for (int i = 0; i < p.length; i++) out[i] = Integer.parseInt(p[i].strip());
                Arrays.sort(out);
                for (int i = 0; i < out.length; i++) {
                    if (out[i] < 0 || out[i] >= limit) throw new UserError(option + " " + s + ": index " + out[i] + " is outside [0, " + limit + ")" + form);
                    if (i > 0 && out[i] == out[i - 1]) throw new UserError(option + " " + s + ": index " + out[i] + " is given twice" + form);
                }
            } else {
                int k = Integer.parseInt(s);
                if (k < 1 || k > limit) throw new UserError(option + " " + s + ": the count must be in [1, " + limit + "]" + form);
                out = range(0, k, 1);
            }
        } catch (NumberFormatException e) {
            throw new UserError(option + ": cannot read '" + text + "'" + form);
        }
        return out;
    }

    /** from, from + stride, ... below to. */
    public static int[] range(int from, int to, int stride) {
        int n = Math.max(0, (to - from + stride - 1) / stride);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = from + i * stride;
        return out;
    }

    /** The network runs: the full recording [count, T, N] ([count, T, N, M] for g) of the given test samples, under the protocol's perturbation. */
    @FunctionalInterface
    public interface Recorder {
        Map<String, INDArray> record(int[] samples);
    }

    /**
     * A recording: the kept signals (float32, C order, shaped as {@link Selection#shape}), the
     * selection and where it came from.
     */
    public record Recording(Source source, Map<String, Object> parameters, Selection selection, Map<String, INDArray> signals) {
        public Recording {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
        }

        /** The archive of docs/export.md: one entry per signal, then {@code samples}, {@code steps} and {@code neurons}. */
        public NumpyArchive archive() {
            NumpyArchive npz = new NumpyArchive();
            signals.forEach(npz::put);
            npz.put(SAMPLES, indices(selection.samples()));
            npz.put(STEPS, indices(selection.steps()));
            npz.put(NEURONS, indices(selection.neurons()));
            return npz;
        }

        private static INDArray indices(int[] v) {
            return Nd4j.createFromArray(Arrays.stream(v).asDoubleStream().toArray()).castTo(DataType.FLOAT);
        }
    }

    /**
     * Bytes of the stored recording (float32) of {@code signals}, with {@code ctrl} values per
     * neuron for g.
     */
    public static long bytes(Selection sel, List<String> signals, int ctrl) {
        long v = 0;
        for (String s : signals) v += sel.values(perNeuron(s, ctrl));
        return 4 * v + 4L * (sel.samples().length + sel.steps().length + sel.neurons().length);
    }

    /** Values per neuron and step of a signal: M for the controller state g, else 1. */
    public static int perNeuron(String signal, int ctrl) { return signal.equals(Signals.G) ? ctrl : 1; }

    /**
     * Records the selection, {@code chunk} samples per network run, keeping only the selected steps
     * and neurons of each run.
     */
    public static Map<String, INDArray> record(Selection sel, List<String> signals, int chunk, Recorder recorder, Progress progress) {
        int[] samples = sel.samples(), steps = sel.steps(), neurons = sel.neurons();
        Map<String, float[]> kept = new LinkedHashMap<>();
        Map<String, Integer> per = new LinkedHashMap<>();
        int step = Math.max(1, chunk);
        for (int from = 0; from < samples.length; from += step) {
            int[] part = Arrays.copyOfRange(samples, from, Math.min(samples.length, from + step));
            Map<String, INDArray> full = recorder.record(part);
            for (String s : signals) {
                INDArray a = full.get(s);
                if (a == null) throw new IllegalArgumentException("the recorder returned no signal '" + s + "'");
                int p = a.rank() == 4 ? (int) a.size(3) : 1;
                per.putIfAbsent(s, p);
                float[] out = kept.computeIfAbsent(s, k -> new float[(int) sel.values(p)]);
                subsample(a, part.length, steps, neurons, p, out, from);
            }
            progress.update("samples", Math.min(samples.length, from + step), samples.length);
        }
        Map<String, INDArray> result = new LinkedHashMap<>();
        for (String s : signals) result.put(s, Nd4j.createFromArray(kept.get(s)).reshape(sel.shape(per.get(s))));
        return result;
    }

    /**
     * Copies the selected steps and neurons of a full recording a [count, T, N(, per)] into rows
     * {@code first ..} of {@code out}, row-major [B', T', N'(, per)].
     */
    static void subsample(INDArray a, int count, int[] steps, int[] neurons, int per, float[] out, int first) {
        long T = a.size(1), N = a.size(2);
        if (a.size(0) != count) throw new IllegalArgumentException("recorded " + a.size(0) + " samples, expected " + count);
        if (steps[steps.length - 1] >= T || neurons[neurons.length - 1] >= N)
            throw new IllegalArgumentException("selection outside the recording [" + count + ", " + T + ", " + N + "]");
        double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int o = first * steps.length * neurons.length * per;
        for (int b = 0; b < count; b++)
            for (int t : steps)
                for (int i : neurons) {
                    long base = ((b * T + t) * N + i) * per;
                    for (int m = 0; m < per; m++) out[o++] = (float) flat[(int) (base + m)];
                }
    }

    /**
     * The signals a model records, in the order of {@link Signals#NAMES}, then a neuron model's own
     * state components (docs/science.md section 10.1) in the order the model gives them.
     */
    public static List<String> ordered(java.util.Set<String> available) {
        List<String> out = new ArrayList<>();
        for (String s : Signals.NAMES) if (available.contains(s)) out.add(s);
        for (String s : available) if (!out.contains(s)) out.add(s);
        return out;
    }
}
