package org.neuradapt.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;

/**
 * A run folder {@code <out>/<name>/}: everything an analysis needs and nothing else.
 * <pre>
 *   config.yaml        the resolved config (all defaults filled in)
 *   provenance.json    seed, versions, git commit, machine, time
 *   metrics.csv        one row per epoch (see {@link EpochMetrics})
 *   checkpoints/       last.ckpt, best.ckpt (lowest validation loss), epoch-NNNN.ckpt every k epochs
 *   summary.json       test accuracy of the best checkpoint, parameter count, wall time, provenance
 *   init_shape.csv     biologically initialised networks only: neuron, type, initial n, s (docs/science.md section 9.2)
 * </pre>
 */
public final class RunFolder {
    public static final String CONFIG = "config.yaml", PROVENANCE = "provenance.json", METRICS = "metrics.csv",
            SUMMARY = "summary.json", CHECKPOINTS = "checkpoints", INIT_SHAPE = "init_shape.csv";

    /** What to do when the folder already holds a run. */
    public enum Mode { NEW, RESUME, OVERWRITE }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private RunFolder(Path dir) { this.dir = dir; }

    /** An existing run folder, for eval and analyses. */
    public static RunFolder existing(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG)))
            throw new UserError("'" + dir + "' is not a run folder (no " + CONFIG + "); give the folder a train run wrote, e.g. runs/<name>");
        return new RunFolder(dir);
    }

    /**
     * Opens the folder for training. NEW refuses a folder that already holds a run, RESUME
     * needs one, OVERWRITE deletes the old run's files first (only those a run writes).
     */
    public static RunFolder open(Path dir, Mode mode) {
        boolean hasRun = Files.exists(dir.resolve(CONFIG));
        if (hasRun && mode == Mode.NEW)
            throw new UserError("run folder '" + dir + "' already holds a run; add --resume to continue it, --overwrite to replace it, or --set name=<other>");
        if (!hasRun && mode == Mode.RESUME)
            throw new UserError("cannot resume: run folder '" + dir + "' holds no run (no " + CONFIG + "); drop --resume to start it");
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            Path probe = Files.createTempFile(dir, ".write-test", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("run folder '" + dir + "' is not writable (" + e.getMessage() + "); choose another with --set out=<folder>");
        }
        RunFolder f = new RunFolder(dir);
        if (hasRun && mode == Mode.OVERWRITE) f.deleteRunFiles();
        return f;
    }

    private void deleteRunFiles() {
        try {
            for (String name : List.of(CONFIG, PROVENANCE, METRICS, SUMMARY, INIT_SHAPE)) Files.deleteIfExists(dir.resolve(name));
            try (Stream<Path> s = Files.list(dir.resolve(CHECKPOINTS))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".ckpt")).toList()) Files.delete(p);
            }
        } catch (IOException e) {
            throw new UserError("cannot clear run folder '" + dir + "' for --overwrite: " + e.getMessage());
        }
    }

    public Path dir() { return dir; }

    public Path lastCheckpoint() { return dir.resolve(CHECKPOINTS).resolve("last.ckpt"); }

    public Path bestCheckpoint() { return dir.resolve(CHECKPOINTS).resolve("best.ckpt"); }

    public Path epochCheckpoint(int epoch) { return dir.resolve(CHECKPOINTS).resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch)); }

    public void writeConfig(RunConfig cfg) throws IOException { AtomicFiles.write(dir.resolve(CONFIG), ConfigLoader.toYaml(cfg)); }

    public RunConfig readConfig() { return ConfigLoader.load(dir.resolve(CONFIG), List.of()); }

    public void writeJson(String name, Object value) throws IOException {
        AtomicFiles.write(dir.resolve(name), JSON.writeValueAsString(value) + "\n");
    }

    /** Rewrites metrics.csv with the rows of epochs 1..k (after a resume drops epochs past the checkpoint). */
    public void writeMetrics(List<EpochMetrics> rows) throws IOException {
        AtomicFiles.write(dir.resolve(METRICS), EpochMetrics.HEADER + "\n" + EpochMetrics.rows(rows));
    }

    public List<EpochMetrics> readMetrics() throws IOException {
        Path f = dir.resolve(METRICS);
        List<EpochMetrics> rows = new ArrayList<>();
        if (!Files.exists(f)) return rows;
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        rows.addAll(EpochMetrics.parseRows(String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size()))));
        return rows;
    }

    public Summary readSummary() throws IOException { return JSON.readValue(dir.resolve(SUMMARY).toFile(), Summary.class); }
}
