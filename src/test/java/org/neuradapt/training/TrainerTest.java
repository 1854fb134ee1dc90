package org.neuradapt.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Batch;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;

class TrainerTest {
    static final int T = 6, C = 3;
    @TempDir Path tmp;

    static Network net(RunConfig cfg) {
        return ModelFactory.create(cfg.model(), 1, T, C, cfg.seed(), DataType.FLOAT);
    }

    static Summary train(RunConfig cfg, RunFolder.Mode mode, boolean resume) {
        TaskData data = SyntheticTask.task(T, C);
        RunFolder f = RunFolder.open(Path.of(cfg.out()).resolve(cfg.name()), mode);
        return new Trainer(cfg, data, net(cfg), f, new Trainer.Listener() {}).run(resume);
    }

    @Test
    void lossGoesDownAndRunFolderIsComplete() throws Exception {
        RunConfig cfg = SyntheticTask.config("rnn_gamma_het", tmp, 8, "train.lr=0.03");
        Summary s = train(cfg, RunFolder.Mode.NEW, false);
        RunFolder f = RunFolder.existing(tmp.resolve(cfg.name()));
        List<EpochMetrics> m = f.readMetrics();
        assertEquals(8, m.size());
        assertTrue(m.get(7).trainLoss() < 0.7 * m.get(0).trainLoss(), "train loss should fall: " + m);
        assertTrue(m.get(7).valLoss() < 0.7 * m.get(0).valLoss(), "val loss should fall: " + m);
        assertTrue(s.testAcc() > 0.6, "test accuracy " + s.testAcc() + " on a 3-class task");
        for (String name : List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.METRICS, RunFolder.SUMMARY))
            assertTrue(Files.isRegularFile(f.dir().resolve(name)), name);
        assertTrue(Files.isRegularFile(f.lastCheckpoint()) && Files.isRegularFile(f.bestCheckpoint()));
        assertEquals(cfg, f.readConfig(), "the resolved config round-trips");
        Summary read = f.readSummary();
        assertEquals(s.testAcc(), read.testAcc());
        assertEquals(5L, read.provenance().seed());
        assertTrue(read.provenance().gitCommit().length() > 0);
    }

    @Test
    void sameSeedGivesSameMetrics() throws Exception {
        RunConfig a = SyntheticTask.config("arun", tmp.resolve("a"), 2), b = SyntheticTask.config("arun", tmp.resolve("b"), 2);
        train(a, RunFolder.Mode.NEW, false);
        train(b, RunFolder.Mode.NEW, false);
        assertEquals(strip(RunFolder.existing(tmp.resolve("a").resolve(a.name())).readMetrics()),
                strip(RunFolder.existing(tmp.resolve("b").resolve(b.name())).readMetrics()));
    }

    @Test
    void interruptedAndResumedEqualsUninterrupted() throws Exception {
        RunConfig full = SyntheticTask.config("rnn_gamma_het", tmp.resolve("full"), 4);
        train(full, RunFolder.Mode.NEW, false);
        // "interrupted" after 2 epochs: a run configured for 2, then resumed with 4
        RunConfig part = SyntheticTask.config("rnn_gamma_het", tmp.resolve("part"), 2);
        train(part, RunFolder.Mode.NEW, false);
        RunConfig more = SyntheticTask.config("rnn_gamma_het", tmp.resolve("part"), 4);
        train(more, RunFolder.Mode.RESUME, true);
        assertEquals(4, RunFolder.existing(tmp.resolve("part").resolve(part.name())).readConfig().train().epochs(), "config.yaml records the extended run");
        RunFolder a = RunFolder.existing(tmp.resolve("full").resolve(full.name())), b = RunFolder.existing(tmp.resolve("part").resolve(part.name()));
        assertEquals(strip(a.readMetrics()), strip(b.readMetrics()));
        Checkpoint ca = Checkpoint.read(a.lastCheckpoint()), cb = Checkpoint.read(b.lastCheckpoint());
        assertEquals(ca.adamStep(), cb.adamStep());
        for (String k : ca.params().keySet())
            assertArrayEquals(ca.params().get(k).data().asFloat(), cb.params().get(k).data().asFloat(), k);
    }

    /**
     * An epoch is written as a unit: a crash after any write of epoch 2's sequence (best, epoch,
     * last, metrics), then a resume, gives the uninterrupted run's metrics rows and parameters;
     * in between, the checkpoint and metrics.csv never disagree once the resume has read them.
     */
    @Test
    void aCrashAtEveryWritePointLosesNoMetricsRow() throws Exception {
        RunConfig full = SyntheticTask.config("rnn_relu", tmp.resolve("ref"), 3, "train.checkpoint_every=1");
        train(full, RunFolder.Mode.NEW, false);
        RunFolder ref = RunFolder.existing(tmp.resolve("ref").resolve(full.name()));
        Checkpoint cref = Checkpoint.read(ref.lastCheckpoint());
        for (String point : List.of("best", "epoch", "last", "metrics")) {
            RunConfig cfg = SyntheticTask.config("rnn_relu", tmp.resolve("crash_" + point), 3, "train.checkpoint_every=1");
            Trainer.writePoint = (w, e) -> {
                if (w.equals(point) && e == 2) throw new IllegalStateException("simulated crash after " + w);
            };
            try {
                assertThrows(IllegalStateException.class, () -> train(cfg, RunFolder.Mode.NEW, false), point);
            } finally {
                Trainer.writePoint = (w, e) -> {};
            }
            RunFolder f = RunFolder.existing(tmp.resolve("crash_" + point).resolve(cfg.name()));
            int saved = Checkpoint.read(f.lastCheckpoint()).epoch();
            train(cfg, RunFolder.Mode.RESUME, true);
            assertEquals(strip(ref.readMetrics()), strip(f.readMetrics()), "crash after " + point + " (last.ckpt at epoch " + saved + ")");
            Checkpoint c = Checkpoint.read(f.lastCheckpoint());
            assertEquals(3, c.epoch());
            assertEquals(3, c.metrics().lines().count(), "the checkpoint carries every row");
            for (String k : cref.params().keySet())
                assertArrayEquals(cref.params().get(k).data().asFloat(), c.params().get(k).data().asFloat(), point + ": " + k);
        }
    }

    /** Metrics without the wall-clock column. */
    static List<String> strip(List<EpochMetrics> rows) {
        return rows.stream().map(m -> new EpochMetrics(m.epoch(), m.trainLoss(), m.trainAcc(), m.valLoss(), m.valAcc(), m.lr(), m.gradNorm(), 0).csv()).toList();
    }

    @Test
    void nonFiniteLossStopsAndKeepsLastGoodCheckpoint() throws Exception {
        RunConfig cfg = SyntheticTask.config("rnn_relu", tmp, 3);
        TaskData data = SyntheticTask.task(T, C);
        RunFolder f = RunFolder.open(tmp.resolve(cfg.name()), RunFolder.Mode.NEW);
        Network real = net(cfg);
        int[] calls = {0};
        int perEpoch = (96 + 15) / 16;
        Network poisoned = new Network() { // NaN from the first batch of epoch 2 on
            public String modelType() { return real.modelType(); }
            public String backend() { return real.backend(); }
            public Map<String, INDArray> parameters() { return real.parameters(); }
            public Gradients lossAndGradients(Batch b) {
                Gradients g = real.lossAndGradients(b);
                return ++calls[0] > perEpoch ? new Gradients(Double.NaN, g.logits(), g.gradients()) : g;
            }
            public INDArray logits(Batch b) { return real.logits(b); }
            public Map<String, INDArray> record(Batch b, Set<String> s) { return real.record(b, s); }
            public Set<String> signals() { return real.signals(); }
        };
        Trainer.DivergedException e = assertThrows(Trainer.DivergedException.class,
                () -> new Trainer(cfg, data, poisoned, f, new Trainer.Listener() {}).run(false));
        assertTrue(e.getMessage().contains("epoch 2"), e.getMessage());
        Checkpoint last = Checkpoint.read(f.lastCheckpoint());
        assertEquals(1, last.epoch());
        for (INDArray p : last.params().values())
            for (float v : p.data().asFloat()) assertTrue(Float.isFinite(v), "checkpoint holds finite parameters");
        assertEquals(1, f.readMetrics().size());
    }

    @Test
    void existingRunFolderIsRefusedUnlessResumeOrOverwrite() throws Exception {
        RunConfig cfg = SyntheticTask.config("rnn_tanh", tmp, 1);
        train(cfg, RunFolder.Mode.NEW, false);
        Path dir = tmp.resolve(cfg.name());
        byte[] before = Files.readAllBytes(dir.resolve(RunFolder.METRICS));
        UserError e = assertThrows(UserError.class, () -> RunFolder.open(dir, RunFolder.Mode.NEW));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains(dir.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(RunFolder.METRICS)), "nothing is lost");
        assertThrows(UserError.class, () -> RunFolder.open(tmp.resolve("nothing-here"), RunFolder.Mode.RESUME));
        RunFolder.open(dir, RunFolder.Mode.OVERWRITE);
        assertTrue(!Files.exists(dir.resolve(RunFolder.METRICS)));
    }

    @Test
    void unwritableRunFolderIsAUserError() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        UserError e = assertThrows(UserError.class, () -> RunFolder.open(file.resolve("run"), RunFolder.Mode.NEW));
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    }

    @Test
    void corruptOrTruncatedCheckpointIsAUserError() throws Exception {
        RunConfig cfg = SyntheticTask.config("rnn_relu", tmp, 1);
        train(cfg, RunFolder.Mode.NEW, false);
        Path ckpt = RunFolder.existing(tmp.resolve(cfg.name())).lastCheckpoint();
        byte[] good = Files.readAllBytes(ckpt);
        Files.write(ckpt, java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(assertThrows(UserError.class, () -> Checkpoint.read(ckpt)).getMessage().contains("truncated"));
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x5A;
        Files.write(ckpt, flipped);
        assertTrue(assertThrows(UserError.class, () -> Checkpoint.read(ckpt)).getMessage().contains("corrupt"));
    }
}
