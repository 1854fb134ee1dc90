package org.neuradapt.cli;

import org.neuradapt.network.fused.FastKernels;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * --threads N, on every command that runs networks (docs/performance.md, "Threads"): the threads
 * the fused kernels use; set process-wide as the option is parsed. Without it, a trained config's
 * run.threads, else the cores this process may use. Results do not depend on it.
 */
final class ThreadsOption {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    private boolean given;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads to run on (>= 1; default: run.threads of a config, else the cores this process may use: "
                    + "SLURM_CPUS_PER_TASK when set, else the CPU affinity mask). Results do not depend on it")
    void threads(int n) {
        if (n < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + n);
        FastKernels.setThreads(n);
        given = true;
    }

    /** Applies a config's run.threads unless --threads was given (0 in the config: the default). */
    void applyConfig(int configThreads) {
        if (!given && configThreads > 0) FastKernels.setThreads(configThreads);
    }
}
