package org.neuradapt.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;

/**
 * A checkpoint trained before keys were added still binds to its saved config: the fixture is a
 * smoke ARUN run (config.yaml and best.ckpt) written by the build 10bfd2e, before data.steps,
 * data.options, data.file, train.shards and the run section existed. Keys a task does not read,
 * the run section and train.shards at its default stay out of the binding; anything else binds.
 */
class BindingCompatibilityTest {
    static Path fixture(String name) throws Exception {
        return Path.of(BindingCompatibilityTest.class.getResource("binding_10bfd2e/" + name).toURI());
    }

    @Test
    void aCheckpointOfAnEarlierBuildBindsToItsSavedConfig() throws Exception {
        Path config = fixture("config.yaml"), ckpt = fixture("best.ckpt");
        RunConfig cfg = ConfigLoader.load(config, List.of());
        Checkpoint c = Checkpoint.read(ckpt);
        c.requireBinding(cfg, ckpt, config);
        // what changes no bit does not bind; another shard count does
        c.requireBinding(ConfigLoader.load(config, List.of("run.threads=7", "data.steps=37", "data.options.noise=2")), ckpt, config);
        assertThrows(UserError.class, () -> c.requireBinding(ConfigLoader.load(config, List.of("train.shards=3")), ckpt, config));
        assertThrows(UserError.class, () -> c.requireBinding(ConfigLoader.load(config, List.of("seed=2")), ckpt, config));
        assertEquals(2, c.epoch());
    }
}
