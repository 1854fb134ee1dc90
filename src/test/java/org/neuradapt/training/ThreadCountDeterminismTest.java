package org.neuradapt.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.fused.FastKernels;
import org.neuradapt.neuron.ModelRegistry;

/**
 * A run gives the same bits on any number of threads (docs/performance.md, "Threads"): the same
 * training run of every built-in model, on 1, 2, 3 and 4 threads (more threads than this machine
 * may have cores: the test is about the order of the sums, not speed), writes byte-identical
 * metrics.csv and checkpoints. The epoch's wall time is the one column that must differ, so the
 * trainer's clock is pinned. The batch (20) does not divide into the run's 3 logical shards
 * evenly (6, 7, 7 samples), 2 threads share 3 shards unevenly, and 4 threads are more than the
 * shards (one stays idle).
 */
class ThreadCountDeterminismTest {
    static final int STEPS = 12;

    @AfterEach
    void defaults() { FastKernels.setThreads(0); }

    static Stream<String> builtIns() { return ModelRegistry.MODELS.stream().filter(ModelRegistry.Model::builtIn).map(ModelRegistry.Model::id); }

    @ParameterizedTest
    @MethodSource("builtIns")
    void oneToFourThreadsWriteTheSameBytes(String model, @TempDir Path out) throws Exception {
        Path first = null;
        for (int threads = 1; threads <= 4; threads++) {
            FastKernels.setThreads(threads);
            RunConfig cfg = SyntheticTask.config(model, out, 2, "name=t" + threads, "train.batch_size=20", "train.shards=3", "train.checkpoint_every=1");
            RunFolder f = RunFolder.open(out.resolve(cfg.name()), RunFolder.Mode.NEW);
            Network net = ModelFactory.create(cfg, org.neuradapt.network.Readout.LAST, 1, STEPS, 3, DataType.FLOAT);
            assertEquals("fused", net.backend(), model);
            new Trainer(cfg, SyntheticTask.task(STEPS, 3), net, f, new Trainer.Listener() {}, () -> 0L).run(false);
            if (first == null) {
                first = f.dir();
                continue;
            }
            for (String file : files(first)) {
                byte[] a = Files.readAllBytes(first.resolve(file)), b = Files.readAllBytes(f.dir().resolve(file));
                assertArrayEquals(a, b, model + ": " + file + " on 1 and on " + threads + " threads");
            }
        }
        assertTrue(files(first).contains("checkpoints/last.ckpt"), files(first).toString());
    }

    @org.junit.jupiter.api.Test
    void provenanceRecordsTheThreadsUsedAndWhereTheyCameFrom() {
        FastKernels.setThreads(3);
        Provenance p = Provenance.capture(1);
        assertEquals(3, p.threads());
        assertEquals("set", p.threadsFrom());
        FastKernels.setThreads(0);
        p = Provenance.capture(1);
        assertEquals(org.neuradapt.util.Cores.available().count(), p.threads());
        assertEquals(org.neuradapt.util.Cores.available().source(), p.threadsFrom());
    }

    /** metrics.csv and every checkpoint, relative to the run folder. */
    static List<String> files(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve(RunFolder.CHECKPOINTS))) {
            return Stream.concat(Stream.of(RunFolder.METRICS), s.map(p -> RunFolder.CHECKPOINTS + "/" + p.getFileName()).sorted()).toList();
        }
    }
}
