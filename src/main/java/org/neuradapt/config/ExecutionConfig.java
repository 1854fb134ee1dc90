package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The {@code run:} section of a run config: how the run executes on this machine, never what it
 * computes (docs/performance.md, "Threads"). It is not part of a checkpoint's binding or of a
 * sweep point's identity: the same run resumes, and is the same run, on any number of threads.
 */
public record ExecutionConfig(
        @JsonPropertyDescription("threads the run uses (>= 1); 0 = the cores this process may use: SLURM_CPUS_PER_TASK when set, else the CPU affinity mask. --threads N wins over it. Results do not depend on it")
        int threads) {

    /** The default: every core the process may use. */
    public static final ExecutionConfig DEFAULT = new ExecutionConfig(0);
}
