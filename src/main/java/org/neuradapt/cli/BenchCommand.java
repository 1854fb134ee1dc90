package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.network.Batch;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.training.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seconds per training batch (forward, BPTT, Adam step) on random data, as the project's PyTorch
 * implementation (experiments/torch_models.py) measures it, plus graph build time, first-iteration
 * time and peak memory.
 */
@Command(name = "bench", description = "Time training batches of one model on random data.",
        footer = {"", "Example:", "  ./neuradapt bench --model arun --hidden 64 --ctrl 8 --steps 196 --batch 32 --json"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "rnn_gamma_het", description = "model id (rnn with --activation)")
    String model;
    @Option(names = "--activation", paramLabel = "CLASS",
            description = "with --model rnn: a user activation class, as model.activation (docs/extending.md); default options") String activation;
    @Option(names = "--controller", paramLabel = "CLASS",
            description = "with --model arun: a user controller class (an ARUN variant), as model.controller; default options") String controller;
    @Option(names = "--hidden", defaultValue = "64") int hidden;
    @Option(names = "--ctrl", defaultValue = "8") int ctrl;
    @Option(names = "--steps", defaultValue = "196") int steps;
    @Option(names = "--batch", defaultValue = "32") int batch;
    @Option(names = "--iters", defaultValue = "5", description = "timed iterations after the warm-up") int iters;
    @Option(names = "--warmup", defaultValue = "auto", paramLabel = "auto|N",
            description = "batches discarded before timing: N, or auto = until three batches in a row agree within 10%% (at most 60 batches or 120 s)") String warmup;
    @Option(names = "--backend", defaultValue = "auto",
            description = "auto, samediff, samediff_unrolled or samediff_stepped (as model.backend)") String backend;
    @Option(names = "--bptt-checkpoint", defaultValue = "0",
            description = "ARUN: keep every k-th controller state in BPTT (model.bptt_checkpoint; 0 = automatic)") int bpttCheckpoint;
    @Option(names = "--no-flush-denormals",
            description = "keep denormal floats in the fused kernels' BPTT gradients (default: flushed to 0; for measurement, docs/performance.md, \"Denormal floats\")") boolean noFlushDenormals;
    @Option(names = "--threads", split = ",", paramLabel = "LIST",
            description = "thread counts to time, e.g. 1,2,4 (default: the cores this process may use); with several, each line adds the parallel"
                    + " efficiency t(k0) k0 / (t(k) k) against the first count k0") java.util.List<Integer> threadCounts;
    @Option(names = "--shards", paramLabel = "K", description = "logical shards of a batch, as train.shards (default: " + org.neuradapt.network.fused.FastKernels.DEFAULT_SHARDS + "; docs/performance.md, \"Threads\")")
    Integer shards;
    @Option(names = "--json", description = "print one JSON object per thread count") boolean json;

    @Override
    public Integer call() throws Exception {
        if (hidden <= 0 || steps <= 0 || batch <= 0 || iters <= 0)
            throw new UserError("--hidden, --steps, --batch and --iters must be > 0");
        if (bpttCheckpoint < 0) throw new UserError("--bptt-checkpoint must be >= 0 (0 = automatic)");
        if (!org.neuradapt.config.ConfigRules.BACKENDS.contains(backend))
            throw new UserError("--backend must be one of " + org.neuradapt.config.ConfigRules.BACKENDS + "; got '" + backend + "'");
        if (controller != null && !model.equals("arun")) throw new UserError("--controller CLASS goes with --model arun");
        if (model.equals("arun") && ctrl <= 0) throw new UserError("--ctrl (the ARUN controller size) must be > 0");
        if (!model.equals("arun")) ctrl = 1; // unused
        if (model.equals("rnn") != (activation != null))
            throw new UserError("--activation CLASS goes with --model rnn (and --model rnn needs --activation)");
        if (!ModelFactory.MODEL_IDS.contains(model))
            throw new UserError("--model must be a built-in model id, one of " + ModelFactory.MODEL_IDS.stream().filter(m -> !m.equals("rnn")).toList() + ", or rnn with --activation; got '" + model + "'");
        if (noFlushDenormals) org.neuradapt.network.fused.FastKernels.setFlushDenormals(false);
        ModelConfig mc = new ModelConfig(model, hidden, ctrl, 5.0, 0.0, activation, controller == null ? "arun" : controller, Map.of(), backend, bpttCheckpoint);
        SplittableRandom rng = new SplittableRandom(0);
        float[] x = new float[batch * steps], y = new float[batch * 10];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        for (int b = 0; b < batch; b++) y[b * 10 + rng.nextInt(10)] = 1;
        Batch data = new Batch(Nd4j.createFromArray(x).reshape(batch, steps, 1), null, Nd4j.createFromArray(y).reshape(batch, 10));
        if (shards != null && shards < 1) throw new UserError("--shards must be >= 1, got " + shards);
        java.util.List<Integer> counts = threadCounts == null ? java.util.List.of(org.neuradapt.network.fused.FastKernels.threads()) : threadCounts;
        for (int k : counts) if (k < 1) throw new UserError("--threads must list counts >= 1, got " + counts);
        double firstSeconds = Double.NaN;
        for (int k : counts) {
            if (threadCounts != null) org.neuradapt.network.fused.FastKernels.setThreads(k);   // else the default, and where it came from
            Map<String, Object> out = measure(mc, data);
            double median = (double) out.get("median_s_per_batch");
            if (Double.isNaN(firstSeconds)) firstSeconds = median;
            double efficiency = firstSeconds * counts.get(0) / (median * k);
            if (counts.size() > 1) out.put("parallel_efficiency", efficiency);
            if (json) System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
            else System.out.printf(Locale.ROOT, "%s%s (%s) hidden=%d ctrl=%d T=%d B=%d, %d threads: median %.4f s/batch over %d after %d warm-up batches%s, build %.2f s, first iteration %.2f s, peak RSS %.0f MB%n",
                    model, activation != null ? " " + activation : controller != null ? " " + controller : "", out.get("backend"), hidden, ctrl, steps, batch, k,
                    median, iters, out.get("warmup_batches"), counts.size() > 1 ? String.format(Locale.ROOT, ", parallel efficiency %.2f", efficiency) : "",
                    out.get("build_s"), out.get("first_iter_s"), peakRssMb());
        }
        return 0;
    }

    private int shardCount() { return shards == null ? org.neuradapt.network.fused.FastKernels.DEFAULT_SHARDS : shards; }

    /** One timing at the current thread count: the JSON fields. */
    private Map<String, Object> measure(ModelConfig mc, Batch data) {
        long t0 = System.nanoTime();
        Network net = ModelFactory.create(mc, ModelFactory.layer(mc), 1, steps, 10, 0, DataType.FLOAT, shardCount());
        double build = (System.nanoTime() - t0) / 1e9;
        Adam adam = new Adam(net.parameters());
        double first = step(net, adam, data);
        int warm = warmUp(net, adam, data, first);
        double[] times = new double[iters];
        for (int i = 0; i < iters; i++) times[i] = step(net, adam, data);
        Arrays.sort(times);
        double median = times[iters / 2];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        if (activation != null) out.put("activation", activation);
        if (controller != null) out.put("controller", controller);
        out.put("backend", net.backend());
        out.put("hidden", hidden);
        out.put("ctrl", model.equals("arun") ? ctrl : 0);
        out.put("steps", steps);
        out.put("batch", batch);
        out.put("iters", iters);
        out.put("warmup_batches", warm);
        out.put("bptt_checkpoint", bpttCheckpoint);
        out.put("flush_denormals", org.neuradapt.network.fused.FastKernels.flushDenormals());
        out.put("simd", org.neuradapt.network.fused.FastKernels.simdAvailable());
        out.put("median_s_per_batch", median);
        out.put("build_s", build);
        out.put("first_iter_s", first);
        out.put("peak_rss_mb", peakRssMb());
        int given = org.neuradapt.network.fused.FastKernels.threads();
        out.put("threads", net.backend().equals("fused") ? Math.min(given, shardCount()) : given);   // what ran: the fused path runs at most one thread per shard
        out.put("threads_given", given);
        out.put("threads_from", org.neuradapt.network.fused.FastKernels.threadsSource());
        out.put("shards", shardCount());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("cpu", Map.of("model", org.neuradapt.training.Provenance.cpuModel(), "lanes", org.neuradapt.network.fused.FastKernels.simdLanes()));
        return out;
    }

    /**
     * Discards batches until the time per batch is stable, so that the median is not taken while
     * the JIT is still compiling the SIMD loops (the first ARUN batches run several times slower).
     * The first batch counts as warm-up. Returns the number of batches discarded.
     */
    private int warmUp(Network net, Adam adam, Batch data, double first) {
        if (!warmup.equals("auto")) {
            int n;
            try {
                n = Integer.parseInt(warmup.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) throw new UserError("--warmup must be auto or a number of batches >= 1, got '" + warmup + "'");
            for (int i = 1; i < n; i++) step(net, adam, data);
            return n;
        }
        double[] last = {first, Double.NaN, Double.NaN};
        double spent = first;
        int n = 1;
        while (n < 60 && spent < 120 && !stable(last)) {
            double t = step(net, adam, data);
            last[2] = last[1];
            last[1] = last[0];
            last[0] = t;
            spent += t;
            n++;
        }
        return n;
    }

    /** Three batch times within 10% of their mean. */
    static boolean stable(double[] t) {
        for (double v : t) if (Double.isNaN(v)) return false;
        double mean = (t[0] + t[1] + t[2]) / 3;
        for (double v : t) if (Math.abs(v - mean) > 0.1 * mean) return false;
        return true;
    }

    private static double step(Network net, Adam adam, Batch data) {
        long t = System.nanoTime();
        Network.Gradients g = net.lossAndGradients(data);
        adam.update(net.parameters(), g.gradients(), 1e-4);
        return (System.nanoTime() - t) / 1e9;
    }

    /** VmHWM of this process (Linux), in MB: the peak resident set including native ND4J memory. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
        } catch (Exception e) {
            // not Linux: fall through
        }
        return Double.NaN;
    }
}
