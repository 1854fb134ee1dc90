package org.neuradapt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuradapt.perturbation.GaussianDrive;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.SinusoidalInput;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;

/** Defaults, merging, overrides, the YAML round trip and the key listing of {@link ConfigLoader}. */
class ConfigLoaderTest {

    /** The paper's settings (docs/science.md section 3), written out by hand rather than read from the resource. */
    static final RunConfig PAPER = new RunConfig("run", 200, "runs",
            new ModelConfig("rnn_gamma_het", 400, 50, 5.0, 0.0, null, "arun", Map.of(), "auto"),
            new DataConfig("data", "psmnist", 1, 0, 0, 0),
            new TrainConfig(100, 100, 1e-4, 0.0, 0.1, 10, 10, 0.0, 0.0, Perturbation.NONE, 0));

    @Test
    void emptyConfigGivesThePaperDefaults() {
        assertEquals(PAPER, ConfigLoader.fromString("", List.of()));
        assertEquals(PAPER, ConfigLoader.fromString("# only a comment\n", null));
    }

    @Test
    void partialSectionsMergeOverTheDefaults() {
        RunConfig c = ConfigLoader.fromString("model:\n  hidden: 32\ntrain:\n  lr: 1e-3\n  epochs: 3\n", List.of());
        assertEquals(32, c.model().hidden());
        assertEquals(50, c.model().ctrl(), "keys the file leaves out keep their defaults");
        assertEquals("rnn_gamma_het", c.model().type());
        assertEquals(1e-3, c.train().lr());
        assertEquals(3, c.train().epochs());
        assertEquals(100, c.train().batchSize());
        assertEquals(PAPER.data(), c.data());
    }

    @Test
    void emptySectionKeepsItsDefaults() {
        assertEquals(PAPER, ConfigLoader.fromString("model:\ntrain:\n", List.of()));
    }

    @Test
    void setOverridesNestedKeysAndParsesScalars() {
        RunConfig c = ConfigLoader.fromString("model:\n  options: {a: 1}\n", List.of(
                "train.lr=1e-3", "model.hidden=32", "model.options.k=2", "data.task=smnist",
                "seed=7", "name=mine", "train.clip_grad_norm=1", "model.type=rnn", "model.activation=tanh"));
        assertEquals(1e-3, c.train().lr());
        assertEquals(32, c.model().hidden());
        assertEquals(Map.of("a", 1.0, "k", 2.0), c.model().options());
        assertEquals("smnist", c.data().task());
        assertEquals(7L, c.seed());
        assertEquals("mine", c.name());
        assertEquals(1.0, c.train().clipGradNorm());
        assertEquals("tanh", c.model().activation());
    }

    @Test
    void laterOverridesWinOverTheFileAndEarlierOverrides() {
        RunConfig c = ConfigLoader.fromString("train:\n  epochs: 5\n", List.of("train.epochs=6", "train.epochs=7"));
        assertEquals(7, c.train().epochs());
    }

    @Test
    void setCanReplaceTheWholeOptionsMapAndResetActivationToNull() {
        RunConfig c = ConfigLoader.fromString("model:\n  type: rnn\n  activation: relu\n  options: {a: 1}\n",
                List.of("model.options=", "model.type=lstm", "model.activation=null"));
        assertEquals(Map.of(), c.model().options());
        assertNull(c.model().activation());
    }

    @Test
    void nameComesFromTheFileUnlessTheFileSetsOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my_run.yaml");
        Files.writeString(file, "train:\n  epochs: 1\n");
        assertEquals("my_run", ConfigLoader.load(file, List.of()).name());
        Files.writeString(file, "name: other\n");
        assertEquals("other", ConfigLoader.load(file, List.of()).name());
        assertEquals("third", ConfigLoader.load(file, List.of("name=third")).name());
        Path yml = dir.resolve("short.yml");
        Files.writeString(yml, "");
        assertEquals("short", ConfigLoader.load(yml, null).name());
    }

    @Test
    void toYamlRoundTripsExactly(@TempDir Path dir) throws Exception {
        RunConfig c = new RunConfig("odd_run-1", -5, "out/dir",
                new ModelConfig("rnn", 17, 3, 0.1 + 0.2, 1.0 / 3, "gamma_fixed", "org.example.MyController",
                        Map.of("k", 2.0, "tiny", 1e-300, "big", 3.0e20), "samediff"),
                new DataConfig("some dir/with space", "smnist", 14, 50000, 1, 10000),
                new TrainConfig(3, 1, 1.23456789e-7, 0.5, 0.999, 0, 1, 1.0, 0.25,
                        new Perturbation.Combined(List.of(new SinusoidalInput(0.2, 1.0 / 3, 0),
                                new GaussianDrive(0.1 + 0.2, Window.PAPER), new StepDrive(-5, Window.steps(3, 40)))), 7));
        String yaml = ConfigLoader.toYaml(c);
        assertEquals(c, ConfigLoader.fromString(yaml, List.of()));
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        assertEquals(c, ConfigLoader.load(file, List.of()), "a run folder's config.yaml keeps the run's name");
        assertEquals(PAPER, ConfigLoader.fromString(ConfigLoader.toYaml(PAPER), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "1e-4", "true", "null", "~", "yes", "0x10", "a: b", "#x", "- y", "007"})
    void toYamlQuotesNamesThatLookLikeOtherScalars(String name) {
        RunConfig c = new RunConfig(name, PAPER.seed(), PAPER.out(), PAPER.model(), PAPER.data(), PAPER.train());
        assertEquals(c, ConfigLoader.fromString(ConfigLoader.toYaml(c), List.of()));
    }

    @Test
    void toYamlWritesSnakeCaseKeysAndEveryKey() {
        String yaml = ConfigLoader.toYaml(PAPER);
        for (String path : ConfigSchema.leafPaths()) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            assertTrue(yaml.contains(last + ":"), () -> "missing " + path + " in\n" + yaml);
        }
        assertFalse(yaml.contains("batchSize"), yaml);
    }

    @Test
    void describeListsEveryKeyWithDescriptionAndDefault() {
        String text = ConfigLoader.describe();
        for (ConfigSchema.Key key : ConfigSchema.leaves()) {
            assertTrue(text.contains(key.path() + " ("), () -> "no line for " + key.path());
            assertTrue(text.contains(key.description()), () -> "no description for " + key.path());
        }
        assertTrue(text.contains("model.hidden (an integer, default 400)"), text);
        assertTrue(text.contains("train.batch_size (an integer, default 100)"), text);
        assertTrue(text.contains("model.options (a mapping of option names to numbers, default {})"), text);
        assertTrue(text.contains("name (a string, default <config file name"), text);
        assertTrue(text.contains("train.augment (a perturbation, default none)"), text);
        assertTrue(text.contains("train.augment_p (a number, default 0.0)"), text);
    }

    @Test
    void augmentIsReadInEveryFormAndRoundTrips(@TempDir Path dir) throws Exception {
        Perturbation gauss = new GaussianDrive(1, Window.fractions(0.255, 0.255));
        String file = "train:\n  augment_p: 0.5\n  augment: {type: gaussian, xi: 1, window: {start: 0.255, length: 0.255}}\n";
        RunConfig c = ConfigLoader.fromString(file, List.of());
        assertEquals(0.5, c.train().augmentP());
        assertEquals(gauss, c.train().augment());
        assertEquals(gauss, ConfigLoader.fromString("train:\n  augment: {type: gaussian, xi: 1, window: \"25.5%:25.5%\"}\n", null).train().augment());
        assertEquals(new StepDrive(5, Window.steps(50, 50)),
                ConfigLoader.fromString("train:\n  augment:\n    type: step\n    xi: 5\n    window: {start: 50, length: 50}\n", null).train().augment(),
                "integers in a window mapping are steps");
        assertEquals(gauss, ConfigLoader.fromString("", List.of("train.augment={type: gaussian, xi: 1, window: '0.255:0.255'}")).train().augment(),
                "--set takes the mapping as YAML text");
        assertEquals(new Perturbation.Combined(List.of(SinusoidalInput.TEST, gauss)), ConfigLoader.fromString(
                "train:\n  augment:\n    - {type: sinusoid}\n    - {type: gaussian, xi: 1, window: '0.255:0.255'}\n", null).train().augment());
        assertEquals(Perturbation.NONE, ConfigLoader.fromString("train:\n  augment:\n", null).train().augment());
        assertEquals(Perturbation.NONE, ConfigLoader.fromString(file, List.of("train.augment=none", "train.augment_p=0")).train().augment());

        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("augment_p: 0.5"), yaml);
        assertTrue(yaml.contains("unit: \"fraction\""), "config.yaml writes the window's unit:\n" + yaml);
        Path path = dir.resolve("config.yaml");
        Files.writeString(path, yaml);
        assertEquals(c, ConfigLoader.load(path, List.of()), "a run folder's config.yaml gives back the augmentation");
        assertTrue(ConfigLoader.toYaml(PAPER).contains("augment: \"none\""), ConfigLoader.toYaml(PAPER));
        assertEquals(c.train().withEpochs(9), ConfigLoader.fromString(yaml, List.of("train.epochs=9")).train(), "withEpochs keeps every other key");
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertEquals(0, ConfigSchema.editDistance("hidden", "hidden"));
        assertEquals(1, ConfigSchema.editDistance("hiden", "hidden"));
        assertEquals(2, ConfigSchema.editDistance("trian", "train"));
        assertEquals(3, ConfigSchema.editDistance("", "abc"));
    }
}
