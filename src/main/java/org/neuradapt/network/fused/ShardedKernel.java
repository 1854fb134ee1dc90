package org.neuradapt.network.fused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Targets;

/**
 * Data-parallel wrapper (docs/performance.md, "Threads"): cuts the batch into a fixed number of
 * contiguous logical shards of samples, each run by its own single-threaded kernel (samples are
 * independent in the forward pass and in BPTT), the shards spread over the threads; then sums the
 * gradients in shard order and concatenates logits and signals. What each shard computes, and
 * the order of the sum, depend on the batch and the number of shards, never on the number of
 * threads: a run gives the same bits on any number of threads. Splitting by samples, not every
 * step's loops, the threads synchronise twice per batch instead of several times per time step.
 */
final class ShardedKernel implements FusedKernel {
    private final RecurrentKernel[] shards;
    private final Par par;
    private final Result[] results;

    ShardedKernel(RecurrentKernel[] shards, int threads) {
        this.shards = shards;
        this.par = new Par(Math.min(threads, shards.length));
        this.results = new Result[shards.length];
    }

    /** The threads the shards run on. */
    int threads() { return par.workers(); }

    @Override public String model() { return shards[0].model(); }

    @Override public int hidden() { return shards[0].hidden(); }

    @Override public List<String> parameterNames() { return shards[0].parameterNames(); }

    @Override public Map<String, int[]> parameterShapes(int inputSize, int classes) { return shards[0].parameterShapes(inputSize, classes); }

    @Override public Set<String> signals() { return shards[0].signals(); }

    private interface ShardCall { Result run(RecurrentKernel k, double[] x, int b, double[] d, Targets y); }

    private Result runSharded(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, ShardCall call) {
        int S = Math.min(shards.length, batch);
        if (x.length != batch * steps * inputSize) throw new IllegalArgumentException("x has " + x.length + " values, expected B*T*I = " + batch * steps * inputSize);
        int N = hidden();
        if (drive != null && drive.length != batch * steps * N) throw new IllegalArgumentException("drive has " + drive.length + " values, expected B*T*N = " + batch * steps * N);
        int width = targets.readout().classes() || !targets.present() ? 0 : targets.values().length / (batch * steps);
        par.forEach(S, Long.MAX_VALUE, (from, to, w) -> {
            for (int s = from; s < to; s++) {
                int b0 = batch * s / S, b1 = batch * (s + 1) / S, nb = b1 - b0;
                double[] xs = slice(x, b0, nb, steps * inputSize);
                double[] ds = drive == null ? null : slice(drive, b0, nb, steps * N);
                Targets ys = targets.samples(b0, nb, steps, width);
                results[s] = call.run(shards[s], xs, nb, ds, ys);
            }
        });
        // combine (logits and signals are batch-major: the shards' blocks follow one another)
        double loss = 0;
        double[] logits = new double[0];
        Map<String, double[]> grads = new LinkedHashMap<>();
        Map<String, double[]> signals = new LinkedHashMap<>();
        for (int s = 0; s < S; s++) {
            Result r = results[s];
            loss += r.loss();
            logits = concat(logits, r.logits());
            for (Map.Entry<String, double[]> e : r.gradients().entrySet()) {
                double[] g = grads.get(e.getKey());
                if (g == null) grads.put(e.getKey(), e.getValue().clone());
                else for (int i = 0; i < g.length; i++) g[i] += e.getValue()[i];
            }
            for (Map.Entry<String, double[]> e : r.signals().entrySet()) signals.merge(e.getKey(), e.getValue(), ShardedKernel::concat);
            results[s] = null;
        }
        return new Result(loss, logits, grads, signals);
    }

    private static double[] slice(double[] a, int b0, int nb, int perSample) {
        return java.util.Arrays.copyOfRange(a, b0 * perSample, (b0 + nb) * perSample);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, Map<String, double[]> params,
                                  boolean inputGradients) {
        if (targets == null || !targets.present()) throw new IllegalArgumentException("need targets for the " + batch + " sequences");
        double norm = KernelSupport.norm(targets, batch, steps, params);
        return runSharded(x, batch, steps, inputSize, drive, targets,
                (k, xs, nb, ds, ys) -> k.forwardBackward(xs, nb, steps, inputSize, ds, ys, params, inputGradients, norm));
    }

    @Override
    public Result forward(double[] x, int batch, int steps, int inputSize, double[] drive, Targets targets, Map<String, double[]> params, Set<String> record) {
        double norm = KernelSupport.norm(targets, batch, steps, params);
        return runSharded(x, batch, steps, inputSize, drive, targets,
                (k, xs, nb, ds, ys) -> k.forward(xs, nb, steps, inputSize, ds, ys, params, record, norm));
    }


    @Override
    public void close() {
        par.close();
        for (RecurrentKernel k : shards) k.close();
    }

    @Override
    public String toString() { return "ShardedKernel[" + shards.length + " shards on " + par.workers() + " threads x " + shards[0] + "]"; }
}
