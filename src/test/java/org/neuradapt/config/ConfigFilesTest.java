package org.neuradapt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuradapt.perturbation.Perturbation;

/** The shipped configs in {@code configs/} load, and carry the settings their names promise. */
class ConfigFilesTest {

    /** Maven runs tests in the project folder, where configs/ lives. */
    static final Path CONFIGS = Path.of("configs");

    static List<Path> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            // sweep_*.yaml are sweep files, not run configs (the sweep tests expand them)
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep_"))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The fixture fit table standing in for figures/spiking/fit.csv, which ./neuradapt spiking fit writes. */
    static final String FIT_FIXTURE = "src/test/resources/org/neuradapt/neuron/fit_fixture.csv";

    /** bioinit_*.yaml name a fit table that experiments write; the fixture table stands in for it here. */
    static List<String> overrides(Path file) {
        return file.getFileName().toString().startsWith("bioinit_") ? List.of("model.init_shape.from=" + FIT_FIXTURE) : List.of();
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void everyConfigLoadsAndRoundTrips(Path file) {
        RunConfig config = ConfigLoader.load(file, overrides(file));
        assertEquals(config, ConfigLoader.fromString(ConfigLoader.toYaml(config), List.of()));
    }

    /** The bio-initialised config differs from cpu_rnn_gamma_het.yaml in model.init_shape alone (docs/science.md section 9.3). */
    @Test
    void bioinitConfigIsTheCpuGammaConfigWithFittedShapes() {
        Path file = CONFIGS.resolve("bioinit_rnn_gamma_het.yaml");
        RunConfig bio = ConfigLoader.load(file, overrides(file));
        RunConfig cpu = ConfigLoader.load(CONFIGS.resolve("cpu_rnn_gamma_het.yaml"), List.of("name=bioinit_rnn_gamma_het"));
        assertEquals(cpu, new RunConfig(bio.name(), bio.seed(), bio.out(), bio.model().withInitShape(InitShapeConfig.NONE),
                bio.data(), bio.train()));
        assertEquals(Map.of("izhikevich:RS", 0.8, "izhikevich:FS", 0.2), bio.model().initShape().mix());
    }

    @Test
    void theExpectedConfigsAreThere() throws IOException {
        List<String> names = configFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        for (String model : org.neuradapt.neuron.ModelRegistry.MODELS.stream().filter(m -> m.builtIn()).map(m -> m.id()).toList()) {   // every built-in
            assertTrue(names.contains("cpu_" + model + ".yaml"), "missing cpu_" + model + ".yaml");
        }
        for (String model : List.of("rnn_relu", "rnn_gamma_het", "arun", "lstm")) {
            assertTrue(names.contains("paper_" + model + ".yaml"), "missing paper_" + model + ".yaml");
        }
        assertTrue(names.contains("smoke.yaml"));
    }

    @Test
    void smokeIsTiny() {
        RunConfig c = ConfigLoader.load(CONFIGS.resolve("smoke.yaml"), List.of());
        assertEquals(new RunConfig("smoke", 1, "runs",
                new ModelConfig("rnn_gamma_het", 8, 50, 5.0, 0.0, null, "arun", Map.of(), "auto"),
                new DataConfig("data", "psmnist", 7, 256, 128, 128),
                new TrainConfig(2, 32, 1e-2, 0.0, 0.1, 10, 10, 0.0, 0.0, Perturbation.NONE, 0)), c);
    }

    @Test
    void cpuConfigsShareOneProtocolAndNameTheirModel() throws IOException {
        for (Path file : configFiles()) {
            String name = file.getFileName().toString().replace(".yaml", "");
            if (!name.startsWith("cpu_")) {
                continue;
            }
            RunConfig c = ConfigLoader.load(file, List.of());
            assertEquals(name.substring(4), c.model().type(), name);
            assertEquals(name, c.name());
            assertEquals(64, c.model().hidden(), name);
            if (c.model().type().equals("arun")) {
                assertEquals(8, c.model().ctrl(), name);
            }
            assertEquals(new DataConfig("data", "psmnist", 2, 10000, 2000, 0), c.data(), name);
            assertEquals(new TrainConfig(10, 64, 1e-3, 0.0, 0.1, 10, 10, 0.0, 0.0, Perturbation.NONE, 0), c.train(), name);
            assertEquals(200L, c.seed(), name);
        }
    }

    @Test
    void paperConfigsHaveThePaperSettings() throws IOException {
        for (Path file : configFiles()) {
            String name = file.getFileName().toString().replace(".yaml", "");
            if (!name.startsWith("paper_")) {
                continue;
            }
            RunConfig c = ConfigLoader.load(file, List.of());
            assertEquals(name.substring(6), c.model().type(), name);
            assertEquals(400, c.model().hidden(), name);
            assertEquals(50, c.model().ctrl(), name);
            assertEquals(new DataConfig("data", "psmnist", 1, 0, 0, 0), c.data(), name);
            assertEquals(ConfigLoaderTest.PAPER.train(), c.train(), name);
            assertEquals(200L, c.seed(), name);
        }
    }
}
