package org.neuradapt.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code #SBATCH} resources of a sweep's array tasks. A null field is not set here; {@link
 * SlurmScript} then writes the default ({@link #DEFAULT_CPUS}, {@link #DEFAULT_MEM}) or, for the
 * time, partition and account, no line at all, so that the site's defaults apply.
 *
 * @param time the wall-time limit per task, e.g. {@code 04:00:00}
 * @param cpusPerTask CPUs per task
 * @param mem memory per task, e.g. {@code 6G}
 * @param partition the partition, or null
 * @param account the account, or null
 * @param jobName the job name, or null for the sweep file's name
 * @param extra further sbatch options, one {@code #SBATCH} line each, e.g. {@code --qos=normal}
 */
public record SlurmResources(String time, Integer cpusPerTask, String mem, String partition, String account,
                             String jobName, List<String> extra) {

    /** Nothing set. */
    public static final SlurmResources NONE = new SlurmResources(null, null, null, null, null, null, List.of());

    /** Cores a training run asks for unless the sweep file says (sweep.slurm.cpus_per_task): the run uses exactly those (SLURM_CPUS_PER_TASK sets its threads; docs/performance.md, "Threads"). */
    public static final int DEFAULT_CPUS = 2;

    /** A 3 GB heap (the launcher's -Xmx3g) plus ND4J's off-heap arrays and the JVM itself. */
    public static final String DEFAULT_MEM = "6G";

    public SlurmResources {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /**
     * These resources with every field that {@code flags} sets replaced by the flag's value, so
     * that command-line flags win over the sweep file; extra options of both are kept.
     */
    public SlurmResources overriddenBy(SlurmResources flags) {
        List<String> allExtra = new ArrayList<>(extra);
        allExtra.addAll(flags.extra());
        return new SlurmResources(or(flags.time(), time), or(flags.cpusPerTask(), cpusPerTask), or(flags.mem(), mem),
                or(flags.partition(), partition), or(flags.account(), account), or(flags.jobName(), jobName), allExtra);
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
