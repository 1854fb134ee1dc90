package org.neuradapt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;
import org.neuradapt.data.MnistFiles;

/** The model.init_shape section: loading, pinning the fit table's hash, and every refusal (docs/science.md section 9.2). */
class InitShapesTest {

    /** The fixture fit table (the fit.csv contract with made-up values), copied to {@code dir}. */
    static Path fixture(Path dir) throws Exception {
        Path file = dir.resolve("fit.csv");
        try (InputStream in = InitShapesTest.class.getResourceAsStream("/org/neuradapt/neuron/fit_fixture.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    static RunConfig load(Path file, String... more) {
        List<String> set = new ArrayList<>(List.of("model.type=rnn_gamma_het", "model.hidden=10",
                "model.init_shape.from=" + file));
        set.addAll(List.of(more));
        return ConfigLoader.fromString("", set);
    }

    static final String RS = "model.init_shape.mix.izhikevich:RS", FS = "model.init_shape.mix.izhikevich:FS";

    @Test
    void loadsAMixAndPinsTheFilesHashIntoTheResolvedConfig(@TempDir Path dir) throws Exception {
        Path file = fixture(dir);
        RunConfig c = ConfigLoader.fromString("""
                model:
                  type: rnn_gamma_het
                  hidden: 10
                  init_shape:
                    from: %s
                    mix: {"izhikevich:RS": 0.8, "izhikevich:FS": 0.2}
                    jitter_n: 0.1
                """.formatted(file), List.of());
        InitShapeConfig s = c.model().initShape();
        assertEquals(Map.of("izhikevich:RS", 0.8, "izhikevich:FS", 0.2), s.mix());
        assertEquals(0.1, s.jitterN());
        assertEquals(MnistFiles.sha256Hex(Files.readAllBytes(file)), s.sha256());
        // config.yaml keeps the pin and reads back as the same config
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("sha256: \"" + s.sha256() + "\""), yaml);
        assertEquals(c, ConfigLoader.fromString(yaml, List.of()));
        // the overrides form gives the same section
        assertEquals(c.model(), load(file, RS + "=0.8", FS + "=0.2", "model.init_shape.jitter_n=0.1").model());
    }

    @Test
    void offByDefault() {
        RunConfig c = ConfigLoader.fromString("", List.of());
        assertFalse(c.model().initShape().enabled());
        assertNull(c.model().initShape().sha256());
        assertTrue(ConfigLoader.describe().contains("model.init_shape.from"));
    }

    /** Each mistake is one line naming its key and the fix. */
    static void refused(String key, String fragment, Runnable load) {
        UserError e = assertThrows(UserError.class, load::run);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + key), "names " + key + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "says '" + fragment + "': " + e.getMessage());
    }

    @Test
    void refusesEveryMistakeInOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = fixture(dir);
        refused("model.init_shape.from", "does not exist", () -> load(dir.resolve("nope.csv"), RS + "=1"));
        refused("model.init_shape.mix", "'izhikevich:XX' is not in the fit table", () -> load(file, "model.init_shape.mix.izhikevich:XX=1"));
        refused("model.init_shape.mix", "summing to 1", () -> load(file, RS + "=0.7", FS + "=0.2"));
        refused("model.init_shape.mix.izhikevich:FS", ">= 0", () -> load(file, RS + "=1.2", FS + "=-0.2"));
        refused("model.init_shape.mix", "is empty", () -> load(file));
        refused("model.init_shape.jitter_s", ">= 0", () -> load(file, RS + "=1", "model.init_shape.jitter_s=-0.1"));
        refused("model.init_shape.from", "rnn_gamma_het", () -> load(file, RS + "=1", "model.type=arun"));
        refused("model.init_shape.mix", "model.init_shape.from is not", () -> ConfigLoader.fromString("", List.of(RS + "=1")));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "model,preset,n,s\nizhikevich,RS,0.0,0.1\nizhikevich,FS,3,1.5\n");
        refused("model.init_shape.mix", "outside the gamma family", () -> load(bad, RS + "=1"));
        refused("model.init_shape.mix", "s = 1.5", () -> load(bad, FS + "=1"));
        Path noS = Files.writeString(dir.resolve("nos.csv"), "model,preset,n\nizhikevich,RS,1\n");
        refused("model.init_shape.from", "no column 's'", () -> load(noS, RS + "=1"));
    }

    @Test
    void aFitTableChangedAfterTheRunWasConfiguredIsRefused(@TempDir Path dir) throws Exception {
        Path file = fixture(dir);
        String yaml = ConfigLoader.toYaml(load(file, RS + "=1"));
        Files.writeString(file, Files.readString(file).replace("izhikevich,RS,4.0", "izhikevich,RS,4.5"));
        refused("model.init_shape.sha256", "changed", () -> ConfigLoader.fromString(yaml, List.of()));
    }
}
