package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real two-point sweep: each point trains in a subprocess of the same Java (same class path
 * and JVM options) on tiny generated MNIST files; the second point's data folder is empty, so it
 * fails. The other completes, the exit code is 1, and a second invocation skips the complete run.
 */
class SweepIntegrationTest {
    @TempDir Path tmp;

    static CliRun.Out sweep(String... args) {
        return CliRun.capture(() -> {
            SweepCommand cmd = new SweepCommand();
            // the real train command accepts only the original MNIST; the stand-in checks the generated files' checksums
            cmd.trainMain = SweepFixtureTrain.class.getName();
            return new CommandLine(cmd).execute(args);
        });
    }

    /**
     * Runs a sweep, failing with the points' logs when it takes longer than {@link #LIMIT_S}.
     * The test takes about 15 s on an idle 2-core machine; the limit only guards against a hang,
     * since other builds on the machine can make the subprocess JVMs many times slower.
     */
    static CliRun.Out sweepWithin(Path runs, String... args) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<CliRun.Out> f = one.submit(() -> sweep(args));
            try {
                return f.get(LIMIT_S, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true); // the sweep stops its subprocesses when interrupted
                StringBuilder logs = new StringBuilder();
                try (Stream<Path> files = Files.list(runs.resolve(".sweep/logs"))) {
                    for (Path log : files.sorted().toList()) logs.append("\n--- ").append(log.getFileName()).append(":\n").append(Files.readString(log));
                }
                return fail("the sweep took more than " + LIMIT_S + " s; its logs:" + logs);
            }
        } finally {
            one.shutdownNow();
        }
    }

    static final long LIMIT_S = 480;

    @Test
    void realSweepIsolatesAFailureAndSkipsCompleteRunsOnRerun() throws Exception {
        Path mnist = tmp.resolve("mnist"), empty = tmp.resolve("empty");
        SweepFixtures.write(mnist);
        Files.createDirectories(empty);
        String model = "model:\n  type: rnn_relu\n  hidden: 4\ntrain:\n  epochs: 1\n  batch_size: 20\n  lr: 0.01\n";
        Path runs = tmp.resolve("runs");
        // one base config per data folder: a path cannot be part of a run name, a base config's name can
        Files.writeString(tmp.resolve("good.yaml"), model + "data:\n  dir: " + mnist + "\n  task: smnist\n  pool: 7\n");
        Files.writeString(tmp.resolve("broken.yaml"), model + "data:\n  dir: " + empty + "\n  task: smnist\n  pool: 7\n");
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "out: " + runs + "\nname: \"{config}\"\ngrid:\n  config: ["
                + tmp.resolve("good.yaml") + ", " + tmp.resolve("broken.yaml") + "]\n");

        long t0 = System.nanoTime();
        CliRun.Out first = sweepWithin(runs, "--config", sweep.toString());
        String seen = first.out() + first.err();
        assertEquals(1, first.code(), seen);
        assertTrue(Files.isRegularFile(runs.resolve("good/summary.json")), seen);
        assertTrue(Files.isRegularFile(runs.resolve("good/checkpoints/last.ckpt")), seen);
        // one point at a time: it was given every core of this process, and recorded so
        com.fasterxml.jackson.databind.JsonNode provenance = new com.fasterxml.jackson.databind.ObjectMapper().readTree(runs.resolve("good/provenance.json").toFile());
        assertEquals(org.neuradapt.util.Cores.available().count(), provenance.get("threads").asInt(), provenance.toString());
        assertEquals("set", provenance.get("threadsFrom").asText(), provenance.toString());
        assertFalse(Files.exists(runs.resolve("broken")), "the failed point left no run folder");
        Path status = runs.resolve(".sweep/status");
        assertEquals("0\n", Files.readString(status.resolve("good.exit")));
        assertEquals("2\n", Files.readString(status.resolve("broken.exit")));
        String brokenLog = Files.readString(runs.resolve(".sweep/logs/broken.log"));
        assertTrue(brokenLog.contains("error: MNIST files missing in " + empty), brokenLog);
        assertTrue(Files.readString(runs.resolve(".sweep/logs/good.log")).contains("good: test accuracy"), "the run's output is in its log");
        assertTrue(first.err().contains("sweep: broken failed (exit 2: error: MNIST files missing in " + empty), first.err());
        assertTrue(first.out().contains("2 points, 1 complete (0 already), 1 failed"), first.out());

        CliRun.Out second = sweepWithin(runs, "--config", sweep.toString());
        assertEquals(1, second.code(), second.out() + second.err());
        assertTrue(second.err().contains("2 points; 1 complete, 1 to run (0 resumed)"), second.err());
        assertTrue(second.out().contains("2 points, 1 complete (1 already), 1 failed"), second.out());
        assertEquals(1, Files.readString(runs.resolve(".sweep/logs/good.log")).lines().filter(l -> l.startsWith("== ")).count(),
                "the complete run was not started again");
        assertEquals(2, Files.readString(runs.resolve(".sweep/logs/broken.log")).lines().filter(l -> l.startsWith("== ")).count());
        System.out.printf("sweep integration test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
