package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.training.AtomicFiles;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;

/**
 * A full disk, made real: the temporary file of a write is a link to /dev/full, whose every write
 * fails with ENOSPC. The file written before stays whole, no temporary file is left, and a command
 * says so in one line with exit code 4.
 */
class FullDiskTest {
    @TempDir Path tmp;

    static void fullDiskAt(Path tmpFile) throws IOException {
        Files.createSymbolicLink(tmpFile, Path.of("/dev/full"));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "old\n");
        fullDiskAt(tmp.resolve("metrics.csv.tmp"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, "new\n"));
        assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.getMessage());
        assertEquals("old\n", Files.readString(f));
        assertFalse(Files.exists(tmp.resolve("metrics.csv.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS));

        Path run = SyntheticTask.trainedRun(tmp.resolve("runs"), "rnn_relu", 8);
        Path last = RunFolder.existing(run).lastCheckpoint();
        byte[] before = Files.readAllBytes(last);
        Checkpoint c = Checkpoint.read(last);
        fullDiskAt(last.resolveSibling("last.ckpt.tmp"));
        assertThrows(IOException.class, () -> c.write(last));
        assertArrayEquals(before, Files.readAllBytes(last), "the old checkpoint is whole");
        assertFalse(Files.exists(last.resolveSibling("last.ckpt.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aCommandOnAFullDiskIsOneLineWithExitCode4() throws Exception {
        Path run = SyntheticTask.trainedRun(tmp.resolve("runs"), "rnn_relu", 16, "data.pool=7");
        Path out = Files.createDirectories(tmp.resolve("out"));
        fullDiskAt(out.resolve("jacobian_norm.csv.tmp"));
        CliRun.Out r = CliRun.run("analyze", "jacobian", "--run", run.toString(), "--out", out.toString(), "--input", "zeros", "--samples", "3");
        assertEquals(4, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error:")).count(), r.err());
        assertTrue(r.err().contains("No space left on device") && r.err().contains("free disk space"), r.err());
        assertFalse(Files.exists(out.resolve("jacobian_norm.csv")));
        assertFalse(Files.exists(out.resolve("jacobian_norm.csv.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
