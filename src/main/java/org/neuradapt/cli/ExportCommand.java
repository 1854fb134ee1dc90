package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.analysis.NumpyArchive;
import org.neuradapt.training.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A run's weights, and any trajectories recorded from it, as one NumPy {@code .npz} for the
 * user's own tools (docs/export.md: the array names and shapes). Readable by {@code numpy.load}
 * alone.
 */
@Command(name = "export", description = "Write a run's weights (trained and initial) and recorded trajectories as one NumPy .npz (docs/export.md).",
        footer = {"", "Example:", "  ./neuradapt export --run runs/quickstart_arun",
                "  ./neuradapt analyze trajectories --run runs/quickstart_arun --xi 5 && ./neuradapt export --run runs/quickstart_arun --trajectories",
                "  python3 -c \"import numpy; z = numpy.load('runs/quickstart_arun/export.npz'); print({k: z[k].shape for k in z})\""})
final class ExportCommand implements Callable<Integer> {
    @Mixin AnalysisOptions opts;

    @Option(names = "--file", paramLabel = "FILE", description = "the .npz to write (default: DIR/export.npz, or OUT/export.npz with --out)")
    Path file;

    @Option(names = "--trajectories", arity = "0..*", paramLabel = "NPZ",
            description = "include recorded trajectories: the .npz files written by analyze trajectories (no file: DIR/analysis/trajectories.npz), under trajectory.<signal>")
    List<Path> trajectories;

    @Option(names = "--no-init", description = "leave out the initial parameters (init.<name>)")
    boolean noInit;

    @Override
    public Integer call() throws Exception {
        Path target = file != null ? file : (opts.out != null ? opts.out : opts.run).resolve("export.npz");
        if (!target.getFileName().toString().endsWith(".npz")) throw new UserError("--file '" + target + "' must end in .npz");
        List<Path> recorded = new ArrayList<>();
        if (trajectories != null) {
            if (trajectories.isEmpty()) recorded.add(opts.run.resolve(AnalysisRun.FOLDER).resolve("trajectories.npz"));
            else recorded.addAll(trajectories);
            for (Path p : recorded)
                if (!Files.isRegularFile(p))
                    throw new UserError("--trajectories: '" + p + "' does not exist; record it first with ./neuradapt analyze trajectories --run " + opts.run);
        }
        AnalysisRun run = AnalysisRun.open(opts.run, opts.checkpoint, target.toAbsolutePath().getParent(), "export", List.of(), "");
        NumpyArchive npz = new NumpyArchive();
        // docs/export.md: trained parameters under their names (network.Parameters), initial ones under init.<name>
        run.parameters().forEach(npz::put);
        // self-describing (docs/export.md): the resolved config (model id and options, task, pooling, seed) and the input order
        npz.putText("config", org.neuradapt.config.ConfigLoader.toYaml(run.config()));
        var data = run.config().data();
        int steps = data.sequenceLength();
        int[] order = data.task().equals("psmnist") ? org.neuradapt.data.SequentialMnist.permutation(steps, run.config().seed())
                : org.neuradapt.data.SequentialMnist.identity(steps);
        npz.put("task.permutation", java.util.Arrays.stream(order).asDoubleStream().toArray(), steps);
        if (!noInit) run.initialParameters().forEach((k, v) -> npz.put("init." + k, v));
        for (int i = 0; i < recorded.size(); i++) {
            Map<String, INDArray> arrays;
            try {
                arrays = org.neuradapt.data.NpzFiles.read(recorded.get(i));
            } catch (java.io.IOException e) {
                throw new UserError("--trajectories: cannot read '" + recorded.get(i) + "' as .npz (" + e.getMessage() + ")");
            }
            String prefix = recorded.size() == 1 ? "trajectory." : "trajectory" + i + ".";
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {   // text and int64 (the perturbation, the seed) stay as they are
                INDArray v = e.getValue();
                if (v.dataType() == org.nd4j.linalg.api.buffer.DataType.UINT8) npz.putText(prefix + e.getKey(), org.neuradapt.analysis.NumpyArchive.text(v));
                else if (v.dataType() == org.nd4j.linalg.api.buffer.DataType.LONG) npz.putInt64(prefix + e.getKey(), v.toLongVector());
                else npz.put(prefix + e.getKey(), v);
            }
        }
        AtomicFiles.write(target, npz.toBytes());
        System.out.println("wrote " + target + " (" + npz.arrays().size() + " arrays: " + String.join(", ", npz.arrays().keySet()) + ")");
        return 0;
    }
}
