package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.RunLock;
import org.neuradapt.training.SyntheticTask;
import org.neuradapt.training.Trainer;

/** train, --resume and --overwrite all take the run folder's lock: a folder in use is refused and left as it was. */
class TrainLockTest {
    @TempDir Path tmp;

    @Test
    void everyTrainingModeIsRefusedWhileTheFolderIsInUse() throws Exception {
        RunConfig cfg = SyntheticTask.config("rnn_relu", tmp, 1);
        Path dir = Runs.runDir(cfg);
        Runs.train(cfg, SyntheticTask.task(12, 3), RunFolder.Mode.NEW, new Trainer.Listener() {});
        assertFalse(RunLock.held(dir), "released when training ends");
        byte[] before = Files.readAllBytes(dir.resolve(RunFolder.CHECKPOINTS).resolve("last.ckpt"));
        try (RunLock held = RunLock.exclusive(dir, "train elsewhere")) {
            for (RunFolder.Mode mode : RunFolder.Mode.values()) {
                UserError e = assertThrows(UserError.class, () -> Runs.train(cfg, SyntheticTask.task(12, 3), mode, new Trainer.Listener() {}));
                assertTrue(e.getMessage().contains("is in use by process " + ProcessHandle.current().pid()), mode + ": " + e.getMessage());
            }
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve(RunFolder.CHECKPOINTS).resolve("last.ckpt"))), "nothing overwritten");
        assertTrue(Files.isRegularFile(dir.resolve(RunFolder.CONFIG)), "--overwrite deleted nothing");
    }

    /** A folder being trained is not evaluated or analysed mid-way: its checkpoints are about to change. */
    @Test
    void aFolderInTrainingIsNotEvaluatedOrAnalysed() throws Exception {
        Path run = SyntheticTask.trainedRun(tmp.resolve("runs"), "rnn_relu", 16, "data.pool=7");
        try (RunLock held = RunLock.exclusive(run, "train elsewhere")) {
            for (String[] args : new String[][] {
                    {"analyze", "jacobian", "--run", run.toString(), "--out", tmp.resolve("o1").toString(), "--input", "zeros", "--samples", "3"},
                    {"eval", "--run", run.toString()},
                    {"robustness", "--runs", run.toString(), "--xi", "0", "--out", tmp.resolve("o2").toString()},
                    {"export", "--run", run.toString(), "--file", tmp.resolve("o3.npz").toString()}}) {
                CliRun.Out r = CliRun.run(args);
                assertTrue(r.code() == 2 && (r.err().contains("is still training (process " + ProcessHandle.current().pid())
                        || r.err().contains("is in use by process " + ProcessHandle.current().pid())), String.join(" ", args) + ": " + r.err());
                assertFalse(Files.exists(tmp.resolve("o1")) || Files.exists(tmp.resolve("o2")) || Files.exists(tmp.resolve("o3.npz")), "nothing written");
            }
        }
        assertTrue(CliRun.run("analyze", "jacobian", "--run", run.toString(), "--out", tmp.resolve("o4").toString(), "--input", "zeros", "--samples", "3")
                .code() == 0, "free again once training ends");
    }

    /** A model whose recurrent weights cannot be held is refused before anything is loaded or written, with exit code 4 and the memory it needs. */
    @Test
    void aModelTooLargeForMemoryIsExitCode4() throws Exception {
        CliRun.Out r = CliRun.run("train", "--config", "configs/smoke.yaml", "--set", "model.hidden=46000", "--set", "out=" + tmp.resolve("big"));
        assertTrue(r.code() == 4 && r.err().strip().lines().count() == 1 && r.err().contains("needs about 33.9 GB"), r.err());
        assertFalse(Files.exists(tmp.resolve("big")), "nothing written");
        RunConfig small = SyntheticTask.config("lstm", tmp, 1, "model.hidden=100");
        Runs.requireMemory(small, 16L * 4 * 100 * 100);  // exactly fits: accepted
        assertThrows(org.neuradapt.ResourceError.class, () -> Runs.requireMemory(small, 16L * 4 * 100 * 100 - 1));
    }

    /**
     * Analyses write into their run folder too: while another process holds it (training, or
     * another analysis), an analysis is refused naming that process; within one command the lock
     * is re-entrant (gain scaling opens its runs again), and it is released when the command ends.
     */
    @Test
    void anAnalysisTakesTheFolderForItsCommand() throws Exception {
        Path run = SyntheticTask.trainedRun(tmp.resolve("runs"), "rnn_relu", 16, "data.pool=7");
        Process other = org.neuradapt.training.RunLockTest.holder(run, tmp);
        try {
            CliRun.Out r = CliRun.run("analyze", "jacobian", "--run", run.toString(), "--out", tmp.resolve("o").toString(), "--input", "zeros", "--samples", "3");
            assertTrue(r.code() == 2 && r.err().contains("is in use by process " + other.pid()), r.err());
        } finally {
            other.destroyForcibly();
            other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        CliRun.Out ok = CliRun.run("analyze", "jacobian", "--run", run.toString(), "--out", tmp.resolve("o").toString(), "--input", "zeros", "--samples", "3");
        assertTrue(ok.code() == 0, ok.err());
        assertFalse(RunLock.held(run), "released when the command ended");
        RunLock.hold(run, "analyze twice");
        RunLock.hold(run, "analyze twice");  // re-entrant
        assertTrue(RunLock.held(run));
        RunLock.releaseAll();
        assertFalse(RunLock.held(run));
    }
}
