package org.neuradapt.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: seed, code version (git commit), library and Java versions, machine
 * (CPU model, cores) and time. Written into every run folder (provenance.json) and every summary. simdLanes: float
 * lanes of the ARUN's SIMD loops (0 = scalar loops); float results are reproducible for the same
 * seed, build and lane count (another lane count sums in another order). threads: the threads
 * the run used, and threadsFrom where that number came from ("set": --threads or run.threads;
 * "SLURM_CPUS_PER_TASK", "affinity" or "jvm": the default). The results do not depend on the
 * threads; they depend on the logical shards of a batch, which the config records (train.shards;
 * docs/performance.md, "Threads").
 */
public record Provenance(long seed, String neuradaptVersion, String gitCommit, String nd4jVersion, String javaVersion,
                         String os, String cpu, int cores, int simdLanes, int threads, String threadsFrom, String created) {

    public static Provenance capture(long seed) {
        String nd4j = org.nd4j.linalg.factory.Nd4j.class.getPackage().getImplementationVersion();
        return new Provenance(seed, currentVersion(), currentCommit(), nd4j == null ? "1.0.0-M2.1" : nd4j,
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), org.neuradapt.network.fused.FastKernels.simdLanes(),
                org.neuradapt.network.fused.FastKernels.threads(), org.neuradapt.network.fused.FastKernels.threadsSource(),
                Instant.now().toString());
    }

    /**
     * The CPU model as the kernel names it (Linux /proc/cpuinfo), else the JVM's architecture:
     * with the lane count it tells which machine a float result can be reproduced on.
     */
    public static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch");
    }

    /** This build's version, from the jar manifest (or the pom version when run from classes). */
    public static String currentVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** The git commit of the working tree (with "-dirty" when it has changes), or "unknown" outside a clone. */
    public static String currentCommit() {
        String env = System.getenv("NEURADAPT_COMMIT");
        if (env != null && !env.isBlank()) return env;
        try {
            String head = run("git", "rev-parse", "HEAD");
            if (head.isEmpty()) return "unknown";
            return run("git", "status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return "";
        return out;
    }

    static Path file(Path runDir) { return runDir.resolve("provenance.json"); }
}
