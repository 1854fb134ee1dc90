package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;
import org.neuradapt.analysis.NumpyArchive;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.Provenance;
import org.neuradapt.training.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import} (docs/export.md, "Importing"): a run folder from weights in an .npz, named as
 * export writes them: an archive written by {@code export} (its embedded config says the model and
 * the task), or weights trained elsewhere with a config that says them. Every analysis, eval and
 * the robustness experiment then run on the folder; train --resume fine-tunes it.
 */
@Command(name = "import", description = "Build a run folder from weights in an .npz (an export, or weights trained elsewhere, named as docs/export.md names them).",
        footer = {"", "Example:", "  ./neuradapt import --npz runs/quickstart_arun/export.npz --set name=arun_copy",
                "  ./neuradapt import --npz torch_relu.npz --config configs/task_perceptual_decision.yaml --set model.type=rnn_relu --set name=from_torch"})
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--npz", paramLabel = "FILE", required = true, description = "the weights: arrays named as docs/export.md names them")
    Path npz;

    @Option(names = "--config", paramLabel = "FILE", description = "a run config naming the model and the task (default: the archive's own 'config', which export writes)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "config overrides, as for train (e.g. name=copy, out=runs)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--overwrite", description = "replace a run folder that exists")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(npz)) throw new UserError("--npz: no file '" + npz + "'; give an .npz of weights (docs/export.md)");
        Map<String, INDArray> arrays;
        try {
            arrays = new TreeMap<>(org.neuradapt.data.NpzFiles.read(npz));
        } catch (java.io.IOException e) {
            throw new UserError("--npz: cannot read '" + npz + "' as .npz (" + e.getMessage() + "); write it with numpy.savez, not savez_compressed");
        }
        RunConfig cfg;
        if (config != null) cfg = ConfigLoader.load(config, overrides);
        else if (arrays.containsKey("config")) cfg = ConfigLoader.fromString(NumpyArchive.text(arrays.get("config")), overrides);
        else throw new UserError("--npz: '" + npz + "' has no 'config' array (export writes one); give --config FILE naming the model and the task");
        var layer = ModelFactory.validate(cfg.model());
        org.neuradapt.network.Readout readout = org.neuradapt.data.Tasks.check(cfg.data());   // an .npz task reads its file here, once
        ModelFactory.checkReadout(cfg.model(), layer, readout, cfg.data().sequenceLength());

        INDArray u = arrays.containsKey(Parameters.U) ? arrays.get(Parameters.U) : arrays.get(Parameters.W_IH);
        INDArray out = arrays.get(Parameters.W_OUT);
        if (u == null || out == null || u.rank() != 2 || out.rank() != 2)
            throw new UserError("--npz: '" + npz + "' needs the input weights ('" + Parameters.U + "' or '" + Parameters.W_IH + "', [I, ...]) and the read-out '"
                    + Parameters.W_OUT + "' [N, C] (docs/export.md); it has " + arrays.keySet());
        int inputs = (int) u.size(0), classes = (int) out.size(1), steps = cfg.data().sequenceLength();
        Network net = ModelFactory.create(cfg, readout, inputs, steps, classes, DataType.FLOAT);
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> p : net.parameters().entrySet()) {
            INDArray a = arrays.get(p.getKey());
            if (a == null)
                throw new UserError("--npz: '" + npz + "' has no array '" + p.getKey() + "', which " + cfg.model().label() + " needs (shape "
                        + java.util.Arrays.toString(p.getValue().shape()) + "; docs/export.md)");
            if (!java.util.Arrays.equals(a.shape(), p.getValue().shape()))
                throw new UserError("--npz: array '" + p.getKey() + "' of '" + npz + "' has shape " + java.util.Arrays.toString(a.shape()) + "; "
                        + cfg.model().label() + " with N = " + cfg.model().hidden() + ", " + inputs + " inputs and " + classes + " classes needs "
                        + java.util.Arrays.toString(p.getValue().shape()));
            INDArray v = a.castTo(DataType.FLOAT).dup('c');
            for (float x : v.data().asFloat()) if (!Float.isFinite(x)) throw new UserError("--npz: array '" + p.getKey() + "' holds " + x + "; every weight must be finite");
            params.put(p.getKey(), v);
        }
        Path dir = Runs.runDir(cfg);
        try (org.neuradapt.training.RunLock lock = org.neuradapt.training.RunLock.exclusive(dir, "import " + cfg.name())) {
            RunFolder folder = RunFolder.open(dir, overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW);
            Map<String, INDArray> zeros = new LinkedHashMap<>();
            params.forEach((k, v) -> zeros.put(k, Nd4j.zeros(DataType.FLOAT, v.shape())));
            // epoch 0: no training here; train --resume starts Adam afresh from these weights
            Checkpoint c = new Checkpoint(0, 0, cfg.train().lr(), Double.POSITIVE_INFINITY, 0, Double.NaN, 0, Checkpoint.binding(cfg), "", params, zeros, zeros);
            c.write(folder.lastCheckpoint());
            c.write(folder.bestCheckpoint());
            Map<String, Object> imported = new LinkedHashMap<>();
            imported.put("file", npz.toAbsolutePath().toString());
            imported.put("sha256", org.neuradapt.data.MnistFiles.sha256Hex(Files.readAllBytes(npz)));
            imported.put("arrays", new ArrayList<>(params.keySet()));
            imported.put("provenance", Provenance.capture(cfg.seed()));
            folder.writeJson(IMPORTED, imported);
            folder.writeConfig(cfg);
        }
        System.out.printf(Locale.ROOT, "imported %d arrays of %s as %s (%s, N = %d, %d inputs, %d classes, T = %d) -> %s; evaluate it with ./neuradapt eval --run %s%n",
                params.size(), npz, cfg.name(), cfg.model().label(), cfg.model().hidden(), inputs, classes, steps, dir, dir);
        return 0;
    }

    /** The run folder's record of where its weights came from. */
    static final String IMPORTED = "imported.json";
}
