package org.neuradapt.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neuradapt.UserError;
import org.neuradapt.neuron.FittedShapes;
import org.neuradapt.neuron.ShapeAssignment;

/**
 * Reads the fit table of {@code model.init_shape} (docs/science.md section 9.2): the file part of
 * a biologically initialised network. {@link #pin} runs when a config is loaded, so a missing or
 * malformed table, a type not in it or a shape outside the gamma family stops the command before
 * anything is written, and the file's SHA-256 goes into the resolved config (and so into the run's
 * config.yaml); {@link #assignment} gives the network its initial (n_i, s_i).
 */
public final class InitShapes {
    private static final String FROM = "model.init_shape.from", MIX = "model.init_shape.mix", SHA = "model.init_shape.sha256";

    private InitShapes() {}

    /**
     * Checks the fit table a config names and returns the config with the table's SHA-256 filled in;
     * a config without {@code init_shape.from} is returned unchanged.
     *
     * @throws UserError for a missing or unreadable file, a malformed table, a mix type missing from
     *                   it or outside the gamma family, or a file whose hash differs from a pinned one
     */
    public static RunConfig pin(RunConfig config) {
        ModelConfig m = config.model();
        if (!m.initShape().enabled()) return config;
        Table table = read(m.initShape());
        draw(table.shapes(), m, config.seed()); // refuses unknown or invalid types now, not at network creation
        ModelConfig pinned = m.withInitShape(m.initShape().withSha256(table.sha256()));
        return new RunConfig(config.name(), config.seed(), config.out(), pinned, config.data(), config.train(), config.execution());
    }

    /** The initial (n_i, s_i) of a biologically initialised model, drawn from the seed. */
    public static ShapeAssignment assignment(ModelConfig m, long seed) {
        if (!m.initShape().enabled()) throw new IllegalStateException("model.init_shape.from is not set");
        return draw(read(m.initShape()).shapes(), m, seed);
    }

    private static ShapeAssignment draw(FittedShapes shapes, ModelConfig m, long seed) {
        InitShapeConfig c = m.initShape();
        try {
            return ShapeAssignment.draw(shapes, c.mix(), m.hidden(), seed, c.jitterN(), c.jitterS());
        } catch (IllegalArgumentException e) {
            throw new UserError("config key '" + MIX + "': " + e.getMessage() + " (in '" + c.from() + "')");
        }
    }

    private record Table(FittedShapes shapes, String sha256) {}

    private static Table read(InitShapeConfig c) {
        Path file = Path.of(c.from());
        if (!Files.isRegularFile(file))
            throw new UserError("config key '" + FROM + "': file '" + file + "' does not exist; give the path of a fit table"
                    + " with columns model, preset, n, s (./neuradapt spiking fit writes figures/spiking/fit.csv)");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("config key '" + FROM + "': cannot read '" + file + "' (" + e.getMessage() + "); check its permissions");
        }
        String hash = org.neuradapt.data.MnistFiles.sha256Hex(bytes);
        if (c.sha256() != null && !c.sha256().equalsIgnoreCase(hash))
            throw new UserError("config key '" + SHA + "': '" + file + "' has SHA-256 " + hash + ", not the pinned " + c.sha256()
                    + "; the fit table changed since the run was configured: restore it, or remove the key to use the new file");
        try {
            return new Table(FittedShapes.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), hash);
        } catch (IllegalArgumentException e) {
            throw new UserError("config key '" + FROM + "': '" + file + "' is not a fit table: " + e.getMessage()
                    + "; give a CSV with columns model, preset, n, s");
        }
    }
}
