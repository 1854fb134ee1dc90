package org.neuradapt.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.neuradapt.perturbation.GaussianDrive;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;

/** Training augmentation (train.sinusoid_p, train.augment_p / train.augment) and evaluation under a perturbation. */
class TrainerAugmentTest {
    static final int T = TrainerTest.T, C = TrainerTest.C, HIDDEN = 6;
    @TempDir Path tmp;

    Trainer trainer(RunConfig cfg) {
        return new Trainer(cfg, SyntheticTask.task(T, C), TrainerTest.net(cfg),
                RunFolder.open(tmp.resolve(cfg.name()), RunFolder.Mode.NEW), new Trainer.Listener() {});
    }

    static Batch batch() {
        TaskData data = SyntheticTask.task(T, C);
        return Batches.of(data.train(), SequentialMnist.identity(data.train().count()), 0, 16, C, null, HIDDEN);
    }

    static float[] values(org.nd4j.linalg.api.ndarray.INDArray a) { return a.dup('c').data().asFloat(); }

    @Test
    void probabilityZeroLeavesEveryBatchAsItIs() {
        RunConfig cfg = SyntheticTask.config("rnn_relu", tmp, 1, "train.augment_p=0",
                "train.augment={type: gaussian, xi: 1, window: '1:4'}", "train.sinusoid_p=0");
        Trainer t = trainer(cfg);
        SplittableRandom rng = new SplittableRandom(1);
        Batch b = batch();
        for (int k = 0; k < 20; k++) assertSame(b, t.augment(b, cfg.train(), rng));
        assertEquals(new SplittableRandom(1).nextLong(), rng.nextLong(), "p = 0 draws nothing, so runs replay as before");
    }

    @Test
    void probabilityOneChangesEveryBatch() {
        RunConfig drive = SyntheticTask.config("rnn_relu", tmp.resolve("d"), 1, "train.augment_p=1",
                "train.augment={type: gaussian, xi: 1, window: '1:4'}");
        Trainer t = trainer(drive);
        Batch b = batch();
        for (int k = 0; k < 5; k++) {
            Batch a = t.augment(b, drive.train(), new SplittableRandom(k));
            assertArrayEquals(values(b.x()), values(a.x()), "a drive leaves the inputs");
            assertNull(b.drive());
            assertNotNull(a.drive(), "batch " + k + " gets a drive");
            float[] d = values(a.drive());
            for (int i = 0; i < 16; i++)
                for (int s = 0; s < T; s++)
                    for (int n = 0; n < HIDDEN; n++)
                        assertEquals(s > 1 && s < 5, d[(i * T + s) * HIDDEN + n] != 0, "the window 1:4 is steps 2..4");
        }
        RunConfig sin = SyntheticTask.config("rnn_relu", tmp.resolve("s"), 1, "train.augment_p=1",
                "train.augment={type: sinusoid, amplitude: 0.5}");
        Batch a = trainer(sin).augment(b, sin.train(), new SplittableRandom(1));
        assertFalse(Arrays.equals(values(b.x()), values(a.x())), "the sinusoid changes the inputs");
        assertNull(a.drive());
        assertArrayEquals(values(b.labels()), values(a.labels()));
        // the paper's augmentation keeps working as before
        RunConfig paper = SyntheticTask.config("rnn_relu", tmp.resolve("p"), 1, "train.sinusoid_p=1");
        assertFalse(Arrays.equals(values(b.x()), values(trainer(paper).augment(b, paper.train(), new SplittableRandom(1)).x())));
    }

    @Test
    void trainingWithAugmentationRunsAndItsConfigRoundTrips() throws Exception {
        RunConfig cfg = SyntheticTask.config("rnn_gamma_het", tmp, 2, "train.augment_p=0.5",
                "train.augment=[{type: step, xi: 0.5, window: '0.2:0.5'}, {type: sinusoid, amplitude: 0.2}]");
        Summary s = TrainerTest.train(cfg, RunFolder.Mode.NEW, false);
        assertTrue(Double.isFinite(s.testLoss()));
        assertEquals(cfg, RunFolder.existing(tmp.resolve(cfg.name())).readConfig());
        RunConfig other = SyntheticTask.config("rnn_gamma_het", tmp.resolve("plain"), 2);
        TrainerTest.train(other, RunFolder.Mode.NEW, false);
        assertFalse(TrainerTest.strip(RunFolder.existing(tmp.resolve(cfg.name())).readMetrics()).equals(
                TrainerTest.strip(RunFolder.existing(tmp.resolve("plain").resolve(other.name())).readMetrics())), "augmentation changes training");
    }

    @Test
    void aWindowThatDoesNotFitTheTaskIsRefusedNamingTheKey() {
        RunConfig cfg = SyntheticTask.config("rnn_relu", tmp, 1, "train.augment_p=1",
                "train.augment={type: step, xi: 1, window: '6:2'}");  // fits T = 784 of the config, not T = 6 of the data
        UserError e = assertThrows(UserError.class, () -> trainer(cfg).run(false));
        assertTrue(e.getMessage().contains("train.augment") && e.getMessage().contains("T = 6"), e.getMessage());
    }

    @Test
    void evaluationUnderAPerturbation() {
        RunConfig cfg = SyntheticTask.config("rnn_tanh", tmp, 1);
        Network net = TrainerTest.net(cfg);
        var set = SyntheticTask.task(T, C).test();
        Evaluation plain = Evaluation.of(net, set, 16, C, HIDDEN, Perturbation.NONE, 0);
        assertEquals(plain, Evaluation.of(net, set, 16, C, HIDDEN, null, 0));
        assertEquals(plain, Evaluation.of(net, set, 16, C, HIDDEN, new StepDrive(0, Window.steps(1, 4)), 0), "xi = 0 is the plain pass");
        Perturbation g = new GaussianDrive(3, Window.steps(0, 6));
        Evaluation a = Evaluation.of(net, set, 16, C, HIDDEN, g, 4), b = Evaluation.of(net, set, 16, C, HIDDEN, g, 4);
        assertEquals(a, b, "same seed and batch size, same result");
        assertEquals(a.loss(), Evaluation.of(net, set, 20, C, HIDDEN, g, 4).loss(), 1e-5, "one Gaussian: the batch size does not matter");
        assertTrue(Math.abs(a.loss() - plain.loss()) > 1e-6, "a strong drive changes the loss");
        assertThrows(UserError.class, () -> Evaluation.of(net, set, 16, C, HIDDEN, new StepDrive(1, Window.steps(6, 2)), 0));
    }
}
