package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.sweep.LocalSweep;
import org.neuradapt.sweep.Point;
import picocli.CommandLine;

/**
 * {@code neuradapt sweep} end to end with fake points (no JVM is started): exit codes, the status
 * files, skipping and resuming on a rerun, --status, --slurm and --submit, and the one-line errors.
 */
class SweepCommandTest {
    @TempDir Path tmp;
    Path sweep, runs;

    record Out(int code, String out, String err) {}

    @BeforeEach
    void files() throws IOException {
        Path base = Files.writeString(tmp.resolve("base.yaml"), "model:\n  type: arun\n  hidden: 8\n  ctrl: 2\n");
        runs = tmp.resolve("runs");
        sweep = Files.writeString(tmp.resolve("sweep.yaml"), "out: " + runs + "\nname: \"{model}_s{seed}\"\ngrid:\n  config: [" + base
                + "]\n  seed: [1, 2, 3]\nset:\n  train.epochs: 3\n");
    }

    /** Runs the command as Main does (a UserError is exit code 2 and one line), with a fake runner when given. */
    static Out run(LocalSweep.PointRunner runner, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            if (runner == null) return new Out(Main.execute(args), out.toString(), err.toString());
            SweepCommand cmd = new SweepCommand();
            cmd.runner = runner;
            CommandLine cl = new CommandLine(cmd);
            cl.setExecutionExceptionHandler((ex, line, parsed) -> {
                if (!(ex instanceof UserError)) throw ex;
                System.err.println("error: " + ex.getMessage());
                return Main.USER_ERROR;
            });
            return new Out(cl.execute(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Trains nothing: writes what train would (config.yaml first, summary.json at the end) and fails for the named points. */
    static final class FakeTrain implements LocalSweep.PointRunner {
        final Set<String> failing;
        final Map<String, Boolean> calls = new ConcurrentHashMap<>();

        FakeTrain(String... failing) {
            this.failing = Set.of(failing);
        }

        @Override
        public int run(Point point, boolean resume) throws IOException {
            calls.put(point.name(), resume);
            Path dir = Path.of(point.runDir());
            Files.createDirectories(dir.resolve("checkpoints"));
            Files.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(point.config()));
            if (failing.contains(point.name())) return 3;
            Files.writeString(dir.resolve("checkpoints/last.ckpt"), "x");
            Files.writeString(dir.resolve("summary.json"), "{}");
            return 0;
        }
    }

    static void assertOneLineError(Out r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        String text = r.err().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("error: ") && !text.contains("Exception"), text);
        for (String m : mentions) assertTrue(text.contains(m), "should mention '" + m + "': " + text);
    }

    @Test
    void failedPointIsReportedOthersCompleteAndRerunsSkipAndResume() throws IOException {
        FakeTrain first = new FakeTrain("arun_s2");
        Out r = run(first, "--config", sweep.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(Map.of("arun_s1", false, "arun_s2", false, "arun_s3", false), first.calls);
        Path status = runs.resolve(".sweep/status");
        assertEquals("0\n", Files.readString(status.resolve("arun_s1.exit")));
        assertEquals("3\n", Files.readString(status.resolve("arun_s2.exit")));
        assertEquals("0\n", Files.readString(status.resolve("arun_s3.exit")));
        try (var s = Files.list(status)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".running") || p.toString().contains(".tmp")), "no marker or temp file left");
        }
        assertTrue(Files.readString(runs.resolve(".sweep/logs/arun_s2.log")).contains("local sweep: train --config"));
        assertTrue(r.err().contains("sweep: arun_s2 failed (exit 3); log " + runs.resolve(".sweep/logs/arun_s2.log")), r.err());
        assertTrue(r.err().contains("sweep: 2/3 complete, 0 running, 1 failed, 0 waiting ["), r.err());
        assertTrue(r.out().contains("3 points, 2 complete (0 already), 1 failed"), r.out());
        assertTrue(r.out().contains("failed: arun_s2 (exit 3), log "), r.out());

        // the rerun skips the complete points and resumes the failed one, whose folder holds its config
        FakeTrain second = new FakeTrain();
        r = run(second, "--config", sweep.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Map.of("arun_s2", true), second.calls);
        assertEquals("0\n", Files.readString(status.resolve("arun_s2.exit")));
        assertTrue(r.out().contains("3 points, 3 complete (2 already), 0 failed"), r.out());

        FakeTrain third = new FakeTrain();
        assertEquals(0, run(third, "--config", sweep.toString(), "--workers", "2").code());
        assertTrue(third.calls.isEmpty());
    }

    @Test
    void statusNamesEveryPointsState() throws IOException {
        run(new FakeTrain("arun_s2"), "--config", sweep.toString());
        Files.writeString(tmp.resolve("sweep.yaml"), Files.readString(sweep).replace("seed: [1, 2, 3]", "seed: [1, 2, 3, 4, 5, 6]"));
        // 4: interrupted after a checkpoint; 5: a SLURM task holds it; 6: a marker left by a dead local sweep (no lock held)
        Files.createDirectories(runs.resolve("arun_s4/checkpoints"));
        Files.writeString(runs.resolve("arun_s4/config.yaml"), "x");
        Files.writeString(runs.resolve("arun_s4/checkpoints/last.ckpt"), "x");
        Files.writeString(runs.resolve(".sweep/status/arun_s5.running"), "slurm job 12 (array task 11_4) on node1\n");
        Files.writeString(runs.resolve(".sweep/status/arun_s6.running"), "local sweep, pid 1 on here\n");
        Out r = run(null, "sweep", "--status", "--config", sweep.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(8, lines.size(), r.out());
        assertEquals("  arun_s1  complete", lines.get(1));
        assertEquals("  arun_s2  failed    exit 3, log " + runs.resolve(".sweep/logs/arun_s2.log"), lines.get(2));
        assertEquals("  arun_s3  complete", lines.get(3));
        assertTrue(lines.get(4).startsWith("  arun_s4  partial   interrupted;"), lines.get(4));
        assertTrue(lines.get(4).endsWith("the run folder holds another config"), lines.get(4));
        assertEquals("  arun_s5  running   slurm job 12 (array task 11_4) on node1", lines.get(5));
        assertEquals("  arun_s6  missing", lines.get(6));
        assertEquals("6 points: 2 complete, 1 running, 1 failed, 1 partial, 1 missing", lines.get(7));
    }

    @Test
    void aRunFolderWithAnotherConfigStopsTheSweepBeforeAnythingIsWritten() throws IOException {
        Path dir = runs.resolve("arun_s2");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(ConfigLoader.fromString("model:\n  type: arun\n  hidden: 8\n  ctrl: 2\n",
                List.of("seed=2", "name=arun_s2", "out=" + runs))));
        FakeTrain fake = new FakeTrain();
        assertOneLineError(run(fake, "--config", sweep.toString()), "point arun_s2", "train.epochs: sweep 3, folder 100", "nothing was overwritten");
        assertTrue(fake.calls.isEmpty());
        assertFalse(Files.exists(runs.resolve(".sweep")), "nothing written");
    }

    @Test
    void slurmWritesAJobArrayOfThePointsNotComplete() throws IOException {
        run(new FakeTrain("arun_s2", "arun_s3"), "--config", sweep.toString());
        Out r = run(null, "sweep", "--config", sweep.toString(), "--slurm", "--time", "00:05:00", "--max-parallel", "1");
        assertEquals(0, r.code(), r.err());
        Path script = runs.resolve(".sweep/sweep.sbatch");
        assertTrue(r.out().contains("  sbatch " + script + "\n"), r.out());
        String text = Files.readString(script);
        assertTrue(text.contains("#SBATCH --array=0-1%1\n"), text);
        assertTrue(text.contains("#SBATCH --time=00:05:00\n"), text);
        assertTrue(text.contains("#SBATCH --output=" + runs + "/.sweep/logs/%x_%A_%a.log\n"), text);
        assertTrue(text.contains("cd " + Path.of("").toAbsolutePath() + " || exit 2\n"), text);
        assertTrue(text.contains("launcher=" + Path.of("neuradapt").toAbsolutePath() + "\n"), text);
        List<String> tsv = Files.readAllLines(runs.resolve(".sweep/points.tsv"));
        assertEquals(3, tsv.size());
        assertTrue(tsv.get(1).startsWith("0\tarun_s2\ttrain --config "), tsv.get(1));
        assertTrue(tsv.get(2).endsWith("--set seed=3 --set train.epochs=3 --set out=" + runs + " --set name=arun_s3"), tsv.get(2));
        assertTrue(Files.isExecutable(script));

        run(new FakeTrain(), "--config", sweep.toString());
        r = run(null, "sweep", "--config", sweep.toString(), "--slurm");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("all 3 points are complete (3) or running (0); nothing to submit"), r.out());
    }

    @Test
    void submitRunsSbatchAndSaysSoWhenItIsMissing() throws IOException {
        Path sbatch = tmp.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/bash\necho \"Submitted batch job 42 ($1)\"\n");
        Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            System.setProperty(SweepCommand.SBATCH_PROPERTY, sbatch.toString());
            Out r = run(null, "sweep", "--config", sweep.toString(), "--submit");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Submitted batch job 42 (" + runs.resolve(".sweep/sweep.sbatch") + ")"), r.out());

            Files.writeString(sbatch, "#!/bin/bash\necho 'sbatch: error: something'\necho 'sbatch: fatal: no controller' >&2\nexit 1\n");
            assertOneLineError(run(null, "sweep", "--config", sweep.toString(), "--submit"), "failed (exit 1): sbatch: fatal: no controller");

            System.setProperty(SweepCommand.SBATCH_PROPERTY, tmp.resolve("no-such-sbatch").toString());
            Out missing = run(null, "sweep", "--config", sweep.toString(), "--slurm", "--submit");
            assertOneLineError(missing);
            assertEquals("error: sbatch not found; is this a SLURM login node? (experiments/slurm/local-cluster.sh starts a one-node cluster on this machine)",
                    missing.err().strip());
        } finally {
            System.clearProperty(SweepCommand.SBATCH_PROPERTY);
        }
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        assertOneLineError(run(null, "sweep"), "--config");
        assertOneLineError(run(null, "sweep", "--config", tmp.resolve("nope.yaml").toString()), "nope.yaml", "does not exist");
        assertOneLineError(run(null, "sweep", "--config", sweep.toString(), "--time", "1:00:00"), "--slurm");
        assertOneLineError(run(null, "sweep", "--config", sweep.toString(), "--slurm", "--workers", "2"), "--max-parallel");
        assertOneLineError(run(null, "sweep", "--config", sweep.toString(), "--workers", "0"), "--workers");
        assertOneLineError(run(null, "sweep", "--config", sweep.toString(), "--status", "--slurm"), "--status");
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), Files.readString(sweep).replace("train.epochs", "train.epoch"));
        assertOneLineError(run(null, "sweep", "--config", typo.toString(), "--status"), "sweep " + typo + ", point arun_s1: set.train.epoch:",
                "did you mean 'train.epochs'");
        Path top = Files.writeString(tmp.resolve("top.yaml"), Files.readString(sweep).replace("set:", "sett:"));
        assertOneLineError(run(null, "sweep", "--config", top.toString()), "unknown key 'sett'", "did you mean 'set'");
        Path missingBase = Files.writeString(tmp.resolve("mb.yaml"), "grid:\n  config: [" + tmp.resolve("gone.yaml") + "]\n");
        assertOneLineError(run(null, "sweep", "--config", missingBase.toString()), "gone.yaml", "does not exist", "relative to the current directory");
        assertFalse(Files.exists(runs), "nothing written by a refused sweep");
    }

    @Test
    void aSubprocessDoesNotOutliveAnInterruptedSweep() throws Exception {
        Point point = org.neuradapt.sweep.Grid.expand(org.neuradapt.sweep.SweepSpec.parse(Files.readString(sweep), sweep.toString(), "sweep"),
                (base, o) -> ConfigLoader.load(Path.of(base), o)).get(0);
        SweepCommand.Layout layout = new SweepCommand.Layout(runs);
        Files.createDirectories(layout.logs());
        Path pidFile = tmp.resolve("child.pid");
        // stands in for the java command: the train arguments that follow become the script's $1...
        SweepCommand.Subprocesses children = new SweepCommand.Subprocesses(layout, List.of("bash", "-c", "echo $$ > " + pidFile + "; sleep 60", "child"), 1);
        Thread worker = new Thread(() -> {
            try {
                children.run(point, false);
            } catch (Exception expected) {
                // the interrupt
            }
        });
        worker.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertTrue(System.currentTimeMillis() < deadline, "the child started");
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        worker.interrupt();
        worker.join(20_000);
        assertFalse(worker.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child was stopped");
    }
}
