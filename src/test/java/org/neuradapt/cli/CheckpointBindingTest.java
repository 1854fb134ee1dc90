package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;

/** A checkpoint records the config it was trained with, and never runs under another one. */
class CheckpointBindingTest {
    @TempDir Path tmp;

    @Test
    void aCheckpointRefusesAnotherConfig() throws Exception {
        Path a = SyntheticTask.trainedRun(tmp.resolve("a"), "rnn_relu", 12);
        RunConfig cfg = RunFolder.existing(a).readConfig();
        Checkpoint c = Checkpoint.read(RunFolder.existing(a).bestCheckpoint());
        assertEquals(Checkpoint.binding(cfg), c.binding(), "written with the run's binding");
        assertTrue(c.binding().contains("model rnn_relu, N = " + cfg.model().hidden()), c.binding());
        c.requireBinding(cfg, a, a);  // its own config: accepted

        // what may change for the same network: the run's name, folder and data folder, and the epochs a resume extends
        RunConfig moved = ConfigLoader.load(a.resolve(RunFolder.CONFIG), java.util.List.of("name=elsewhere", "out=/tmp/x", "data.dir=/d",
                "train.epochs=99"));
        c.requireBinding(moved, a, a);

        for (String change : new String[] {"seed=7", "model.hidden=5", "data.pool=2", "model.type=rnn_tanh", "train.lr=0.5"}) {
            RunConfig other = ConfigLoader.load(a.resolve(RunFolder.CONFIG), java.util.List.of(change));
            UserError e = assertThrows(UserError.class, () -> c.requireBinding(other, a.resolve("best.ckpt"), a.resolve("config.yaml")), change);
            assertTrue(e.getMessage().contains("was trained with another config (model rnn_relu") && e.getMessage().lines().count() == 1, e.getMessage());
        }

        // end to end: an analysis of a folder whose config.yaml was changed since training is refused, nothing written
        Files.writeString(a.resolve(RunFolder.CONFIG), Files.readString(a.resolve(RunFolder.CONFIG)).replace("seed: " + cfg.seed(), "seed: 12345"));
        Path out = tmp.resolve("refused");
        CliRun.Out r = CliRun.run("analyze", "jacobian", "--run", a.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("was trained with another config"), r.err());
        assertTrue(!Files.exists(out.resolve("jacobian_norm.csv")), "nothing written");
    }

    @Test
    void aCheckpointCopiedFromAnotherRunIsRefused() throws Exception {
        Path a = SyntheticTask.trainedRun(tmp.resolve("a"), "rnn_relu", 12);
        Path b = SyntheticTask.trainedRun(tmp.resolve("b"), "rnn_tanh", 12);
        Files.copy(RunFolder.existing(b).bestCheckpoint(), RunFolder.existing(a).bestCheckpoint(), StandardCopyOption.REPLACE_EXISTING);
        CliRun.Out r = CliRun.run("analyze", "jacobian", "--run", a.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("model rnn_tanh") && r.err().contains("model rnn_relu"), r.err());
    }
}
