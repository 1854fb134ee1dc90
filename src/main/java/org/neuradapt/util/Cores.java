package org.neuradapt.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neuradapt.UserError;

/**
 * The cores this process may use, the default thread count of a run (docs/performance.md,
 * "Threads"): SLURM_CPUS_PER_TASK when SLURM set it (a task uses what it asked for), else the CPU
 * affinity mask of the process (taskset, cgroup cpusets, a container's CPU list: Linux's
 * Cpus_allowed_list), else the JVM's count.
 */
public final class Cores {
    private Cores() {}

    /**
     * @param count  how many
     * @param source where the count came from: "SLURM_CPUS_PER_TASK", "affinity" or "jvm"
     */
    public record Available(int count, String source) {}

    /** The cores of this process now. */
    public static Available available() {
        String list = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("Cpus_allowed_list:")) list = line.substring(line.indexOf(':') + 1);
        } catch (IOException | RuntimeException e) {
            list = null;   // not Linux: the JVM's count
        }
        return available(System.getenv("SLURM_CPUS_PER_TASK"), list, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The rule, as a pure function: SLURM's count when it is a positive integer, else the size of
     * the affinity list ("0-3,8,10-11"), else the JVM's count.
     *
     * @throws UserError when SLURM_CPUS_PER_TASK is set but not a positive integer (exit code 2)
     */
    public static Available available(String slurmCpusPerTask, String cpusAllowedList, int jvm) {
        if (slurmCpusPerTask != null && !slurmCpusPerTask.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(slurmCpusPerTask.strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1)
                throw new UserError("environment variable SLURM_CPUS_PER_TASK='" + slurmCpusPerTask
                        + "' is not a positive integer; unset it, or give the thread count with --threads N");
            return new Available(n, "SLURM_CPUS_PER_TASK");
        }
        int listed = cpusAllowedList == null ? 0 : countList(cpusAllowedList);
        if (listed > 0) return new Available(listed, "affinity");
        return new Available(Math.max(1, jvm), "jvm");
    }

    /** The number of CPUs in a Linux CPU list ("0-3,8,10-11": 7), 0 when it does not parse. */
    static int countList(String list) {
        int count = 0;
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) continue;
            String[] ends = part.strip().split("-");
            try {
                int lo = Integer.parseInt(ends[0].strip()), hi = ends.length > 1 ? Integer.parseInt(ends[1].strip()) : lo;
                if (ends.length > 2 || hi < lo || lo < 0) return 0;
                count += hi - lo + 1;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return count;
    }
}
